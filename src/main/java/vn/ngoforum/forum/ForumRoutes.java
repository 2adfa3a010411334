package vn.ngoforum.forum;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.ngoforum.web.JsonResponses;

/**
 * The forum's routes.
 *
 * <pre>
 *   GET /api/v1/categories   categories in display order     curl localhost:8080/api/v1/categories
 * </pre>
 */
public final class ForumRoutes {

  private final ForumService forum;

  public ForumRoutes(ForumService forum) {
    this.forum = forum;
  }

  public void mount(Router router) {
    router.get("/api/v1/categories").handler(this::categories);
  }

  private void categories(RoutingContext ctx) {
    forum.categories()
        .onSuccess(list -> JsonResponses.ok(ctx, new JsonArray(list)))
        .onFailure(ctx::fail);
  }
}
