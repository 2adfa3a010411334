package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.realtime.LiveEvent;

/** A person's notifications: the newest, how many are unread, and "mark all read". */
public final class Inbox {

  private static final int NOTIFICATIONS_SHOWN = 50;

  private final Vertx vertx;
  private final NotificationRepository notifications;

  public Inbox(Vertx vertx, NotificationRepository notifications) {
    this.vertx = vertx;
    this.notifications = notifications;
  }

  /** The person's notifications, newest first, and how many are unread: {@code {unread, notifications}}. */
  Future<JsonObject> of(CurrentUser user) {
    return Future.all(notifications.latest(user.id(), NOTIFICATIONS_SHOWN), notifications.unread(user.id()))
        .map(both -> new JsonObject()
            .put("unread", both.<Long>resultAt(1))
            .put("notifications", new JsonArray(both.<List<Notification>>resultAt(0).stream()
                .map(Notification::view).toList())));
  }

  /** Marks all of the person's notifications read; tells their open pages (the counter goes to 0). */
  Future<JsonObject> markAllRead(CurrentUser user) {
    return notifications.markAllRead(user.id()).map(v -> {
      LiveEvent.publish(vertx, Addresses.user(user.id()), new JsonObject().put("type", "notifications.read")
          .put("unread", 0));
      return new JsonObject().put("unread", 0);
    });
  }
}
