package vn.ngoforum.forum.moderation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.common.Person;
import vn.ngoforum.forum.threads.ForumThread;
import vn.ngoforum.forum.threads.PostRepository;
import vn.ngoforum.forum.threads.PostViews;
import vn.ngoforum.forum.threads.ThreadAccess;
import vn.ngoforum.forum.threads.ThreadRepository;
import vn.ngoforum.web.RateLimiter;

/**
 * Flags: readers report posts that need a moderator's look; moderators review the queue and hide the post or
 * dismiss the flags, in the audit log either way.
 */
public record FlagService(ThreadAccess access, FlagRepository flags, ThreadRepository threads, PostRepository posts,
    RateLimiter limits, ModerationService moderation, AuditLog audit) {

  /** Flags one person may raise an hour: each one is work for a moderator. */
  static final int FLAGS_PER_HOUR = 20;
  /** The longest review queue shown at once. */
  private static final int QUEUE = 100;

  /**
   * A reader flags a post for the moderators, with a reason; once per person and post (again: 409), and at most
   * {@link #FLAGS_PER_HOUR} an hour (then 429): every flag lands in the moderators' queue.
   */
  Future<JsonObject> flag(CurrentUser user, String postId, String reason) {
    return access.requirePoster(user)
        .compose(v -> access.readablePost(user, postId))
        .compose(post -> limits.acquire("flag:" + user.id(), FLAGS_PER_HOUR, Duration.ofHours(1)).map(post))
        .compose(post -> {
          Flag flag = new Flag(postId + "-" + user.id(), postId, post.threadId(), reason, Person.of(user),
              Instant.now(), Flag.OPEN);
          return flags.insertOnce(flag)
              .compose(stored -> stored ? Future.succeededFuture(view(flag, null, null).put("url",
                      PostViews.permalink(post.threadId(), post.number(), postId)))
                  : Future.failedFuture(ForumException.conflict("You have flagged this post already.")));
        });
  }

  /** The moderators' review queue: open flags, oldest first, each with its post as a moderator sees it. */
  Future<List<JsonObject>> openFlags(CurrentUser moderator) {
    return flags.open(QUEUE).compose(open -> Future.all(open.stream().map(flag -> posts.find(flag.postId())
            .compose(post -> post == null ? Future.succeededFuture(view(flag, null, null))
                : threads.find(post.threadId())
                    .map(thread -> view(flag, PostViews.post(post, moderator), thread))))
        .toList()))
        .map(all -> all.<JsonObject>list());
  }

  /**
   * A moderator decides on a flag: {@code hide} hides the post (the flag's reason unless another is given),
   * {@code dismiss} keeps it; either way every open flag of that post is closed, and the audit log records it.
   */
  Future<JsonObject> resolve(CurrentUser moderator, String flagId, String action, String reason) {
    return flags.find(flagId).compose(flag -> {
      if (flag == null) {
        return Future.failedFuture(ForumException.notFound("There is no such flag."));
      }
      String postId = flag.postId();
      String why = reason == null || reason.isBlank() ? flag.reason() : reason;
      Future<Void> decided = "hide".equals(action)
          ? moderation.moderatePost(moderator, postId, "hide", why).mapEmpty()
          : audit.record(moderator, "flag.dismiss", "post", postId, why, new JsonObject().put("flag", flagId));
      return decided
          .compose(v -> flags.resolveAll(postId, action, Person.of(moderator), Instant.now()))
          .map(v -> new JsonObject().put("id", flagId).put("postId", postId).put("status", "resolved")
              .put("resolution", action));
    });
  }

  private static JsonObject view(Flag flag, JsonObject post, ForumThread thread) {
    JsonObject view = new JsonObject()
        .put("id", flag.id())
        .put("postId", flag.postId())
        .put("threadId", flag.threadId())
        .put("reason", flag.reason())
        .put("by", flag.by() == null ? null : flag.by().toJson())
        .put("at", PostViews.iso(flag.at()))
        .put("status", flag.status());
    if (post != null) {
      view.put("post", post);
    }
    if (thread != null) {
      view.put("threadTitle", thread.title());
    }
    return view;
  }
}
