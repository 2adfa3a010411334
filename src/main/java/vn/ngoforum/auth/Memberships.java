package vn.ngoforum.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The organisations a person belongs to, as the NGO registry knows them, and the forum's one rule of trust that
 * follows from them (see {@link #hasMemberRights}). Every feature asks here; none re-implements the rule.
 */
public interface Memberships {

  /** Nobody belongs anywhere: the answer before the registry is wired in. */
  Memberships NONE = userId -> Future.succeededFuture(List.of());

  /**
   * The person's approved memberships, as
   * {@code [{slug, name:{vi,en}, acronym, verified, province:{vi,en}, role: "admin"|"member"}]}.
   */
  Future<List<JsonObject>> of(String userId);

  /**
   * Whether the person has the forum's member rights (read members-only categories and sessions, post, upload,
   * react, ask and vote in members-only sessions, follow members-only live addresses): the realm role
   * {@code member}, or an approved membership of an organisation a forum admin has <em>verified</em>. Nothing else
   * grants them: registering an organisation makes its creator the admin of an unverified organisation, which
   * recognises nothing until a forum admin verifies it. Read afresh on every call, so a person removed from an
   * organisation, or an organisation that loses its verification, loses the rights on the next request.
   */
  default Future<Boolean> hasMemberRights(CurrentUser user) {
    if (user == null) {
      return Future.succeededFuture(false);
    }
    if (user.has(Role.MEMBER)) {
      return Future.succeededFuture(true);
    }
    return of(user.id()).map(list -> list.stream().anyMatch(org -> org.getBoolean("verified", false)));
  }

  /**
   * Whether the person may read what is for members only: anyone with {@linkplain #hasMemberRights member rights},
   * and the forum's moderators and admins, who look after it.
   */
  default Future<Boolean> mayReadMembersOnly(CurrentUser user) {
    if (user != null && (user.has(Role.MODERATOR) || user.has(Role.ADMIN))) {
      return Future.succeededFuture(true);
    }
    return hasMemberRights(user);
  }
}
