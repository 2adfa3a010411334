package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.RateLimiter;

/**
 * Authors edit and delete their own posts; every earlier text is kept as a revision that readers may look at. Of
 * two concurrent edits of the same version one wins and the other fails with {@link EditConflict}, which carries
 * the loser's text and the post as it is now.
 */
public record PostEditing(Vertx vertx, ThreadAccess access, ThreadRepository threads, PostRepository posts,
    RateLimiter limits, ThreadEvents events) {

  /** Edits and deletions of one's own posts a minute: fixing a typo or two stays far below. */
  static final int EDITS_PER_MINUTE = 20;

  /** 409 for the losing edit: carries the text that was not saved and the post as it is now. */
  public static final class EditConflict extends ForumException {

    private final String yourText;
    private final JsonObject current;

    EditConflict(String yourText, JsonObject current) {
      super(409, "conflict", "Someone changed this post in the meantime; your text was not saved.");
      this.yourText = yourText;
      this.current = current;
    }

    /** The post as it is now, as its author sees it. */
    public JsonObject current() {
      return current;
    }

    /** The API's answer: the usual error, the text that was not saved and the post as it is now. */
    public JsonObject body() {
      return new JsonObject().put("error", code()).put("message", getMessage()).put("yourText", yourText)
          .put("current", current);
    }
  }

  /**
   * Replaces the text of one's own post, if it is still at {@code version}; the earlier text is kept as a
   * revision. Answers the post as its author sees it.
   */
  Future<JsonObject> edit(CurrentUser user, String postId, long version, String body) {
    return access.requirePoster(user)
        .compose(v -> access.readablePost(user, postId))
        .compose(post -> {
          if (!post.isBy(user.id())) {
            return Future.failedFuture(ForumException.forbidden("Only the author may edit a post."));
          }
          if (post.deleted()) {
            return Future.failedFuture(ForumException.conflict("This post was deleted."));
          }
          if (post.version() != version) {
            return Future.failedFuture(new EditConflict(body, PostViews.post(post, user)));
          }
          return editLimit(user).map(post);
        })
        .compose(post -> {
          String threadId = post.threadId();
          Instant now = Instant.now();
          return Markdown.render(vertx, body)
              .compose(rendered -> posts.keepRevision(post, now)
                  .compose(v -> threads.nextSeq(threadId))
                  .compose(thread -> posts.edit(postId, version, rendered, now, thread.seq())
                      .compose(changed -> changed
                          ? events.postsChanged(threadId)
                              .compose(v -> events.postChanged(threadId, postId, "post.edited", thread.seq(), user))
                          : posts.find(postId).compose(current -> Future.failedFuture(
                              new EditConflict(body, PostViews.post(current, user)))))));
        });
  }

  /** Soft-deletes one's own post: it keeps its place and shows "deleted by author". */
  Future<JsonObject> delete(CurrentUser user, String postId) {
    return access.requirePoster(user)
        .compose(v -> access.readablePost(user, postId))
        .compose(post -> post.isBy(user.id()) ? editLimit(user).map(post)
            : Future.failedFuture(ForumException.forbidden("Only the author may delete a post.")))
        .compose(post -> {
          String threadId = post.threadId();
          return threads.nextSeq(threadId).compose(thread -> posts.delete(postId, Instant.now(), thread.seq())
              .compose(v -> events.postsChanged(threadId))
              .compose(v -> events.postChanged(threadId, postId, "post.deleted", thread.seq(), user)));
        });
  }

  /** One's own post with its Markdown source, for the edit form. */
  Future<JsonObject> forEditing(CurrentUser user, String postId) {
    return access.readablePost(user, postId).compose(post -> {
      if (user == null || !post.isBy(user.id()) || post.deleted()) {
        return Future.failedFuture(ForumException.forbidden("Only the author may edit a post."));
      }
      return Future.succeededFuture(PostViews.post(post, user).put("source", post.source()));
    });
  }

  /** The earlier versions of a post, oldest first, for whoever may read it (and only if they may see its text). */
  Future<JsonObject> revisions(CurrentUser user, String postId) {
    return access.readablePost(user, postId).compose(post -> {
      JsonObject current = PostViews.post(post, user);
      boolean visible = !current.getString("html").isEmpty() || current.getBoolean("mine");
      return (visible ? posts.revisions(post) : Future.succeededFuture(List.<Revision>of()))
          .map(list -> new JsonObject().put("post", current).put("revisions", new JsonArray(list.stream()
              .map(revision -> new JsonObject().put("version", revision.version())
                  .put("html", revision.html()).put("at", PostViews.iso(revision.at()))
                  .put("replacedAt", PostViews.iso(revision.replacedAt())))
              .toList())));
    });
  }

  /**
   * An author's edits and deletions, at most {@link #EDITS_PER_MINUTE} a minute (then 429): each is pushed to
   * everyone following the thread.
   */
  private Future<Void> editLimit(CurrentUser user) {
    return limits.acquire("edit:" + user.id(), EDITS_PER_MINUTE, Duration.ofMinutes(1));
  }
}
