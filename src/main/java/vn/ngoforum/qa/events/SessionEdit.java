package vn.ngoforum.qa.events;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A moderator's change to a session: each field that is not {@code null} replaces the session's (an empty stream link
 * or description removes it).
 */
public record SessionEdit(JsonObject title, String moderation, String visibility, Instant startsAt, Instant endsAt,
    List<Speaker> speakers, JsonObject description, String stream, String guests, List<String> rapporteurs) {

  public SessionEdit(JsonObject title, String moderation, String visibility, Instant startsAt, Instant endsAt,
      List<Speaker> speakers) {
    this(title, moderation, visibility, startsAt, endsAt, speakers, null, null, null, null);
  }

  public boolean isEmpty() {
    return title == null && moderation == null && visibility == null && startsAt == null && endsAt == null
        && speakers == null && description == null && stream == null && guests == null
        && rapporteurs == null;
  }

  /** The session as it is after this change. */
  public Session applyTo(Session session) {
    return new Session(session.id(), session.eventId(), title != null ? title : session.title(),
        startsAt != null ? startsAt : session.startsAt(), endsAt != null ? endsAt : session.endsAt(),
        moderation != null ? moderation : session.moderation(), visibility != null ? visibility : session.visibility(),
        session.qaOpen(), speakers != null ? speakers : session.speakers(), session.seq(), session.code(),
        description != null ? description : session.description(), stream != null ? stream : session.stream(),
        guests != null ? guests : session.guests(), rapporteurs != null ? rapporteurs : session.rapporteurs());
  }

  /** Whether it changes who may follow the session. */
  public boolean changesVisibility() {
    return visibility != null;
  }

  /** For the audit log: {@code {before:{field: earlier value}, after:{field: new value}}} of the fields it changes. */
  public JsonObject audit(Session before) {
    return Changes.of(before.json(), applyTo(before).json(),
        title != null ? "title" : null, moderation != null ? "moderation" : null,
        visibility != null ? "visibility" : null, startsAt != null ? "startsAt" : null,
        endsAt != null ? "endsAt" : null, speakers != null ? "speakers" : null,
        description != null ? "description" : null, stream != null ? "stream" : null,
        guests != null ? "guests" : null, rapporteurs != null ? "rapporteurs" : null);
  }
}
