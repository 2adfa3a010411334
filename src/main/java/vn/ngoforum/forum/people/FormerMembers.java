package vn.ngoforum.forum.people;

import io.vertx.core.Future;
import vn.ngoforum.auth.AccountClosed;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.forum.notifications.PeopleRepository;
import vn.ngoforum.forum.threads.FormerAuthors;

/**
 * What the forum does when a person closes their account: their profile shows a former member (no name, e-mail or
 * organisations: {@link PeopleRepository#close}), and their posts stay under "former member"
 * ({@link FormerAuthors}). Both are idempotent.
 */
public record FormerMembers(PeopleRepository people, FormerAuthors authors) implements AccountClosed {

  @Override
  public Future<Void> accountClosed(String userId, CurrentUser person) {
    return people.close(userId).compose(v -> authors.forget(userId)).mapEmpty();
  }
}
