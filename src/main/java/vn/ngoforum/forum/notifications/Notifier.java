package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.LastSignIn;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.forum.categories.CategoryRepository;
import vn.ngoforum.forum.common.Ids;
import vn.ngoforum.forum.common.Person;
import vn.ngoforum.forum.notifications.WatchRepository.Watched;

/**
 * Tells the people a new post concerns (mentions, quotes, the thread's author, its watchers) among those who may
 * read it: each notification is stored in MongoDB, then pushed on the person's own address {@code user.{id}} and
 * e-mailed at once or in the daily digest, as the person chose for its topic ({@link Preferences}).
 */
public final class Notifier {

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  private final PeopleRepository people;
  private final Readers readers;
  private final Delivery delivery;
  private final WatchRepository watches;

  /**
   * Each notification also goes where its person chose ({@code outbox}: e-mail at once, the daily digest);
   * {@code memberships} answers who has member rights, for the people a post in a members-only category concerns.
   */
  public Notifier(Vertx vertx, NotificationRepository notifications, PeopleRepository people,
      CategoryRepository categories, LastSignIn signIns, Memberships memberships, Outbox outbox,
      WatchRepository watches) {
    this.people = people;
    this.watches = watches;
    this.readers = new Readers(people, categories, signIns, memberships);
    this.delivery = new Delivery(vertx, notifications, outbox);
  }

  /**
   * After a post is stored: remembers its author (for mentions) and makes them watch the thread unless they chose
   * otherwise before, then tells the people it concerns, once each and never its own author: those it
   * {@code @mentions} ("mention"), the author of the post it quotes ("quote"), the thread's author ("reply"), and
   * whoever watches the thread ("watched.post") or, for a new thread, its category ("watched.thread"). Only people
   * who may read the thread's category are told (see {@link Readers}): the others get nothing (no stored
   * notification, no live push, no e-mail). The notifications are stored in bulk ({@link Delivery#deliverAll}), off
   * the request that wrote the post. A failure here is logged and does not undo the post.
   */
  public void postWritten(PostWritten post, CurrentUser writer) {
    List<String> names = Mentions.in(post.text());
    Watched thread = Watched.thread(post.threadId());
    List<Watched> watched = post.number() > 1 ? List.of(thread) : List.of(thread, Watched.category(post.category()));
    people.remember(writer)
        .compose(v -> watches.byDefault(writer.id(), thread))
        .compose(v -> Future.all(names.isEmpty() ? Future.succeededFuture(List.<KnownPerson>of())
            : people.byUsernames(names), watches.watchersOf(watched)))
        .compose(both -> {
          Map<String, String> recipients = new LinkedHashMap<>();
          both.<List<KnownPerson>>resultAt(0).forEach(person -> recipients.putIfAbsent(person.id(), "mention"));
          if (post.quotedAuthorId() != null) {
            recipients.putIfAbsent(post.quotedAuthorId(), "quote");
          }
          if (post.threadAuthorId() != null && post.number() > 1) {
            recipients.putIfAbsent(post.threadAuthorId(), "reply");
          }
          String watching = post.number() > 1 ? "watched.post" : "watched.thread";
          both.<Set<String>>resultAt(1).forEach(watcher -> recipients.putIfAbsent(watcher, watching));
          recipients.remove(writer.id());
          return recipients.isEmpty() ? Future.succeededFuture()
              : readers.of(List.copyOf(recipients.keySet()), post.category())
                  .compose(told -> delivery.deliverAll(told.stream().map(userId -> new Notification(
                      Ids.newId(), userId, recipients.get(userId), post.threadId(), post.title(), post.postId(),
                      post.url(), Person.of(writer), Instant.now(), false)).toList()));
        })
        .onFailure(failure -> LOG.warn("Could not tell the people post {} concerns: {}", post.postId(),
            failure.toString()));
  }
}
