package vn.ngoforum.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The organisations a person belongs to, as the NGO registry knows them. An approved membership gives a person a
 * voice in the forum (see {@link #mayPost}) and shows their organisation next to their name.
 */
public interface Memberships {

  /** Nobody belongs anywhere: the answer before the registry is wired in. */
  Memberships NONE = userId -> Future.succeededFuture(List.of());

  /**
   * The person's approved memberships, as
   * {@code [{slug, name:{vi,en}, acronym, verified, role: "admin"|"member"}]}.
   */
  Future<List<JsonObject>> of(String userId);

  /**
   * Whether the person may post in the forum: the {@code member} realm role, or an approved membership of an
   * organisation (an attendee admitted by an NGO).
   */
  default Future<Boolean> mayPost(CurrentUser user) {
    if (user == null) {
      return Future.succeededFuture(false);
    }
    if (user.has(Role.MEMBER)) {
      return Future.succeededFuture(true);
    }
    return of(user.id()).map(list -> !list.isEmpty());
  }
}
