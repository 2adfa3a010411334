package vn.ngoforum.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.List;
import vn.ngoforum.db.Dates;

/**
 * The {@code closed_accounts} collection: one document per person who closed their account ({@code {_id: userId,
 * state: "closing"|"closed", at}}), read by key, and whole only at start-up (a node's {@link ClosedAccounts}) or by
 * the start-up sweep that completes a closing cut short.
 */
public record ClosedAccountRepository(MongoClient mongo) {

  static final String CLOSED = "closed_accounts";
  public static final String CLOSING = "closing";
  public static final String DONE = "closed";

  /** The state of the person's closing ({@link #CLOSING}, {@link #DONE}), or {@code null}. */
  public Future<String> state(String userId) {
    return mongo.findOne(CLOSED, new JsonObject().put("_id", userId), null)
        .map(doc -> doc == null ? null : doc.getString("state"));
  }

  /** Notes that the closing of {@code userId} began (a closing already begun or done stays as it is). */
  public Future<Void> begin(String userId) {
    return mongo.updateCollectionWithOptions(CLOSED, new JsonObject().put("_id", userId),
        new JsonObject().put("$setOnInsert", new JsonObject().put("state", CLOSING).put("at", Dates.of(Instant.now()))),
        new UpdateOptions().setUpsert(true)).mapEmpty();
  }

  /** Forgets a closing that changed nothing (Keycloak refused it). */
  public Future<Void> forget(String userId) {
    return mongo.removeDocument(CLOSED, new JsonObject().put("_id", userId).put("state", CLOSING)).mapEmpty();
  }

  public Future<Void> done(String userId) {
    return mongo.updateCollection(CLOSED, new JsonObject().put("_id", userId),
        new JsonObject().put("$set", new JsonObject().put("state", DONE))).mapEmpty();
  }

  /** Every person whose closing began (start-up only: the collection grows by one per closed account). */
  Future<List<JsonObject>> all() {
    return mongo.find(CLOSED, new JsonObject());
  }

  /** The closings cut short (a background sweep at start-up). */
  public Future<List<String>> unfinished() {
    return mongo.find(CLOSED, new JsonObject().put("state", CLOSING))
        .map(docs -> docs.stream().map(doc -> doc.getString("_id")).toList());
  }
}
