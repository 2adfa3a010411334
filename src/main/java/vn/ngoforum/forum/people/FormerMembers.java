package vn.ngoforum.forum.people;

import io.vertx.core.Future;
import vn.ngoforum.auth.AccountClosed;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.forum.notifications.NotificationRepository;
import vn.ngoforum.forum.notifications.PeopleRepository;
import vn.ngoforum.forum.threads.FormerAuthors;

/**
 * What the forum does when a person closes their account: their profile shows a former member (no name, e-mail or
 * organisations: {@link PeopleRepository#close}), their posts stay under "former member" ({@link FormerAuthors}), and
 * other people's notifications of what they did name a former member ({@link NotificationRepository#forgetActor}).
 * All idempotent.
 */
public record FormerMembers(PeopleRepository people, FormerAuthors authors, NotificationRepository notifications)
    implements AccountClosed {

  @Override
  public Future<Void> accountClosed(String userId, CurrentUser person) {
    return people.close(userId).compose(v -> authors.forget(userId))
        .compose(v -> notifications.forgetActor(userId));
  }
}
