package vn.ngoforum.db;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reading a whole collection a batch at a time, without holding it in memory (background work only: it scans). */
public final class Batches {

  /**
   * How long a resumed stream may deliver nothing before the read counts as stalled. The driver's stream
   * (vertx-mongo-client 5.0.7's {@code PublisherAdapter}) can lose its request for the next documents when it is
   * paused and resumed while documents arrive: its resume runs on the event loop, outside the lock its document
   * handling holds on the driver's thread, so a pause noted just after a resume leaves it paused with nothing asked,
   * and the stream neither delivers nor ends. Seen once in a rebuild of the search index over 100,000 threads (a
   * pause and a resume every 50 threads), which then waited for good with the store and the forum idle. A getMore
   * answers in milliseconds; a minute of silence after a resume is that.
   */
  static final Duration STALLED_AFTER = Duration.ofSeconds(60);

  private Batches() {
  }

  /**
   * Hands the documents of {@code stream} (say {@code mongo.findBatch(...)}) to {@code batch} {@code size} at a
   * time, pausing the stream until each batch's future completes; completes when all were handed on, or fails with
   * the first failure, or when the stream stalls ({@link #STALLED_AFTER}): the caller then reads again from the
   * start, as after any failure (every caller is a rebuild or a migration that may run again whole).
   */
  public static <T> Future<Void> each(ReadStream<JsonObject> stream, int size, Function<JsonObject, T> map,
      Function<List<T>, Future<Void>> batch) {
    return each(stream, size, map, batch, STALLED_AFTER);
  }

  static <T> Future<Void> each(ReadStream<JsonObject> stream, int size, Function<JsonObject, T> map,
      Function<List<T>, Future<Void>> batch, Duration stalledAfter) {
    Promise<Void> done = Promise.promise();
    List<T> pending = new ArrayList<>(size);
    Watch watch = new Watch(stalledAfter);
    Context context = Vertx.currentContext();
    if (context != null) {
      Vertx vertx = context.owner();
      long timer = vertx.setPeriodic(Math.max(10, stalledAfter.toMillis() / 4), id -> {
        if (watch.stalled() && done.tryFail(new IllegalStateException("The MongoDB cursor delivered nothing for "
            + stalledAfter.toMillis() / 1000.0 + " s while it owed documents: the read stalled"))) {
          stream.handler(null);
        }
      });
      done.future().onComplete(end -> vertx.cancelTimer(timer));
    }
    stream.exceptionHandler(done::tryFail);
    stream.endHandler(end -> {
      watch.ended();
      (pending.isEmpty() ? Future.<Void>succeededFuture() : batch.apply(List.copyOf(pending))).onComplete(done);
    });
    stream.handler(doc -> {
      if (done.future().isComplete()) {
        return;
      }
      watch.heard();
      pending.add(map.apply(doc));
      if (pending.size() >= size) {
        List<T> full = List.copyOf(pending);
        pending.clear();
        stream.pause();
        watch.paused();
        batch.apply(full).onSuccess(v -> {
          watch.resumed();
          stream.resume();
        }).onFailure(done::tryFail);
      }
    });
    return done.future();
  }

  /**
   * When the stream was last heard from, and whether it owes us documents: from its first one (the query itself may
   * take long on a large collection) to its end, except while we hold it paused.
   */
  private static final class Watch {
    private final long stalledAfterNanos;
    private boolean held;
    private boolean ended;
    private boolean owing;
    private long since;

    Watch(Duration stalledAfter) {
      this.stalledAfterNanos = stalledAfter.toNanos();
    }

    synchronized void heard() {
      since = System.nanoTime();
      owing = !held && !ended;
    }

    synchronized void paused() {
      held = true;
      owing = false;
    }

    synchronized void resumed() {
      held = false;
      owing = !ended;
      since = System.nanoTime();
    }

    synchronized void ended() {
      ended = true;
      owing = false;
    }

    synchronized boolean stalled() {
      return owing && System.nanoTime() - since > stalledAfterNanos;
    }
  }
}
