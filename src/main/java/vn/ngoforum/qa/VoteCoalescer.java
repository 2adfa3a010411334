package vn.ngoforum.qa;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;

/**
 * Gathers "this question's vote count changed" per session over a short window and announces each question once
 * per window. Votes themselves are stored at once; only the announcement waits, so a storm of hundreds of votes a
 * second on one question costs attendees a handful of frames, each with a fresh sequence number.
 *
 * <p>The window of a session is {@code window(sessionId)}, asked when its first vote of a window arrives, so that it
 * can grow with the session's audience (see {@link QaService#voteWindowMillis}).
 */
final class VoteCoalescer implements Shareable {

  private final Vertx vertx;
  private volatile ToLongFunction<String> window;
  private volatile BiConsumer<String, String> announce;
  /** Per session, the questions voted on since its window opened; a session is here while its window is open. */
  private final Map<String, Set<String>> dirty = new HashMap<>();

  /**
   * @param window   the window of a session, in milliseconds
   * @param announce called with (sessionId, questionId) once per window for every question voted on in it
   */
  VoteCoalescer(Vertx vertx, ToLongFunction<String> window, BiConsumer<String, String> announce) {
    this.vertx = vertx;
    this.window = window;
    this.announce = announce;
  }

  /**
   * The node's coalescer. Every HTTP verticle instance has its own QaService, and a coalescer per instance would
   * announce a question once per window per event loop (two frames a window on two cores, for the same count); one
   * per node announces it once. The latest deployment's {@code window} and {@code announce} are used (they all do
   * the same).
   */
  static VoteCoalescer forNode(Vertx vertx, ToLongFunction<String> window, BiConsumer<String, String> announce) {
    LocalMap<String, VoteCoalescer> node = vertx.sharedData().getLocalMap(VoteCoalescer.class.getName());
    VoteCoalescer fresh = new VoteCoalescer(vertx, window, announce);
    VoteCoalescer existing = node.putIfAbsent("questions", fresh);
    VoteCoalescer coalescer = existing == null ? fresh : existing;
    coalescer.window = window;
    coalescer.announce = announce;
    return coalescer;
  }

  void touch(String sessionId, String questionId) {
    boolean opened;
    synchronized (this) {
      Set<String> questions = dirty.get(sessionId);
      opened = questions == null;
      if (opened) {
        questions = new LinkedHashSet<>();
        dirty.put(sessionId, questions);
      }
      questions.add(questionId);
    }
    if (opened) {
      vertx.setTimer(Math.max(1, window.applyAsLong(sessionId)), id -> flush(sessionId));
    }
  }

  private void flush(String sessionId) {
    Set<String> pending;
    synchronized (this) {
      pending = dirty.remove(sessionId);
    }
    if (pending != null) {
      pending.forEach(questionId -> announce.accept(sessionId, questionId));
    }
  }
}
