package vn.ngoforum.consultations.amendments;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;

/**
 * A proposed change to one clause. Its id is {@code {consultation}:{clause}:a{n}}, n counting that clause's
 * amendments from 1, so a page's amendments are read by key.
 *
 * @param current      the clause's wording when the amendment was proposed
 * @param diff         {@link vn.ngoforum.consultations.text.WordDiff} of current and proposed wording
 * @param endorsements {@code [{org, name:{vi,en}}]}, the verified organisations that endorse it
 * @param status       proposed, adopted or declined
 * @param organisation {@code {slug, name:{vi,en}}}, the verified organisation the author proposed it for, or
 *                     {@code null} (proposed in their own name, as every amendment stored before it could say)
 */
public record Amendment(String id, String consultation, String clause, String kind, String text,
    String justification, String current, JsonArray diff, String authorId, String authorName, Instant at,
    int supports, JsonArray endorsements, String status, String reason, JsonObject organisation) {

  public static final String REPLACE = "replace";
  public static final String INSERT_AFTER = "insert-after";
  public static final String DELETE = "delete";
  public static final Set<String> KINDS = Set.of(REPLACE, INSERT_AFTER, DELETE);
  public static final String PROPOSED = "proposed";
  public static final String ADOPTED = "adopted";
  public static final String DECLINED = "declined";
  public static final Set<String> DECISIONS = Set.of(ADOPTED, DECLINED);

  /** The id's consultation part (consultation and clause ids contain no colon). */
  public static String consultationOf(String amendmentId) {
    int colon = amendmentId.indexOf(':');
    return colon < 0 ? amendmentId : amendmentId.substring(0, colon);
  }

  /** DESIGN.md's shape; {@code organisation} only when the author proposed it for one. */
  public JsonObject json() {
    JsonObject json = new JsonObject().put("id", id).put("consultation", consultation).put("clause", clause).put("kind", kind)
        .put("text", text).put("justification", justification).put("current", current).put("diff", diff)
        .put("author", new JsonObject().put("id", authorId).put("name", authorName)).put("at", at.toString())
        .put("supports", supports).put("endorsements", endorsements).put("endorsementCount", endorsements.size())
        .put("status", status).put("reason", reason);
    return organisation == null ? json : json.put("organisation", organisation);
  }
}
