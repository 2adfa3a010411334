package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.LastSignIn;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Role;
import vn.ngoforum.forum.categories.Category;
import vn.ngoforum.forum.categories.CategoryAccess;
import vn.ngoforum.forum.categories.CategoryRepository;
import vn.ngoforum.forum.common.Ids;
import vn.ngoforum.forum.common.Person;
import vn.ngoforum.forum.notifications.WatchRepository.Watched;

/**
 * Tells the people a new post concerns (mentions, quotes, the thread's author, its watchers) among those who may
 * read it: each notification is stored in MongoDB, then pushed on the person's own address {@code user.{id}} and,
 * when e-mail is on, e-mailed.
 */
public final class Notifier {

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  /** How many people's rights to read a category are checked at once. */
  static final int CHECKS = 50;

  private final PeopleRepository people;
  private final CategoryRepository categories;
  private final LastSignIn signIns;
  private final Memberships memberships;
  private final Delivery delivery;
  private final WatchRepository watches;

  /**
   * With {@code mailer} (may be {@code null}: no e-mail), each notification is also sent by e-mail;
   * {@code memberships} answers who has member rights, for the people a post in a members-only category concerns.
   */
  public Notifier(Vertx vertx, NotificationRepository notifications, PeopleRepository people,
      CategoryRepository categories, LastSignIn signIns, Memberships memberships, Mailer mailer,
      WatchRepository watches) {
    this.people = people;
    this.watches = watches;
    this.categories = categories;
    this.signIns = signIns;
    this.memberships = memberships;
    this.delivery = new Delivery(vertx, notifications, people, signIns, mailer);
  }

  /**
   * After a post is stored: remembers its author (for mentions) and makes them watch the thread unless they chose
   * otherwise before, then tells the people it concerns, once each and never its own author: those it
   * {@code @mentions} ("mention"), the author of the post it quotes ("quote"), the thread's author ("reply"), and
   * whoever watches the thread ("watched.post") or, for a new thread, its category ("watched.thread"). Only people
   * who may read the thread's category are told (see {@link #mayRead}): the others get nothing (no stored
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
              : categories.find(post.category())
                  .compose(category -> mayRead(List.copyOf(recipients.keySet()), category))
                  .compose(readers -> delivery.deliverAll(readers.stream().map(userId -> new Notification(
                      Ids.newId(), userId, recipients.get(userId), post.threadId(), post.title(), post.postId(),
                      post.url(), Person.of(writer), Instant.now(), false)).toList()));
        })
        .onFailure(failure -> LOG.warn("Could not tell the people post {} concerns: {}", post.postId(),
            failure.toString()));
  }

  /**
   * Those of {@code userIds} who may read {@code category} (a category that is gone: nobody): everyone for a public
   * category; for one that is not, each person is checked ({@link #mayRead(String, Category)}), {@value #CHECKS} at
   * a time.
   */
  private Future<List<String>> mayRead(List<String> userIds, Category category) {
    if (category == null) {
      return Future.succeededFuture(List.of());
    }
    if (category.isPublic()) {
      return Future.succeededFuture(userIds);
    }
    List<String> readers = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < userIds.size(); from += CHECKS) {
      List<String> batch = userIds.subList(from, Math.min(userIds.size(), from + CHECKS));
      chain = chain.compose(v -> Future.all(batch.stream().map(userId -> mayRead(userId, category)).toList())
          .onSuccess(answers -> {
            for (int i = 0; i < batch.size(); i++) {
              if (answers.<Boolean>resultAt(i)) {
                readers.add(batch.get(i));
              }
            }
          }).mapEmpty());
    }
    return chain.map(v -> readers);
  }

  /**
   * Whether the person may read {@code category}, which is not public, by the rule readers are held to
   * ({@link CategoryAccess}). Their session is not at hand, so their realm roles are the latest the forum saw:
   * when they last wrote in the forum (remembered with each post) or when they last signed in through the browser,
   * whichever is more recent; someone never seen has none. Organisation memberships are asked live, so a watcher
   * who left the organisation that opened the category to them is told nothing more.
   */
  private Future<Boolean> mayRead(String userId, Category category) {
    return Future.all(people.find(userId), signIns.of(userId))
        .compose(both -> CategoryAccess.mayRead(recipient(userId, both.resultAt(0), both.resultAt(1)), category,
            memberships));
  }

  /** The person as last seen: the more recent of what they showed when writing and at their last sign-in. */
  private static CurrentUser recipient(String userId, KnownPerson writer, LastSignIn.Seen signedIn) {
    Instant wrote = writer == null ? null : writer.rolesAt();
    if (signedIn != null && (wrote == null || signedIn.at().isAfter(wrote))) {
      return signedIn.user();
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (wrote != null) {
      writer.roles().forEach(name -> Role.fromRealmRole(name).ifPresent(roles::add));
    }
    return new CurrentUser(userId, writer == null || writer.username() == null ? userId : writer.username(),
        writer == null || writer.name() == null ? userId : writer.name(), null, null, roles);
  }
}
