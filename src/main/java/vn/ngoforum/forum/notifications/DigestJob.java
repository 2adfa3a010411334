package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.db.Lease;
import vn.ngoforum.forum.notifications.DigestRepository.Waiting;
import vn.ngoforum.forum.notifications.Preferences.Channel;
import vn.ngoforum.web.I18n;

/**
 * The daily digest: once a day, from the configured hour in Asia/Ho_Chi_Minh, one e-mail per person with the
 * notifications of the topics they hear of by digest that came since their last digest.
 *
 * <p>Exactly one node of a cluster sends it: every node looks every {@link #CHECK}, and the one that takes the
 * {@link Lease} {@value #LEASE} (an atomic write on its {@code _id} in MongoDB, held for {@link #TERM} and renewed
 * while it works) does the day's digest and marks the day done; the others find the lease held or the day done.
 *
 * <p>Never twice: before a person's e-mail goes, the mark "their digest of this day is claimed" is inserted by key
 * ({@link DigestRepository#claim}); a second node, or this one after a restart, finds it and sends nothing. The
 * order is claim, take the notifications off their waiting list, send, mark sent. So a node that dies between the
 * claim and the mail server's answer leaves that person without that day's e-mail (at most once, never twice; the
 * notifications are in their inbox all the same, and the claim says {@code sending}); dying before the notifications
 * were taken off leaves them waiting for the next day's digest. A mail server that refuses the e-mail puts them
 * back for the next day.
 */
public final class DigestJob {

  static final String LEASE = "notification-digest";
  static final Duration CHECK = Duration.ofMinutes(5);
  static final Duration TERM = Duration.ofMinutes(10);
  /** The lease is renewed after this many people's digests. */
  static final int RENEW_EVERY = 50;
  private static final Duration FIRST = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(DigestJob.class);

  private final DigestRepository digests;
  private final PreferenceRepository preferences;
  private final NotificationRepository notifications;
  private final Outbox outbox;
  private final Mailer mailer;
  private final Lease lease;
  private final Clock clock;
  private final int hour;
  private final AtomicBoolean running = new AtomicBoolean();

  /**
   * The job of one node ({@code node}, a name of its own) on the forum's {@code mongo}, sending through
   * {@code mailer} from {@code hour} o'clock (Asia/Ho_Chi_Minh) by {@code clock}.
   */
  DigestJob(MongoClient mongo, Outbox outbox, Mailer mailer, Clock clock, int hour, String node) {
    this.digests = new DigestRepository(mongo);
    this.preferences = new PreferenceRepository(mongo);
    this.notifications = new NotificationRepository(mongo);
    this.outbox = outbox;
    this.mailer = mailer;
    this.lease = new Lease(mongo, LEASE, node);
    this.clock = clock;
    this.hour = hour;
  }

  /** Starts the node's digest job, when e-mail is on: a look every {@link #CHECK}. */
  public static void start(Vertx vertx, MongoClient mongo, AppConfig config) {
    Mailer mailer = Mailer.create(vertx, config);
    if (mailer == null) {
      return;
    }
    DigestJob job = new DigestJob(mongo, Outbox.create(vertx, mongo, config), mailer, Clock.systemUTC(),
        config.smtp().digestHour(), UUID.randomUUID().toString());
    vertx.setPeriodic(FIRST.toMillis(), CHECK.toMillis(), id -> job.runIfDue()
        .onFailure(failure -> LOG.warn("The daily digest failed (tried again in {} min): {}", CHECK.toMinutes(),
            failure.toString())));
  }

  /**
   * Sends today's digest (Asia/Ho_Chi_Minh) when it is due and not done and this node takes the lease; answers how
   * many e-mails this call sent (0 when it was not due, was done, or another node holds the lease).
   */
  Future<Integer> runIfDue() {
    ZonedDateTime now = clock.instant().atZone(I18n.FORUM_ZONE);
    if (now.getHour() < hour || !running.compareAndSet(false, true)) {
      return Future.succeededFuture(0);
    }
    LocalDate day = now.toLocalDate();
    return digests.isDone(day)
        .compose(done -> done ? Future.<Boolean>succeededFuture(false) : lease.take(clock.instant(), TERM))
        .compose(held -> !held ? Future.<Integer>succeededFuture(0) : run(day)
            .compose(sent -> digests.done(day, sent).map(sent))
            .eventually(() -> lease.release(clock.instant())))
        .onComplete(result -> running.set(false));
  }

  /** Everyone's digest of {@code day}, one person after another; stops when the lease is lost. */
  private Future<Integer> run(LocalDate day) {
    return digests.waiting().compose(waiting -> {
      AtomicInteger sent = new AtomicInteger();
      Future<Boolean> chain = Future.succeededFuture(true);
      for (int i = 0; i < waiting.size(); i++) {
        Waiting person = waiting.get(i);
        boolean renew = i > 0 && i % RENEW_EVERY == 0;
        chain = chain
            .compose(held -> held && renew ? lease.take(clock.instant(), TERM) : Future.<Boolean>succeededFuture(held))
            .compose(held -> !held ? Future.<Boolean>succeededFuture(false) : digest(day, person)
                .map(mailed -> {
                  if (mailed) {
                    sent.incrementAndGet();
                  }
                  return true;
                }));
      }
      return chain.compose(held -> held ? Future.<Integer>succeededFuture(sent.get())
          : Future.<Integer>failedFuture("another node took the digest's lease over"));
    });
  }

  /**
   * One person's digest: the notifications waiting for it (unless they have since chosen "in the forum only" or
   * "off" for its topic), claimed, taken off the waiting list, then e-mailed. Answers whether an e-mail went out.
   */
  private Future<Boolean> digest(LocalDate day, Waiting person) {
    return Future.all(preferences.of(person.userId()), notifications.byIds(person.ids()),
            outbox.address(person.userId()))
        .compose(all -> {
          Preferences chosen = all.resultAt(0);
          List<Notification> told = all.<List<Notification>>resultAt(1).stream()
              .filter(n -> chosen.channelOf(n.kind()) == Channel.DIGEST || chosen.channelOf(n.kind()) == Channel.EMAIL)
              .toList();
          String address = all.resultAt(2);
          if (told.isEmpty() || address == null) {
            return digests.take(person.userId(), person.ids()).map(false);
          }
          List<String> ids = told.stream().map(Notification::id).toList();
          return digests.claim(day, person.userId(), ids).compose(mine -> !mine ? Future.<Boolean>succeededFuture(false)
              : digests.take(person.userId(), person.ids())
                  .compose(v -> mailer.sendDigest(address, person.userId(), day, told).map(true)
                      .recover(failure -> {
                        LOG.warn("Could not e-mail {} their digest of {} (its notifications wait for the next one):"
                            + " {}", person.userId(), day, failure.toString());
                        return digests.failed(day, person.userId(), ids).map(false);
                      }))
                  .compose(mailed -> mailed ? digests.sent(day, person.userId()).map(true)
                      : Future.<Boolean>succeededFuture(false)));
        });
  }
}
