package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;

/**
 * What the notifications room holds about one person, for their data download: their notifications (the newest
 * {@value NotificationRepository#RECENT}, as their inbox keeps them, read by key), their preferences and what they
 * watch ({@link WatchedByRepository}: a bounded scan).
 */
public final class OwnNotices {

  private final NotificationRepository notifications;
  private final PreferenceRepository preferences;
  private final WatchedByRepository watches;

  public OwnNotices(MongoClient mongo) {
    this.notifications = new NotificationRepository(mongo);
    this.preferences = new PreferenceRepository(mongo);
    this.watches = new WatchedByRepository(mongo);
  }

  /** {@code {notifications: [...], preferences: {topic: channel}, watches: [{kind, id}]}}. */
  public Future<JsonObject> of(String userId) {
    return Future.all(notifications.inbox(userId, NotificationRepository.RECENT), preferences.of(userId),
            watches.of(userId))
        .map(all -> new JsonObject()
            .put("notifications", new JsonArray(all.<NotificationRepository.InboxView>resultAt(0).latest().stream()
                .map(Notification::view).toList()))
            .put("preferences", all.<Preferences>resultAt(1).toJson())
            .put("watches", new JsonArray(all.<List<JsonObject>>resultAt(2))));
  }
}
