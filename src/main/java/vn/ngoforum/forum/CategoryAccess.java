package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Role;

/**
 * Who may read a category, in one place: for the person asking (pages, API, the live addresses) and for the people
 * a post concerns (notifications). Public categories are open to everyone; the others to moderators, admins and
 * whoever has member rights ({@link Memberships#mayPost}).
 */
final class CategoryAccess {

  private CategoryAccess() {
  }

  static boolean isPublic(JsonObject category) {
    return "public".equals(category.getString("visibility", "public"));
  }

  static Future<Boolean> mayRead(CurrentUser user, JsonObject category, Memberships memberships) {
    if (isPublic(category)) {
      return Future.succeededFuture(true);
    }
    if (user == null) {
      return Future.succeededFuture(false);
    }
    if (user.has(Role.MODERATOR) || user.has(Role.ADMIN)) {
      return Future.succeededFuture(true);
    }
    return memberships.mayPost(user);
  }
}
