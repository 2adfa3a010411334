package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;

/**
 * What the notifications room holds about one person, for their data download: their notifications (the newest
 * {@value NotificationRepository#RECENT}, as their inbox keeps them, read by key), their preferences and what they
 * watch (at most {@value #WATCHES_MAX}: {@link WatchRepository#scanned}, a bounded scan).
 */
public final class OwnNotices {

  private final NotificationRepository notifications;
  private final PreferenceRepository preferences;
  /** The most watches a download lists. */
  static final int WATCHES_MAX = 5_000;

  private final WatchRepository watches;

  public OwnNotices(MongoClient mongo) {
    this.notifications = new NotificationRepository(mongo);
    this.preferences = new PreferenceRepository(mongo);
    this.watches = new WatchRepository(mongo);
  }

  /** {@code {notifications: [...], preferences: {topic: channel}, watches: [{kind, id}]}}. */
  public Future<JsonObject> of(String userId) {
    return Future.all(notifications.inbox(userId, NotificationRepository.RECENT), preferences.of(userId),
            watches.scanned(userId, WATCHES_MAX).map(keys -> things(userId, keys)))
        .map(all -> new JsonObject()
            .put("notifications", new JsonArray(all.<NotificationRepository.InboxView>resultAt(0).latest().stream()
                .map(Notification::view).toList()))
            .put("preferences", all.<Preferences>resultAt(1).toJson())
            .put("watches", new JsonArray(all.<List<JsonObject>>resultAt(2))));
  }

  /** {@code [{kind: "thread"|"category", id}]} from {@code watches} keys {@code "{userId} {kind}:{id}"}. */
  private static List<JsonObject> things(String userId, List<String> keys) {
    int start = userId.length() + 1;
    return keys.stream().map(key -> key.substring(start)).filter(thing -> thing.indexOf(':') > 0)
        .map(thing -> new JsonObject().put("kind", thing.substring(0, thing.indexOf(':')))
            .put("id", thing.substring(thing.indexOf(':') + 1)))
        .toList();
  }
}
