package vn.ngoforum.qa.notes;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;

/**
 * A rapporteur's note block in a session: its Markdown {@code text}, the sanitised {@code html} pages show, who wrote
 * it, and every version it had ({@code versions}, oldest first; the last is the text now). {@code seq} is the
 * session's sequence number of its last change, as for questions and polls.
 */
public record Note(String id, String sessionId, Author author, String text, String html, Instant createdAt,
    Instant updatedAt, long seq, List<Version> versions) {

  /** The longest note block, in characters (code points). */
  public static final int MAX_LENGTH = 2000;

  public Note {
    versions = versions == null ? List.of() : List.copyOf(versions);
  }

  /** Who wrote a note: their account, username and the name shown. */
  public record Author(String id, String username, String name) {

    public JsonObject json() {
      return new JsonObject().put("id", id).put("username", username).put("name", name);
    }
  }

  /** One version of a note's text and when it was written. */
  public record Version(String text, Instant at) {

    public JsonObject json() {
      return new JsonObject().put("text", text).put("at", at == null ? null : at.toString());
    }
  }

  public boolean writtenBy(String userId) {
    return userId != null && author != null && userId.equals(author.id());
  }

  /** Edited since it was first written. */
  public boolean edited() {
    return versions.size() > 1;
  }

  /**
   * As attendees see it, live and in the API: {@code {type:"note", id, sessionId, seq, text, html, author:{username,
   * name}, createdAt, updatedAt, edited}} (times ISO-8601).
   */
  public JsonObject json() {
    return new JsonObject()
        .put("type", "note")
        .put("id", id)
        .put("sessionId", sessionId)
        .put("seq", seq)
        .put("text", text)
        .put("html", html)
        .put("author", author == null ? null
            : new JsonObject().put("username", author.username()).put("name", author.name()))
        .put("createdAt", createdAt == null ? null : createdAt.toString())
        .put("updatedAt", updatedAt == null ? null : updatedAt.toString())
        .put("edited", edited());
  }

  /**
   * As {@code viewer} sees it: {@link #json()} with {@code mine} (the viewer wrote it, so may change it), and every
   * version for a moderator ({@link #withHistory()}).
   */
  public JsonObject view(CurrentUser viewer) {
    boolean moderator = viewer != null && viewer.has(Role.MODERATOR);
    return (moderator ? withHistory() : json()).put("mine", viewer != null && writtenBy(viewer.id()));
  }

  /** {@link #json()} with every version, oldest first ({@code versions:[{text, at}]}): for moderators. */
  public JsonObject withHistory() {
    return json().put("versions", new JsonArray(versions.stream().map(Version::json).toList()));
  }
}
