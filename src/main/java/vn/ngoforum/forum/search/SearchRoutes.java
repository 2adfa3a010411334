package vn.ngoforum.forum.search;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.common.Requests;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.Views;

/**
 * Search, as JSON and as a page.
 *
 * <pre>
 *   GET /api/v1/search?q=   threads holding every word   curl 'localhost:8080/api/v1/search?q=te+giac'
 *   GET /search?q=          the search page
 * </pre>
 */
public record SearchRoutes(SearchService search, Views views) {

  private static final int QUERY_MAX = 200;

  public SearchRoutes {
    views.precompile(List.of("forum/search"));
  }

  public void mount(Router router) {
    router.get("/api/v1/search").handler(this::search);
    router.get("/search").handler(this::searchPage);
  }

  private void search(RoutingContext ctx) {
    String query = query(ctx);
    search.search(Requests.user(ctx), query)
        .onSuccess(results -> JsonResponses.ok(ctx, new JsonObject().put("query", query)
            .put("results", new JsonArray(results))))
        .onFailure(ctx::fail);
  }

  private void searchPage(RoutingContext ctx) {
    String query = query(ctx);
    ctx.put("query", query);
    search.search(Requests.user(ctx), query)
        .onSuccess(results -> {
          ctx.put("results", results);
          ctx.put("searched", !query.isBlank());
          views.render(ctx, "forum/search");
        })
        .onFailure(ctx::fail);
  }

  /** The {@code q} parameter, trimmed; empty when absent. */
  private static String query(RoutingContext ctx) {
    String query = ctx.request().getParam("q");
    if (query == null) {
      return "";
    }
    if (query.length() > QUERY_MAX) {
      throw ForumException.invalid("'q' must be at most 200 characters.");
    }
    return query.strip();
  }
}
