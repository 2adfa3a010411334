package vn.ngoforum.web;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Security headers on every response, pages, API, static files and errors alike.
 *
 * <p>The CSP allows only the forum's own scripts and styles (no inline code, no eval), no framing, and form
 * posts to the forum and to Keycloak only: browsers apply {@code form-action} to the redirect after a form post
 * too, and sign-out posts to the forum, which redirects to Keycloak's end-session page.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {

  private final String contentSecurityPolicy;
  private final boolean https;

  public SecurityHeaders(String keycloakOrigin, boolean https) {
    this.https = https;
    this.contentSecurityPolicy = String.join("; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'" + (keycloakOrigin == null ? "" : " " + keycloakOrigin),
        "frame-ancestors 'none'");
  }

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    headers.set("Content-Security-Policy", contentSecurityPolicy);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
    headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    if (https) {
      headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    ctx.next();
  }
}
