package vn.ngoforum.forum.moderation;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.categories.CategoryRepository;
import vn.ngoforum.forum.common.Person;
import vn.ngoforum.forum.threads.PostRepository;
import vn.ngoforum.forum.threads.ThreadAccess;
import vn.ngoforum.forum.threads.ThreadEvents;
import vn.ngoforum.forum.threads.ThreadRepository;
import vn.ngoforum.realtime.AccessChanges;

/**
 * Moderators' actions on posts and threads: hide a post (with a reason) or show it again; lock, unlock, pin, unpin
 * or move a thread. Each is stored with the thread's next event number, recorded in the audit log (who, what, why)
 * and announced to the thread's followers (see {@link ThreadEvents}).
 */
public record ModerationService(Vertx vertx, ThreadAccess access, ThreadRepository threads, PostRepository posts,
    CategoryRepository categories, AuditLog audit, ThreadEvents events) {

  /** The longest reason a moderator or a flagging reader may give. */
  public static final int REASON_MAX = 500;

  /** A moderator hides a post (with a reason) or shows it again; the audit log keeps who, what and why. */
  Future<JsonObject> moderatePost(CurrentUser moderator, String postId, String action, String reason) {
    boolean hide = "hide".equals(action);
    if (hide && (reason == null || reason.isBlank())) {
      return Future.failedFuture(ForumException.invalid("'reason' is required to hide a post."));
    }
    return access.readablePost(moderator, postId).compose(post -> {
      String threadId = post.threadId();
      return threads.nextSeq(threadId).compose(thread -> {
        long seq = thread.seq();
        return (hide ? posts.hide(postId, reason, Person.of(moderator), seq) : posts.show(postId, seq))
            .compose(v -> events.postsChanged(threadId))
            .compose(v -> audit.record(moderator, "post." + action, "post", postId, reason,
                new JsonObject().put("threadId", threadId)))
            .compose(v -> events.postChanged(threadId, postId, hide ? "post.hidden" : "post.shown", seq,
                moderator));
      });
    });
  }

  /** A moderator locks, unlocks, pins, unpins or moves a thread; recorded in the audit log and announced. */
  Future<JsonObject> moderateThread(CurrentUser moderator, String threadId, String action, String category,
      String reason) {
    return access.readableThread(moderator, threadId).compose(thread -> {
      Future<JsonObject> changes = switch (action) {
        case "lock", "unlock" -> Future.succeededFuture(new JsonObject().put("locked", "lock".equals(action)));
        case "pin", "unpin" -> Future.succeededFuture(new JsonObject().put("pinned", "pin".equals(action)));
        default -> category == null
            ? Future.failedFuture(ForumException.invalid("'category' is required to move a thread."))
            : categories.find(category).compose(found -> found == null
                ? Future.failedFuture(ForumException.invalid("'category' names no category: " + category + "."))
                : Future.succeededFuture(new JsonObject().put("category", category)));
      };
      return changes.compose(set -> threads.moderate(threadId, set.getBoolean("locked"), set.getBoolean("pinned"),
              set.getString("category"))
          .compose(updated -> audit.record(moderator, "thread." + action, "thread", threadId, reason,
                  new JsonObject().put("from", thread.category()).put("changes", set))
              .compose(v -> events.threadChanged(updated))
              // Moved: its posts are found in the new category's scope from now on (the index re-reads them).
              .compose(view -> set.containsKey("category") ? events.moved(updated).map(view)
                  : Future.succeededFuture(view))
              .onSuccess(view -> {
                if (set.containsKey("category")) {
                  // Moved into a members-only category, its followers may no longer read it.
                  AccessChanges.thread(vertx, threadId);
                }
              })));
    });
  }
}
