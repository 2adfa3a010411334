package vn.ngoforum.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Duration;
import java.time.Instant;
import vn.ngoforum.db.Mongo;

/**
 * Per-person limits on writes ("one post per 5 seconds"), counted in MongoDB so that they hold across every
 * forum node: a fixed window per key, one atomic {@code $inc} per attempt. Over the limit the request fails with
 * 429 and a {@code Retry-After} for the end of the window, before anything is stored.
 */
public final class RateLimiter {

  static final String RATE_LIMITS = "rate_limits";

  private final MongoClient mongo;

  public RateLimiter(MongoClient mongo) {
    this.mongo = mongo;
  }

  /**
   * Counts one attempt for {@code key} (e.g. {@code "post:" + userId}) and fails with 429 when more than
   * {@code limit} happened in the current {@code window}.
   */
  public Future<Void> acquire(String key, int limit, Duration window) {
    return acquire(key, 1, limit, window, false);
  }

  /**
   * Counts {@code units} (e.g. the bytes of an upload) for {@code key} and fails with 429 when the current
   * {@code window}'s total would pass {@code limit}. Refused units are given back, so that a smaller request may
   * still fit in what is left.
   */
  public Future<Void> acquireUnits(String key, long units, long limit, Duration window) {
    return acquire(key, units, limit, window, true);
  }

  private Future<Void> acquire(String key, long units, long limit, Duration window, boolean giveBack) {
    long windowMillis = window.toMillis();
    long now = System.currentTimeMillis();
    long windowStart = now - now % windowMillis;
    String id = key + "@" + windowStart;
    JsonObject update = new JsonObject()
        .put("$inc", new JsonObject().put("count", units))
        .put("$setOnInsert", new JsonObject().put("expiresAt",
            new JsonObject().put("$date", Instant.ofEpochMilli(windowStart + windowMillis).toString())));
    return count(id, update)
        .recover(failure -> Mongo.isDuplicateKey(failure) ? count(id, update) : Future.failedFuture(failure))
        .compose(count -> {
          if (count <= limit) {
            return Future.succeededFuture();
          }
          int retryAfter = (int) Math.max(1, (windowStart + windowMillis - now + 999) / 1000);
          ForumException tooMany = new ForumException(429, "too_many_requests",
              "Too many requests: please wait " + retryAfter + " s and try again.", retryAfter)
              .withPageText("errors.text.429");
          if (!giveBack) {
            return Future.failedFuture(tooMany);
          }
          return mongo.updateCollection(RATE_LIMITS, new JsonObject().put("_id", id),
                  new JsonObject().put("$inc", new JsonObject().put("count", -units)))
              .transform(done -> Future.failedFuture(tooMany));
        });
  }

  /**
   * Old windows are removed by a TTL index on real MongoDB; the embedded store ignores TTL indexes, so
   * {@link KeyExpiry} removes them there.
   */
  public Future<Void> createIndexes() {
    return mongo.createIndexWithOptions(RATE_LIMITS, new JsonObject().put("expiresAt", 1),
        new io.vertx.ext.mongo.IndexOptions().expireAfter(0L, java.util.concurrent.TimeUnit.SECONDS));
  }

  private Future<Long> count(String id, JsonObject update) {
    return mongo.findOneAndUpdateWithOptions(RATE_LIMITS, new JsonObject().put("_id", id), update,
            new FindOptions(), new UpdateOptions().setUpsert(true).setReturningNewDocument(true))
        .map(doc -> doc == null ? update.getJsonObject("$inc").getLong("count") : doc.getLong("count", 1L));
  }
}
