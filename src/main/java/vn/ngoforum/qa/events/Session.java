package vn.ngoforum.qa.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import vn.ngoforum.error.ForumException;

/**
 * A session of an event (an agenda item) with its live Q&amp;A: whether questions wait for a moderator
 * ({@code pre}) or appear at once ({@code post}), whether it is for everyone or for members, whether questions are
 * open, {@code seq}: the number of the session's last change (every change to its questions, polls and itself
 * takes the next one, so a page that reconnects asks for what changed since the number it holds), and {@code code}:
 * the six-digit join code people type at {@code /j} ({@code null} until one is given, see {@link JoinCodes}).
 * {@code rapporteurs}: the usernames of the people a moderator named to write the session's live notes.
 */
public record Session(String id, String eventId, JsonObject title, Instant startsAt, Instant endsAt,
    String moderation, String visibility, boolean qaOpen, List<Speaker> speakers, long seq, String code,
    JsonObject description, String stream, String guests, List<String> rapporteurs) {

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
  /** The most rapporteurs a session names. */
  public static final int MAX_RAPPORTEURS = 10;
  /** A username as the identity provider keeps it (lower case, no spaces). */
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9._@+-]{1,100}");

  public Session {
    moderation = moderation == null ? PRE : moderation;
    visibility = visibility == null ? PUBLIC : visibility;
    speakers = speakers == null ? List.of() : List.copyOf(speakers);
    guests = guests == null ? GUESTS_OFF : guests;
    rapporteurs = rapporteurs == null ? List.of() : List.copyOf(rapporteurs);
  }

  /** A session as first stored, without join code, description, stream link or guests. */
  public Session(String id, String eventId, JsonObject title, Instant startsAt, Instant endsAt, String moderation,
      String visibility, boolean qaOpen, List<Speaker> speakers, long seq, String code) {
    this(id, eventId, title, startsAt, endsAt, moderation, visibility, qaOpen, speakers, seq, code, null, null,
        null, null);
  }

  /** A session without a join code yet. */
  public Session(String id, String eventId, JsonObject title, Instant startsAt, Instant endsAt, String moderation,
      String visibility, boolean qaOpen, List<Speaker> speakers, long seq) {
    this(id, eventId, title, startsAt, endsAt, moderation, visibility, qaOpen, speakers, seq, null);
  }

  /** The same session under another id and event with its join code, as a new session is stored. */
  public Session placed(String newId, String inEvent, String joinCode) {
    return new Session(newId, inEvent, title, startsAt, endsAt, moderation, visibility, qaOpen, speakers, seq,
        joinCode, description, stream, guests, rapporteurs);
  }

  public boolean membersOnly() {
    return MEMBERS.equals(visibility);
  }

  public boolean postModerated() {
    return POST.equals(moderation);
  }

  /**
   * Rapporteurs as a moderator typed them (usernames, in any case, an {@code @} before one allowed), each once; 400
   * about {@code rapporteurs} for more than {@value #MAX_RAPPORTEURS} or a name that is not a username.
   */
  public static List<String> parseRapporteurs(List<String> typed) {
    List<String> usernames = typed.stream().map(name -> name.strip().replaceFirst("^@", "").toLowerCase(Locale.ROOT))
        .filter(name -> !name.isEmpty()).distinct().toList();
    if (usernames.size() > MAX_RAPPORTEURS || !usernames.stream().allMatch(name -> USERNAME.matcher(name).matches())) {
      throw ForumException.invalid("rapporteurs", "Up to " + MAX_RAPPORTEURS + " rapporteurs, by their usernames.")
          .withMessageKey("qa.error.rapporteurs");
    }
    return usernames;
  }

  /** Whether {@code username} was named a rapporteur of the session. */
  public boolean hasRapporteur(String username) {
    return username != null && rapporteurs.contains(username);
  }

  /** True when both times are known and it would end before it starts. */
  public boolean endsBeforeItStarts() {
    return startsAt != null && endsAt != null && endsAt.isBefore(startsAt);
  }

  /**
   * As the API and the pages show it: {@code {id, eventId, title, startsAt, endsAt, moderation, visibility, qaOpen,
   * speakers:[{name, organisation}], seq, code, description, stream, guests, rapporteurs:[username]}}.
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
        .put("guests", guests)
        .put("rapporteurs", new JsonArray(rapporteurs));
  }
}
