package vn.ngoforum.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link Batches}: a whole stream a batch at a time, and a stream that stops delivering fails the read. */
class BatchesTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /**
   * A stream of {@code n} documents that delivers one at a time while resumed and, after {@code lostAfter}
   * documents, never again (as the driver's stream did when it lost its request), without ending.
   */
  private static final class Documents implements ReadStream<JsonObject> {
    private final Vertx vertx;
    private final int n;
    private final int lostAfter;
    private Handler<JsonObject> handler;
    private Handler<Void> end;
    private boolean paused;
    private int next;

    Documents(Vertx vertx, int n, int lostAfter) {
      this.vertx = vertx;
      this.n = n;
      this.lostAfter = lostAfter;
    }

    private void deliver() {
      vertx.runOnContext(v -> {
        if (paused || handler == null || next > lostAfter) {
          return;
        }
        if (next == n) {
          end.handle(null);
          return;
        }
        handler.handle(new JsonObject().put("_id", next++));
        deliver();
      });
    }

    @Override
    public ReadStream<JsonObject> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public ReadStream<JsonObject> handler(Handler<JsonObject> handler) {
      this.handler = handler;
      deliver();
      return this;
    }

    @Override
    public ReadStream<JsonObject> pause() {
      paused = true;
      return this;
    }

    @Override
    public ReadStream<JsonObject> resume() {
      paused = false;
      deliver();
      return this;
    }

    @Override
    public ReadStream<JsonObject> fetch(long amount) {
      return resume();
    }

    @Override
    public ReadStream<JsonObject> endHandler(Handler<Void> endHandler) {
      this.end = endHandler;
      return this;
    }
  }

  private Future<Void> read(Documents documents, List<List<Integer>> batches, Duration stalledAfter) {
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> Batches.each(documents, 3, doc -> doc.getInteger("_id"), batch -> {
      batches.add(batch);
      // Each batch takes a while, as the index's or a migration's writes do.
      return vertx.timer(20).mapEmpty();
    }, stalledAfter).onComplete(done));
    return done.future();
  }

  @Test
  @DisplayName("every document, a batch at a time, the last batch short")
  void wholeStream() throws Exception {
    List<List<Integer>> batches = new ArrayList<>();
    read(new Documents(vertx, 8, Integer.MAX_VALUE), batches, Duration.ofMillis(200))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7)), batches);
  }

  @Test
  @DisplayName("a stream that delivers nothing more after a resume, and does not end, fails the read instead of"
      + " leaving it waiting for good")
  void stalledStreamFails() throws Exception {
    List<List<Integer>> batches = new ArrayList<>();
    Future<Void> read = read(new Documents(vertx, 20, 7), batches, Duration.ofMillis(200));
    Throwable failure = read.transform(done -> Future.succeededFuture(done.cause()))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertTrue(failure instanceof IllegalStateException && failure.getMessage().contains("stalled"),
        String.valueOf(failure));
    assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5)), batches, "what came before was handed on");
  }

  @Test
  @DisplayName("a batch that takes longer than the stall limit is not a stall: only the stream's silence counts")
  void slowBatchIsNoStall() throws Exception {
    List<List<Integer>> batches = new ArrayList<>();
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> Batches.each(new Documents(vertx, 5, Integer.MAX_VALUE), 3, doc -> doc.getInteger("_id"),
        batch -> {
          batches.add(batch);
          return vertx.timer(600).mapEmpty();
        }, Duration.ofMillis(200)).onComplete(done));
    done.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4)), batches);
  }
}
