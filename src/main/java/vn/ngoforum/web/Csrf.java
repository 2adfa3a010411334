package vn.ngoforum.web;

import vn.ngoforum.error.ForumException;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * CSRF protection for every state-changing request that a browser session authenticates.
 *
 * <p>Each session holds one random token. Pages put it in every form ({@code _csrf}); scripts read it from the
 * {@code XSRF-TOKEN} cookie and send it as {@code X-XSRF-TOKEN}. A POST, PUT, PATCH or DELETE without the
 * session's token is refused with 403 and changes nothing; a request with no session at all is anonymous and
 * left to the route (which answers 401 where sign-in is needed). Requests that carry an {@code Authorization: Bearer}
 * token are exempt: a browser never adds that header on its own, so another site cannot forge it. The token is
 * the same for the whole session, so several tabs and parallel API calls work.
 *
 * @param exemptPrefixes paths (or path prefixes ending in "/") that authenticate otherwise: Keycloak's
 *                       back-channel logout (a signed token) and the event-bus bridge (receive-only, same-origin)
 * @param sessions       the browser session a request already has (never one created for it)
 */
public record Csrf(boolean secureCookie, Set<String> exemptPrefixes,
    Function<RoutingContext, Optional<Session>> sessions) implements Handler<RoutingContext> {

  static final String COOKIE = "XSRF-TOKEN";
  static final String HEADER = "X-XSRF-TOKEN";
  static final String FORM_FIELD = "_csrf";
  static final String SESSION_KEY = "csrf";
  /** The view-model key templates use for hidden form fields. */
  static final String MODEL_KEY = "csrfToken";

  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public void handle(RoutingContext ctx) {
    Session session = sessions.apply(ctx).orElse(null);
    String token = session == null ? null : session.get(SESSION_KEY);
    // Without a session a request carries no ambient authority to abuse: it is anonymous, and the route's own
    // guard answers it (401 for the API). With one, the token must match.
    if (session != null && !SAFE.contains(ctx.request().method()) && !exempt(ctx)) {
      String sent = ctx.request().getHeader(HEADER);
      if (sent == null) {
        sent = ctx.request().getFormAttribute(FORM_FIELD);
      }
      if (token == null || sent == null || !MessageDigest.isEqual(
          token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
        ctx.fail(ForumException.forbidden(
            "This form or request is missing its security token (CSRF). Reload the page and try again."));
        return;
      }
    }
    if (session != null) {
      expose(ctx, session, token);
    }
    ctx.next();
  }

  /** Gives a session its token (call after sign-in, when the session is new) and exposes it to the page. */
  void expose(RoutingContext ctx, Session session, String current) {
    String token = current;
    if (token == null) {
      token = newToken();
      session.put(SESSION_KEY, token);
    }
    Cookie sent = ctx.request().getCookie(COOKIE);
    if (sent == null || !token.equals(sent.getValue())) {
      ctx.response().addCookie(Cookie.cookie(COOKIE, token)
          .setPath("/")
          .setSameSite(CookieSameSite.LAX)
          .setSecure(secureCookie)
          .setHttpOnly(false));
    }
    ctx.put(MODEL_KEY, token);
  }

  private boolean exempt(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return true;
    }
    String path = ctx.request().path();
    return exemptPrefixes.stream().anyMatch(prefix -> prefix.endsWith("/") ? path.startsWith(prefix)
        : path.equals(prefix));
  }

  static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
