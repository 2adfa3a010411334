package vn.ngoforum.auth;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.util.Optional;

/**
 * Access to the browser session without creating one by accident: anonymous traffic stores nothing.
 *
 * <p>Sessions are lazy: a visitor who only reads gets no session and no cookie (so crawlers and thousands of
 * anonymous attendees cost no session storage). Only sign-in makes a session ({@link #forSignIn}, then
 * {@code regenerateId()}); every other request sees a session only when its cookie names one the store holds
 * ({@link #existing}). A cookie the store does not know (forged, expired, from before a restart) makes Vert.x
 * hand the request a new empty session; {@link #guard} makes sure that one is never stored and clears the cookie,
 * so junk cookies cost a store look-up, not a stored session each.
 *
 * <p>Values put into a session are strings (the signed-in person as JSON, tokens): with {@code FORUM_CLUSTER} the
 * session lives in the cluster's shared data, which copies only strings, numbers, buffers and JSON between nodes.
 */
public final class Sessions {

  /** Name of the session cookie. */
  public static final String COOKIE = "forum.session";
  /** Request bookkeeping, never rendered: "__" keys are not part of a page's model (see ThreadPageCache). */
  private static final String KNOWN = "__forum.session.known";

  private Sessions() {
  }

  /**
   * Mounted right after Vert.x's session handler: notes whether the request's session came from the store, and
   * before the session handler stores anything at the end of the response (headers-end handlers run last-added
   * first), destroys a session that did not come from the store and was not signed into — nothing is stored and
   * the browser's cookie is cleared.
   */
  public static void guard(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie != null) {
      Session session = ctx.session();
      ctx.put(KNOWN, session != null && session.id().equals(cookie.getValue()));
    } else {
      ctx.put(KNOWN, false);
    }
    ctx.addHeadersEndHandler(v -> {
      if (!ctx.isSessionAccessed() || Boolean.TRUE.equals(ctx.get(KNOWN))) {
        return;
      }
      Session session = ctx.session();
      if (session != null && !session.isDestroyed() && !session.isRegenerated()) {
        session.destroy();
      }
    });
    ctx.next();
  }

  /** The session this browser already has: only one its cookie names and the store holds. */
  public static Optional<Session> existing(RoutingContext ctx) {
    if (!Boolean.TRUE.equals(ctx.get(KNOWN))) {
      return Optional.empty();
    }
    Session session = ctx.session();
    return session == null || session.isDestroyed() ? Optional.empty() : Optional.of(session);
  }

  /**
   * The session a sign-in fills: the browser's own, or a new one. It is stored only once the sign-in calls
   * {@code regenerateId()} on it (a new id at the privilege change, against session fixation).
   */
  public static Session forSignIn(RoutingContext ctx) {
    Session session = ctx.session();
    if (session == null) {
      throw new IllegalStateException("No session handler on route " + ctx.request().path());
    }
    return session;
  }
}
