package vn.ngoforum.forum.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.TestServers;

/**
 * How far people have read ({@link ReadRepository}): a page gets its answer without waiting for the mark's write,
 * and the node shows the mark until the write lands, or forgets it when the write fails.
 */
class ReadMarksTest {

  private static Vertx vertx;
  private static MongoClient mongo;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    mongo = MongoClient.create(vertx, new JsonObject().put("connection_string",
        TestServers.get().mongoUri("forum-read-marks")));
  }

  @AfterAll
  static void stop() {
    ForumUnderTest.await(mongo.close());
    ForumUnderTest.await(vertx.close());
  }

  @Test
  @DisplayName("the answer does not wait for the write; until it lands, every instance on the node reads the mark"
      + " from memory; then it is stored")
  void answerBeforeTheWrite() {
    Promise<Void> release = Promise.promise();
    MongoClient held = writesWaitFor(release.future(), new AtomicBoolean(false));
    ReadRepository page = new ReadRepository(vertx, held);
    ReadRepository other = new ReadRepository(vertx, held);
    String user = "reader-" + System.nanoTime();

    assertEquals(20, ForumUnderTest.await(page.markRead(user, "t1", 20)), "answered with the write held");
    assertNull(stored(user, "t1"), "nothing written yet");
    assertEquals(20, ForumUnderTest.await(other.marks(user, List.of("t1", "t2"))).get("t1").upTo(),
        "another instance of the node reads it from memory");
    assertEquals(20, ForumUnderTest.await(page.markRead(user, "t1", 10)), "reading less far lowers nothing");

    release.complete();
    ForumUnderTest.await(other.markRead(user, "t2", 5));
    awaitStored(user, "t1", 20);
  }

  @Test
  @DisplayName("a mark whose write fails is forgotten (the page was shown all the same), and the next visit writes it")
  void failedWriteIsForgotten() {
    AtomicBoolean failWrites = new AtomicBoolean(true);
    MongoClient failing = writesWaitFor(Future.succeededFuture(), failWrites);
    ReadRepository reads = new ReadRepository(vertx, failing);
    String user = "reader-" + System.nanoTime();

    assertEquals(30, ForumUnderTest.await(reads.markRead(user, "t1", 30)));
    Map<String, ReadRepository.Mark> marks = Eventually.value(
        () -> ForumUnderTest.await(reads.marks(user, List.of("t1"))), Map::isEmpty, Duration.ofSeconds(10));
    assertTrue(marks.isEmpty(), "forgotten after the failed write: " + marks);

    failWrites.set(false);
    assertEquals(30, ForumUnderTest.await(reads.markRead(user, "t1", 30)));
    awaitStored(user, "t1", 30);
  }

  /**
   * The store, but its writes of marks start once {@code release} completes, and fail while {@code fail} is set.
   */
  private static MongoClient writesWaitFor(Future<Void> release, AtomicBoolean fail) {
    return (MongoClient) Proxy.newProxyInstance(MongoClient.class.getClassLoader(), new Class<?>[] {MongoClient.class},
        (proxy, method, args) -> {
          if ("updateCollectionWithOptions".equals(method.getName())) {
            if (fail.get()) {
              return Future.failedFuture(new IllegalStateException("the store refused the write"));
            }
            return release.compose(v -> invoke(method, args));
          }
          return invoke(method, args);
        });
  }

  @SuppressWarnings("unchecked")
  private static <T> Future<T> invoke(java.lang.reflect.Method method, Object[] args) {
    try {
      return (Future<T>) method.invoke(mongo, args);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Integer stored(String user, String thread) {
    JsonObject doc = ForumUnderTest.await(mongo.findOne(ReadRepository.READS,
        new JsonObject().put("_id", user + ":" + thread), null));
    return doc == null ? null : doc.getInteger("upTo");
  }

  private static void awaitStored(String user, String thread, int upTo) {
    assertEquals(upTo, Eventually.value(() -> stored(user, thread), Integer.valueOf(upTo)::equals,
        Duration.ofSeconds(10)), "stored");
  }
}
