package vn.ngoforum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.TestForum;

/**
 * Idempotency keys and rate-limit counters expire: TTL indexes for real MongoDB, and a background sweep of the forum
 * for the embedded store, which ignores TTL indexes.
 */
class ExpiryTest {

  private static final String UNIQUE = String.valueOf(System.nanoTime());
  /** The keys and counters are in the store before the forum starts, as after a restart. */
  @RegisterExtension
  static final TestForum forum = TestForum.perClass("expiry", ExpiryTest::arrange);

  private static void arrange(MongoClient mongo) {
    Instant now = Instant.now();
    insert(mongo, Idempotency.IDEMPOTENCY, new JsonObject().put("_id", "old-done:" + UNIQUE).put("state", "done")
        .put("body", new JsonObject()).put("at", date(now.minus(Duration.ofDays(2)))));
    insert(mongo, Idempotency.IDEMPOTENCY, new JsonObject().put("_id", "old-pending:" + UNIQUE).put("state", "pending")
        .put("at", date(now.minus(Duration.ofDays(2)))));
    insert(mongo, Idempotency.IDEMPOTENCY, new JsonObject().put("_id", "recent:" + UNIQUE).put("state", "done")
        .put("body", new JsonObject()).put("at", date(now.minus(Duration.ofHours(1)))));
    insert(mongo, RateLimiter.RATE_LIMITS, new JsonObject().put("_id", "post:old@" + UNIQUE).put("count", 3)
        .put("expiresAt", date(now.minus(Duration.ofMinutes(1)))));
    insert(mongo, RateLimiter.RATE_LIMITS, new JsonObject().put("_id", "post:current@" + UNIQUE).put("count", 1)
        .put("expiresAt", date(now.plus(Duration.ofHours(1)))));
  }

  @Test
  @DisplayName("expired idempotency keys and rate-limit counters are removed in the background; current ones stay")
  void sweep() {
    Eventually.holds(() -> find(Idempotency.IDEMPOTENCY, "old-done:" + UNIQUE) == null
        && find(Idempotency.IDEMPOTENCY, "old-pending:" + UNIQUE) == null
        && find(RateLimiter.RATE_LIMITS, "post:old@" + UNIQUE) == null, Duration.ofSeconds(30));
    assertNull(find(Idempotency.IDEMPOTENCY, "old-done:" + UNIQUE), "an answered key older than a day");
    assertNull(find(Idempotency.IDEMPOTENCY, "old-pending:" + UNIQUE), "a key its dead node left pending");
    assertNull(find(RateLimiter.RATE_LIMITS, "post:old@" + UNIQUE), "a counter of a window that has ended");
    assertNotNull(find(Idempotency.IDEMPOTENCY, "recent:" + UNIQUE), "a key of the last hour");
    assertNotNull(find(RateLimiter.RATE_LIMITS, "post:current@" + UNIQUE), "the counter of the current window");
  }

  @Test
  @DisplayName("real MongoDB expires idempotency keys after a day and counters at the end of their window (TTL"
      + " indexes)")
  void ttlIndexes() {
    assertEquals(86_400L, expireAfterSeconds(Idempotency.IDEMPOTENCY, "at"));
    assertEquals(0L, expireAfterSeconds(RateLimiter.RATE_LIMITS, "expiresAt"));
  }

  private static Long expireAfterSeconds(String collection, String field) {
    JsonArray indexes = ForumUnderTest.await(forum.mongo().listIndexes(collection));
    return indexes.stream().map(JsonObject.class::cast)
        .filter(index -> index.getJsonObject("key").fieldNames().equals(java.util.Set.of(field)))
        .map(index -> index.getValue("expireAfterSeconds"))
        .map(value -> value == null ? null : ((Number) value).longValue())
        .findFirst().orElseThrow(() -> new AssertionError("no index on " + field + ": " + indexes));
  }

  private static JsonObject find(String collection, String id) {
    return ForumUnderTest.await(forum.mongo().findOne(collection, new JsonObject().put("_id", id), null));
  }

  private static void insert(MongoClient mongo, String collection, JsonObject doc) {
    ForumUnderTest.await(mongo.insert(collection, doc));
  }

  private static JsonObject date(Instant at) {
    return new JsonObject().put("$date", at.toString());
  }
}
