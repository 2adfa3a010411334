package vn.ngoforum.web;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.util.Optional;

/**
 * Access to the browser session without creating one by accident.
 *
 * <p>Sessions are lazy: a visitor who only reads gets no session and no cookie (so crawlers and thousands of
 * anonymous attendees cost no session storage). Asking Vert.x for {@code ctx.session()} marks it used, so code
 * that only wants to read goes through {@link #existing(RoutingContext)}.
 *
 * <p>Values put into a session are strings (the signed-in person as JSON, tokens): with {@code FORUM_CLUSTER} the
 * session lives in the cluster's shared data, which copies only strings, numbers, buffers and JSON between nodes.
 */
public final class Sessions {

  /** Name of the session cookie. */
  public static final String COOKIE = "forum.session";

  private Sessions() {
  }

  /** The session this browser already has, if it sent one. */
  public static Optional<Session> existing(RoutingContext ctx) {
    if (ctx.request().getCookie(COOKIE) == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(ctx.session());
  }

  /** The session of this browser, created (with its cookie) when there is none yet. */
  public static Session create(RoutingContext ctx) {
    Session session = ctx.session();
    if (session == null) {
      throw new IllegalStateException("No session handler on route " + ctx.request().path());
    }
    return session;
  }
}
