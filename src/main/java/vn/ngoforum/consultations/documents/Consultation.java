package vn.ngoforum.consultations.documents;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import vn.ngoforum.consultations.recognition.Participation;

/**
 * A consultation on a policy text: what the authority published, until when it takes comments, who may read it,
 * where it stands (draft → open → closed), and how many comments each clause has (kept on write, so the reading
 * page needs no count query).
 *
 * @param counts comments per clause id, {@code {"d5-k2": 3}}
 * @param seq    the sequence number of the last change announced to live followers (0 before the first); a page
 *               rendered from this record shows every change up to it, and catches up from it
 */
public record Consultation(String id, JsonObject title, JsonObject summary, String authority, Instant deadline,
    String visibility, String status, JsonObject counts, String createdBy, Instant createdAt, long seq) {

  public static final String PUBLIC = "public";
  public static final String MEMBERS = "members";
  public static final Set<String> VISIBILITIES = Set.of(PUBLIC, MEMBERS);
  public static final String DRAFT = "draft";
  public static final String OPEN = "open";
  public static final String CLOSED = "closed";

  public boolean membersOnly() {
    return MEMBERS.equals(visibility);
  }

  public int count(String clauseId) {
    return counts == null ? 0 : counts.getInteger(clauseId, 0);
  }

  /** What an organisation's profile keeps of it when the organisation takes part. */
  public Participation.Subject subject() {
    return new Participation.Subject(id, title, visibility);
  }

  /** The API's summary fields: {@code {id, title, summary, authority, deadline, visibility, status}}. */
  public JsonObject json() {
    return new JsonObject().put("id", id).put("title", title).put("summary", summary).put("authority", authority)
        .put("deadline", deadline == null ? null : deadline.toString()).put("visibility", visibility)
        .put("status", status);
  }
}
