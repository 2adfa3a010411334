package vn.ngoforum.registry.organisations;

import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;

/** What every registry route reads from its request: the organisation in the path and the signed-in person. */
public final class RegistryRequests {

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");

  private RegistryRequests() {
  }

  /** The {@code :slug} path parameter; 404 when it cannot be an organisation's address. */
  public static String slug(RoutingContext ctx) {
    String slug = ctx.pathParam("slug");
    if (slug == null || !SLUG.matcher(slug).matches()) {
      throw ForumException.notFound("There is no organisation at this address.");
    }
    return slug;
  }

  /** The signed-in person (the route's {@code Access.signedIn()} let them through); 401 otherwise. */
  public static CurrentUser user(RoutingContext ctx) {
    return CurrentUser.of(ctx).orElseThrow(() -> ForumException.unauthorized("Please sign in first."));
  }
}
