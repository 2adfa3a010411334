package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.forum.common.ThreadChanges;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.realtime.LiveEvent;
import vn.ngoforum.search.Changes;

/**
 * What is said after a thread changed, once the change is stored: to the thread's followers on {@code
 * forum.thread.{id}} (the change with its event number, so that a page that lost its connection asks for
 * "everything since seq N", noted first in the thread's recent changes: see {@link PostRepository#recordChange}),
 * inside the forum as a {@link ThreadChanges thread-changed event} (the guest page
 * cache drops the thread's pages), and in the numbered change log ({@link Changes}) from which every node's search
 * index re-reads the thread or the post. The futures complete once the change is logged, so a write is acknowledged
 * only when every search after it can find it.
 */
public record ThreadEvents(Vertx vertx, ThreadRepository threads, PostRepository posts, Changes changes) {

  /** How many posts of a moved thread are read and logged at a time. */
  static final int MOVE_BATCH = 100;

  /** A thread was started with its opening post: nothing follows it yet, the forum hears of it. */
  Future<Void> started(String threadId, String postId) {
    ThreadChanges.changed(vertx, threadId);
    return posts.recordChange(threadId, postId, 1)
        .compose(v -> changes.record(Findables.THREAD, threadId))
        .compose(v -> changes.record(Findables.POST, postId));
  }

  /**
   * A post of {@code threadId} was written (created, edited, deleted, hidden, shown, reacted to): the thread's
   * {@code version} moves (see {@link ThreadRepository#postsChanged}), then the forum hears of it.
   */
  public Future<Void> postsChanged(String threadId) {
    return threads.postsChanged(threadId).onSuccess(v -> ThreadChanges.changed(vertx, threadId))
        .compose(v -> changes.record(Findables.THREAD, threadId));
  }

  /** Tells the thread's followers about a new post (its public view); logs it for the search index. */
  Future<Void> postCreated(String threadId, long seq, JsonObject post) {
    return posts.recordChange(threadId, post.getString("id"), seq).compose(v -> {
      LiveEvent.publish(vertx, Addresses.thread(threadId), new JsonObject()
          .put("type", "post.created").put("threadId", threadId).put("seq", seq)
          .put("postId", post.getString("id")).put("post", post));
      return changes.record(Findables.POST, post.getString("id"));
    });
  }

  /**
   * Tells the thread's followers that post {@code postId} changed ({@code type}, event {@code seq}), with the post
   * as everyone sees it unless that is nothing (deleted, hidden); answers the post as {@code actor} sees it.
   */
  public Future<JsonObject> postChanged(String threadId, String postId, String type, long seq, CurrentUser actor) {
    return posts.recordChange(threadId, postId, seq).compose(v -> posts.find(postId)).map(post -> {
      JsonObject publicView = PostViews.post(post, null);
      JsonObject event = new JsonObject().put("type", type).put("threadId", threadId).put("seq", seq)
          .put("postId", postId);
      if (!publicView.getString("html").isEmpty()) {
        event.put("post", publicView);
      }
      LiveEvent.publish(vertx, Addresses.thread(threadId), event);
      return PostViews.post(post, actor);
    }).compose(view -> changes.record(Findables.POST, postId).map(view));
  }

  /**
   * A thread moved to another category: each of its posts is logged as changed too, so every node's index puts
   * them in the new category's scope (a post is found by who may read its thread's category now). Its posts' ids are
   * read by key, {@link #MOVE_BATCH} at a time; completes once all are logged.
   */
  public Future<Void> moved(ForumThread thread) {
    return movedFrom(thread, 1);
  }

  private Future<Void> movedFrom(ForumThread thread, int from) {
    if (from > thread.postCount()) {
      return Future.succeededFuture();
    }
    int to = Math.min(thread.postCount(), from + MOVE_BATCH - 1);
    return posts.idsByNumber(thread.id(), from, to)
        .compose(ids -> changes.recordAll(Findables.POST, ids))
        .compose(v -> movedFrom(thread, to + 1));
  }

  /**
   * A moderator changed the thread itself (locked, pinned, moved): its followers are told, the forum hears of it;
   * answers the thread's view.
   */
  public Future<JsonObject> threadChanged(ForumThread thread) {
    JsonObject view = PostViews.thread(thread);
    LiveEvent.publish(vertx, Addresses.thread(thread.id()), new JsonObject()
        .put("type", "thread.changed").put("threadId", thread.id()).put("seq", view.getLong("seq"))
        .put("locked", view.getBoolean("locked")).put("pinned", view.getBoolean("pinned"))
        .put("category", view.getString("category")));
    ThreadChanges.changed(vertx, thread.id());
    return changes.record(Findables.THREAD, thread.id()).map(view);
  }
}
