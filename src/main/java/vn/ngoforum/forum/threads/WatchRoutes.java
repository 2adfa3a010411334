package vn.ngoforum.forum.threads;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import vn.ngoforum.auth.Access;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.common.Requests;
import vn.ngoforum.forum.notifications.WatchRepository.Watched;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.Views;

/**
 * Watching threads and categories: the API and the watch buttons of the thread and category pages (plain forms, no
 * JavaScript needed).
 *
 * <pre>
 *   GET    /api/v1/watch?thread=|category=  {watching}          curl -H "Authorization: Bearer $T" 'localhost:8080/api/v1/watch?thread=$ID'
 *   POST   /api/v1/watch   {thread} or {category}: watch it     curl -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"thread":"t1"}' localhost:8080/api/v1/watch
 *   DELETE /api/v1/watch   {thread} or {category}: stop         curl -XDELETE -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"category":"general"}' localhost:8080/api/v1/watch
 *   POST   /t/{id}/watch   the thread page's button (watch=on|off)
 *   POST   /c/{slug}/watch the category page's button (watch=on|off)
 *   GET    /watches        "my watches": what the person watches, newest first (?page=)
 *   POST   /watches        its "stop watching" buttons (thread= or category=, page=)
 * </pre>
 */
public record WatchRoutes(Watching watching, Views views) {

  /** The "my watches" page. */
  public static final String PAGE = "/watches";
  static final String VIEW = "forum/watches";

  public WatchRoutes {
    views.precompile(List.of(VIEW));
  }

  public void mount(Router router) {
    router.get(PAGE).handler(Access.signedIn()).handler(this::page);
    router.post(PAGE).handler(Access.signedIn()).handler(this::stop);
    router.get("/api/v1/watch").handler(Access.signedIn()).handler(this::isWatching);
    router.post("/api/v1/watch").handler(Access.signedIn()).handler(ctx -> change(ctx, true));
    router.delete("/api/v1/watch").handler(Access.signedIn()).handler(ctx -> change(ctx, false));
    router.post("/t/:id/watch").handler(Access.signedIn()).handler(ctx -> button(ctx,
        Watched.thread(Requests.threadId(ctx)), "/t/"));
    router.post("/c/:slug/watch").handler(Access.signedIn()).handler(ctx -> button(ctx,
        Watched.category(slug(ctx.pathParam("slug"))), "/c/"));
  }

  private void isWatching(RoutingContext ctx) {
    Watched watched = target(ctx.request().getParam("thread"), ctx.request().getParam("category"));
    watching.isWatching(Requests.user(ctx), watched)
        .onSuccess(on -> JsonResponses.ok(ctx, view(watched, on)))
        .onFailure(ctx::fail);
  }

  private void change(RoutingContext ctx, boolean on) {
    JsonInput in = JsonInput.of(ctx).allow("thread", "category");
    Watched watched = target(in.optionalText("thread", 200), in.optionalText("category", 200));
    watching.set(Requests.user(ctx), watched, on)
        .onSuccess(now -> JsonResponses.ok(ctx, view(watched, now)))
        .onFailure(ctx::fail);
  }

  private void button(RoutingContext ctx, Watched watched, String page) {
    boolean on = "on".equals(Requests.form(ctx, "watch").choice("watch", Set.of("on", "off"), "on"));
    watching.set(Requests.user(ctx), watched, on)
        .onSuccess(now -> ctx.redirect(page + watched.id()))
        .onFailure(ctx::fail);
  }

  private void page(RoutingContext ctx) {
    watching.page(Requests.user(ctx), Requests.page(ctx))
        .onSuccess(listing -> {
          ctx.put("listing", listing);
          ctx.put("pager", Requests.pager(listing, PAGE));
          views.render(ctx, VIEW);
        })
        .onFailure(ctx::fail);
  }

  /** A "stop watching" button of the page: back to the same page. */
  private void stop(RoutingContext ctx) {
    JsonInput in = Requests.form(ctx, "thread", "category", "page");
    Watched watched = target(in.optionalText("thread", 200), in.optionalText("category", 200));
    String page = in.optionalText("page", 6);
    watching.set(Requests.user(ctx), watched, false)
        .onSuccess(now -> ctx.redirect(page == null || !page.matches("[2-9]|[1-9][0-9]{1,4}") ? PAGE
            : PAGE + "?page=" + page))
        .onFailure(ctx::fail);
  }

  /** A thread or a category, exactly one of them; an id that cannot be one of ours is a 404. */
  private static Watched target(String thread, String category) {
    if ((thread == null) == (category == null)) {
      throw ForumException.invalid("thread", "Name either a 'thread' or a 'category' to watch.");
    }
    if (thread != null) {
      if (!Requests.ID.matcher(thread).matches()) {
        throw ForumException.notFound("There is no such thread.");
      }
      return Watched.thread(thread);
    }
    return Watched.category(slug(category));
  }

  private static String slug(String slug) {
    if (slug == null || !Requests.SLUG.matcher(slug).matches()) {
      throw ForumException.notFound("There is no such category.");
    }
    return slug;
  }

  private static JsonObject view(Watched watched, boolean on) {
    return new JsonObject().put(watched.kind(), watched.id()).put("watching", on);
  }
}
