package vn.ngoforum.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The person making this request, as the forum sees them: who they are and which realm roles they hold.
 *
 * <p>Features ask {@link #of(RoutingContext)} and never parse tokens or principals. It is put on the request by
 * {@link UserLoader}, from the browser session or from a Bearer access token.
 *
 * @param id the Keycloak subject ({@code sub}), stable for the person's lifetime
 */
public record CurrentUser(String id, String username, String name, String email, String locale, Set<Role> roles) {

  static final String CONTEXT_KEY = "currentUser";

  public CurrentUser {
    roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
  }

  /** The signed-in person, if any. */
  public static Optional<CurrentUser> of(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(CONTEXT_KEY));
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** Builds the user from the claims of Keycloak's access token (and ID token, when there is one). */
  public static CurrentUser fromClaims(JsonObject accessToken, JsonObject idToken) {
    JsonObject claims = idToken != null ? idToken.copy().mergeIn(accessToken) : accessToken;
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    JsonObject realmAccess = accessToken.getJsonObject("realm_access");
    JsonArray names = realmAccess == null ? null : realmAccess.getJsonArray("roles");
    if (names != null) {
      for (Object name : names) {
        Role.fromRealmRole(String.valueOf(name)).ifPresent(roles::add);
      }
    }
    String username = claims.getString("preferred_username", claims.getString("sub"));
    String name = claims.getString("name");
    return new CurrentUser(claims.getString("sub"), username, name == null || name.isBlank() ? username : name,
        claims.getString("email"), claims.getString("locale"), roles);
  }

  JsonObject toJson() {
    JsonArray roleNames = new JsonArray();
    roles.forEach(role -> roleNames.add(role.realmRole()));
    return new JsonObject().put("id", id).put("username", username).put("name", name).put("email", email)
        .put("locale", locale).put("roles", roleNames);
  }

  static CurrentUser fromJson(JsonObject json) {
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    for (Object name : json.getJsonArray("roles", new JsonArray())) {
      Role.fromRealmRole(String.valueOf(name)).ifPresent(roles::add);
    }
    return new CurrentUser(json.getString("id"), json.getString("username"), json.getString("name"),
        json.getString("email"), json.getString("locale"), roles);
  }
}
