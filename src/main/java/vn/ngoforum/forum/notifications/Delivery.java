package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.auth.LastSignIn;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.realtime.LiveEvent;

/**
 * How one notification reaches its person, whatever it is about: stored (and counted in their inbox), then pushed on
 * {@code user.{id}} with the new unread count, then e-mailed when e-mail is on and the forum knows their address.
 */
record Delivery(Vertx vertx, NotificationRepository notifications, PeopleRepository people, LastSignIn signIns,
    Mailer mailer) {

  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

  /** Stores, pushes and e-mails {@code notification}; a failure is logged, never passed on (nothing is undone). */
  Future<Void> deliver(Notification notification) {
    return notifications.insert(notification)
        .onSuccess(unread -> LiveEvent.publish(vertx, Addresses.user(notification.userId()), new JsonObject()
            .put("type", "notification").put("unread", unread).put("notification", notification.view())))
        .onSuccess(unread -> email(notification))
        .<Void>mapEmpty()
        .recover(failure -> {
          LOG.warn("Could not notify {} ({}): {}", notification.userId(), notification.kind(), failure.toString());
          return Future.succeededFuture();
        });
  }

  /**
   * The e-mail copy, when e-mail is on and the forum knows the person's address: from what they wrote, else from
   * their last sign-in (an organisation's admin may never have written); a failure is logged, never retried.
   */
  private void email(Notification notification) {
    if (mailer == null) {
      return;
    }
    people.email(notification.userId())
        .compose(address -> address != null ? Future.succeededFuture(address) : signIns.of(notification.userId())
            .map(seen -> seen == null ? null : seen.user().email()))
        .compose(address -> address == null ? Future.succeededFuture() : mailer.send(address, notification))
        .onFailure(failure -> LOG.warn("Could not e-mail notification {} to {}: {}", notification.id(),
            notification.userId(), failure.toString()));
  }
}
