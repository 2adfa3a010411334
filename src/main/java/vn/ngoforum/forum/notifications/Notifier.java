package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
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

/**
 * Tells the people a new post concerns (mentions, quotes, the thread's author) among those who may read it: each
 * notification is stored in MongoDB, then pushed on the person's own address {@code user.{id}} and, when e-mail is
 * on, e-mailed.
 */
public final class Notifier {

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

  private final PeopleRepository people;
  private final CategoryRepository categories;
  private final LastSignIn signIns;
  private final Memberships memberships;
  private final Delivery delivery;

  /**
   * With {@code mailer} (may be {@code null}: no e-mail), each notification is also sent by e-mail;
   * {@code memberships} answers who has member rights, for the people a post in a members-only category concerns.
   */
  public Notifier(Vertx vertx, NotificationRepository notifications, PeopleRepository people,
      CategoryRepository categories, LastSignIn signIns, Memberships memberships, Mailer mailer) {
    this.people = people;
    this.categories = categories;
    this.signIns = signIns;
    this.memberships = memberships;
    this.delivery = new Delivery(vertx, notifications, people, signIns, mailer);
  }

  /**
   * After a post is stored: remembers its author (for mentions), then tells the people it concerns, once each and
   * never its own author: those it {@code @mentions} ("mention"), the author of the post it quotes ("quote"), the
   * thread's author ("reply"). Only people who may read the thread's category are told (see {@link #mayRead});
   * the others get nothing: no stored notification, no live push, no e-mail. Each notification is stored, then
   * pushed on {@code user.{id}}, one person after the other. A failure here is logged and does not undo the post.
   */
  public void postWritten(PostWritten post, CurrentUser writer) {
    List<String> names = Mentions.in(post.text());
    people.remember(writer)
        .compose(v -> names.isEmpty() ? Future.succeededFuture(List.<KnownPerson>of()) : people.byUsernames(names))
        .compose(mentioned -> {
          Map<String, String> recipients = new LinkedHashMap<>();
          mentioned.forEach(person -> recipients.putIfAbsent(person.id(), "mention"));
          if (post.quotedAuthorId() != null) {
            recipients.putIfAbsent(post.quotedAuthorId(), "quote");
          }
          if (post.threadAuthorId() != null && post.number() > 1) {
            recipients.putIfAbsent(post.threadAuthorId(), "reply");
          }
          recipients.remove(writer.id());
          return recipients.isEmpty() ? Future.succeededFuture()
              : categories.find(post.category()).compose(category -> {
                Future<Void> chain = Future.succeededFuture();
                for (Map.Entry<String, String> recipient : recipients.entrySet()) {
                  chain = chain.compose(v -> mayRead(recipient.getKey(), category)
                      .compose(allowed -> allowed
                          ? notify(recipient.getKey(), recipient.getValue(), post, writer)
                          : Future.succeededFuture()));
                }
                return chain;
              });
        })
        .onFailure(failure -> LOG.warn("Could not tell the people post {} concerns: {}", post.postId(),
            failure.toString()));
  }

  /**
   * Whether the person may read {@code category} (a category that is gone: nobody), by the rule readers are held
   * to ({@link CategoryAccess}). Their session is not at hand, so their realm roles are the latest the forum saw:
   * when they last wrote in the forum (remembered with each post) or when they last signed in through the browser,
   * whichever is more recent; someone never seen has none. Organisation memberships are asked live.
   */
  private Future<Boolean> mayRead(String userId, Category category) {
    if (category == null) {
      return Future.succeededFuture(false);
    }
    if (category.isPublic()) {
      return Future.succeededFuture(true);
    }
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

  private Future<Void> notify(String userId, String type, PostWritten post, CurrentUser actor) {
    return delivery.deliver(new Notification(Ids.newId(), userId, type, post.threadId(), post.title(),
        post.postId(), post.url(), Person.of(actor), Instant.now(), false));
  }
}
