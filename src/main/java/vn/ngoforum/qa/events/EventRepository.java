package vn.ngoforum.qa.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Mongo;

/**
 * The {@code events} collection (workshops). A document: {@code {_id, title:{vi,en}, startsAt, endsAt,
 * location:{vi,en}, organisers:[...], createdBy, createdAt, updatedAt}}. Few by nature, so read whole.
 */
public final class EventRepository {

  static final String EVENTS = "events";

  private final MongoClient mongo;

  public EventRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** The newest events first. */
  public Future<List<Event>> latest(int limit) {
    return mongo.findWithOptions(EVENTS, new JsonObject(),
            new FindOptions().setSort(new JsonObject().put("startsAt", -1)).setLimit(limit))
        .map(docs -> docs.stream().map(EventRepository::event).toList());
  }

  public Future<Long> count() {
    return mongo.count(EVENTS, new JsonObject());
  }

  /** The event, or {@code null}. */
  public Future<Event> find(String id) {
    return mongo.findOne(EVENTS, new JsonObject().put("_id", id), null).map(EventRepository::event);
  }

  public Future<Void> insert(Event event, String createdBy, Instant createdAt) {
    return mongo.insert(EVENTS, doc(event).put("createdBy", createdBy).put("createdAt", Dates.of(createdAt)))
        .mapEmpty();
  }

  /** Stores the event unless one with its id exists (demo data: running twice is harmless). */
  public Future<Void> insertIfAbsent(Event event) {
    return mongo.insert(EVENTS, doc(event))
        .<Void>mapEmpty()
        .recover(failure -> Mongo.isDuplicateKey(failure) ? Future.succeededFuture() : Future.failedFuture(failure));
  }

  /** Applies the edit; the event as stored now, or {@code null} when there is none. */
  public Future<Event> update(String id, EventEdit edit, Instant at) {
    JsonObject set = new JsonObject();
    if (edit.title() != null) {
      set.put("title", edit.title());
    }
    if (edit.startsAt() != null) {
      set.put("startsAt", Dates.of(edit.startsAt()));
    }
    if (edit.endsAt() != null) {
      set.put("endsAt", Dates.of(edit.endsAt()));
    }
    if (edit.location() != null) {
      set.put("location", edit.location());
    }
    if (edit.organisers() != null) {
      set.put("organisers", new JsonArray(new ArrayList<>(edit.organisers())));
    }
    set.put("updatedAt", Dates.of(at));
    return mongo.findOneAndUpdateWithOptions(EVENTS, new JsonObject().put("_id", id),
            new JsonObject().put("$set", set), new FindOptions(), new UpdateOptions().setReturningNewDocument(true))
        .map(EventRepository::event);
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(EVENTS, new JsonObject().put("startsAt", -1));
  }

  private static JsonObject doc(Event event) {
    JsonObject doc = new JsonObject()
        .put("_id", event.id())
        .put("title", event.title())
        .put("startsAt", event.startsAt() == null ? null : Dates.of(event.startsAt()))
        .put("endsAt", event.endsAt() == null ? null : Dates.of(event.endsAt()))
        .put("location", event.location())
        .put("organisers", new JsonArray(new ArrayList<>(event.organisers())));
    return doc;
  }

  static Event event(JsonObject doc) {
    if (doc == null) {
      return null;
    }
    return new Event(doc.getString("_id"), doc.getJsonObject("title"), Dates.instant(doc.getValue("startsAt")),
        Dates.instant(doc.getValue("endsAt")), doc.getJsonObject("location"),
        strings(doc.getJsonArray("organisers")));
  }

  static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }
}
