package vn.ngoforum.qa;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Gathers "this question's vote count changed" per session over a short window and announces each question once
 * per window. Votes themselves are stored at once; only the announcement waits, so a storm of hundreds of votes a
 * second on one question costs attendees a handful of frames, each with a fresh sequence number.
 */
final class VoteCoalescer implements Shareable {

  private final Vertx vertx;
  private final long windowMillis;
  private volatile BiConsumer<String, String> announce;
  /** "sessionId questionId" pairs waiting for the end of the window. */
  private final Set<String> dirty = new LinkedHashSet<>();
  private boolean scheduled;

  /**
   * @param announce called with (sessionId, questionId) once per window for every question voted on in it
   */
  VoteCoalescer(Vertx vertx, long windowMillis, BiConsumer<String, String> announce) {
    this.vertx = vertx;
    this.windowMillis = windowMillis;
    this.announce = announce;
  }

  /**
   * The node's coalescer. Every HTTP verticle instance has its own QaService, and a coalescer per instance would
   * announce a question once per window per event loop (two frames a window on two cores, for the same count); one
   * per node announces it once. The latest deployment's {@code announce} is used (they all do the same).
   */
  static VoteCoalescer forNode(Vertx vertx, long windowMillis, BiConsumer<String, String> announce) {
    LocalMap<String, VoteCoalescer> node = vertx.sharedData().getLocalMap(VoteCoalescer.class.getName());
    VoteCoalescer fresh = new VoteCoalescer(vertx, windowMillis, announce);
    VoteCoalescer existing = node.putIfAbsent("questions", fresh);
    VoteCoalescer coalescer = existing == null ? fresh : existing;
    coalescer.announce = announce;
    return coalescer;
  }

  synchronized void touch(String sessionId, String questionId) {
    dirty.add(sessionId + " " + questionId);
    if (!scheduled) {
      scheduled = true;
      vertx.setTimer(windowMillis, id -> flush());
    }
  }

  private void flush() {
    String[] pending;
    synchronized (this) {
      pending = dirty.toArray(new String[0]);
      dirty.clear();
      scheduled = false;
    }
    for (String key : pending) {
      int space = key.indexOf(' ');
      announce.accept(key.substring(0, space), key.substring(space + 1));
    }
  }
}
