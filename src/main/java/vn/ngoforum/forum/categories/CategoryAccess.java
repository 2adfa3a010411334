package vn.ngoforum.forum.categories;

import io.vertx.core.Future;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;

/**
 * Who may read a category, in one place: for the person asking (pages, API, the live addresses) and for the people
 * a post concerns (notifications). Public categories are open to everyone; the others to whoever may read what
 * is for members only ({@link Memberships#mayReadMembersOnly}: member rights, moderators and admins).
 */
public final class CategoryAccess {

  private CategoryAccess() {
  }

  public static Future<Boolean> mayRead(CurrentUser user, Category category, Memberships memberships) {
    return category.isPublic() ? Future.succeededFuture(true) : memberships.mayReadMembersOnly(user);
  }
}
