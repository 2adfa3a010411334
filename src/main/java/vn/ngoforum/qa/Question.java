package vn.ngoforum.qa;

import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Set;

/**
 * What a question looks like to whom. Moderators see everything, including who asked anonymously; everybody
 * else sees public questions without the identity of anonymous askers, and of a question hidden after it was
 * public only that it is gone.
 */
final class Question {

  static final String PENDING = "pending";
  static final String APPROVED = "approved";
  static final String HIGHLIGHTED = "highlighted";
  static final String ANSWERED = "answered";
  static final String HIDDEN = "hidden";
  /** Statuses attendees see. */
  static final Set<String> PUBLIC = Set.of(APPROVED, HIGHLIGHTED, ANSWERED);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ID_CHARS = "abcdefghijkmnopqrstuvwxyz23456789".toCharArray();

  private Question() {
  }

  static boolean isPublic(JsonObject doc) {
    return PUBLIC.contains(doc.getString("status"));
  }

  /** The full question, for moderators (and for the export). */
  static JsonObject forModerators(JsonObject doc) {
    JsonObject view = base(doc)
        .put("text", doc.getString("text"))
        .put("anonymous", doc.getBoolean("anonymous", false))
        .put("author", doc.getJsonObject("author"))
        .put("createdAt", doc.getValue("createdAt"))
        .put("edited", doc.getBoolean("edited", false))
        .put("onBehalf", doc.getBoolean("onBehalf", false));
    if (doc.getString("hiddenReason") != null) {
      view.put("hiddenReason", doc.getString("hiddenReason"));
    }
    return view;
  }

  /** The question as {@code viewerId} (null: anybody) may see it. */
  static JsonObject forAttendee(JsonObject doc, String viewerId) {
    JsonObject author = doc.getJsonObject("author", new JsonObject());
    boolean mine = viewerId != null && viewerId.equals(author.getString("id"));
    if (HIDDEN.equals(doc.getString("status")) && !mine) {
      return base(doc);
    }
    boolean anonymous = doc.getBoolean("anonymous", false);
    return base(doc)
        .put("text", doc.getString("text"))
        .put("anonymous", anonymous)
        .put("author", anonymous ? null : new JsonObject().put("name", author.getString("name"))
            .put("organisation", author.getJsonObject("organisation")))
        .put("onBehalf", !anonymous && doc.getBoolean("onBehalf", false))
        .put("createdAt", doc.getValue("createdAt"))
        .put("mine", mine);
  }

  private static JsonObject base(JsonObject doc) {
    return new JsonObject()
        .put("type", "question")
        .put("id", doc.getString("_id"))
        .put("seq", doc.getLong("seq", 0L))
        .put("status", doc.getString("status"))
        .put("votes", doc.getInteger("votes", 0));
  }

  static JsonObject now() {
    return new JsonObject().put("$date", Instant.now().toString());
  }

  /** A new random id that fits event-bus addresses and URLs. */
  static String newId() {
    char[] id = new char[16];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
    }
    return new String(id);
  }
}
