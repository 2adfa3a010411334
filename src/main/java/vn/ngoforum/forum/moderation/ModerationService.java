package vn.ngoforum.forum.moderation;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.categories.CategoryRepository;
import vn.ngoforum.forum.common.Person;
import vn.ngoforum.forum.threads.PostRepository;
import vn.ngoforum.forum.threads.PostViews;
import vn.ngoforum.forum.threads.ThreadAccess;
import vn.ngoforum.forum.threads.ThreadEvents;
import vn.ngoforum.forum.threads.ThreadRepository;
import vn.ngoforum.notify.Notice;
import vn.ngoforum.notify.Notify;
import vn.ngoforum.realtime.AccessChanges;

/**
 * Moderators' actions on posts and threads: hide a post (with a reason) or show it again; lock, unlock, pin, unpin
 * or move a thread. Each is stored with the thread's next event number, recorded in the audit log (who, what, why)
 * and announced to the thread's followers (see {@link ThreadEvents}); the person whose post was hidden or shown, or
 * whose thread was locked, unlocked or moved, is told ({@link Notify}: stored, counted, live, e-mailed).
 */
public record ModerationService(Vertx vertx, ThreadAccess access, ThreadRepository threads, PostRepository posts,
    CategoryRepository categories, AuditLog audit, ThreadEvents events, Notify notices) {

  /** The longest reason a moderator or a flagging reader may give. */
  public static final int REASON_MAX = 500;

  /** The thread actions whose thread's author is told, and the kind of notification each makes. */
  private static final Map<String, String> TOLD = Map.of("lock", "thread.locked", "unlock", "thread.unlocked",
      "move", "thread.moved");

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
                moderator))
            .onSuccess(view -> tell(moderator, post.author() == null ? null : post.author().id(),
                hide ? "post.hidden" : "post.shown", PostViews.permalink(threadId, post.number(), postId),
                thread.title(), new JsonObject().put("threadId", threadId).put("postId", postId)
                    .put("reason", reason)));
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
                if (TOLD.containsKey(action)) {
                  tell(moderator, thread.author() == null ? null : thread.author().id(), TOLD.get(action),
                      "/t/" + threadId, thread.title(), new JsonObject().put("threadId", threadId)
                          .put("reason", reason).put("category", set.getString("category")));
                }
              })));
    });
  }

  /**
   * Tells {@code author} (unless gone, or the moderator themself) what a moderator did to their post or thread; a
   * failure is logged by the notifications and never undoes the action.
   */
  private void tell(CurrentUser moderator, String author, String kind, String url, String title, JsonObject about) {
    if (author != null) {
      notices.tell(List.of(author), new Notice(kind, url, moderator.id(), moderator.name(),
          about.put("title", title)));
    }
  }
}
