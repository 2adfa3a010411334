package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;

/** The {@code notifications} collection: one document per thing a person is told about (a reply, ...). */
final class NotificationRepository {

  static final String NOTIFICATIONS = "notifications";

  private final MongoClient mongo;

  NotificationRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  Future<Void> insert(JsonObject notification) {
    return mongo.insert(NOTIFICATIONS, notification).mapEmpty();
  }

  /** A person's newest notifications first. */
  Future<List<JsonObject>> latest(String userId, int limit) {
    return mongo.findWithOptions(NOTIFICATIONS, new JsonObject().put("userId", userId),
        new FindOptions().setSort(new JsonObject().put("at", -1)).setLimit(limit));
  }

  Future<Long> unread(String userId) {
    return mongo.count(NOTIFICATIONS, new JsonObject().put("userId", userId).put("read", false));
  }

  Future<Void> markAllRead(String userId) {
    return mongo.updateCollectionWithOptions(NOTIFICATIONS,
        new JsonObject().put("userId", userId).put("read", false),
        new JsonObject().put("$set", new JsonObject().put("read", true)),
        new UpdateOptions().setMulti(true)).mapEmpty();
  }

  Future<Void> createIndexes() {
    return mongo.createIndex(NOTIFICATIONS, new JsonObject().put("userId", 1).put("read", 1).put("at", -1));
  }
}
