package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;
import vn.ngoforum.db.Dates;
import vn.ngoforum.forum.common.Person;

/** The {@code notifications} collection: one document per thing a person is told about ({@link Notification}). */
public final class NotificationRepository {

  static final String NOTIFICATIONS = "notifications";

  private final MongoClient mongo;

  public NotificationRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  Future<Void> insert(Notification notification) {
    JsonObject doc = new JsonObject()
        .put("_id", notification.id())
        .put("userId", notification.userId())
        .put("type", notification.type())
        .put("threadId", notification.threadId())
        .put("title", notification.title())
        .put("postId", notification.postId())
        .put("url", notification.url())
        .put("actor", notification.actor().toJson())
        .put("at", Dates.of(notification.at()))
        .put("read", notification.read());
    return mongo.insert(NOTIFICATIONS, doc).mapEmpty();
  }

  /** A person's newest notifications first. */
  Future<List<Notification>> latest(String userId, int limit) {
    return mongo.findWithOptions(NOTIFICATIONS, new JsonObject().put("userId", userId),
            new FindOptions().setSort(new JsonObject().put("at", -1)).setLimit(limit))
        .map(docs -> docs.stream().map(doc -> new Notification(doc.getString("_id"), doc.getString("userId"),
            doc.getString("type"), doc.getString("threadId"), doc.getString("title"), doc.getString("postId"),
            doc.getString("url"), Person.from(doc.getJsonObject("actor")), Dates.instant(doc.getValue("at")),
            doc.getBoolean("read", false))).toList());
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

  public Future<Void> createIndexes() {
    return mongo.createIndex(NOTIFICATIONS, new JsonObject().put("userId", 1).put("read", 1).put("at", -1));
  }
}
