package vn.ngoforum.consultations.documents;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.error.ForumException;

/**
 * Who may act for an organisation in a consultation (endorse an amendment, sign the joint statement): an admin of
 * that organisation, and only once a forum admin has <em>verified</em> it; asked through the {@link Memberships}
 * port, afresh on every call.
 */
public final class VerifiedAdmin {

  private VerifiedAdmin() {
  }

  /** The memberships of the verified organisations this person is an admin of (none for a guest). */
  public static Future<List<JsonObject>> all(Memberships memberships, CurrentUser user) {
    if (user == null) {
      return Future.succeededFuture(List.of());
    }
    return memberships.of(user.id()).map(list -> list.stream()
        .filter(m -> "admin".equals(m.getString("role")) && m.getBoolean("verified", false)).toList());
  }

  /**
   * The verified organisations this person is an approved member of (any role), {@code [{slug, name}]}: those they
   * may propose an amendment for, as members speak for one elsewhere in the forum (none for a guest).
   */
  public static Future<List<JsonObject>> speakable(Memberships memberships, CurrentUser user) {
    if (user == null) {
      return Future.succeededFuture(List.of());
    }
    return memberships.of(user.id()).map(list -> list.stream().filter(m -> m.getBoolean("verified", false))
        .map(m -> new JsonObject().put("slug", m.getString("slug")).put("name", m.getJsonObject("name"))).toList());
  }

  /** The membership {@code {slug, name, acronym, verified, role}}, or a 403. */
  public static Future<JsonObject> of(Memberships memberships, CurrentUser user, String org) {
    return all(memberships, user).map(list -> list.stream()
        .filter(m -> org.equals(m.getString("slug")))
        .findFirst()
        .orElseThrow(() -> ForumException.forbidden("Only an admin of a verified organisation may act for it.")
            .withMessageKey("consultations.org.notVerifiedAdmin")));
  }
}
