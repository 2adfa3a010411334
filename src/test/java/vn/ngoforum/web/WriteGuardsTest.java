package vn.ngoforum.web;

import vn.ngoforum.error.ForumException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.TestServers;

/** Rate limits and idempotency keys, against the MongoDB-wire store. */
@ExtendWith(VertxExtension.class)
class WriteGuardsTest {

  private static MongoClient mongo;

  @BeforeAll
  static void connect(Vertx vertx) {
    mongo = MongoClient.create(vertx, new JsonObject()
        .put("connection_string", TestServers.get().mongoUri("guards")));
  }

  @AfterAll
  static void close() {
    ForumUnderTest.await(mongo.close());
  }

  @Test
  @DisplayName("a person over the limit gets 429 with Retry-After; others are not affected")
  void rateLimit() {
    RateLimiter limiter = new RateLimiter(mongo);
    String key = "post:" + System.nanoTime();
    ForumUnderTest.await(limiter.acquire(key, 2, Duration.ofMinutes(1)));
    ForumUnderTest.await(limiter.acquire(key, 2, Duration.ofMinutes(1)));
    Throwable refused = ForumUnderTest.await(limiter.acquire(key, 2, Duration.ofMinutes(1))
        .<Throwable>map(v -> null).otherwise(failure -> failure));
    assertTrue(refused instanceof ForumException, String.valueOf(refused));
    assertEquals(429, ((ForumException) refused).status());
    assertTrue(((ForumException) refused).retryAfterSeconds() >= 1);
    ForumUnderTest.await(limiter.acquire(key + "-other", 2, Duration.ofMinutes(1)));
  }

  @Test
  @DisplayName("one thread per 15 s means 15 s between any two, also across what used to be a window's end; a burst"
      + " of a larger limit passes, then one more each window / limit")
  void limitsHoldAcrossWindowEnds() {
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(
        1_800_000_000_000L + 15_000 - 1);
    RateLimiter limiter = new RateLimiter(mongo, now::get);
    String thread = "thread:" + System.nanoTime();
    ForumUnderTest.await(limiter.acquire(thread, 1, Duration.ofSeconds(15)));
    now.addAndGet(2);
    ForumException refused = refusal(limiter.acquire(thread, 1, Duration.ofSeconds(15)));
    assertEquals(429, refused.status(), "2 ms later, on the other side of a 15 s boundary");
    assertEquals(15, refused.retryAfterSeconds(), "the wait is what is left of the 15 s");
    now.addAndGet(14_998);
    ForumUnderTest.await(limiter.acquire(thread, 1, Duration.ofSeconds(15)));

    String reactions = "react:" + System.nanoTime();
    for (int i = 0; i < 30; i++) {
      ForumUnderTest.await(limiter.acquire(reactions, 30, Duration.ofMinutes(1)));
    }
    assertEquals(2, refusal(limiter.acquire(reactions, 30, Duration.ofMinutes(1))).retryAfterSeconds(),
        "after a burst of 30, one more every 2 s");
    now.addAndGet(2_000);
    ForumUnderTest.await(limiter.acquire(reactions, 30, Duration.ofMinutes(1)));
    assertEquals(429, refusal(limiter.acquire(reactions, 30, Duration.ofMinutes(1))).status(),
        "a refused attempt costs nothing, and the next 2 s are taken");
  }

  private static ForumException refusal(Future<Void> attempt) {
    Throwable failure = ForumUnderTest.await(attempt.<Throwable>map(v -> null).otherwise(error -> error));
    assertTrue(failure instanceof ForumException, String.valueOf(failure));
    return (ForumException) failure;
  }

  @Test
  @DisplayName("a retried submit with the same Idempotency-Key runs once and gets the first answer again")
  void idempotency() {
    Idempotency idempotency = new Idempotency(mongo);
    AtomicInteger runs = new AtomicInteger();
    String key = "submit-" + System.nanoTime();
    Idempotency.Outcome first = ForumUnderTest.await(idempotency.once("user-1", key,
        () -> Future.succeededFuture(new JsonObject().put("id", "q" + runs.incrementAndGet()))));
    Idempotency.Outcome second = ForumUnderTest.await(idempotency.once("user-1", key,
        () -> Future.succeededFuture(new JsonObject().put("id", "q" + runs.incrementAndGet()))));
    assertEquals(1, runs.get());
    assertFalse(first.replayed());
    assertTrue(second.replayed());
    assertEquals(first.body(), second.body());
    Idempotency.Outcome otherPerson = ForumUnderTest.await(idempotency.once("user-2", key,
        () -> Future.succeededFuture(new JsonObject().put("id", "q" + runs.incrementAndGet()))));
    assertFalse(otherPerson.replayed(), "keys are per person");
  }

  @Test
  @DisplayName("a key left pending by a node that died is taken over after a timeout, by one retry only; the"
      + " other retry gets 409 while the first runs, then the first answer")
  void stalePendingKeyIsTakenOver() {
    Idempotency idempotency = new Idempotency(mongo);
    String key = "died-" + System.nanoTime();
    ForumUnderTest.await(mongo.insert(Idempotency.IDEMPOTENCY, new JsonObject().put("_id", "user-1:" + key)
        .put("state", "pending").put("at", new JsonObject().put("$date", Instant.now().minus(Duration.ofHours(1))
            .toString()))));
    AtomicInteger runs = new AtomicInteger();
    Promise<JsonObject> running = Promise.promise();
    Supplier<Future<JsonObject>> action = () -> {
      runs.incrementAndGet();
      return running.future();
    };
    Future<Idempotency.Outcome> first = idempotency.once("user-1", key, action);
    Future<Idempotency.Outcome> second = idempotency.once("user-1", key, action);
    Promise<Void> oneAnswered = Promise.promise();
    first.onComplete(done -> oneAnswered.tryComplete());
    second.onComplete(done -> oneAnswered.tryComplete());
    ForumUnderTest.await(oneAnswered.future());
    Future<Idempotency.Outcome> loser = first.isComplete() ? first : second;
    Future<Idempotency.Outcome> winner = loser == first ? second : first;
    assertTrue(loser.failed() && loser.cause() instanceof ForumException refused && refused.status() == 409,
        "the other retry waits its turn: " + loser.cause());

    running.complete(new JsonObject().put("id", "taken-over"));
    Idempotency.Outcome ran = ForumUnderTest.await(winner);
    assertFalse(ran.replayed());
    assertEquals(1, runs.get(), "one retry took the key over");
    Idempotency.Outcome replay = ForumUnderTest.await(idempotency.once("user-1", key, action));
    assertTrue(replay.replayed());
    assertEquals(new JsonObject().put("id", "taken-over"), replay.body());
    assertEquals(1, runs.get());
  }

  @Test
  @DisplayName("a key pending for a moment only (its request still running) answers 409 and runs nothing")
  void freshPendingKeyWaits() {
    Idempotency idempotency = new Idempotency(mongo);
    String key = "running-" + System.nanoTime();
    ForumUnderTest.await(mongo.insert(Idempotency.IDEMPOTENCY, new JsonObject().put("_id", "user-1:" + key)
        .put("state", "pending").put("at", new JsonObject().put("$date", Instant.now().toString()))));
    AtomicInteger runs = new AtomicInteger();
    Throwable refused = ForumUnderTest.await(idempotency.once("user-1", key,
            () -> Future.succeededFuture(new JsonObject().put("n", runs.incrementAndGet())))
        .<Throwable>map(outcome -> null).otherwise(failure -> failure));
    assertTrue(refused instanceof ForumException known && known.status() == 409, String.valueOf(refused));
    assertEquals(0, runs.get());
  }

  @Test
  @DisplayName("a failed action leaves its key free, so the retry really runs")
  void failedActionCanRetry() {
    Idempotency idempotency = new Idempotency(mongo);
    String key = "fail-" + System.nanoTime();
    ForumUnderTest.await(idempotency.once("user-1", key, () -> Future.<JsonObject>failedFuture("boom"))
        .otherwise(failure -> null));
    Idempotency.Outcome retry = ForumUnderTest.await(idempotency.once("user-1", key,
        () -> Future.succeededFuture(new JsonObject().put("ok", true))));
    assertFalse(retry.replayed());
  }
}
