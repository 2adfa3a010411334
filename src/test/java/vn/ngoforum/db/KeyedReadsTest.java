package vn.ngoforum.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.ngoforum.support.ForumUnderTest.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.RecordingMongo;
import vn.ngoforum.support.TestDatabase;

/**
 * Reads by key that requests make at the same time are made together ({@link KeyedReads}), and never answered from
 * a query sent before they were asked.
 */
class KeyedReadsTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass("forum-keyed-reads-");

  @Test
  @DisplayName("reads asked at the same time take two queries, each answered with its own document")
  void readsAskedTogetherAreMadeTogether() throws Exception {
    String collection = "together";
    for (int i = 0; i < 10; i++) {
      await(db.mongo().insert(collection, new JsonObject().put("_id", "k" + i).put("n", i)));
    }
    List<JsonObject> queries = new CopyOnWriteArrayList<>();
    KeyedReads reads = new KeyedReads(RecordingMongo.recording(db.mongo(), queries), collection);
    CompletableFuture<List<JsonObject>> answers = new CompletableFuture<>();
    // Sixty reads in one go on the event loop, as sixty requests arriving together: of ten documents and one missing.
    db.vertx().runOnContext(v -> {
      List<Future<JsonObject>> asked = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        asked.add(reads.find(i % 11 == 10 ? "missing" : "k" + i % 11));
      }
      Future.all(asked).onSuccess(all -> answers.complete(all.list()))
          .onFailure(answers::completeExceptionally);
    });
    List<JsonObject> got = answers.get(20, TimeUnit.SECONDS);
    for (int i = 0; i < 60; i++) {
      if (i % 11 == 10) {
        assertNull(got.get(i), "read " + i + " of a missing document");
      } else {
        assertEquals(i % 11, got.get(i).getInteger("n"), "read " + i);
      }
    }
    assertNotSame(got.get(0), got.get(11), "two reads of one document are given a document each");
    assertEquals(2, queries.size(), "the first read at once, the 59 asked meanwhile in one: " + queries);
    assertTrue(queries.stream().allMatch(query -> RecordingMongo.byId(query.getJsonObject("query"))), "by key");
  }

  @Test
  @DisplayName("a read asked while another is on its way sees a write acknowledged before it was asked")
  void aReadIsNeverAnsweredByAnEarlierQuery() {
    String collection = "fresh";
    await(db.mongo().insert(collection, new JsonObject().put("_id", "registry").put("n", 1)));
    Promise<Void> release = Promise.promise();
    KeyedReads reads = new KeyedReads(held(db.mongo(), release.future()), collection);

    Future<JsonObject> before = reads.find("registry");
    await(db.mongo().updateCollection(collection, new JsonObject().put("_id", "registry"),
        new JsonObject().put("$set", new JsonObject().put("n", 2))));
    Future<JsonObject> after = reads.find("registry");
    release.complete();

    assertEquals(1, await(before).getInteger("n"), "the read made before the write");
    assertEquals(2, await(after).getInteger("n"), "the read asked after the write was acknowledged");
  }

  @Test
  @DisplayName("when the store fails, every read waiting fails, and the next reads are made again")
  void aFailureFailsTheWaitingReadsOnly() {
    String collection = "failing";
    await(db.mongo().insert(collection, new JsonObject().put("_id", "a").put("n", 1)));
    Promise<Void> release = Promise.promise();
    boolean[] broken = {true};
    MongoClient failing = (MongoClient) Proxy.newProxyInstance(MongoClient.class.getClassLoader(),
        new Class<?>[] {MongoClient.class}, (proxy, method, args) -> broken[0]
            ? release.future().compose(v -> Future.failedFuture("the store is away"))
            : method.invoke(db.mongo(), args));
    KeyedReads reads = new KeyedReads(failing, collection);
    Future<JsonObject> first = reads.find("a");
    Future<JsonObject> waiting = reads.find("a");
    release.complete();
    assertEquals("the store is away", awaitFailure(first));
    assertEquals("the store is away", awaitFailure(waiting));

    broken[0] = false;
    assertEquals(1, await(reads.find("a")).getInteger("n"), "a read after the failure");
  }

  @Test
  @DisplayName("a client that throws instead of failing fails the read, and the next reads are made again")
  void aThrowingClientLeavesNothingWaiting() {
    String collection = "throwing";
    await(db.mongo().insert(collection, new JsonObject().put("_id", "a").put("n", 1)));
    boolean[] throwing = {true};
    MongoClient client = (MongoClient) Proxy.newProxyInstance(MongoClient.class.getClassLoader(),
        new Class<?>[] {MongoClient.class}, (proxy, method, args) -> {
          if (throwing[0]) {
            throw new IllegalStateException("the client is closed");
          }
          return method.invoke(db.mongo(), args);
        });
    KeyedReads reads = new KeyedReads(client, collection);
    assertEquals("the client is closed", awaitFailure(reads.find("a")));
    throwing[0] = false;
    assertEquals(1, await(reads.find("a")).getInteger("n"), "a read after the failure");
  }

  /** {@code real}, whose answers are given only once {@code gate} completes (the queries are made at once). */
  private static MongoClient held(MongoClient real, Future<Void> gate) {
    return (MongoClient) Proxy.newProxyInstance(MongoClient.class.getClassLoader(), new Class<?>[] {MongoClient.class},
        (proxy, method, args) -> {
          Object answer;
          try {
            answer = method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          return answer instanceof Future<?> future ? gate.compose(v -> future) : answer;
        });
  }

  private static String awaitFailure(Future<?> future) {
    try {
      await(future);
    } catch (RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      return cause.getMessage();
    }
    throw new AssertionError("the read did not fail");
  }
}
