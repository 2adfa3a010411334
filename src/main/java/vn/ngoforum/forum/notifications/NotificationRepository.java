package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Keys;
import vn.ngoforum.db.Marker;
import vn.ngoforum.forum.common.Person;

/**
 * The {@code notifications} collection: one document per thing a person is told about ({@link Notification}); and
 * {@code notification_inboxes}, one document per person ({@code {_id: userId, unread, recent: [ids, newest
 * first]}}, at most {@value #RECENT} ids) kept with every notification and "mark all read", so that the inbox and its
 * unread count (asked by every signed-in page's header) are read by key, never by a filter on the whole collection
 * (which the embedded store would scan).
 *
 * <p>A forum upgraded from before the inboxes has notifications no inbox names: {@link #buildInboxes} (a background
 * scan at start-up; idempotent, a no-op once its marker is written) puts them in. Until its marker is there, the
 * inbox is read the old way (a filter on the whole collection), so nobody's notifications are missing meanwhile.
 */
public final class NotificationRepository {

  static final String NOTIFICATIONS = "notifications";
  static final String INBOXES = "notification_inboxes";
  /** How many notification ids an inbox keeps: the newest; the page shows fewer. */
  static final int RECENT = 100;
  /** The key of the marker that says every older notification is in its inbox. */
  private static final String BUILT = "~built";

  private final MongoClient mongo;
  private final Marker inboxesBuilt = new Marker(INBOXES, BUILT);

  /** An inbox as its person sees it: the newest notifications first, and how many are unread. */
  record InboxView(long unread, List<Notification> latest) {
  }

  public NotificationRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  /**
   * Forgets the name of {@code userId} where other people's notifications name them as the actor, or as the applicant
   * of a join request (they closed their account: the inbox shows a former member). A filter on the whole collection, so background work, never a
   * request's; doing it again changes nothing.
   */
  public Future<Void> forgetActor(String userId) {
    return forget("actor", userId).compose(v -> forget("about.applicant", userId));
  }

  /** Unsets the name of the person at {@code path} ({@code {id, name}}) where it is {@code userId}: a scan. */
  private Future<Void> forget(String path, String userId) {
    return mongo.updateCollectionWithOptions(NOTIFICATIONS, new JsonObject().put(path + ".id", userId),
        new JsonObject().put("$unset", new JsonObject().put(path + ".name", "")), new UpdateOptions().setMulti(true))
        .mapEmpty();
  }

  /**
   * Stores the notification, then puts it first in its person's inbox; answers the inbox's unread count after it.
   * The notification is marked {@code inboxed}, so that the migration of older ones never counts it twice.
   */
  Future<Long> insert(Notification notification) {
    return mongo.insert(NOTIFICATIONS, document(notification))
        .compose(v -> mongo.findOneAndUpdateWithOptions(INBOXES, new JsonObject().put("_id", notification.userId()),
            inboxUpdate(notification), new FindOptions(),
            new UpdateOptions().setUpsert(true).setReturningNewDocument(true)))
        .compose(inbox -> inboxesBuilt.isSet(mongo)
            .compose(built -> built ? Future.succeededFuture(inbox == null ? 1L : unreadOf(inbox))
                : unreadByScan(notification.userId())));
  }

  /**
   * Stores many notifications at once (one per person: the watchers of a thread told of a new post) in three
   * writes and reads whatever their number: the notifications in one bulk write, their inboxes in another, then
   * the inboxes' unread counts by {@code _id $in}. Answers each person's unread count after it. (While older
   * notifications are still being put into their inboxes, the count is the inbox's, which may be low until then.)
   */
  Future<Map<String, Long>> insertAll(List<Notification> batch) {
    if (batch.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    List<BulkOperation> inserts = batch.stream().map(n -> BulkOperation.createInsert(document(n))).toList();
    List<BulkOperation> inboxes = batch.stream().map(n -> BulkOperation.createUpdate(
        new JsonObject().put("_id", n.userId()), inboxUpdate(n), true, false)).toList();
    JsonArray people = new JsonArray(batch.stream().map(Notification::userId).distinct().toList());
    return mongo.bulkWrite(NOTIFICATIONS, inserts)
        .compose(v -> mongo.bulkWrite(INBOXES, inboxes))
        .compose(v -> mongo.findWithOptions(INBOXES, new JsonObject().put("_id", new JsonObject().put("$in", people)),
            new FindOptions().setFields(new JsonObject().put("unread", 1))))
        .map(docs -> {
          Map<String, Long> unread = new HashMap<>();
          docs.forEach(doc -> unread.put(doc.getString("_id"), unreadOf(doc)));
          return unread;
        });
  }

  /** A notification as stored, marked {@code inboxed} (the migration of older ones never counts it twice). */
  private static JsonObject document(Notification notification) {
    JsonObject doc = new JsonObject()
        .put("_id", notification.id())
        .put("userId", notification.userId())
        .put("type", notification.kind())
        .put("threadId", notification.threadId())
        .put("title", notification.title())
        .put("postId", notification.postId())
        .put("url", notification.url())
        .put("actor", notification.actor() == null ? null : notification.actor().toJson())
        .put("at", Dates.of(notification.at()))
        .put("read", notification.read())
        .put("inboxed", true);
    if (notification.about() != null) {
      doc.put("about", notification.about());
    }
    return doc;
  }

  /** Puts the notification first in its person's inbox and counts it when unread. */
  private static JsonObject inboxUpdate(Notification notification) {
    return new JsonObject()
        .put("$inc", new JsonObject().put("unread", notification.read() ? 0 : 1))
        .put("$push", new JsonObject().put("recent", new JsonObject()
            .put("$each", new JsonArray().add(notification.id())).put("$position", 0).put("$slice", RECENT)));
  }

  /** A person's newest notifications first (at most {@code limit}), and how many are unread. */
  Future<InboxView> inbox(String userId, int limit) {
    return inboxesBuilt.isSet(mongo).compose(built -> built ? inboxByKey(userId, limit) : inboxByScan(userId, limit));
  }

  /**
   * Marks the person's notifications read: the inbox's count goes to 0 and the notifications it names are marked
   * read (by key). A notification arriving meanwhile counts as unread after it.
   */
  Future<Void> markAllRead(String userId) {
    return mongo.findOneAndUpdateWithOptions(INBOXES, new JsonObject().put("_id", userId),
            new JsonObject().put("$set", new JsonObject().put("unread", 0)), new FindOptions(),
            new UpdateOptions().setReturningNewDocument(false))
        .compose(before -> before == null ? Future.succeededFuture()
            : mongo.updateCollectionWithOptions(NOTIFICATIONS, new JsonObject().put("_id", new JsonObject()
                    .put("$in", before.getJsonArray("recent", new JsonArray()))),
                new JsonObject().put("$set", new JsonObject().put("read", true)),
                new UpdateOptions().setMulti(true)))
        .compose(v -> inboxesBuilt.isSet(mongo))
        .compose(built -> built ? Future.<Void>succeededFuture() : mongo.updateCollectionWithOptions(NOTIFICATIONS,
            new JsonObject().put("userId", userId).put("read", false),
            new JsonObject().put("$set", new JsonObject().put("read", true)),
            new UpdateOptions().setMulti(true)).mapEmpty());
  }

  /**
   * Marks read those of {@code ids} that are the person's own notifications (anyone else's, and unknown ids, are
   * left alone) and takes them off the inbox's unread count; answers the count after it. Each is read and marked by
   * key, and counted only when this call is the one that turned it read, so two calls marking the same one take
   * it off once.
   */
  Future<Long> markRead(String userId, List<String> ids) {
    Future<Integer> marked = ids.isEmpty() ? Future.succeededFuture(0)
        : mongo.findWithOptions(NOTIFICATIONS, new JsonObject().put("_id", new JsonObject()
                .put("$in", new JsonArray(new ArrayList<>(ids)))),
                new FindOptions().setFields(new JsonObject().put("userId", 1).put("read", 1)))
            .compose(docs -> {
              List<Future<JsonObject>> turned = docs.stream()
                  .filter(doc -> userId.equals(doc.getString("userId")) && !doc.getBoolean("read", false))
                  .map(doc -> mongo.findOneAndUpdateWithOptions(NOTIFICATIONS,
                      new JsonObject().put("_id", doc.getString("_id")),
                      new JsonObject().put("$set", new JsonObject().put("read", true)), new FindOptions()
                          .setFields(new JsonObject().put("read", 1)),
                      new UpdateOptions().setReturningNewDocument(false)))
                  .toList();
              return Future.all(turned).map(all -> (int) turned.stream()
                  .map(Future::result).filter(before -> before != null && !before.getBoolean("read", false))
                  .count());
            });
    return marked.compose(count -> count == 0 ? unread(userId) : mongo.findOneAndUpdateWithOptions(INBOXES,
            new JsonObject().put("_id", userId), new JsonObject().put("$inc", new JsonObject().put("unread", -count)),
            new FindOptions(), new UpdateOptions().setReturningNewDocument(true))
        .compose(inbox -> inbox == null || inbox.getLong("unread", 0L) >= 0 ? Future.<Void>succeededFuture()
            // Read one by one after "mark all read" made the count 0: it never goes below.
            : mongo.updateCollection(INBOXES, new JsonObject().put("_id", userId),
                new JsonObject().put("$max", new JsonObject().put("unread", 0))).mapEmpty())
        .compose(v -> unread(userId)));
  }

  /** How many of the person's notifications are unread. */
  Future<Long> unread(String userId) {
    return inboxesBuilt.isSet(mongo).compose(built -> built
        ? mongo.findOne(INBOXES, new JsonObject().put("_id", userId), new JsonObject().put("unread", 1))
            .map(inbox -> inbox == null ? 0L : unreadOf(inbox))
        : unreadByScan(userId));
  }

  /** The notifications at {@code ids} that still exist, newest first (one read by {@code _id $in}). */
  Future<List<Notification>> byIds(List<String> ids) {
    return Keys.findAll(mongo, NOTIFICATIONS, ids, null, NotificationRepository::notification)
        .map(found -> found.stream()
            .sorted(Comparator.comparing(Notification::at, Comparator.nullsLast(Comparator.reverseOrder())))
            .toList());
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(NOTIFICATIONS, new JsonObject().put("userId", 1).put("read", 1).put("at", -1));
  }

  /**
   * Puts every notification stored before the inboxes existed into its person's inbox (after those it already
   * names: they are newer), adding its unread ones to the count, then writes the marker: the start-up migration. It
   * reads the whole collection once (background work); each inbox is migrated at most once (its {@code migrated}
   * flag), and notifications written since the inboxes are never counted twice ({@code inboxed}). Answers how many
   * older notifications it found (0 when it had run before).
   */
  public Future<Integer> buildInboxes() {
    return inboxesBuilt.isSet(mongo).compose(built -> {
      if (built) {
        return Future.succeededFuture(0);
      }
      return mongo.findWithOptions(NOTIFICATIONS, new JsonObject().put("inboxed", new JsonObject()
                  .put("$ne", true)),
              new FindOptions().setFields(new JsonObject().put("userId", 1).put("at", 1).put("read", 1)))
          .compose(docs -> {
            Map<String, List<JsonObject>> byPerson = new HashMap<>();
            docs.stream().filter(doc -> doc.getString("userId") != null)
                .forEach(doc -> byPerson.computeIfAbsent(doc.getString("userId"), k -> new ArrayList<>()).add(doc));
            Future<Void> chain = Future.succeededFuture();
            for (Map.Entry<String, List<JsonObject>> person : byPerson.entrySet()) {
              chain = chain.compose(v -> migrate(person.getKey(), person.getValue()));
            }
            return chain.compose(v -> inboxesBuilt.set(mongo, new JsonObject().put("notifications", docs.size())))
                .map(v -> docs.size());
          });
    });
  }

  private Future<Void> migrate(String userId, List<JsonObject> older) {
    List<String> newestFirst = older.stream()
        .sorted(Comparator.comparing((JsonObject doc) -> Dates.instant(doc.getValue("at")),
            Comparator.nullsLast(Comparator.reverseOrder())))
        .map(doc -> doc.getString("_id")).limit(RECENT).toList();
    long unread = older.stream().filter(doc -> !doc.getBoolean("read", false)).count();
    JsonObject update = new JsonObject()
        .put("$inc", new JsonObject().put("unread", unread))
        .put("$push", new JsonObject().put("recent", new JsonObject()
            .put("$each", new JsonArray(new ArrayList<>(newestFirst))).put("$slice", RECENT)))
        .put("$set", new JsonObject().put("migrated", true));
    return mongo.updateCollectionWithOptions(INBOXES, new JsonObject().put("_id", userId),
            new JsonObject().put("$setOnInsert", new JsonObject().put("unread", 0).put("recent", new JsonArray())),
            new UpdateOptions().setUpsert(true))
        .compose(v -> mongo.updateCollection(INBOXES, new JsonObject().put("_id", userId)
            .put("migrated", new JsonObject().put("$ne", true)), update))
        .mapEmpty();
  }

  private Future<InboxView> inboxByKey(String userId, int limit) {
    return mongo.findOne(INBOXES, new JsonObject().put("_id", userId), null).compose(inbox -> {
      if (inbox == null) {
        return Future.succeededFuture(new InboxView(0, List.of()));
      }
      List<String> ids = inbox.getJsonArray("recent", new JsonArray()).stream().limit(limit).map(String::valueOf)
          .toList();
      return byIds(ids).map(latest -> new InboxView(unreadOf(inbox), latest));
    });
  }

  private Future<InboxView> inboxByScan(String userId, int limit) {
    return Future.all(
            mongo.findWithOptions(NOTIFICATIONS, new JsonObject().put("userId", userId),
                    new FindOptions().setSort(new JsonObject().put("at", -1)).setLimit(limit))
                .map(docs -> docs.stream().map(NotificationRepository::notification).toList()),
            unreadByScan(userId))
        .map(both -> new InboxView(both.<Long>resultAt(1), both.resultAt(0)));
  }

  private Future<Long> unreadByScan(String userId) {
    return mongo.count(NOTIFICATIONS, new JsonObject().put("userId", userId).put("read", false));
  }

  private static long unreadOf(JsonObject inbox) {
    return Math.max(0, inbox.getLong("unread", 0L));
  }

  private static Notification notification(JsonObject doc) {
    return new Notification(doc.getString("_id"), doc.getString("userId"), doc.getString("type"),
        doc.getString("threadId"), doc.getString("title"), doc.getString("postId"), doc.getString("url"),
        Person.from(doc.getJsonObject("actor")), Dates.instant(doc.getValue("at")), doc.getBoolean("read", false),
        doc.getJsonObject("about"));
  }
}
