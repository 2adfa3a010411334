package vn.ngoforum.qa.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A session of an event (an agenda item) with its live Q&amp;A: whether questions wait for a moderator
 * ({@code pre}) or appear at once ({@code post}), whether it is for everyone or for members, whether questions are
 * open, {@code seq}: the number of the session's last change (every change to its questions, polls and itself
 * takes the next one, so a page that reconnects asks for what changed since the number it holds), and {@code code}:
 * the six-digit join code people type at {@code /j} ({@code null} until one is given, see {@link JoinCodes}).
 */
public record Session(String id, String eventId, JsonObject title, Instant startsAt, Instant endsAt,
    String moderation, String visibility, boolean qaOpen, List<Speaker> speakers, long seq, String code,
    JsonObject description, String stream, String guests) {

  /** Questions wait for a moderator's approval. */
  public static final String PRE = "pre";
  /** Questions appear at once; moderators may hide them afterwards. */
  public static final String POST = "post";
  public static final String PUBLIC = "public";
  public static final String MEMBERS = "members";
  public static final Set<String> MODERATIONS = Set.of(PRE, POST);
  public static final Set<String> VISIBILITIES = Set.of(PUBLIC, MEMBERS);
  /** Guests (people without an account) may not take part; they may ask; they may ask and vote. */
  public static final String GUESTS_OFF = "off";
  public static final String GUESTS_ASK = "ask";
  public static final String GUESTS_ASK_AND_VOTE = "ask-and-vote";
  public static final Set<String> GUESTS = Set.of(GUESTS_OFF, GUESTS_ASK, GUESTS_ASK_AND_VOTE);

  public Session {
    moderation = moderation == null ? PRE : moderation;
    visibility = visibility == null ? PUBLIC : visibility;
    speakers = speakers == null ? List.of() : List.copyOf(speakers);
    guests = guests == null ? GUESTS_OFF : guests;
  }

  /** A session as first stored, without join code, description, stream link or guests. */
  public Session(String id, String eventId, JsonObject title, Instant startsAt, Instant endsAt, String moderation,
      String visibility, boolean qaOpen, List<Speaker> speakers, long seq, String code) {
    this(id, eventId, title, startsAt, endsAt, moderation, visibility, qaOpen, speakers, seq, code, null, null,
        null);
  }

  /** A session without a join code yet. */
  public Session(String id, String eventId, JsonObject title, Instant startsAt, Instant endsAt, String moderation,
      String visibility, boolean qaOpen, List<Speaker> speakers, long seq) {
    this(id, eventId, title, startsAt, endsAt, moderation, visibility, qaOpen, speakers, seq, null);
  }

  /** The same session under another id and event with its join code, as a new session is stored. */
  public Session placed(String newId, String inEvent, String joinCode) {
    return new Session(newId, inEvent, title, startsAt, endsAt, moderation, visibility, qaOpen, speakers, seq,
        joinCode, description, stream, guests);
  }

  public boolean membersOnly() {
    return MEMBERS.equals(visibility);
  }

  public boolean postModerated() {
    return POST.equals(moderation);
  }

  /** True when both times are known and it would end before it starts. */
  public boolean endsBeforeItStarts() {
    return startsAt != null && endsAt != null && endsAt.isBefore(startsAt);
  }

  /**
   * As the API and the pages show it: {@code {id, eventId, title, startsAt, endsAt, moderation, visibility, qaOpen,
   * speakers:[{name, organisation}], seq, code, description, stream, guests}}.
   */
  public JsonObject json() {
    return new JsonObject()
        .put("id", id)
        .put("eventId", eventId)
        .put("title", Event.copy(title))
        .put("startsAt", Event.date(startsAt))
        .put("endsAt", Event.date(endsAt))
        .put("moderation", moderation)
        .put("visibility", visibility)
        .put("qaOpen", qaOpen)
        .put("speakers", new JsonArray(speakers.stream().map(Speaker::json).toList()))
        .put("seq", seq)
        .put("code", code)
        .put("description", Event.copy(description))
        .put("stream", stream)
        .put("guests", guests);
  }
}
