package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.categories.CategoryRepository;
import vn.ngoforum.forum.notifications.PeopleRepository;
import vn.ngoforum.forum.notifications.WatchRepository;
import vn.ngoforum.forum.notifications.WatchRepository.Watched;

/**
 * Watching a thread or a category: whoever watches one is told of every new post in the thread, or of every new
 * thread in the category (see the notifications' Notifier). Only what one may read can be watched; anything else is
 * a 404, as if it did not exist.
 */
public record Watching(ThreadAccess access, CategoryRepository categories, WatchRepository watches,
    PeopleRepository people) {

  /**
   * The person watches {@code watched} ({@code on}) or stops; answers whether they watch it now. The forum remembers
   * them as they are now (their roles), so that it knows, without their session, whether they may still read what
   * they watch when it tells them of it.
   */
  Future<Boolean> set(CurrentUser user, Watched watched, boolean on) {
    return mayRead(user, watched).compose(v -> people.remember(user))
        .compose(v -> watches.set(user.id(), watched, on)).map(on);
  }

  /** Whether the person watches {@code watched} (404 for what they may not read). */
  Future<Boolean> isWatching(CurrentUser user, Watched watched) {
    return mayRead(user, watched).compose(v -> watches.isWatching(user.id(), watched));
  }

  /** For a page already found readable: whether its reader watches it ({@code false} for a guest). */
  Future<Boolean> shown(CurrentUser user, Watched watched) {
    return user == null ? Future.succeededFuture(false) : watches.isWatching(user.id(), watched);
  }

  private Future<Void> mayRead(CurrentUser user, Watched watched) {
    if ("thread".equals(watched.kind())) {
      return access.readableThread(user, watched.id()).mapEmpty();
    }
    return categories.find(watched.id()).compose(category -> category == null
        ? Future.failedFuture(ForumException.notFound("There is no such category."))
        : access.mayRead(user, category).compose(allowed -> allowed ? Future.<Void>succeededFuture()
            : Future.failedFuture(ForumException.notFound("There is no such category."))));
  }
}
