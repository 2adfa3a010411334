package vn.ngoforum.home;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.consultations.OpenConsultations;
import vn.ngoforum.forum.ForumThreads;
import vn.ngoforum.qa.LatestEvents;
import vn.ngoforum.web.Views;

/**
 * The home page: what the forum is for, its categories, the latest workshops and the consultations open for comments.
 *
 * <pre>
 *   GET /    curl localhost:8080/
 * </pre>
 */
record HomeRoutes(ForumThreads forum, LatestEvents events, OpenConsultations consultations, Views views) {

  private static final int EVENTS_ON_HOME = 5;
  private static final int CONSULTATIONS_ON_HOME = 3;

  void mount(Router router) {
    router.get("/").handler(this::home);
  }

  private void home(RoutingContext ctx) {
    Future.all(forum.categories(), events.latest(EVENTS_ON_HOME),
            consultations.open(CurrentUser.of(ctx).orElse(null), CONSULTATIONS_ON_HOME))
        .onSuccess(all -> {
          ctx.put("categories", all.resultAt(0));
          ctx.put("events", all.resultAt(1));
          ctx.put("consultations", all.resultAt(2));
          views.render(ctx, "home/index");
        })
        .onFailure(ctx::fail);
  }
}
