package vn.ngoforum.consultations.documents;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
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

  /** The membership {@code {slug, name, acronym, verified, role}}, or a 403. */
  public static Future<JsonObject> of(Memberships memberships, CurrentUser user, String org) {
    return memberships.of(user.id()).map(list -> list.stream()
        .filter(m -> org.equals(m.getString("slug")) && "admin".equals(m.getString("role"))
            && m.getBoolean("verified", false))
        .findFirst()
        .orElseThrow(() -> ForumException.forbidden("Only an admin of a verified organisation may act for it.")
            .withMessageKey("consultations.org.notVerifiedAdmin")));
  }
}
