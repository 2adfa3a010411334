package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;

/**
 * Who may read a category, in one place: for the person asking (pages, API, the live addresses) and for the people
 * a post concerns (notifications). Public categories are open to everyone; the others to whoever may read what
 * is for members only ({@link Memberships#mayReadMembersOnly}: member rights, moderators and admins).
 */
final class CategoryAccess {

  private CategoryAccess() {
  }

  static boolean isPublic(JsonObject category) {
    return "public".equals(category.getString("visibility", "public"));
  }

  static Future<Boolean> mayRead(CurrentUser user, JsonObject category, Memberships memberships) {
    return isPublic(category) ? Future.succeededFuture(true) : memberships.mayReadMembersOnly(user);
  }
}
