package vn.ngoforum.forum.notifications;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import vn.ngoforum.auth.Access;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.common.Requests;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.Views;

/**
 * A person's notifications (JSON and page) and the people an {@code @mention} may name.
 *
 * <pre>
 *   GET  /api/v1/notifications        the inbox and unread count   curl -H "Authorization: Bearer $T" localhost:8080/api/v1/notifications
 *   POST /api/v1/notifications/read   marks them all read          curl -XPOST -H "Authorization: Bearer $T" localhost:8080/api/v1/notifications/read
 *   GET  /api/v1/people?q=            @mention completion          curl -H "Authorization: Bearer $T" 'localhost:8080/api/v1/people?q=ng'
 *   GET  /notifications               the notifications page
 *   POST /notifications/read          its "mark all read" form
 * </pre>
 */
public final class NotificationRoutes {

  private final Inbox inbox;
  private final PeopleLookup people;
  private final Views views;

  public NotificationRoutes(Inbox inbox, PeopleLookup people, Views views) {
    this.inbox = inbox;
    this.people = people;
    this.views = views;
    views.precompile(List.of("forum/notifications"));
  }

  public void mount(Router router) {
    router.get("/api/v1/notifications").handler(Access.signedIn()).handler(this::notifications);
    router.post("/api/v1/notifications/read").handler(Access.signedIn()).handler(this::markRead);
    router.get("/api/v1/people").handler(Access.signedIn()).handler(this::people);
    router.get("/notifications").handler(Access.signedIn()).handler(this::notificationsPage);
    router.post("/notifications/read").handler(Access.signedIn()).handler(this::markReadForm);
  }

  private void notifications(RoutingContext ctx) {
    inbox.of(Requests.user(ctx))
        .onSuccess(body -> JsonResponses.ok(ctx, body))
        .onFailure(ctx::fail);
  }

  private void markRead(RoutingContext ctx) {
    inbox.markAllRead(Requests.user(ctx))
        .onSuccess(body -> JsonResponses.ok(ctx, body))
        .onFailure(ctx::fail);
  }

  private void people(RoutingContext ctx) {
    String prefix = ctx.request().getParam("q");
    if (prefix == null || prefix.isBlank() || prefix.length() > 40) {
      throw ForumException.invalid("'q' must be 1-40 characters.");
    }
    people.startingWith(prefix.strip())
        .onSuccess(list -> JsonResponses.ok(ctx, new JsonObject().put("people", new JsonArray(list))))
        .onFailure(ctx::fail);
  }

  private void notificationsPage(RoutingContext ctx) {
    inbox.of(Requests.user(ctx))
        .onSuccess(body -> {
          ctx.put("inbox", body);
          views.render(ctx, "forum/notifications");
        })
        .onFailure(ctx::fail);
  }

  private void markReadForm(RoutingContext ctx) {
    inbox.markAllRead(Requests.user(ctx))
        .onSuccess(body -> ctx.redirect("/notifications"))
        .onFailure(ctx::fail);
  }
}
