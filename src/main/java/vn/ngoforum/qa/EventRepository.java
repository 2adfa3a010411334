package vn.ngoforum.qa;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;
import vn.ngoforum.db.Mongo;

/** The {@code events} (workshops) and {@code sessions} (their agenda items) collections. */
final class EventRepository {

  static final String EVENTS = "events";
  static final String SESSIONS = "sessions";

  private final MongoClient mongo;

  EventRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** The newest events first. */
  Future<List<JsonObject>> latestEvents(int limit) {
    return mongo.findWithOptions(EVENTS, new JsonObject(),
        new FindOptions().setSort(new JsonObject().put("startsAt", -1)).setLimit(limit));
  }

  Future<Long> countEvents() {
    return mongo.count(EVENTS, new JsonObject());
  }

  Future<JsonObject> event(String id) {
    return mongo.findOne(EVENTS, new JsonObject().put("_id", id), null);
  }

  Future<JsonObject> session(String id) {
    return mongo.findOne(SESSIONS, new JsonObject().put("_id", id), null);
  }

  /** The sessions of an event in agenda order. */
  Future<List<JsonObject>> sessionsOf(String eventId) {
    return mongo.findWithOptions(SESSIONS, new JsonObject().put("eventId", eventId),
        new FindOptions().setSort(new JsonObject().put("startsAt", 1).put("_id", 1)));
  }

  Future<Void> insert(String collection, JsonObject doc) {
    return mongo.insert(collection, doc).mapEmpty();
  }

  Future<Void> insertIfAbsent(String collection, JsonObject doc) {
    return mongo.insert(collection, doc)
        .<Void>mapEmpty()
        .recover(failure -> Mongo.isDuplicateKey(failure) ? Future.succeededFuture() : Future.failedFuture(failure));
  }

  /**
   * Takes the session's next sequence number: one atomic {@code $inc} on the session document, so numbers stay
   * unique and increasing whichever forum node asks. {@code null} when there is no such session.
   */
  Future<Long> nextSeq(String sessionId) {
    return mongo.findOneAndUpdateWithOptions(SESSIONS, new JsonObject().put("_id", sessionId),
            new JsonObject().put("$inc", new JsonObject().put("seq", 1L)),
            new FindOptions(), new UpdateOptions().setReturningNewDocument(true))
        .map(doc -> doc == null ? null : doc.getLong("seq"));
  }

  /** Applies {@code set} to an event or a session; the updated document, or null when there is none. */
  Future<JsonObject> update(String collection, String id, JsonObject set) {
    return mongo.findOneAndUpdateWithOptions(collection, new JsonObject().put("_id", id),
        new JsonObject().put("$set", set), new FindOptions(), new UpdateOptions().setReturningNewDocument(true));
  }

  Future<JsonObject> setQaOpen(String sessionId, boolean open) {
    return mongo.findOneAndUpdateWithOptions(SESSIONS, new JsonObject().put("_id", sessionId),
        new JsonObject().put("$set", new JsonObject().put("qaOpen", open)),
        new FindOptions(), new UpdateOptions().setReturningNewDocument(true));
  }

  Future<Void> createIndexes() {
    return mongo.createIndex(EVENTS, new JsonObject().put("startsAt", -1))
        .compose(v -> mongo.createIndex(SESSIONS, new JsonObject().put("eventId", 1).put("startsAt", 1)));
  }
}
