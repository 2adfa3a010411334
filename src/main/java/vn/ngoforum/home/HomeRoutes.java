package vn.ngoforum.home;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.ngoforum.forum.ForumService;
import vn.ngoforum.qa.QaService;
import vn.ngoforum.web.Views;

/**
 * The home page: what the forum is for, its categories and the latest workshops.
 *
 * <pre>
 *   GET /    curl localhost:8080/
 * </pre>
 */
public final class HomeRoutes {

  private static final int EVENTS_ON_HOME = 5;

  private final ForumService forum;
  private final QaService qa;
  private final Views views;

  public HomeRoutes(ForumService forum, QaService qa, Views views) {
    this.forum = forum;
    this.qa = qa;
    this.views = views;
  }

  public void mount(Router router) {
    router.get("/").handler(this::home);
  }

  private void home(RoutingContext ctx) {
    Future.all(forum.categories(), qa.latestEvents(EVENTS_ON_HOME))
        .onSuccess(all -> {
          ctx.put("categories", all.resultAt(0));
          ctx.put("events", all.resultAt(1));
          views.render(ctx, "home/index");
        })
        .onFailure(ctx::fail);
  }
}
