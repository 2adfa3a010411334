package vn.ngoforum.home;

import io.vertx.ext.web.Router;
import vn.ngoforum.consultations.OpenConsultations;
import vn.ngoforum.forum.ForumThreads;
import vn.ngoforum.qa.LatestEvents;
import vn.ngoforum.web.Views;

/**
 * The home page as the composition root sees it: it shows the forum's categories, the latest workshops and the
 * consultations open for comments.
 */
public final class HomeModule {

  private final HomeRoutes routes;

  public HomeModule(ForumThreads forum, LatestEvents events, OpenConsultations consultations, Views views) {
    this.routes = new HomeRoutes(forum, events, consultations, views);
  }

  public void mount(Router router) {
    routes.mount(router);
  }
}
