package vn.ngoforum.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import vn.ngoforum.error.ForumException;

/**
 * Route guards: {@code router.post(...).handler(Access.signedIn()).handler(...)}.
 *
 * <p>An anonymous API call gets 401; an anonymous page visit is sent to sign in and brought back afterwards. A
 * signed-in person without the role gets 403.
 */
public final class Access {

  private Access() {
  }

  /** Lets the request through only for a signed-in person. */
  public static Handler<RoutingContext> signedIn() {
    return ctx -> {
      if (CurrentUser.of(ctx).isPresent()) {
        ctx.next();
      } else if (ctx.request().path().startsWith("/api/")) {
        ctx.fail(ForumException.unauthorized("Please sign in first."));
      } else {
        ctx.redirect("/login?next=" + URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8));
      }
    };
  }

  /** Lets the request through only for a signed-in person holding {@code role}. */
  public static Handler<RoutingContext> role(Role role) {
    Handler<RoutingContext> signedIn = signedIn();
    return ctx -> {
      CurrentUser user = CurrentUser.of(ctx).orElse(null);
      if (user == null) {
        signedIn.handle(ctx);
      } else if (user.has(role)) {
        ctx.next();
      } else {
        ctx.fail(ForumException.forbidden("This needs the " + role.realmRole() + " role."));
      }
    };
  }
}
