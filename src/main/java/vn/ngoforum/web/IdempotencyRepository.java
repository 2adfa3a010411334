package vn.ngoforum.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import vn.ngoforum.db.Dates;

/**
 * The {@code idempotency} collection: one document per person and key ({@code _id = userId:key}) with its state
 * ({@code pending}, {@code done}), the {@code attempt} token of the run that holds it, the answer once done, and
 * {@code at}, its last change. Every request reads and writes by {@code _id} only (the embedded store scans any
 * other filter); a take-over is made exclusive by inserting a claim keyed by the abandoned attempt, which only one
 * retry can insert.
 */
record IdempotencyRepository(MongoClient mongo) {

  static final String IDEMPOTENCY = "idempotency";

  /** Holds the key for {@code attempt}; fails with a duplicate key when the key exists. */
  Future<Void> insertPending(String id, String attempt, Instant now) {
    return mongo.insert(IDEMPOTENCY, new JsonObject().put("_id", id).put("state", "pending").put("attempt", attempt)
        .put("at", Dates.of(now))).mapEmpty();
  }

  /** The key's document, or {@code null}. */
  Future<JsonObject> find(String id) {
    return mongo.findOne(IDEMPOTENCY, new JsonObject().put("_id", id), null);
  }

  /** Stores the answer, if {@code attempt} still holds the key (a run taken over changes nothing). */
  Future<Void> done(String id, String attempt, JsonObject body, Instant now) {
    return whileHeld(id, attempt, () -> mongo.updateCollection(IDEMPOTENCY, new JsonObject().put("_id", id),
        new JsonObject().put("$set", new JsonObject().put("state", "done").put("body", body)
            .put("at", Dates.of(now)))).mapEmpty());
  }

  /** Frees the key after a failed run, if {@code attempt} still holds it, so that the request may be retried. */
  Future<Void> release(String id, String attempt) {
    return whileHeld(id, attempt, () -> mongo.removeDocument(IDEMPOTENCY, new JsonObject().put("_id", id))
        .mapEmpty());
  }

  /**
   * Takes over the key that {@code abandoned} (an attempt token) left pending: true for the one retry whose claim
   * was inserted (the key then belongs to {@code attempt}), false for any other.
   */
  Future<Boolean> takeOver(String id, String abandoned, String attempt, Instant now) {
    return mongo.insert(IDEMPOTENCY, new JsonObject().put("_id", id + "#taken-from:" + abandoned)
            .put("state", "claim").put("at", Dates.of(now)))
        .compose(claimed -> mongo.updateCollection(IDEMPOTENCY, new JsonObject().put("_id", id),
            new JsonObject().put("$set", new JsonObject().put("attempt", attempt).put("at", Dates.of(now)))))
        .map(true)
        .recover(failure -> vn.ngoforum.db.Mongo.isDuplicateKey(failure) ? Future.succeededFuture(false)
            : Future.failedFuture(failure));
  }

  /** Keys and claims expire {@code keptForSeconds} after their last change (real MongoDB's TTL index). */
  Future<Void> createIndexes(long keptForSeconds) {
    return mongo.createIndexWithOptions(IDEMPOTENCY, new JsonObject().put("at", 1),
        new IndexOptions().expireAfter(keptForSeconds, TimeUnit.SECONDS));
  }

  /** Removes what changed last before {@code cutoff} (the embedded store ignores TTL indexes); background only. */
  Future<Long> removeOlderThan(Instant cutoff) {
    return mongo.removeDocuments(IDEMPOTENCY, new JsonObject().put("at", Dates.before(cutoff)))
        .map(result -> result.getRemovedCount());
  }

  /**
   * Runs {@code change} if {@code attempt} holds the key, read by {@code _id}. A take-over landing between the read
   * and the change could still be overwritten; it needs a node that was presumed dead for minutes to finish at
   * that very moment.
   */
  private Future<Void> whileHeld(String id, String attempt, java.util.function.Supplier<Future<Void>> change) {
    return find(id).compose(doc -> doc != null && attempt.equals(doc.getString("attempt")) ? change.get()
        : Future.succeededFuture());
  }
}
