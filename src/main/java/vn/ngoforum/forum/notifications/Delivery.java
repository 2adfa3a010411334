package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
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
  /** How many notifications one bulk write stores. */
  static final int BATCH = 200;

  /** Stores, pushes and e-mails {@code notification}; a failure is logged, never passed on (nothing is undone). */
  Future<Void> deliver(Notification notification) {
    return notifications.insert(notification)
        .onSuccess(unread -> pushAndEmail(notification, unread))
        .<Void>mapEmpty()
        .recover(failure -> {
          LOG.warn("Could not notify {} ({}): {}", notification.userId(), notification.kind(), failure.toString());
          return Future.succeededFuture();
        });
  }

  /**
   * Stores, pushes and e-mails many notifications (one per person), {@value #BATCH} at a time: each batch is a few
   * bulk writes ({@link NotificationRepository#insertAll}), never one write per person. A failed batch is logged
   * and the next one goes on.
   */
  Future<Void> deliverAll(List<Notification> all) {
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < all.size(); from += BATCH) {
      List<Notification> batch = all.subList(from, Math.min(all.size(), from + BATCH));
      chain = chain.compose(v -> notifications.insertAll(batch)
          .onSuccess(unread -> batch.forEach(n -> pushAndEmail(n, unread.getOrDefault(n.userId(), 1L))))
          .<Void>mapEmpty()
          .recover(failure -> {
            LOG.warn("Could not notify {} people ({}): {}", batch.size(), batch.get(0).kind(), failure.toString());
            return Future.succeededFuture();
          }));
    }
    return chain;
  }

  private void pushAndEmail(Notification notification, long unread) {
    LiveEvent.publish(vertx, Addresses.user(notification.userId()), new JsonObject()
        .put("type", "notification").put("unread", unread).put("notification", notification.view()));
    email(notification);
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
