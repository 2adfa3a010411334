package vn.ngoforum.qa.questions;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import vn.ngoforum.db.Dates;
import vn.ngoforum.qa.http.GuestPass;

/**
 * A question asked in a Q&amp;A session, and what it looks like to whom. Moderators see everything, including who
 * asked anonymously; everybody else sees public questions without the identity of anonymous askers, and of a
 * question hidden after it was public only that it is gone.
 *
 * <p>{@code seq} is the session's sequence number of the question's last change; {@code shown} is set once the
 * question was ever public, so that hiding it later is announced to attendees who saw it; {@code onBehalf} says the
 * asker spoke for their organisation (a verified one they are an approved member of).
 *
 * <p>{@code moderation} holds what moderators added: {@code {answer, originalText, redaction:{reason, note},
 * hideNote, last:{action, by:{id, name}, at}}} (each key absent until set). The room sees the written answer and
 * that a text was edited by the moderator; moderators also see the original text, the reasons and who acted last.
 */
public record Question(String id, String sessionId, String text, boolean anonymous, Asker asker, boolean onBehalf,
    String status, boolean shown, int votes, Instant createdAt, long seq, String hiddenReason, boolean edited,
    JsonObject moderation) {

  public static final String PENDING = "pending";
  public static final String APPROVED = "approved";
  public static final String HIGHLIGHTED = "highlighted";
  public static final String ANSWERED = "answered";
  public static final String HIDDEN = "hidden";
  /** Withdrawn by the person who asked: gone like a hidden question, but not a moderator's decision. */
  public static final String WITHDRAWN = "withdrawn";
  /** Statuses attendees see. */
  public static final Set<String> PUBLIC = Set.of(APPROVED, HIGHLIGHTED, ANSWERED);
  /** The longest question, in characters (code points). */
  public static final int MAX_LENGTH = 500;

  public Question {
    moderation = moderation == null ? new JsonObject() : moderation;
  }

  /** A question nobody moderated yet. */
  public Question(String id, String sessionId, String text, boolean anonymous, Asker asker, boolean onBehalf,
      String status, boolean shown, int votes, Instant createdAt, long seq, String hiddenReason, boolean edited) {
    this(id, sessionId, text, anonymous, asker, onBehalf, status, shown, votes, createdAt, seq, hiddenReason, edited,
        null);
  }

  /** The moderator's written answer, or {@code null}. */
  public String answer() {
    return moderation.getString("answer");
  }

  /** The text as the asker wrote it (before a moderator edited or redacted it). */
  public String originalText() {
    return moderation.getString("originalText", text);
  }

  public boolean isPublic() {
    return PUBLIC.contains(status);
  }

  /** Hidden or withdrawn: nobody but its asker sees its text any more. */
  public boolean gone() {
    return HIDDEN.equals(status) || WITHDRAWN.equals(status);
  }

  /** Hidden or withdrawn after attendees saw it: they are told it is gone. */
  public boolean hiddenAfterShown() {
    return gone() && shown;
  }

  public boolean askedBy(String userId) {
    return userId != null && asker != null && userId.equals(asker.id());
  }

  /**
   * The full question, for moderators (and for the export): {@code {type:"question", id, seq, status, votes, text,
   * anonymous, author:{id, username, name, organisation}, createdAt, edited, onBehalf, hiddenReason, answer,
   * moderation}}.
   * {@code createdAt} keeps the API's documented shape, a MongoDB extended-JSON date (see openapi.yaml).
   */
  public JsonObject forModerators() {
    JsonObject view = base()
        .put("text", text)
        .put("anonymous", anonymous)
        .put("author", asker == null ? null : asker.json())
        .put("createdAt", date())
        .put("edited", edited)
        .put("onBehalf", onBehalf)
        .put("answer", answer())
        .put("moderation", moderation.copy());
    if (hiddenReason != null) {
      view.put("hiddenReason", hiddenReason);
    }
    return view;
  }

  /** The question as {@code viewerId} ({@code null}: anybody) may see it. */
  public JsonObject forAttendee(String viewerId) {
    boolean mine = askedBy(viewerId);
    if (gone() && !mine) {
      return base();
    }
    return base()
        .put("text", text)
        .put("anonymous", anonymous)
        .put("author", anonymous ? null : new JsonObject().put("name", asker == null ? null : asker.name())
            .put("organisation", asker == null || asker.organisation() == null ? null : asker.organisation().json())
            .put("former", asker != null && asker.former()))
        .put("onBehalf", !anonymous && onBehalf)
        .put("createdAt", date())
        .put("edited", edited)
        .put("answer", answer())
        .put("mine", mine);
  }

  /**
   * The question's vote count alone, {@code {type:"votes", id, seq, status, votes}}: what a vote changes. In a vote
   * storm every follower gets one a few times a second, so it carries a third of the bytes the whole question does
   * (5,000 phones at four a second: 2.6 instead of 8 MB a second). Pages apply it to the copy they hold when its seq
   * is newer.
   */
  public JsonObject votesFrame() {
    return base().put("type", "votes");
  }

  private JsonObject base() {
    return new JsonObject()
        .put("type", "question")
        .put("id", id)
        .put("seq", seq)
        .put("status", status)
        .put("votes", votes);
  }

  private JsonObject date() {
    return createdAt == null ? null : Dates.of(createdAt);
  }

  /**
   * Who asked: their account, and the organisation shown next to their name (the one they spoke for, else their
   * first; {@code null} when they belong to none). {@code former}: the asker closed their account since; their name
   * is forgotten and pages show "former member".
   */
  public record Asker(String id, String username, String name, Organisation organisation, boolean former) {

    public Asker(String id, String username, String name, Organisation organisation) {
      this(id, username, name, organisation, false);
    }

    public JsonObject json() {
      return new JsonObject().put("id", id).put("username", username).put("name", name)
          .put("organisation", organisation == null ? null : organisation.json()).put("guest", guest())
          .put("former", former);
    }

    /** A guest without an account (see {@link GuestPass}): marked as such to moderators. */
    public boolean guest() {
      return GuestPass.isGuestId(id);
    }
  }

  /** An organisation as a question shows it: {@code {slug, name:{vi,en}, acronym, verified}}. */
  public record Organisation(String slug, JsonObject name, String acronym, boolean verified) {

    /** From {@code {slug, name, acronym, verified}}: the registry's membership answer, or a stored question's. */
    public static Organisation from(JsonObject json) {
      return json == null ? null : new Organisation(json.getString("slug"), json.getJsonObject("name"),
          json.getString("acronym"), json.getBoolean("verified", false));
    }

    public JsonObject json() {
      return new JsonObject().put("slug", slug).put("name", name == null ? null : name.copy())
          .put("acronym", acronym).put("verified", verified);
    }
  }
}
