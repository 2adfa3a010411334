package vn.ngoforum.qa.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Fields;
import vn.ngoforum.db.Keys;
import vn.ngoforum.db.Mongo;

/**
 * The {@code sessions} collection (an event's agenda items). A document: {@code {_id, eventId, title:{vi,en},
 * startsAt, endsAt, moderation: pre|post, visibility: public|members, qaOpen, speakers:[{name, organisation}] (plain
 * names before speakers had organisations), seq, code, description:{vi,en}, stream, guests: off|ask|ask-and-vote,
 * rapporteurs:[username], createdBy, createdAt, updatedAt, highlighted}}
 * ({@code highlighted}: the id of the question highlighted last, see {@link #swapHighlighted}). {@code seq} is the
 * session's sequence number, taken by every change to it, its questions and its polls.
 *
 * <p>Requests read by key only: an event's sessions are listed ({@code event_sessions}, one document per event with an
 * entry {@code {id, order}} per session, see {@link ListingRepository}), read by the event's id, then by
 * {@code _id $in}. The agenda's order is the entries' {@code order} once a moderator has reordered it (sessions added
 * later come after, by start), else by start.
 */
public record SessionRepository(MongoClient mongo) {

  static final String SESSIONS = "sessions";

  static final String LISTS = "event_sessions";
  static final String MIGRATION = "session-keys-v1";
  private static final Comparator<Session> BY_START = Comparator.comparing(Session::startsAt,
      Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Session::id);

  /** The lists kept in {@value #LISTS} (a record of the client and the collection name: cheap to make). */
  private ListingRepository lists() {
    return new ListingRepository(mongo, LISTS);
  }

  /** The session, or {@code null}. */
  public Future<Session> find(String id) {
    return mongo.findOne(SESSIONS, new JsonObject().put("_id", id), null).map(SessionRepository::session);
  }

  /** The sessions with these ids (those that exist), read by {@code _id $in}. */
  public Future<List<Session>> findAll(Collection<String> ids) {
    return byIds(List.copyOf(ids)).map(docs -> docs.stream().map(SessionRepository::session).toList());
  }

  /** The sessions of an event in agenda order. */
  public Future<List<Session>> ofEvent(String eventId) {
    return lists().entries(eventId).compose(entries -> {
      Map<String, Long> order = new HashMap<>();
      entries.stream().filter(entry -> entry.getLong("order") != null)
          .forEach(entry -> order.put(entry.getString("id"), entry.getLong("order")));
      Comparator<Session> agenda = Comparator.<Session, Long>comparing(session -> order.get(session.id()),
          Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(BY_START);
      return byIds(entries.stream().map(entry -> entry.getString("id")).toList())
          .map(docs -> docs.stream().map(SessionRepository::session)
              .filter(session -> eventId.equals(session.eventId())).sorted(agenda).toList());
    });
  }

  /** Stores the agenda's order: each session of {@code ordered} gets its place in its event's list. */
  public Future<Void> order(String eventId, List<String> ordered) {
    List<JsonObject> entries = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      entries.add(new JsonObject().put("id", ordered.get(i)).put("order", (long) i));
    }
    return lists().putAll(eventId, entries);
  }

  /** Removes the session and its entry in its event's list. */
  public Future<Void> remove(Session session) {
    return mongo.removeDocument(SESSIONS, new JsonObject().put("_id", session.id()))
        .compose(v -> lists().remove(session.eventId(), session.id()));
  }

  /** Which of {@code ids} are sessions open to everyone (not for members only). */
  public Future<Set<String>> openToEveryone(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return byIds(List.copyOf(ids)).map(docs -> docs.stream()
        .filter(doc -> !Session.MEMBERS.equals(doc.getString("visibility")))
        .map(doc -> doc.getString("_id")).collect(Collectors.toSet()));
  }

  public Future<Void> insert(Session session, String createdBy, Instant createdAt) {
    return mongo.insert(SESSIONS, doc(session).put("createdBy", createdBy).put("createdAt", Dates.of(createdAt)))
        .compose(id -> list(session));
  }

  /** Stores the session unless one with its id exists (demo data: running twice is harmless). */
  public Future<Void> insertIfAbsent(Session session) {
    return Mongo.unlessDuplicate(mongo.insert(SESSIONS, doc(session)))
        .compose(v -> list(session));
  }

  /**
   * Takes the session's next sequence number: one atomic {@code $inc} on the session document, so numbers stay
   * unique and increasing whichever forum node asks. {@code null} when there is no such session.
   */
  public Future<Long> nextSeq(String sessionId) {
    return mongo.findOneAndUpdateWithOptions(SESSIONS, new JsonObject().put("_id", sessionId),
            new JsonObject().put("$inc", new JsonObject().put("seq", 1L)),
            new FindOptions(), new UpdateOptions().setReturningNewDocument(true))
        .map(doc -> doc == null ? null : doc.getLong("seq"));
  }

  /**
   * Makes {@code questionId} the session's highlighted question, in one atomic write on the session document, and
   * answers the one it replaces ({@code ""} for none; sessions stored before they kept one were given theirs by the
   * questions' start-up migration).
   */
  public Future<String> swapHighlighted(String sessionId, String questionId) {
    return mongo.findOneAndUpdateWithOptions(SESSIONS, new JsonObject().put("_id", sessionId),
            new JsonObject().put("$set", new JsonObject().put("highlighted", questionId)),
            new FindOptions().setFields(new JsonObject().put("highlighted", 1)),
            new UpdateOptions().setReturningNewDocument(false))
        .map(doc -> doc == null ? "" : Objects.requireNonNullElse(doc.getString("highlighted"), ""));
  }

  /** The session's sequence number now, or {@code null} when there is no such session. */
  public Future<Long> seq(String sessionId) {
    return mongo.findOne(SESSIONS, new JsonObject().put("_id", sessionId), new JsonObject().put("seq", 1))
        .map(doc -> doc == null ? null : doc.getLong("seq", 0L));
  }

  /** Applies the edit; the session as stored now, or {@code null} when there is none. */
  public Future<Session> update(String id, SessionEdit edit, Instant at) {
    return set(id, Fields.of().put("title", edit.title()).put("moderation", edit.moderation())
        .put("visibility", edit.visibility()).date("startsAt", edit.startsAt()).date("endsAt", edit.endsAt())
        .put("speakers", edit.speakers() == null ? null : speakers(edit.speakers()))
        .put("description", edit.description()).put("stream", edit.stream()).put("guests", edit.guests())
        .put("rapporteurs", edit.rapporteurs() == null ? null : new JsonArray(edit.rapporteurs()))
        .date("updatedAt", at).json());
  }

  /** Gives the session its join code (already reserved in {@link JoinCodeRepository}); {@code null} when none. */
  public Future<Session> setCode(String id, String code) {
    return set(id, new JsonObject().put("code", code));
  }

  /**
   * The ids of sessions stored without a join code (a start-up scan, for {@link JoinCodes#migrate}); empty once every
   * session has one.
   */
  public Future<List<String>> withoutCode() {
    return mongo.findWithOptions(SESSIONS, new JsonObject().put("code", new JsonObject().put("$exists", false)),
            new FindOptions().setFields(new JsonObject().put("_id", 1)))
        .map(docs -> docs.stream().map(doc -> doc.getString("_id")).toList());
  }

  /** Opens or closes the session's questions; the session as stored now, or {@code null}. */
  public Future<Session> setQaOpen(String id, boolean open) {
    return set(id, new JsonObject().put("qaOpen", open));
  }

  public Future<Void> createIndexes() {
    return Future.succeededFuture();
  }

  /**
   * Lists in their events the sessions stored before events listed them (a background scan at start-up; idempotent,
   * a no-op once marked done).
   */
  public Future<Void> migrateKeys() {
    return ListingRepository.migrated(mongo, MIGRATION).compose(done -> done ? Future.succeededFuture()
        : mongo.findWithOptions(SESSIONS, new JsonObject(), new FindOptions().setFields(
                new JsonObject().put("eventId", 1)))
            .compose(all -> {
              Map<String, List<JsonObject>> byEvent = new HashMap<>();
              all.stream().filter(doc -> doc.getString("eventId") != null).forEach(doc -> byEvent
                  .computeIfAbsent(doc.getString("eventId"), k -> new ArrayList<>())
                  .add(new JsonObject().put("id", doc.getString("_id"))));
              return Steps.each(new ArrayList<>(byEvent.entrySet()),
                  event -> lists().putAll(event.getKey(), event.getValue()));
            })
            .compose(v -> ListingRepository.markMigrated(mongo, MIGRATION)));
  }

  /** Keeps the session in its event's list (Workshops moving a session would remove it from one and list it here). */
  private Future<Void> list(Session session) {
    return lists().put(session.eventId(), session.id(), new JsonObject());
  }

  private Future<List<JsonObject>> byIds(List<String> ids) {
    return Keys.findAll(mongo, SESSIONS, ids, null);
  }

  private Future<Session> set(String id, JsonObject set) {
    return mongo.findOneAndUpdateWithOptions(SESSIONS, new JsonObject().put("_id", id),
            new JsonObject().put("$set", set), new FindOptions(), new UpdateOptions().setReturningNewDocument(true))
        .map(SessionRepository::session);
  }

  private static JsonObject doc(Session session) {
    JsonObject doc = new JsonObject()
        .put("_id", session.id())
        .put("eventId", session.eventId())
        .put("title", session.title())
        .put("moderation", session.moderation())
        .put("visibility", session.visibility())
        .put("qaOpen", session.qaOpen())
        .put("speakers", speakers(session.speakers()))
        .put("seq", session.seq())
        .put("description", session.description())
        .put("stream", session.stream())
        .put("guests", session.guests())
        .put("rapporteurs", new JsonArray(session.rapporteurs()));
    return Fields.into(doc).put("code", session.code()).date("startsAt", session.startsAt())
        .date("endsAt", session.endsAt()).json();
  }

  private static Session session(JsonObject doc) {
    if (doc == null) {
      return null;
    }
    return new Session(doc.getString("_id"), doc.getString("eventId"), doc.getJsonObject("title"),
        Dates.instant(doc.getValue("startsAt")), Dates.instant(doc.getValue("endsAt")),
        doc.getString("moderation"), doc.getString("visibility"), doc.getBoolean("qaOpen", false),
        speakers(doc.getJsonArray("speakers")), doc.getLong("seq", 0L), doc.getString("code"),
        EventRepository.bilingualOrNull(doc.getJsonObject("description")),
        emptyAsNull(doc.getString("stream")), doc.getString("guests"), rapporteurs(doc.getJsonArray("rapporteurs")));
  }

  private static String emptyAsNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  private static List<String> rapporteurs(JsonArray stored) {
    return stored == null ? List.of() : stored.stream().map(String::valueOf).toList();
  }

  private static JsonArray speakers(List<Speaker> speakers) {
    return new JsonArray(speakers.stream().map(Speaker::json).toList());
  }

  private static List<Speaker> speakers(JsonArray stored) {
    return stored == null ? List.of() : stored.stream().map(Speaker::stored).toList();
  }
}
