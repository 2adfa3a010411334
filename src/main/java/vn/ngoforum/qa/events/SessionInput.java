package vn.ngoforum.qa.events;

import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.JsonInput;

/** A session's fields as the API takes them, for a new session and for a change alike. */
final class SessionInput {

  static final String[] FIELDS = {"title", "moderation", "visibility", "startsAt", "endsAt", "speakers",
      "description", "stream", "guests", "rapporteurs"};
  static final String[] NEW_FIELDS = {"title", "moderation", "visibility", "startsAt", "endsAt", "speakers",
      "description", "stream", "guests", "rapporteurs", "qaOpen"};
  private static final int MAX_TEXT = 300;
  private static final int MAX_DESCRIPTION = 4000;
  private static final int MAX_LINK = 500;
  private static final int MAX_LIST = 20;
  private static final int MAX_LIST_ITEM = 200;
  private static final int MAX_USERNAME = 101;

  private SessionInput() {
  }

  /** The fields sent ({@code null} for those absent); {@code title} required when {@code creating}. */
  static SessionEdit read(JsonInput in, boolean creating) {
    if (creating && !in.has("title")) {
      throw ForumException.invalid("title", "'title' is required.");
    }
    return new SessionEdit(
        in.has("title") ? in.bilingual("title", MAX_TEXT, true) : null,
        in.has("moderation") ? in.choice("moderation", Session.MODERATIONS, null) : null,
        in.has("visibility") ? in.choice("visibility", Session.VISIBILITIES, null) : null,
        in.has("startsAt") ? in.requiredInstant("startsAt") : null,
        in.has("endsAt") ? in.requiredInstant("endsAt") : null,
        in.has("speakers") ? Speaker.parseAll(in.textList("speakers", MAX_LIST, MAX_LIST_ITEM)) : null,
        in.has("description") ? in.bilingual("description", MAX_DESCRIPTION, true) : null,
        in.has("stream") ? in.optionalText("stream", MAX_LINK) : null,
        in.has("guests") ? in.choice("guests", Session.GUESTS, null) : null,
        in.has("rapporteurs") ? Session.parseRapporteurs(in.textList("rapporteurs", Session.MAX_RAPPORTEURS,
            MAX_USERNAME)) : null);
  }

  /** A new session from what was sent: the defaults (pre-moderated, public, open, no guests) where nothing was. */
  static Session draft(SessionEdit sent, boolean qaOpen) {
    return sent.applyTo(new Session(null, null, null, null, null, Session.PRE, Session.PUBLIC, qaOpen, null, 0L));
  }
}
