package vn.ngoforum.qa.notes;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Keys;
import vn.ngoforum.qa.events.ListingRepository;

/**
 * The {@code session_notes}: one document per note block, {@code {_id, sessionId, author:{id, username, name}, text,
 * html, createdAt, updatedAt, seq, versions:[{text, at}]}} ({@code versions}: every text it had, oldest first, the
 * last one its text now).
 *
 * <p>Requests read by key only: each session lists its notes ({@code session_note_lists}, entries {@code {id, seq}},
 * see {@link ListingRepository}), read by the session's id, then the notes by {@code _id $in}; an edit is one atomic
 * write by {@code _id} that sets the text and appends the version.
 */
public record NoteRepository(MongoClient mongo) {

  static final String NOTES = "session_notes";
  static final String LISTS = "session_note_lists";

  /** The lists kept in {@value #LISTS} (a record of the client and the collection name: cheap to make). */
  private ListingRepository lists() {
    return new ListingRepository(mongo, LISTS);
  }

  /** Stores the note, then lists it in its session (before it is announced). */
  public Future<Void> insert(Note note) {
    JsonObject doc = new JsonObject()
        .put("_id", note.id())
        .put("sessionId", note.sessionId())
        .put("author", note.author().json())
        .put("text", note.text())
        .put("html", note.html())
        .put("createdAt", Dates.of(note.createdAt()))
        .put("updatedAt", Dates.of(note.updatedAt()))
        .put("seq", note.seq())
        .put("versions", new JsonArray(note.versions().stream().map(NoteRepository::version).toList()));
    return mongo.insert(NOTES, doc).compose(id -> list(note.sessionId(), note.id(), note.seq()));
  }

  /** The note, or {@code null}. */
  public Future<Note> find(String id) {
    return mongo.findOne(NOTES, Keys.id(id), null).map(NoteRepository::note);
  }

  /** The session's notes, oldest first. */
  public Future<List<Note>> inSession(String sessionId) {
    return lists().entries(sessionId)
        .compose(entries -> Keys.findAll(mongo, NOTES, entries.stream().map(entry -> entry.getString("id")).toList(),
            null, NoteRepository::note))
        .map(notes -> notes.stream().filter(note -> sessionId.equals(note.sessionId()))
            .sorted(Comparator.comparing(Note::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Note::id))
            .toList());
  }

  /** How many notes the session has (from its list: one read). */
  public Future<Integer> count(String sessionId) {
    return lists().entries(sessionId).map(List::size);
  }

  /**
   * The note's new text and HTML, with the change's sequence number, its previous versions kept; the note as stored
   * now, or {@code null} when there is none.
   */
  public Future<Note> edit(String id, String text, String html, Instant at, long seq) {
    JsonObject update = new JsonObject()
        .put("$set", new JsonObject().put("text", text).put("html", html).put("updatedAt", Dates.of(at))
            .put("seq", seq))
        .put("$push", new JsonObject().put("versions", version(new Note.Version(text, at))));
    return mongo.findOneAndUpdateWithOptions(NOTES, Keys.id(id), update, new FindOptions(),
            new UpdateOptions().setReturningNewDocument(true))
        .map(NoteRepository::note)
        .compose(note -> note == null ? Future.succeededFuture(null)
            : list(note.sessionId(), note.id(), note.seq()).map(note));
  }

  private Future<Void> list(String sessionId, String id, long seq) {
    return lists().put(sessionId, id, new JsonObject().put("seq", seq));
  }

  private static JsonObject version(Note.Version version) {
    return new JsonObject().put("text", version.text()).put("at", Dates.of(version.at()));
  }

  private static Note note(JsonObject doc) {
    if (doc == null) {
      return null;
    }
    JsonObject author = doc.getJsonObject("author", new JsonObject());
    List<Note.Version> versions = doc.getJsonArray("versions", new JsonArray()).stream()
        .map(JsonObject.class::cast)
        .map(version -> new Note.Version(version.getString("text"), Dates.instant(version.getValue("at"))))
        .toList();
    return new Note(doc.getString("_id"), doc.getString("sessionId"),
        new Note.Author(author.getString("id"), author.getString("username"), author.getString("name")),
        doc.getString("text"), doc.getString("html"), Dates.instant(doc.getValue("createdAt")),
        Dates.instant(doc.getValue("updatedAt")), doc.getLong("seq", 0L), versions);
  }
}
