package vn.ngoforum.consultations.people;

import io.vertx.core.Future;
import vn.ngoforum.auth.AccountClosed;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.consultations.amendments.AmendmentRepository;
import vn.ngoforum.consultations.documents.ConsultationRepository;

/**
 * What consultations do when a person closes their account: their clause comments and amendments stay, shown as a
 * former member's (the name is forgotten; pages read comments and amendments by key on every request, so the next
 * page shows it). Background work, idempotent.
 */
public record FormerWriters(ConsultationRepository comments, AmendmentRepository amendments)
    implements AccountClosed {

  @Override
  public Future<Void> accountClosed(String userId, CurrentUser person) {
    return comments.forgetCommenter(userId).compose(v -> amendments.forgetAuthor(userId));
  }
}
