package vn.ngoforum.home;

import io.vertx.ext.web.Router;
import vn.ngoforum.forum.ForumThreads;
import vn.ngoforum.qa.LatestEvents;
import vn.ngoforum.web.Views;

/** The home page as the composition root sees it: it shows the forum's categories and the latest workshops. */
public final class HomeModule {

  private final HomeRoutes routes;

  public HomeModule(ForumThreads forum, LatestEvents events, Views views) {
    this.routes = new HomeRoutes(forum, events, views);
  }

  public void mount(Router router) {
    routes.mount(router);
  }
}
