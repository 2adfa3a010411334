package vn.ngoforum.qa.live;

import io.vertx.core.Vertx;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;
import vn.ngoforum.realtime.Coalescer;

/**
 * Gathers "this question's (or poll's) vote count changed" per session over a short window and announces each
 * at most once per window, a change to a quiet session at once (see {@link Coalescer}). The window of a session
 * grows with its audience (see {@link #byAudience}).
 */
public final class VoteCoalescer extends Coalescer {

  /** How long vote-count announcements of one question are gathered into one frame, at least. */
  static final long VOTE_WINDOW_MILLIS = 100;
  /** ... and at most, however large the audience. */
  static final long VOTE_WINDOW_MAX_MILLIS = 1_000;
  /**
   * The frames a second one session's vote counts may cost a node: each follower is one frame per announcement,
   * so 5,000 followers get a count every 250 ms, 10,000 every 500 ms. The benchmark's vote storm on the 2-core
   * reference machine (server, MongoDB and load generator sharing the cores): with half this budget (500 ms at
   * 5,000) the count reached followers in 417 ms (p50) / 855 ms (p99); with this one in 313 / 837 ms, for 70% more
   * frames. The tail comes from the vote answers themselves (p99 about 0.5 s with the machine saturated), not the
   * window.
   */
  static final long VOTE_FRAMES_PER_SECOND = 20_000;

  /**
   * @param window   the window of a session, in milliseconds
   * @param announce called with (sessionId, questionId) at once for a vote in a quiet session, then once per window
   *                 for every question voted on in it
   */
  public VoteCoalescer(Vertx vertx, ToLongFunction<String> window, BiConsumer<String, String> announce) {
    super(vertx, window, announce);
  }

  /** The node's coalescer of question votes, shared by the HTTP verticle instances (see {@link Coalescer#forNode}). */
  public static VoteCoalescer forNode(Vertx vertx, ToLongFunction<String> window,
      BiConsumer<String, String> announce) {
    return Coalescer.forNode(vertx, "qa.questions", new VoteCoalescer(vertx, window, announce));
  }

  /**
   * How long a session's vote counts are gathered: {@link #VOTE_WINDOW_MILLIS}, longer when the audience is so large
   * that even that would cost more than {@link #VOTE_FRAMES_PER_SECOND} (5,000 followers: 250 ms), never more than
   * {@link #VOTE_WINDOW_MAX_MILLIS}. The audience is this node's followers (each node delivers to its own).
   */
  public static ToLongFunction<String> byAudience(Vertx vertx) {
    return sessionId -> {
      long byAudience = Followers.localCount(vertx, sessionId) * 1_000L / VOTE_FRAMES_PER_SECOND;
      return Math.min(VOTE_WINDOW_MAX_MILLIS, Math.max(VOTE_WINDOW_MILLIS, byAudience));
    };
  }
}
