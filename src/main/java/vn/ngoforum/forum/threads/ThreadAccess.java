package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.categories.Category;
import vn.ngoforum.forum.categories.CategoryAccess;
import vn.ngoforum.forum.categories.CategoryRepository;

/**
 * Who may read a thread and who may write in the forum, asked by every room that shows or changes threads and
 * posts: a thread is readable by whoever may read its category ({@link CategoryAccess}); anything else is a 404, as
 * if there were no such thread. Writing (posting, editing, reacting, flagging, attaching files) takes member rights
 * ({@link Memberships#hasMemberRights}).
 */
public record ThreadAccess(ThreadRepository threads, PostRepository posts, CategoryRepository categories,
    Memberships memberships) {

  /** A thread with its category, as one reader may read them. */
  public record Readable(ForumThread thread, Category category) {
  }

  /** The thread and its category, or 404 when there is no such thread or this person may not read its category. */
  public Future<Readable> readable(CurrentUser user, String threadId) {
    return found(threadId).compose(found -> readableBy(user, found));
  }

  /** The thread and its category ({@code null} if gone) as MongoDB has them, whoever asks; 404 without a thread. */
  public Future<Readable> found(String threadId) {
    return threads.find(threadId)
        .compose(thread -> thread == null
            ? Future.failedFuture(ForumException.notFound("There is no such thread."))
            : categories.find(thread.category()).map(category -> new Readable(thread, category)));
  }

  /** The thread and category as read (the category {@code null} if gone) if this person may read them, else 404. */
  public Future<Readable> readableBy(CurrentUser user, Readable found) {
    return (found.category() == null ? Future.succeededFuture(false) : mayRead(user, found.category()))
        .compose(allowed -> allowed ? Future.succeededFuture(found)
            : Future.failedFuture(ForumException.notFound("There is no such thread.")));
  }

  /** The thread, or 404 when it does not exist or this person may not read its category. */
  public Future<ForumThread> readableThread(CurrentUser user, String threadId) {
    return readable(user, threadId).map(Readable::thread);
  }

  /** The post, or 404 when it does not exist or this person may not read its thread. */
  public Future<Post> readablePost(CurrentUser user, String postId) {
    return posts.find(postId).compose(post -> post == null
        ? Future.failedFuture(ForumException.notFound("There is no such post."))
        : readableThread(user, post.threadId()).map(post));
  }

  /** Public categories are open to everyone; the others to whoever may read what is for members only. */
  public Future<Boolean> mayRead(CurrentUser user, Category category) {
    return CategoryAccess.mayRead(user, category, memberships);
  }

  /** The slugs of the categories among {@code all} that {@code user} may read. */
  public Future<Set<String>> readable(CurrentUser user, List<Category> all) {
    return CategoryAccess.readable(user, all, memberships);
  }

  /** Whether {@code user} may follow a thread's live changes: whoever may read it. */
  public Future<Boolean> mayFollow(CurrentUser user, String threadId) {
    return readableThread(user, threadId).map(true).otherwise(false);
  }

  /** Whether {@code user} may write in the forum (the pages show the reply form only then). */
  public Future<Boolean> mayPost(CurrentUser user) {
    return memberships.hasMemberRights(user);
  }

  /** Succeeds for a person who may write in the forum: 401 for a guest, 403 without member rights. */
  public Future<Void> requirePoster(CurrentUser user) {
    if (user == null) {
      return Future.failedFuture(ForumException.unauthorized("Please sign in first."));
    }
    return memberships.hasMemberRights(user).compose(allowed -> allowed ? Future.<Void>succeededFuture()
        : Future.failedFuture(ForumException.forbidden("Only members of the forum and of verified organisations "
            + "may post. Ask to join your organisation, or ask the forum's admins to verify it.")));
  }

  /**
   * Succeeds when {@code user} may download the files of post {@code postId}: whoever may read the post — the
   * files of a hidden or deleted post, moderators only; otherwise 404.
   */
  public Future<Void> mayDownloadFrom(CurrentUser user, String postId) {
    return posts.find(postId).compose(post -> {
      boolean moderator = user != null && user.has(Role.MODERATOR);
      if (post == null || (!moderator && !post.isVisible())) {
        return Future.failedFuture(ForumException.notFound("There is no such file."));
      }
      return readableThread(user, post.threadId()).mapEmpty();
    });
  }
}
