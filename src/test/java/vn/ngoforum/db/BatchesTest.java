package vn.ngoforum.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import vn.ngoforum.support.TestServers;

/**
 * {@link Batches}: a whole collection a batch at a time, asked for one batch at a time, on the real store and on a
 * publisher that checks what it was asked for.
 */
class BatchesTest {

  private final Vertx vertx = Vertx.vertx();
  private final ExecutorService driver = Executors.newSingleThreadExecutor();
  private MongoClient mongo;

  @AfterEach
  void close() throws Exception {
    driver.shutdownNow();
    if (mongo != null) {
      mongo.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /**
   * Documents {@code 0..n-1}, each delivered on another thread (as the driver's are) and only when asked for: a
   * delivery beyond what was asked fails the test. With {@code endEarly}, the end is signalled as soon as the last
   * document went out, without waiting to be asked again (as the publisher may).
   */
  private final class Documents implements Publisher<JsonObject> {
    private final int n;
    private final boolean endEarly;
    private final List<Long> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean cancelled;
    private long owed;
    private int next;

    Documents(int n, boolean endEarly) {
      this.n = n;
      this.endEarly = endEarly;
    }

    @Override
    public void subscribe(Subscriber<? super JsonObject> subscriber) {
      subscriber.onSubscribe(new Subscription() {
        @Override
        public void request(long amount) {
          requests.add(amount);
          driver.execute(() -> {
            owed += amount;
            while (owed > 0 && next < n && !cancelled) {
              owed--;
              subscriber.onNext(new JsonObject().put("_id", next++));
            }
            if (next == n && !cancelled && (endEarly || owed > 0)) {
              next++;
              subscriber.onComplete();
            }
          });
        }

        @Override
        public void cancel() {
          cancelled = true;
        }
      });
    }
  }

  private Future<Void> read(Publisher<JsonObject> documents, List<List<Integer>> batches,
      Function<List<Integer>, Future<Void>> batch) {
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> Batches.each(documents, 3, doc -> doc.getInteger("_id"), handed -> {
      if (Vertx.currentContext() == null) {
        return Future.failedFuture("a batch runs on the caller's context");
      }
      batches.add(handed);
      return batch.apply(handed);
    }).onComplete(done));
    return done.future();
  }

  @Test
  @DisplayName("every document, a batch at a time, the last batch short; the next batch is asked for only when the"
      + " last one is done")
  void wholeCollection() throws Exception {
    List<List<Integer>> batches = new ArrayList<>();
    Documents documents = new Documents(8, false);
    await(read(documents, batches, handed -> vertx.timer(20).mapEmpty()));
    assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7)), batches);
    assertEquals(List.of(3L, 3L, 3L), documents.requests, "one request per batch, none while a batch ran");
  }

  @Test
  @DisplayName("an end signalled while the last full batch still runs waits for it")
  void endDuringTheLastBatch() throws Exception {
    List<List<Integer>> batches = new ArrayList<>();
    List<Integer> finished = Collections.synchronizedList(new ArrayList<>());
    await(read(new Documents(6, true), batches, handed -> vertx.timer(100)
        .map(t -> finished.add(handed.get(0))).mapEmpty()));
    assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5)), batches);
    assertEquals(List.of(0, 3), finished, "the read ended after its last batch was done");
  }

  @Test
  @DisplayName("a failing batch fails the read and stops the documents")
  void failingBatch() throws Exception {
    List<List<Integer>> batches = new ArrayList<>();
    Documents documents = new Documents(30, false);
    Throwable failure = await(read(documents, batches, handed -> handed.get(0) == 3
            ? Future.failedFuture(new IllegalStateException("disk full")) : Future.succeededFuture())
        .transform(done -> Future.succeededFuture(done.cause())));
    assertEquals("disk full", failure.getMessage());
    assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5)), batches, "nothing after the failure");
    assertTrue(documents.cancelled, "the documents were cancelled");
  }

  @Test
  @DisplayName("on the real store, a collection is read whole, once per document, many times over, with the query and"
      + " projection applied: from a Vert.x context and from another thread, in batches larger and smaller than it")
  void realStoreManyTimes() throws Exception {
    mongo = TestServers.get().newDatabase(vertx, "forum-batches-");
    int n = 1_000;
    await(mongo.bulkWrite("docs", IntStream.range(0, n).mapToObj(i -> BulkOperation.createInsert(
        new JsonObject().put("_id", i).put("on", i % 10 != 0).put("text", "x".repeat(200)))).toList()));
    List<Integer> expected = IntStream.range(0, n).filter(i -> i % 10 != 0).boxed().toList();
    for (int round = 0; round < 60; round++) {
      int size = List.of(1_000, 7, 64).get(round % 3);
      List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
      List<JsonObject> shapes = Collections.synchronizedList(new ArrayList<>());
      Function<List<JsonObject>, Future<Void>> batch = docs -> {
        docs.forEach(doc -> seen.add(doc.getInteger("_id")));
        shapes.add(docs.get(0));
        // As a migration's writes do: the batch is done when the store answered.
        return mongo.findOne("docs", new JsonObject().put("_id", 1), null).mapEmpty();
      };
      JsonObject query = new JsonObject().put("on", true);
      FindOptions fields = new FindOptions().setFields(new JsonObject().put("_id", 1));
      Future<Void> read;
      if (round % 2 == 0) {
        Promise<Void> done = Promise.promise();
        vertx.runOnContext(v -> Batches.each(mongo, "docs", query, fields, size, doc -> doc, batch)
            .onComplete(done));
        read = done.future();
      } else {
        read = Batches.each(mongo, "docs", query, fields, size, doc -> doc, batch);
      }
      await(read);
      assertEquals(expected, seen.stream().sorted().toList(), "round " + round + ", batches of " + size);
      assertEquals(new JsonArray().add("_id"), new JsonArray(new ArrayList<>(shapes.get(0).fieldNames())),
          "only the projected fields");
    }
  }
}
