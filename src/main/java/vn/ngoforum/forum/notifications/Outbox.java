package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.auth.LastSignIn;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.forum.notifications.Preferences.Channel;

/**
 * Where a notification goes besides the inbox, as its person chose for its topic ({@link Preferences}): nowhere at
 * all ({@code off}), an e-mail at once, or a line in the next daily digest. E-mail needs an SMTP server
 * ({@link Mailer}); without one ({@code mailer} {@code null}), nothing is e-mailed or queued for a digest, whatever
 * the choice.
 */
public record Outbox(PreferenceRepository preferences, DigestRepository digests, PeopleRepository people,
    LastSignIn signIns, Mailer mailer) {

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  /** The outbox of the forum on {@code mongo}, e-mailing through the configuration's SMTP server when there is one. */
  public static Outbox create(Vertx vertx, MongoClient mongo, AppConfig config) {
    return new Outbox(new PreferenceRepository(mongo), new DigestRepository(mongo), new PeopleRepository(mongo),
        new LastSignIn(mongo), Mailer.create(vertx, config));
  }

  /** The channel each person chose for their notification (one per person), read in one go. */
  Future<Map<String, Channel>> channels(List<Notification> notifications) {
    return preferences.of(notifications.stream().map(Notification::userId).distinct().toList()).map(chosen -> {
      Map<String, Channel> channels = new HashMap<>();
      notifications.forEach(n -> channels.put(n.userId(),
          chosen.getOrDefault(n.userId(), Preferences.DEFAULTS).channelOf(n.kind())));
      return channels;
    });
  }

  /**
   * After the notifications are stored: e-mails those whose person chose e-mail at once (not waited for), and queues
   * for the digest those whose person chose the digest (one write for all of them; done when the answer is). A
   * failure is logged, never passed on.
   */
  Future<Void> forward(List<Notification> stored, Map<String, Channel> channels) {
    if (mailer == null) {
      return Future.succeededFuture();
    }
    stored.stream().filter(n -> channels.get(n.userId()) == Channel.EMAIL).forEach(this::email);
    List<Notification> digest = stored.stream().filter(n -> channels.get(n.userId()) == Channel.DIGEST).toList();
    return digests.queue(digest).recover(failure -> {
      LOG.warn("Could not queue {} notifications for the digest: {}", digest.size(), failure.toString());
      return Future.succeededFuture();
    });
  }

  /**
   * The person's e-mail address, when the forum knows it: from what they wrote, else from their last sign-in (an
   * organisation's admin may never have written); {@code null} when neither, and for a person who closed their
   * account (no e-mail reaches them any more, a digest queued before included).
   */
  Future<String> address(String userId) {
    return people.mailbox(userId).compose(mailbox -> !mailbox.reachable() ? Future.succeededFuture(null)
        : mailbox.email() != null ? Future.succeededFuture(mailbox.email())
        : signIns.of(userId).map(seen -> seen == null ? null : seen.user().email()));
  }

  /** The e-mail copy at once; a failure is logged, never retried. */
  private void email(Notification notification) {
    address(notification.userId())
        .compose(address -> address == null ? Future.succeededFuture() : mailer.send(address, notification))
        .onFailure(failure -> LOG.warn("Could not e-mail notification {} to {}: {}", notification.id(),
            notification.userId(), failure.toString()));
  }
}
