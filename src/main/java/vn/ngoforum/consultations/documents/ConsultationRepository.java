package vn.ngoforum.consultations.documents;

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
import java.util.List;
import java.util.function.Function;
import vn.ngoforum.db.Batches;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Keys;

/**
 * Consultations in four collections, every request-path read by {@code _id} (the embedded store scans any other
 * query):
 * <ul>
 *   <li>{@code consultations}: {@code {_id, title:{vi,en}, summary:{vi,en}, authority, deadline, visibility,
 *       status, counts:{clauseId: n}, seq, createdBy, createdAt, updatedAt}}, small; {@code seq} is taken by
 *       every live announcement ({@link ConsultationFeed});</li>
 *   <li>{@code consultation_texts}: {@code {_id (the consultation's), preamble, structure:[part…], source,
 *       version, en}}, the current split text and the text it was split from (pasted, or read from a Word file; absent
 *       in consultations stored before it was kept), which can be large, so the list never reads it; {@code version}
 *       counts the authority's drafts from 1 (absent: 1, as every consultation stored before versions); {@code en}
 *       is the version's English text {@code {preamble, structure, source}}, aligned part by part (absent or null:
 *       none, as every consultation stored before English texts);</li>
 *   <li>{@code consultation_versions}: {@code {_id: "{consultation}:{n}", version, preamble, structure, source, en,
 *       replacedAt}}, each earlier version as it was when a revised draft replaced it, read by key;</li>
 *   <li>{@code consultation_lists}: one document {@code {_id:"all", ids:[…]}}, the newest {@value #LISTED}
 *       consultations' ids, pushed on creation (the list page reads them with {@code _id $in});</li>
 *   <li>{@code consultation_comments}: {@code {_id: "{consultation}:{clause}:{n}", consultation, clause, body,
 *       author:{id,name}, at}}; n comes from the clause's count, so a page's ids are known without a query;</li>
 *   <li>{@code consultation_events}: {@code {_id: "{consultation}:{seq}", event}}, each live announcement as it was
 *       published, kept for the newest {@value #EVENTS_KEPT} of a consultation, so a reconnecting page reads what it
 *       missed by the ids from its last seq to the consultation's.</li>
 * </ul>
 */
public final class ConsultationRepository {

  static final String CONSULTATIONS = "consultations";
  static final String TEXTS = "consultation_texts";
  static final String VERSIONS = "consultation_versions";
  static final String LISTS = "consultation_lists";
  static final String COMMENTS = "consultation_comments";
  static final String EVENTS = "consultation_events";
  /** Announcements kept per consultation for catching up: more than a page missing this many reloads. */
  static final int EVENTS_KEPT = 500;
  /** How many consultations the list keeps: a few a year are published for comment on wildlife policy. */
  static final int LISTED = 200;
  private static final String ALL = "all";

  private final MongoClient mongo;

  public ConsultationRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** Stores the text first, then the consultation, then lists it: a half-done insert is never listed. */
  public Future<Void> insert(Consultation c, String preamble, JsonArray structure, String source, JsonObject en) {
    JsonObject text = new JsonObject().put("_id", c.id()).put("preamble", preamble).put("structure", structure)
        .put("source", source);
    if (en != null) {
      text.put("en", en);
    }
    JsonObject doc = new JsonObject().put("_id", c.id()).put("title", c.title()).put("summary", c.summary())
        .put("authority", c.authority()).put("deadline", c.deadline() == null ? null : Dates.of(c.deadline()))
        .put("visibility", c.visibility()).put("status", c.status()).put("counts", new JsonObject())
        .put("createdBy", c.createdBy()).put("createdAt", Dates.of(c.createdAt()));
    JsonObject push = new JsonObject().put("$push", new JsonObject().put("ids",
        new JsonObject().put("$each", new JsonArray().add(c.id())).put("$slice", -LISTED)));
    return mongo.insert(TEXTS, text)
        .compose(v -> mongo.insert(CONSULTATIONS, doc))
        .compose(v -> mongo.updateCollectionWithOptions(LISTS, new JsonObject().put("_id", ALL), push,
            new UpdateOptions().setUpsert(true)))
        .mapEmpty();
  }

  /** Replaces the split texts (a draft's texts corrected before it opens; {@code en} null: none), by {@code _id}. */
  public Future<Void> replaceText(String id, String preamble, JsonArray structure, String source, JsonObject en) {
    return setText(id, new JsonObject().put("preamble", preamble).put("structure", structure).put("source", source)
        .put("en", en));
  }

  /**
   * Keeps the current text ({@code current}, as {@link #text} read it) as version {@code version} and makes the new
   * one version {@code version + 1}. The kept version's key is unique, so of two moderators importing at once one
   * gets a duplicate key (409) and changes nothing.
   */
  public Future<Void> newVersion(String id, int version, JsonObject current, String preamble, JsonArray structure,
      String source, JsonObject en, Instant at) {
    JsonObject kept = new JsonObject().put("_id", id + ":" + version).put("version", version)
        .put("preamble", current.getString("preamble", "")).put("structure", current.getJsonArray("structure"))
        .put("source", current.getString("source")).put("en", current.getJsonObject("en"))
        .put("replacedAt", Dates.of(at));
    return mongo.insert(VERSIONS, kept).compose(v -> setText(id, new JsonObject().put("preamble", preamble)
        .put("structure", structure).put("source", source).put("en", en).put("version", version + 1)));
  }

  /** An earlier version {@code {version, preamble, structure, source, en, replacedAt}}, or {@code null}. */
  public Future<JsonObject> version(String id, int version) {
    return mongo.findOne(VERSIONS, new JsonObject().put("_id", id + ":" + version), null);
  }

  private Future<Void> setText(String id, JsonObject fields) {
    return mongo.updateCollection(TEXTS, new JsonObject().put("_id", id), new JsonObject().put("$set", fields))
        .mapEmpty();
  }

  /** The consultation, or {@code null}. */
  public Future<Consultation> find(String id) {
    return mongo.findOne(CONSULTATIONS, new JsonObject().put("_id", id), null)
        .map(ConsultationRepository::consultation);
  }

  /** The consultations with these ids (those that exist), by {@code _id $in}. */
  public Future<List<Consultation>> findAll(Collection<String> ids) {
    return Keys.findAll(mongo, CONSULTATIONS, ids, null, ConsultationRepository::consultation);
  }

  /** The current split texts of these consultations {@code {_id, preamble, structure}}, by {@code _id $in}. */
  public Future<List<JsonObject>> texts(Collection<String> ids) {
    return Keys.findAll(mongo, TEXTS, ids, new JsonObject().put("preamble", 1).put("structure", 1));
  }

  /** Every consultation, {@code size} at a time (the search index's rebuild: a scan, never on a request path). */
  public Future<Void> each(int size, Function<List<Consultation>, Future<Void>> batch) {
    return Batches.each(mongo, CONSULTATIONS, size, ConsultationRepository::consultation,
        batch);
  }

  /** The split text {@code {preamble, structure}}, or {@code null}. */
  public Future<JsonObject> text(String id) {
    return mongo.findOne(TEXTS, new JsonObject().put("_id", id), null);
  }

  /** The listed consultations, newest first (ids from the list document, then read by {@code _id $in}). */
  public Future<List<Consultation>> listed() {
    return mongo.findOne(LISTS, new JsonObject().put("_id", ALL), null)
        .compose(list -> {
          JsonArray ids = list == null ? new JsonArray() : list.getJsonArray("ids", new JsonArray());
          if (ids.isEmpty()) {
            return Future.succeededFuture(List.<Consultation>of());
          }
          return mongo.find(CONSULTATIONS, new JsonObject().put("_id", new JsonObject().put("$in", ids)))
              .map(docs -> {
                List<Consultation> found = new ArrayList<>(docs.stream().map(ConsultationRepository::consultation)
                    .toList());
                List<Object> order = ids.getList();
                found.sort((a, b) -> Integer.compare(order.indexOf(b.id()), order.indexOf(a.id())));
                return found;
              });
        });
  }

  public Future<Void> setStatus(String id, String status, Instant at) {
    return mongo.updateCollection(CONSULTATIONS, new JsonObject().put("_id", id), new JsonObject().put("$set",
        new JsonObject().put("status", status).put("updatedAt", Dates.of(at)))).mapEmpty();
  }

  /** Takes the consultation's next sequence number (1 for the first): one atomic {@code $inc} by {@code _id}. */
  public Future<Long> nextSeq(String id) {
    return increment(id, "seq").map(doc -> doc == null ? null : doc.getLong("seq"));
  }

  /** Counts one more comment on the clause and answers its number (1 for the first). */
  public Future<Integer> countComment(String id, String clauseId) {
    return increment(id, "counts." + clauseId).map(doc -> doc.getJsonObject("counts").getInteger(clauseId));
  }

  /** Adds one to a field of the consultation's document and answers the document as it is then. */
  private Future<JsonObject> increment(String id, String field) {
    return mongo.findOneAndUpdateWithOptions(CONSULTATIONS, new JsonObject().put("_id", id),
        new JsonObject().put("$inc", new JsonObject().put(field, 1)), new FindOptions(),
        new UpdateOptions().setReturningNewDocument(true));
  }

  /** Keeps an announcement for catching up, and forgets the one {@value #EVENTS_KEPT} before it (both by key). */
  public Future<Void> keepEvent(String id, long seq, JsonObject event) {
    Future<Void> kept = mongo.insert(EVENTS, new JsonObject().put("_id", id + ":" + seq).put("event", event))
        .mapEmpty();
    return seq <= EVENTS_KEPT ? kept : kept.compose(v -> mongo.removeDocument(EVENTS,
        new JsonObject().put("_id", id + ":" + (seq - EVENTS_KEPT))).mapEmpty());
  }

  /**
   * The kept announcements after {@code since} up to {@code upTo}, oldest first, read by their ids; those no longer
   * kept are absent (the caller sees a gap).
   */
  public Future<List<JsonObject>> events(String id, long since, long upTo) {
    List<String> ids = new ArrayList<>();
    for (long seq = since + 1; seq <= upTo; seq++) {
      ids.add(id + ":" + seq);
    }
    return Keys.findAll(mongo, EVENTS, ids, null, doc -> doc.getJsonObject("event"))
        .map(found -> found.stream().sorted(Comparator.comparingLong((JsonObject e) -> e.getLong("seq"))).toList());
  }

  public Future<Void> insertComment(Comment comment) {
    return mongo.insert(COMMENTS, new JsonObject().put("_id", comment.id())
        .put("consultation", comment.consultation()).put("clause", comment.clause()).put("body", comment.body())
        .put("author", new JsonObject().put("id", comment.authorId()).put("name", comment.authorName()))
        .put("at", Dates.of(comment.at())))
        .compose(v -> new WritingsRepository(mongo).wrote(comment.authorId(), WritingsRepository.COMMENTS,
            comment.id()));
  }

  /** Every comment's id and author id (a scan: the start-up migration of {@link WritingsRepository}). */
  public Future<List<JsonObject>> commentAuthors() {
    return mongo.findWithOptions(COMMENTS, new JsonObject(), new FindOptions().setFields(
        new JsonObject().put("author.id", 1)));
  }

  /**
   * Forgets the name of {@code userId} on their comments, and on the kept announcements of their comments and
   * amendments (they closed their account: pages, and pages catching up, show a former member). Filters on whole
   * collections: background work. Doing it again changes nothing.
   */
  public Future<Void> forgetCommenter(String userId) {
    AuthorRepository authors = new AuthorRepository(mongo);
    // The kept announcements too, which a reconnecting page reads: of comments and of amendments.
    return authors.forget(COMMENTS, userId)
        .compose(v -> authors.forget(EVENTS, "event.comment.author", userId))
        .compose(v -> authors.forget(EVENTS, "event.amendment.author", userId));
  }

  /** The comments with these ids, by {@code _id $in}, oldest first. */
  public Future<List<Comment>> comments(Collection<String> ids) {
    return Keys.findAll(mongo, COMMENTS, ids, null, ConsultationRepository::comment)
        .map(found -> found.stream().sorted(Comparator.comparing(Comment::at)).toList());
  }

  private static Consultation consultation(JsonObject doc) {
    if (doc == null) {
      return null;
    }
    return new Consultation(doc.getString("_id"), doc.getJsonObject("title"), doc.getJsonObject("summary"),
        doc.getString("authority"), Dates.instant(doc.getValue("deadline")), doc.getString("visibility"),
        doc.getString("status"), doc.getJsonObject("counts", new JsonObject()), doc.getString("createdBy"),
        Dates.instant(doc.getValue("createdAt")), doc.getLong("seq", 0L));
  }

  private static Comment comment(JsonObject doc) {
    JsonObject author = doc.getJsonObject("author", new JsonObject());
    return new Comment(doc.getString("_id"), doc.getString("consultation"), doc.getString("clause"),
        doc.getString("body"), author.getString("id"), author.getString("name"), Dates.instant(doc.getValue("at")));
  }
}
