package vn.ngoforum.forum.notifications;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import vn.ngoforum.auth.Access;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.common.Requests;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.Views;

/**
 * A person's notifications (JSON and page) and the people an {@code @mention} may name.
 *
 * <pre>
 *   GET  /api/v1/notifications        {unread, items}              curl -H "Authorization: Bearer $T" localhost:8080/api/v1/notifications
 *   POST /api/v1/notifications/read   {ids} marks those read,      curl -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"ids":["n1"]}' localhost:8080/api/v1/notifications/read
 *                                     no body or {all:true}: all
 *   GET  /api/v1/people?q=            @mention completion          curl -H "Authorization: Bearer $T" 'localhost:8080/api/v1/people?q=ng'
 *   GET  /notifications               the notifications page
 *   POST /notifications/read          its forms: "mark read" (id) and "mark all read" (no id)
 * </pre>
 */
public record NotificationRoutes(Inbox inbox, PeopleLookup people, Views views) {

  /** How many notifications one call may mark read: more than an inbox keeps. */
  static final int MAX_IDS = NotificationRepository.RECENT;

  public NotificationRoutes {
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

  /** {@code {ids}}: those; no body, {@code {}} or {@code {all: true}}: all of them. */
  private void markRead(RoutingContext ctx) {
    boolean empty = ctx.body() == null || ctx.body().length() <= 0;
    JsonInput in = empty ? JsonInput.of("") : JsonInput.of(ctx).allow("ids", "all");
    boolean all = in.optionalBoolean("all", !in.has("ids"));
    if (in.has("ids") && in.has("all")) {
      throw ForumException.invalid("ids", "Send either 'ids' or 'all', not both.");
    }
    if (!all && !in.has("ids")) {
      throw ForumException.invalid("ids", "Say which to mark read: 'ids', or 'all': true.");
    }
    (all ? inbox.markAllRead(Requests.user(ctx))
        : inbox.markRead(Requests.user(ctx), in.textList("ids", MAX_IDS, 64)))
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
          ctx.put("inbox", body.copy().put("items", new JsonArray(body.getJsonArray("items").stream()
              .map(JsonObject.class::cast).map(NotificationRoutes::forPage).toList())));
          views.render(ctx, "forum/notifications");
        })
        .onFailure(ctx::fail);
  }

  /**
   * An item as the page words it: the message key by its kind (and decision), e.g.
   * {@code notifications.org.join_decision.approved}, with {0} the actor and {1} the subject: the thread's title or
   * the organisation's name ({@code {vi, en}}).
   */
  private static JsonObject forPage(JsonObject item) {
    String decision = item.getString("decision");
    Object subject = item.containsKey("orgName") ? item.getValue("orgName") : item.getString("title");
    return item.copy()
        .put("textKey", "notifications." + item.getString("kind") + (decision == null ? "" : "." + decision))
        .put("subject", subject);
  }

  /** The page's forms: one notification ({@code id}), or all of them. */
  private void markReadForm(RoutingContext ctx) {
    String id = Requests.form(ctx, "id").optionalText("id", 64);
    (id == null ? inbox.markAllRead(Requests.user(ctx)) : inbox.markRead(Requests.user(ctx), List.of(id)))
        .onSuccess(body -> ctx.redirect("/notifications"))
        .onFailure(ctx::fail);
  }
}
