package vn.ngoforum.qa;

import io.vertx.core.Vertx;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;
import vn.ngoforum.realtime.Coalescer;

/**
 * Gathers "this question's (or poll's) vote count changed" per session over a short window and announces each
 * once per window (see {@link Coalescer}). The window of a session grows with its audience (see
 * {@link QaService#voteWindowMillis}).
 */
final class VoteCoalescer extends Coalescer {

  /**
   * @param window   the window of a session, in milliseconds
   * @param announce called with (sessionId, questionId) once per window for every question voted on in it
   */
  VoteCoalescer(Vertx vertx, ToLongFunction<String> window, BiConsumer<String, String> announce) {
    super(vertx, window, announce);
  }

  /** The node's coalescer of question votes, shared by the HTTP verticle instances (see {@link Coalescer#forNode}). */
  static VoteCoalescer forNode(Vertx vertx, ToLongFunction<String> window, BiConsumer<String, String> announce) {
    return Coalescer.forNode(vertx, "qa.questions", new VoteCoalescer(vertx, window, announce));
  }
}
