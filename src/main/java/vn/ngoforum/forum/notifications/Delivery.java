package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.auth.ClosedAccounts;
import vn.ngoforum.forum.notifications.Preferences.Channel;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.realtime.LiveEvent;

/**
 * How one notification reaches its person, whatever it is about, as they chose for its topic ({@link Outbox}):
 * unless they turned it off, stored (and counted in their inbox), then pushed on {@code user.{id}} with the new unread
 * count, then e-mailed at once or queued for the daily digest. Nothing reaches a person who closed their account
 * ({@link ClosedAccounts}), though they may still be among a thread's watchers.
 */
record Delivery(Vertx vertx, NotificationRepository notifications, Outbox outbox) {

  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
  /** How many notifications one bulk write stores. */
  static final int BATCH = 200;

  /** Stores, pushes and sends {@code notification}; a failure is logged, never passed on (nothing is undone). */
  Future<Void> deliver(Notification notification) {
    if (ClosedAccounts.isClosed(vertx, notification.userId())) {
      return Future.succeededFuture();
    }
    return outbox.channels(List.of(notification))
        .compose(channels -> channels.get(notification.userId()) == Channel.OFF ? Future.<Void>succeededFuture()
            : notifications.insert(notification).compose(unread -> {
              push(notification, unread);
              return outbox.forward(List.of(notification), channels);
            }))
        .<Void>mapEmpty()
        .recover(failure -> {
          LOG.warn("Could not notify {} ({}): {}", notification.userId(), notification.kind(), failure.toString());
          return Future.succeededFuture();
        });
  }

  /**
   * Stores, pushes and sends many notifications (one per person), {@value #BATCH} at a time: each batch is a few
   * bulk writes and reads ({@link NotificationRepository#insertAll}, the batch's preferences by {@code _id $in}),
   * never one per person. A failed batch is logged and the next one goes on.
   */
  Future<Void> deliverAll(List<Notification> notifications) {
    List<Notification> all = notifications.stream().filter(n -> !ClosedAccounts.isClosed(vertx, n.userId())).toList();
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < all.size(); from += BATCH) {
      List<Notification> batch = all.subList(from, Math.min(all.size(), from + BATCH));
      chain = chain.compose(v -> outbox.channels(batch)
          .compose(channels -> store(batch.stream().filter(n -> channels.get(n.userId()) != Channel.OFF).toList(),
              channels))
          .recover(failure -> {
            LOG.warn("Could not notify {} people ({}): {}", batch.size(), batch.get(0).kind(), failure.toString());
            return Future.succeededFuture();
          }));
    }
    return chain;
  }

  private Future<Void> store(List<Notification> kept, Map<String, Channel> channels) {
    return kept.isEmpty() ? Future.succeededFuture() : notifications.insertAll(kept)
        .compose(unread -> {
          kept.forEach(n -> push(n, unread.getOrDefault(n.userId(), 1L)));
          return outbox.forward(kept, channels);
        });
  }

  private void push(Notification notification, long unread) {
    LiveEvent.publish(vertx, Addresses.user(notification.userId()), new JsonObject()
        .put("type", "notification").put("unread", unread).put("notification", notification.view()));
  }
}
