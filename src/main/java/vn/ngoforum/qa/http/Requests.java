package vn.ngoforum.qa.http;

import io.vertx.ext.web.RoutingContext;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;

/** What every Q&amp;A Routes class reads from a request: who is asking, and a page form's fields. */
public final class Requests {

  private Requests() {
  }

  /** The signed-in person (the route's {@code Access} handler has made sure there is one); 401 otherwise. */
  public static CurrentUser user(RoutingContext ctx) {
    return CurrentUser.of(ctx).orElseThrow(() -> ForumException.unauthorized("Please sign in first."));
  }

  /** The signed-in person, or {@code null} for a visitor. */
  public static CurrentUser visitor(RoutingContext ctx) {
    return CurrentUser.of(ctx).orElse(null);
  }

  /** A page form's field, trimmed; empty when it was not sent. */
  public static String formText(RoutingContext ctx, String field) {
    String value = ctx.request().getFormAttribute(field);
    return value == null ? "" : value.strip();
  }

  /** The address the request comes from (the peer's: the forum is reached directly or through its own proxy). */
  public static String address(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
  }

  /** Whether a page form's checkbox was ticked. */
  public static boolean ticked(RoutingContext ctx, String field) {
    return ctx.request().getFormAttribute(field) != null;
  }
}
