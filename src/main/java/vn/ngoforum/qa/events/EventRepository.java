package vn.ngoforum.qa.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Fields;
import vn.ngoforum.db.Mongo;

/**
 * The {@code events} collection (workshops). A document: {@code {_id, title:{vi,en}, startsAt, endsAt,
 * location:{vi,en}, organisers:[...], description:{vi,en}, cancelled, createdBy, createdAt, updatedAt}}.
 *
 * <p>The newest events, and the {@code /events} page's upcoming, live and past ones, are read by key: a catalogue
 * ({@code event_catalogue}, one document {@code events} with an entry {@code {id, startsAt, endsAt}} per event, see {@link ListingRepository}) is kept by every write, read by its id and
 * sorted in memory, and only the events shown are read, by {@code _id $in}. Events are few (a few a month, about 40
 * bytes of catalogue each), so one document holds them all.
 */
public record EventRepository(MongoClient mongo) {

  static final String EVENTS = "events";

  static final String CATALOGUE = "event_catalogue";
  static final String ALL = "events";
  /** v2: catalogue entries hold {@code endsAt} too (v1 had only {@code startsAt}). */
  static final String MIGRATION = "event-keys-v2";
  /** Newest start first, an event without a start last (as MongoDB sorts a missing value). */
  private static final Comparator<JsonObject> NEWEST_FIRST = Comparator.<JsonObject, Long>comparing(
      entry -> entry.getLong("startsAt"), Comparator.nullsFirst(Comparator.naturalOrder())).reversed();

  /** The lists kept in {@value #CATALOGUE} (a record of the client and the collection name: cheap to make). */
  private ListingRepository catalogue() {
    return new ListingRepository(mongo, CATALOGUE);
  }

  /** The newest events first. */
  public Future<List<Event>> latest(int limit) {
    return catalogue().entries(ALL).compose(entries -> {
      List<String> ids = entries.stream().sorted(NEWEST_FIRST).limit(limit).map(entry -> entry.getString("id"))
          .toList();
      return findAll(ids);
    });
  }

  /** Every event's catalogue entry, {@code {id, startsAt, endsAt}} (epoch milliseconds, {@code null} when unknown). */
  public Future<List<JsonObject>> catalogued() {
    return catalogue().entries(ALL);
  }

  /** The events with these ids, in that order (those that exist). */
  public Future<List<Event>> findAll(List<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return mongo.find(EVENTS, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(ids))))
        .map(docs -> docs.stream().map(EventRepository::event)
            .sorted(Comparator.comparing(event -> ids.indexOf(event.id()))).toList());
  }

  /** How many events are stored (at start-up: whether to add the demo workshop). */
  public Future<Long> count() {
    return mongo.count(EVENTS, new JsonObject());
  }

  /** The event, or {@code null}. */
  public Future<Event> find(String id) {
    return mongo.findOne(EVENTS, new JsonObject().put("_id", id), null).map(EventRepository::event);
  }

  public Future<Void> insert(Event event, String createdBy, Instant createdAt) {
    return mongo.insert(EVENTS, doc(event).put("createdBy", createdBy).put("createdAt", Dates.of(createdAt)))
        .compose(id -> list(event));
  }

  /** Stores the event unless one with its id exists (demo data: running twice is harmless). */
  public Future<Void> insertIfAbsent(Event event) {
    return Mongo.unlessDuplicate(mongo.insert(EVENTS, doc(event)))
        .compose(v -> find(event.id()))
        .compose(this::list);
  }

  /** Applies the edit; the event as stored now, or {@code null} when there is none. */
  public Future<Event> update(String id, EventEdit edit, Instant at) {
    JsonObject set = Fields.of().put("title", edit.title()).date("startsAt", edit.startsAt())
        .date("endsAt", edit.endsAt()).put("location", edit.location())
        .put("organisers", edit.organisers() == null ? null : new JsonArray(new ArrayList<>(edit.organisers())))
        .put("description", edit.description()).put("cancelled", edit.cancelled()).date("updatedAt", at).json();
    return mongo.findOneAndUpdateWithOptions(EVENTS, new JsonObject().put("_id", id),
            new JsonObject().put("$set", set), new FindOptions(), new UpdateOptions().setReturningNewDocument(true))
        .map(EventRepository::event)
        .compose(updated -> updated == null ? Future.succeededFuture(null) : list(updated).map(updated));
  }

  /** Removes the event and its catalogue entry (its sessions are removed first, by the service). */
  public Future<Void> remove(String id) {
    return mongo.removeDocument(EVENTS, new JsonObject().put("_id", id))
        .compose(v -> catalogue().remove(ALL, id));
  }

  public Future<Void> createIndexes() {
    return Future.succeededFuture();
  }

  /**
   * Lists in the catalogue, with their start and end, the events stored before it held both (a start-up scan;
   * idempotent, then a no-op).
   */
  public Future<Void> migrateKeys() {
    return ListingRepository.migrated(mongo, MIGRATION).compose(done -> done ? Future.succeededFuture()
        : mongo.find(EVENTS, new JsonObject())
            .compose(all -> catalogue().putAll(ALL, all.stream().map(EventRepository::event)
                .map(event -> entry(event).put("id", event.id())).toList()))
            .compose(v -> ListingRepository.markMigrated(mongo, MIGRATION)));
  }

  /** Keeps the event's entry in the catalogue: what the newest-first list sorts on. */
  private Future<Void> list(Event event) {
    return event == null ? Future.succeededFuture() : catalogue().put(ALL, event.id(), entry(event));
  }

  private static JsonObject entry(Event event) {
    return new JsonObject().put("startsAt", event.startsAt() == null ? null : event.startsAt().toEpochMilli())
        .put("endsAt", event.endsAt() == null ? null : event.endsAt().toEpochMilli());
  }

  private static JsonObject doc(Event event) {
    JsonObject doc = new JsonObject()
        .put("_id", event.id())
        .put("title", event.title())
        .put("startsAt", event.startsAt() == null ? null : Dates.of(event.startsAt()))
        .put("endsAt", event.endsAt() == null ? null : Dates.of(event.endsAt()))
        .put("location", event.location())
        .put("organisers", new JsonArray(new ArrayList<>(event.organisers())))
        .put("description", event.description())
        .put("cancelled", event.cancelled());
    return doc;
  }

  static Event event(JsonObject doc) {
    if (doc == null) {
      return null;
    }
    return new Event(doc.getString("_id"), doc.getJsonObject("title"), Dates.instant(doc.getValue("startsAt")),
        Dates.instant(doc.getValue("endsAt")), bilingualOrNull(doc.getJsonObject("location")),
        strings(doc.getJsonArray("organisers")), bilingualOrNull(doc.getJsonObject("description")),
        doc.getBoolean("cancelled", false));
  }

  /** A stored bilingual text, {@code null} when both sides are empty (a text removed by an edit). */
  static JsonObject bilingualOrNull(JsonObject text) {
    return text == null || (text.getString("vi", "").isEmpty() && text.getString("en", "").isEmpty()) ? null : text;
  }

  static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }
}
