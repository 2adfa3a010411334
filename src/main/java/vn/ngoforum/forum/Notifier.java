package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
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
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.realtime.LiveEvent;

/**
 * The forum's notifications: who a new post concerns (mentions, quotes, the thread's author) among those who may
 * read it, stored in MongoDB and then pushed on the person's own address {@code user.{id}}; the inbox and "mark all
 * read".
 */
final class Notifier {

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  private static final int NOTIFICATIONS_SHOWN = 50;

  private final Vertx vertx;
  private final NotificationRepository notifications;
  private final PeopleRepository people;
  private final CategoryRepository categories;
  private final LastSignIn signIns;
  private final Memberships memberships;
  private final Mailer mailer;

  /**
   * With {@code mailer} (may be {@code null}: no e-mail), each notification is also sent by e-mail;
   * {@code memberships} answers who has member rights, for the people a post in a members-only category concerns.
   */
  Notifier(Vertx vertx, MongoClient mongo, Mailer mailer, Memberships memberships) {
    this.vertx = vertx;
    this.mailer = mailer;
    this.memberships = memberships;
    this.notifications = new NotificationRepository(mongo);
    this.people = new PeopleRepository(mongo);
    this.categories = new CategoryRepository(mongo);
    this.signIns = new LastSignIn(mongo);
  }

  /** When the person first wrote in the forum ({@code null}: never). */
  Future<java.time.Instant> firstSeen(CurrentUser user) {
    return people.firstSeen(user);
  }

  /** People whose username or name starts with {@code prefix}: {@code [{username, name}]}. */
  Future<List<JsonObject>> peopleStartingWith(String prefix, int limit) {
    return people.startingWith(prefix, limit).map(list -> list.stream()
        .map(doc -> new JsonObject().put("username", doc.getString("username")).put("name", doc.getString("name")))
        .toList());
  }

  /** The person's notifications, newest first, and how many are unread. */
  Future<JsonObject> inbox(CurrentUser user) {
    return Future.all(notifications.latest(user.id(), NOTIFICATIONS_SHOWN), notifications.unread(user.id()))
        .map(both -> new JsonObject()
            .put("unread", both.<Long>resultAt(1))
            .put("notifications", new JsonArray(both.<List<JsonObject>>resultAt(0).stream()
                .map(Notifier::notificationView).toList())));
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
   * After a post is stored: remembers its author (for mentions), then tells the people it concerns, once each and
   * never its own author: those it {@code @mentions} ("mention"), the author of the post it quotes ("quote"), the
   * thread's author ("reply"). Only people who may read the thread's category are told (see {@link #mayRead});
   * the others get nothing: no stored notification, no live push, no e-mail. Each notification is stored, then
   * pushed on {@code user.{id}}, one person after the other. A failure here is logged and does not undo the post.
   */
  void postWritten(JsonObject thread, CurrentUser writer, JsonObject post, String text,
      JsonObject quotedAuthor) {
    List<String> names = Mentions.in(text);
    people.remember(writer)
        .compose(v -> names.isEmpty() ? Future.succeededFuture(List.<JsonObject>of()) : people.byUsernames(names))
        .compose(mentioned -> {
          Map<String, String> recipients = new LinkedHashMap<>();
          mentioned.forEach(person -> recipients.putIfAbsent(person.getString("_id"), "mention"));
          if (quotedAuthor != null) {
            recipients.putIfAbsent(quotedAuthor.getString("id"), "quote");
          }
          JsonObject threadAuthor = thread.getJsonObject("author");
          if (threadAuthor != null && post.getInteger("number") > 1) {
            recipients.putIfAbsent(threadAuthor.getString("id"), "reply");
          }
          recipients.remove(writer.id());
          return recipients.isEmpty() ? Future.succeededFuture()
              : categories.find(thread.getString("category")).compose(category -> {
                Future<Void> chain = Future.succeededFuture();
                for (Map.Entry<String, String> recipient : recipients.entrySet()) {
                  chain = chain.compose(v -> mayRead(recipient.getKey(), category)
                      .compose(allowed -> allowed
                          ? notify(recipient.getKey(), recipient.getValue(), thread, writer, post)
                          : Future.succeededFuture()));
                }
                return chain;
              });
        })
        .onFailure(failure -> LOG.warn("Could not tell the people post {} concerns: {}", post.getString("id"),
            failure.toString()));
  }

  /**
   * Whether the person may read {@code category} (a category that is gone: nobody), by the rule readers are held
   * to ({@link CategoryAccess}). Their session is not at hand, so their realm roles are the latest the forum saw:
   * when they last wrote in the forum (remembered with each post) or when they last signed in through the browser,
   * whichever is more recent; someone never seen has none. Organisation memberships are asked live.
   */
  private Future<Boolean> mayRead(String userId, JsonObject category) {
    if (category == null) {
      return Future.succeededFuture(false);
    }
    if (CategoryAccess.isPublic(category)) {
      return Future.succeededFuture(true);
    }
    return Future.all(people.find(userId), signIns.of(userId))
        .compose(both -> CategoryAccess.mayRead(recipient(userId, both.resultAt(0), both.resultAt(1)), category,
            memberships));
  }

  /** The person as last seen: the more recent of what they showed when writing and at their last sign-in. */
  private static CurrentUser recipient(String userId, JsonObject writer, LastSignIn.Seen signedIn) {
    Instant wrote = writer == null || writer.getValue("rolesAt") == null ? null
        : Instant.parse(ThreadService.iso(writer.getValue("rolesAt")));
    if (signedIn != null && (wrote == null || signedIn.at().isAfter(wrote))) {
      return signedIn.user();
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (wrote != null) {
      writer.getJsonArray("roles", new JsonArray()).forEach(name -> Role.fromRealmRole(String.valueOf(name))
          .ifPresent(roles::add));
    }
    return new CurrentUser(userId, writer == null ? userId : writer.getString("username", userId),
        writer == null ? userId : writer.getString("name", userId), null, null, roles);
  }

  private Future<Void> notify(String userId, String type, JsonObject thread, CurrentUser actor, JsonObject post) {
    JsonObject notification = new JsonObject()
        .put("_id", ThreadService.newId())
        .put("userId", userId)
        .put("type", type)
        .put("threadId", thread.getString("_id"))
        .put("title", thread.getString("title"))
        .put("postId", post.getString("id"))
        .put("url", post.getString("url"))
        .put("actor", new JsonObject().put("id", actor.id()).put("name", actor.name()))
        .put("at", ThreadRepository.date(Instant.now()))
        .put("read", false);
    return notifications.insert(notification)
        .compose(v -> notifications.unread(userId))
        .onSuccess(unread -> LiveEvent.publish(vertx, Addresses.user(userId), new JsonObject()
            .put("type", "notification").put("unread", unread).put("notification", notificationView(notification))))
        .onSuccess(unread -> email(userId, type, notification))
        .<Void>mapEmpty()
        .recover(failure -> {
          LOG.warn("Could not notify {} about post {}: {}", userId, post.getString("id"), failure.toString());
          return Future.succeededFuture();
        });
  }

  /** The e-mail copy, when e-mail is on and the person has an address; a failure is logged, never retried. */
  private void email(String userId, String type, JsonObject notification) {
    if (mailer == null) {
      return;
    }
    people.email(userId)
        .compose(address -> address == null ? Future.succeededFuture()
            : mailer.send(address, type, notification))
        .onFailure(failure -> LOG.warn("Could not e-mail notification {} to {}: {}", notification.getString("_id"),
            userId, failure.toString()));
  }

  private static JsonObject notificationView(JsonObject doc) {
    return new JsonObject()
        .put("id", doc.getString("_id"))
        .put("type", doc.getString("type"))
        .put("threadId", doc.getString("threadId"))
        .put("title", doc.getString("title"))
        .put("postId", doc.getString("postId"))
        .put("url", doc.getString("url"))
        .put("actor", doc.getJsonObject("actor"))
        .put("at", ThreadService.iso(doc.getValue("at")))
        .put("read", doc.getBoolean("read", false));
  }
}
