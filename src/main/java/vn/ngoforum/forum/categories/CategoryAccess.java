package vn.ngoforum.forum.categories;

import io.vertx.core.Future;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

  /** The slugs of the categories among {@code all} that the person may read (search, "Latest", profiles). */
  public static Future<Set<String>> readable(CurrentUser user, List<Category> all, Memberships memberships) {
    List<Future<Boolean>> checks = all.stream().map(category -> mayRead(user, category, memberships)).toList();
    return Future.all(checks).map(done -> {
      Set<String> slugs = new HashSet<>();
      for (int i = 0; i < all.size(); i++) {
        if (Boolean.TRUE.equals(done.resultAt(i))) {
          slugs.add(all.get(i).slug());
        }
      }
      return slugs;
    });
  }
}
