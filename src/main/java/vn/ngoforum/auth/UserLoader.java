package vn.ngoforum.auth;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.web.RoutingContext;
import vn.ngoforum.web.ForumException;
import vn.ngoforum.web.Sessions;

/**
 * Finds out who is making the request and puts the {@link CurrentUser} on it.
 *
 * <p>An {@code Authorization: Bearer} access token wins: it must be signed by the realm's key, name the realm as
 * issuer and the forum's client in {@code aud}, and not be expired, else 401. Otherwise the browser session's
 * user, if any. Anonymous requests simply carry no user.
 */
public final class UserLoader implements Handler<RoutingContext> {

  static final String SESSION_USER = "user";

  private final Oidc oidc;
  private final String clientId;

  public UserLoader(Oidc oidc, String clientId) {
    this.oidc = oidc;
    this.clientId = clientId;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      authenticateBearer(ctx, authorization.substring(7).trim());
      return;
    }
    Sessions.existing(ctx)
        .map(session -> session.<String>get(SESSION_USER))
        .map(json -> CurrentUser.fromJson(new JsonObject(json)))
        .ifPresent(user -> ctx.put(CurrentUser.CONTEXT_KEY, user));
    ctx.next();
  }

  private void authenticateBearer(RoutingContext ctx, String token) {
    OAuth2Auth provider = oidc.provider().orElse(null);
    if (provider == null) {
      ctx.fail(ForumException.unavailable("Sign-in is temporarily unavailable: access tokens cannot be checked.",
          30));
      return;
    }
    if (token.isEmpty()) {
      ctx.fail(ForumException.unauthorized("The Authorization header carries no token."));
      return;
    }
    provider.authenticate(new TokenCredentials(token))
        .onSuccess(user -> {
          // Only a token we decoded and validated ourselves counts: vertx-auth falls back to introspection for
          // tokens it could not validate (e.g. issued for another client), and those must not pass.
          JsonObject accessToken = user.attributes().getJsonObject("accessToken");
          // vertx-auth checks "aud" only when the token has one; a token without it was not issued for us.
          if (accessToken == null || !audienceIncludes(accessToken, clientId)) {
            ctx.fail(ForumException.unauthorized("The access token is not valid for this forum."));
            return;
          }
          ctx.put(CurrentUser.CONTEXT_KEY, CurrentUser.fromClaims(accessToken, null));
          ctx.next();
        })
        .onFailure(failure -> ctx.fail(ForumException.unauthorized("The access token is invalid or expired.")));
  }

  private static boolean audienceIncludes(JsonObject token, String clientId) {
    Object audience = token.getValue("aud");
    if (audience instanceof String single) {
      return single.equals(clientId);
    }
    return audience instanceof io.vertx.core.json.JsonArray many && many.contains(clientId);
  }
}
