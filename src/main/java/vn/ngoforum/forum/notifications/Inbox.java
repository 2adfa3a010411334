package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.realtime.LiveEvent;

/** A person's notifications: the newest, how many are unread, marking some or all of them read. */
public record Inbox(Vertx vertx, NotificationRepository notifications) {

  private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

  private static final int NOTIFICATIONS_SHOWN = 50;

  /** The person's notifications, newest first, and how many are unread: {@code {unread, items}}. */
  Future<JsonObject> of(CurrentUser user) {
    return notifications.inbox(user.id(), NOTIFICATIONS_SHOWN)
        .map(inbox -> new JsonObject()
            .put("unread", inbox.unread())
            .put("items", new JsonArray(inbox.latest().stream().map(Notification::view).toList())));
  }

  /**
   * Marks read those of {@code ids} that are the person's own (anyone else's and unknown ids change nothing); tells
   * their open pages the new count. Answers {@code {unread}}.
   */
  Future<JsonObject> markRead(CurrentUser user, List<String> ids) {
    return notifications.markRead(user.id(), ids).map(unread -> {
      LiveEvent.publish(vertx, Addresses.user(user.id()), new JsonObject().put("type", "notifications.read")
          .put("unread", unread));
      return new JsonObject().put("unread", unread);
    });
  }

  /** Marks all of the person's notifications read; tells their open pages (the counter goes to 0). */
  Future<JsonObject> markAllRead(CurrentUser user) {
    return notifications.markAllRead(user.id()).map(v -> {
      LiveEvent.publish(vertx, Addresses.user(user.id()), new JsonObject().put("type", "notifications.read")
          .put("unread", 0));
      return new JsonObject().put("unread", 0);
    });
  }

  /**
   * The start-up migration, in the background: puts every notification stored before the per-person inboxes into
   * its inbox ({@link NotificationRepository#buildInboxes}); a no-op once done. Until it has finished, inboxes are
   * read the old way, so nobody's notifications are missing meanwhile.
   */
  public static void buildInboxes(NotificationRepository notifications) {
    notifications.buildInboxes()
        .onSuccess(found -> {
          if (found > 0) {
            LOG.info("Put {} older notifications into their inboxes", found);
          }
        })
        .onFailure(failure -> LOG.warn("Could not put the older notifications into their inboxes (inboxes are read"
            + " the old way until a restart does): {}", failure.toString()));
  }
}
