package vn.ngoforum.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;

/** The {@code audit} collection: entries only ever added, read newest first. */
record AuditRepository(MongoClient mongo) {

  static final String AUDIT = "audit";

  Future<Void> insert(JsonObject entry) {
    return mongo.insert(AUDIT, entry).mapEmpty();
  }

  /** Newest first, at most {@code limit}, only those about the target when given (either may be {@code null}). */
  Future<List<JsonObject>> latest(String targetType, String targetId, int limit) {
    JsonObject query = new JsonObject();
    if (targetType != null) {
      query.put("target.type", targetType);
    }
    if (targetId != null) {
      query.put("target.id", targetId);
    }
    return mongo.findWithOptions(AUDIT, query, new FindOptions()
        .setSort(new JsonObject().put("at", -1)).setLimit(limit));
  }

  Future<Void> createIndexes() {
    return mongo.createIndex(AUDIT, new JsonObject().put("at", -1))
        .compose(v -> mongo.createIndex(AUDIT, new JsonObject().put("target.type", 1).put("target.id", 1)));
  }
}
