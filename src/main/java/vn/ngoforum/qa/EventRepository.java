package vn.ngoforum.qa;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
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

  Future<Void> insertIfAbsent(String collection, JsonObject doc) {
    return mongo.insert(collection, doc)
        .<Void>mapEmpty()
        .recover(failure -> Mongo.isDuplicateKey(failure) ? Future.succeededFuture() : Future.failedFuture(failure));
  }

  Future<Void> createIndexes() {
    return mongo.createIndex(EVENTS, new JsonObject().put("startsAt", -1))
        .compose(v -> mongo.createIndex(SESSIONS, new JsonObject().put("eventId", 1).put("startsAt", 1)));
  }
}
