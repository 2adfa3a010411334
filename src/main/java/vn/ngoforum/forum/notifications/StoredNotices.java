package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import vn.ngoforum.forum.common.Ids;
import vn.ngoforum.forum.common.Person;
import vn.ngoforum.notify.Notice;
import vn.ngoforum.notify.Notify;

/**
 * The forum's notifications as other features tell people through them ({@link Notify}): each notice becomes a
 * stored notification of its kind in every recipient's inbox, counted, pushed live and e-mailed like a reply, as
 * each recipient chose for its topic ({@link Outbox}).
 */
public final class StoredNotices implements Notify {

  private final Delivery delivery;

  public StoredNotices(Vertx vertx, NotificationRepository notifications, Outbox outbox) {
    this.delivery = new Delivery(vertx, notifications, outbox);
  }

  @Override
  public Future<Void> tell(Collection<String> recipients, Notice notice) {
    Set<String> once = new LinkedHashSet<>(recipients);
    once.remove(notice.actorId());
    once.remove(null);
    Person actor = notice.actorId() == null ? null : new Person(notice.actorId(), notice.actorName());
    Future<Void> chain = Future.succeededFuture();
    for (String userId : once) {
      Notification notification = new Notification(Ids.newId(), userId, notice.kind(), null, null, null,
          notice.url(), actor, Instant.now(), false, notice.about());
      chain = chain.compose(v -> delivery.deliver(notification));
    }
    return chain;
  }
}
