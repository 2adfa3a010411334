package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.realtime.Coalescer;
import vn.ngoforum.web.RateLimiter;

/**
 * Reactions to posts ({@link #NAMES}, one of each per person). A reaction is stored at once (the next page read
 * shows it) and announced live through a {@link Coalescer}: a storm of reactions on a thread costs its followers one
 * frame per post per {@link #WINDOW_MILLIS}.
 */
public final class Reactions {

  /** The reactions a post can get, one of each per person. */
  public static final List<String> NAMES = List.of("like", "thanks", "agree", "important");
  /**
   * Reactions (and withdrawals) one person may send a minute: clicking through a thread's posts stays far below,
   * a script toggling reactions to flood a thread's followers is stopped.
   */
  static final int PER_MINUTE = 30;
  /**
   * How long reaction changes of a thread are gathered into one announcement per post: short enough to feel live,
   * long enough that a burst of reactions costs followers one frame per post.
   */
  static final long WINDOW_MILLIS = 250;
  private static final Logger LOG = LoggerFactory.getLogger(Reactions.class);

  private final ThreadAccess access;
  private final ThreadRepository threads;
  private final PostRepository posts;
  private final RateLimiter limits;
  private final ThreadEvents events;
  private final Coalescer counts;

  public Reactions(Vertx vertx, ThreadAccess access, ThreadRepository threads, PostRepository posts,
      RateLimiter limits, ThreadEvents events) {
    this.access = access;
    this.threads = threads;
    this.posts = posts;
    this.limits = limits;
    this.events = events;
    this.counts = Coalescer.forNode(vertx, "forum.reactions",
        new Coalescer(vertx, threadId -> WINDOW_MILLIS, this::announce));
  }

  /**
   * Adds ({@code add}) or withdraws one of {@link #NAMES} of this person to a post, at most {@link #PER_MINUTE} a
   * minute (then 429); answers the post as this person sees it.
   */
  Future<JsonObject> react(CurrentUser user, String postId, String reaction, boolean add) {
    if (!NAMES.contains(reaction)) {
      return Future.failedFuture(ForumException.invalid("'reaction' must be one of " + String.join(", ", NAMES)
          + "."));
    }
    return access.requirePoster(user)
        .compose(v -> access.readablePost(user, postId))
        .compose(post -> {
          if (!post.isVisible()) {
            return Future.failedFuture(ForumException.conflict("This post takes no reactions."));
          }
          String threadId = post.threadId();
          return limits.acquire("react:" + user.id(), PER_MINUTE, Duration.ofMinutes(1))
              .compose(v -> posts.react(postId, reaction, user.id(), add))
              .compose(v -> events.postsChanged(threadId))
              .onSuccess(v -> counts.touch(threadId, postId))
              .compose(v -> posts.find(postId))
              .map(stored -> PostViews.post(stored, user));
        });
  }

  /**
   * Announces a post's reaction counts (at once when its thread was quiet, else when its coalescing window closes,
   * see {@link Coalescer}): a fresh event number, given to the post too (a page that catches up since an earlier
   * number gets the counts), then {@code post.reacted} on the thread's address. A failure is logged; the next reaction announces again.
   */
  private void announce(String threadId, String postId) {
    threads.nextSeq(threadId)
        .compose(thread -> posts.reactionsAnnounced(postId, thread.seq())
            .compose(v -> events.postsChanged(threadId))
            .compose(v -> events.postChanged(threadId, postId, "post.reacted", thread.seq(), null)))
        .onFailure(failure -> LOG.warn("Could not announce the reactions to post {}: {}", postId,
            failure.toString()));
  }
}
