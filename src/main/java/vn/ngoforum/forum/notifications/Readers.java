package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.LastSignIn;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Role;
import vn.ngoforum.forum.categories.Category;
import vn.ngoforum.forum.categories.CategoryAccess;
import vn.ngoforum.forum.categories.CategoryRepository;

/**
 * Who among the people a post concerns may read its category, checked without their session: what the forum last
 * saw of their roles and, live, their memberships ({@code memberships} answers who has member rights).
 */
record Readers(PeopleRepository people, CategoryRepository categories, LastSignIn signIns, Memberships memberships) {

  /** How many people's rights to read a category are checked at once. */
  static final int CHECKS = 50;

  /**
   * Those of {@code userIds} who may read the category {@code slug} (a category that is gone: nobody): everyone for
   * a public category; for one that is not, each person is checked ({@link #mayRead(String, Category)}),
   * {@value #CHECKS} at a time.
   */
  Future<List<String>> of(List<String> userIds, String slug) {
    return categories.find(slug).compose(category -> mayRead(userIds, category));
  }

  private Future<List<String>> mayRead(List<String> userIds, Category category) {
    if (category == null) {
      return Future.succeededFuture(List.of());
    }
    if (category.isPublic()) {
      return Future.succeededFuture(userIds);
    }
    List<String> readers = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < userIds.size(); from += CHECKS) {
      List<String> batch = userIds.subList(from, Math.min(userIds.size(), from + CHECKS));
      chain = chain.compose(v -> Future.all(batch.stream().map(userId -> mayRead(userId, category)).toList())
          .onSuccess(answers -> {
            for (int i = 0; i < batch.size(); i++) {
              if (answers.<Boolean>resultAt(i)) {
                readers.add(batch.get(i));
              }
            }
          }).mapEmpty());
    }
    return chain.map(v -> readers);
  }

  /**
   * Whether the person may read {@code category}, which is not public, by the rule readers are held to
   * ({@link CategoryAccess}). Their session is not at hand, so their realm roles are the latest the forum saw:
   * when they last wrote in the forum (remembered with each post) or when they last signed in through the browser,
   * whichever is more recent; someone never seen has none. Organisation memberships are asked live, so a watcher
   * who left the organisation that opened the category to them is told nothing more.
   */
  private Future<Boolean> mayRead(String userId, Category category) {
    return Future.all(people.find(userId), signIns.of(userId))
        .compose(both -> CategoryAccess.mayRead(recipient(userId, both.resultAt(0), both.resultAt(1)), category,
            memberships));
  }

  /** The person as last seen: the more recent of what they showed when writing and at their last sign-in. */
  private static CurrentUser recipient(String userId, KnownPerson writer, LastSignIn.Seen signedIn) {
    Instant wrote = writer == null ? null : writer.rolesAt();
    if (signedIn != null && (wrote == null || signedIn.at().isAfter(wrote))) {
      return signedIn.user();
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (wrote != null) {
      writer.roles().forEach(name -> Role.fromRealmRole(name).ifPresent(roles::add));
    }
    return new CurrentUser(userId, writer == null || writer.username() == null ? userId : writer.username(),
        writer == null || writer.name() == null ? userId : writer.name(), null, null, roles);
  }
}
