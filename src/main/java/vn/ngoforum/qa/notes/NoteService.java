package vn.ngoforum.qa.notes;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.qa.events.Session;
import vn.ngoforum.qa.events.SessionService;
import vn.ngoforum.qa.events.Stamps;
import vn.ngoforum.qa.http.GuestPass;
import vn.ngoforum.qa.live.SessionFeed;

/**
 * A session's live notes: its rapporteurs (named by a moderator, see {@link Session#rapporteurs()}) and the forum's
 * moderators write note blocks; each block is changed by its author only, while they may still write there, and keeps
 * its earlier versions, which moderators (and the author) may read. Everyone who may follow the session reads the
 * notes. A change is stored with the session's next {@code seq}, then published to both of its live addresses as
 * {@code {type:"note", ...}} ({@link Note#json()}).
 */
public record NoteService(Vertx vertx, SessionService sessions, NoteRepository notes, SessionFeed feed) {

  /** The most note blocks a session keeps. */
  public static final int MAX_NOTES = 300;
  /** The most versions one block keeps (its edits are refused after that). */
  public static final int MAX_VERSIONS = 50;

  /** Whether this person may write the session's notes: a moderator or one of its rapporteurs (never a guest). */
  public static boolean mayWrite(CurrentUser user, Session session) {
    return user != null && !GuestPass.isGuest(user)
        && (user.has(Role.MODERATOR) || session.hasRapporteur(user.username()));
  }

  /**
   * Writes a new note block; 400 for an empty or too long text, 404 without the session, 403 for someone who may not
   * write there, 409 when the session keeps as many notes as it may.
   */
  public Future<Note> write(CurrentUser user, String sessionId, String text) {
    return checked(text).compose(v -> writable(user, sessionId))
        .compose(session -> notes.count(sessionId))
        .compose(count -> count >= MAX_NOTES
            ? Future.failedFuture(ForumException.conflict("This session has " + MAX_NOTES + " notes already."))
            : html(text))
        .compose(html -> sessions.nextSeq(sessionId).compose(seq -> {
          var now = Stamps.now();
          Note note = new Note(Stamps.newId(), sessionId,
              new Note.Author(user.id(), user.username(), user.name()), text, html, now, now, seq,
              List.of(new Note.Version(text, now)));
          return notes.insert(note).map(note);
        }))
        .map(this::published);
  }

  /**
   * The author's new text for their block; 404 without it, 403 for anyone else (or an author who may no longer write
   * in the session), 409 after {@value #MAX_VERSIONS} versions. The text it had stays in its history.
   */
  public Future<Note> edit(CurrentUser user, String noteId, String text) {
    return checked(text).compose(v -> existing(noteId)).compose(note -> {
      if (!note.writtenBy(user.id())) {
        return Future.failedFuture(ForumException.forbidden("Only the person who wrote a note may change it."));
      }
      if (note.versions().size() >= MAX_VERSIONS) {
        return Future.failedFuture(ForumException.conflict("This note was changed " + MAX_VERSIONS
            + " times: please write a new one."));
      }
      return writable(user, note.sessionId())
          .compose(session -> html(text))
          .compose(html -> sessions.nextSeq(note.sessionId())
              .compose(seq -> notes.edit(noteId, text, html, Stamps.now(), seq)))
          .compose(updated -> updated == null ? Future.failedFuture(noSuchNote()) : Future.succeededFuture(updated))
          .map(this::published);
    });
  }

  /** The session's notes, oldest first, for someone who may follow the session (404, 401 or 403 otherwise). */
  public Future<List<Note>> of(CurrentUser user, String sessionId) {
    return sessions.readable(user, sessionId).compose(session -> notes.inSession(sessionId));
  }

  /** The session's notes for the workshop report (the caller checked who asks). */
  public Future<List<Note>> inSession(String sessionId) {
    return notes.inSession(sessionId);
  }

  /** A note with its history, for a moderator or its author; 403 for anyone else, 404 without it. */
  public Future<Note> history(CurrentUser user, String noteId) {
    return existing(noteId).compose(note -> user.has(Role.MODERATOR) || note.writtenBy(user.id())
        ? Future.succeededFuture(note)
        : Future.failedFuture(ForumException.forbidden("Only moderators read a note's history.")));
  }

  /** 400 about {@code text} for an empty note or one longer than {@link Note#MAX_LENGTH} characters. */
  private static Future<Void> checked(String text) {
    if (text == null || text.isBlank() || text.codePointCount(0, text.length()) > Note.MAX_LENGTH) {
      return Future.failedFuture(ForumException.invalid("text", "A note needs 1 to " + Note.MAX_LENGTH
          + " characters.").withMessageKey("qa.notes.error_length"));
    }
    return Future.succeededFuture();
  }

  private Future<Session> writable(CurrentUser user, String sessionId) {
    return sessions.existing(sessionId).compose(session -> mayWrite(user, session) ? Future.succeededFuture(session)
        : Future.failedFuture(ForumException.forbidden("Only the session's rapporteurs and moderators write notes.")
            .withMessageKey("qa.notes.forbidden")));
  }

  private Future<Note> existing(String noteId) {
    return notes.find(noteId).compose(note -> note == null ? Future.failedFuture(noSuchNote())
        : Future.succeededFuture(note));
  }

  /** The safe HTML of a note's Markdown, made on a worker thread. */
  private Future<String> html(String text) {
    return vertx.executeBlocking(() -> NoteMarkdown.html(text), false);
  }

  private Note published(Note note) {
    feed.toEveryone(note.sessionId(), note.json());
    return note;
  }

  private static ForumException noSuchNote() {
    return ForumException.notFound("There is no such note.");
  }
}
