package vn.ngoforum.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import vn.ngoforum.db.Mongo;

/**
 * Per-person limits on writes ("one post per 5 seconds", "30 reactions a minute"), kept in MongoDB so that they
 * hold across every forum node. Over the limit the request fails with 429 and a {@code Retry-After} saying when it
 * would pass, before anything is stored.
 *
 * <p>"{@code limit} in {@code window}" is a rate with a burst (the generic cell rate algorithm): each unit moves the
 * key's <em>theoretical arrival time</em> ({@code tat}) on by {@code window / limit}, and a request passes while
 * that time stays within one window of now. So {@code limit} requests may come at once, then one every
 * {@code window / limit}; one post per 5 s means 5 s between any two posts. (Counting in fixed windows, as this class
 * did, let two "one per 15 s" threads through a second apart, one on each side of a window's end.) One document per
 * key, read and written by {@code _id} only: two atomic updates, never a filter the embedded store would scan.
 */
public final class RateLimiter {

  static final String RATE_LIMITS = "rate_limits";

  private final MongoClient mongo;
  private final LongSupplier clock;

  public RateLimiter(MongoClient mongo) {
    this(mongo, System::currentTimeMillis);
  }

  /** With its own clock (epoch milliseconds), for tests of time. */
  RateLimiter(MongoClient mongo, LongSupplier clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /**
   * Counts one attempt for {@code key} (e.g. {@code "post:" + userId}) and fails with 429 when it would make more
   * than {@code limit} in a {@code window}.
   */
  public Future<Void> acquire(String key, int limit, Duration window) {
    return acquireUnits(key, 1, limit, window);
  }

  /**
   * Counts {@code units} (e.g. the bytes of an upload) for {@code key} and fails with 429 when they do not fit in
   * {@code limit} a {@code window}. Refused units are given back, so a smaller request may still fit.
   */
  public Future<Void> acquireUnits(String key, long units, long limit, Duration window) {
    long windowMillis = window.toMillis();
    double cost = (double) windowMillis * units / limit;
    long now = clock.getAsLong();
    // 1. Nothing owed from the past: the arrival time is at least now (harmless for any concurrent request, which
    //    would take the later of the two anyway). The document lives until it no longer says anything.
    JsonObject catchUp = new JsonObject()
        .put("$max", new JsonObject().put("tat", (double) now))
        .put("$set", new JsonObject().put("expiresAt", date(now + 2 * windowMillis)));
    // 2. Take the units: concurrent requests for one key are ordered by this atomic increment.
    JsonObject take = new JsonObject().put("$inc", new JsonObject().put("tat", cost));
    return update(key, catchUp)
        .recover(failure -> Mongo.isDuplicateKey(failure) ? update(key, catchUp) : Future.failedFuture(failure))
        .compose(v -> update(key, take))
        .compose(doc -> {
          double tat = doc.getDouble("tat");
          double late = tat - now - windowMillis;
          if (late <= 0) {
            return Future.succeededFuture();
          }
          int retryAfter = (int) Math.max(1, Math.ceil(late / 1000));
          ForumException tooMany = new ForumException(429, "too_many_requests",
              "Too many requests: please wait " + retryAfter + " s and try again.", retryAfter)
              .withPageText("errors.text.429");
          return update(key, new JsonObject().put("$inc", new JsonObject().put("tat", -cost)))
              .transform(done -> Future.failedFuture(tooMany));
        });
  }

  /**
   * Documents that say nothing any more are removed by a TTL index on real MongoDB; the embedded store ignores TTL
   * indexes, so {@link KeyExpiry} removes them there.
   */
  public Future<Void> createIndexes() {
    return mongo.createIndexWithOptions(RATE_LIMITS, new JsonObject().put("expiresAt", 1),
        new io.vertx.ext.mongo.IndexOptions().expireAfter(0L, java.util.concurrent.TimeUnit.SECONDS));
  }

  private Future<JsonObject> update(String key, JsonObject update) {
    return mongo.findOneAndUpdateWithOptions(RATE_LIMITS, new JsonObject().put("_id", key), update,
        new FindOptions(), new UpdateOptions().setUpsert(true).setReturningNewDocument(true));
  }

  private static JsonObject date(long epochMillis) {
    return new JsonObject().put("$date", Instant.ofEpochMilli(epochMillis).toString());
  }
}
