package vn.ngoforum.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Mongo;

/**
 * The {@code rate_limits} collection: one document per limited key ({@code _id}) holding its theoretical arrival
 * time {@code tat} (epoch milliseconds) and {@code expiresAt}, after which it says nothing any more. Read and
 * written by {@code _id} with atomic updates only.
 */
record RateLimitRepository(MongoClient mongo) {

  static final String RATE_LIMITS = "rate_limits";

  /** Moves the key's arrival time up to {@code now} if it is earlier (creating the key), and its expiry on. */
  Future<Void> catchUp(String key, long now, long expiresAt) {
    JsonObject update = new JsonObject()
        .put("$max", new JsonObject().put("tat", (double) now))
        .put("$set", new JsonObject().put("expiresAt", Dates.of(Instant.ofEpochMilli(expiresAt))));
    return update(key, update)
        .recover(failure -> Mongo.isDuplicateKey(failure) ? update(key, update) : Future.failedFuture(failure))
        .mapEmpty();
  }

  /** Adds {@code millis} (negative: gives back) to the key's arrival time; answers the new one. */
  Future<Double> add(String key, double millis) {
    return update(key, new JsonObject().put("$inc", new JsonObject().put("tat", millis)))
        .map(doc -> doc.getDouble("tat"));
  }

  /** Documents past their expiry go (real MongoDB's TTL index). */
  Future<Void> createIndexes() {
    return mongo.createIndexWithOptions(RATE_LIMITS, new JsonObject().put("expiresAt", 1),
        new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
  }

  /** Removes documents past their expiry (the embedded store ignores TTL indexes); background only. */
  Future<Long> removeExpired(Instant now) {
    return mongo.removeDocuments(RATE_LIMITS, new JsonObject().put("expiresAt", Dates.before(now)))
        .map(result -> result.getRemovedCount());
  }

  private Future<JsonObject> update(String key, JsonObject update) {
    return mongo.findOneAndUpdateWithOptions(RATE_LIMITS, new JsonObject().put("_id", key), update,
        new FindOptions(), new UpdateOptions().setUpsert(true).setReturningNewDocument(true));
  }
}
