package vn.ngoforum.qa.events;

import static vn.ngoforum.qa.http.Requests.formText;
import static vn.ngoforum.qa.http.Requests.user;
import static vn.ngoforum.qa.http.Requests.visitor;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.qa.live.Followers;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;

/**
 * A session's settings: reading it, and a moderator changing it or opening and closing its questions.
 *
 * <pre>
 *   GET    /api/v1/sessions/{id}      a session, its event, its followers   curl localhost:8080/api/v1/sessions/$S
 *   PATCH  /api/v1/sessions/{id}      moderator: edit a session      curl -XPATCH -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"moderation":"post","visibility":"members"}' localhost:8080/api/v1/sessions/$S
 *   DELETE /api/v1/sessions/{id}      moderator: delete, if empty    curl -XDELETE -H "Authorization: Bearer $T" localhost:8080/api/v1/sessions/$S
 *   POST   /api/v1/sessions/{id}/move moderator: up/down the agenda  curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"direction":"up"}' localhost:8080/api/v1/sessions/$S/move
 *   POST   /api/v1/sessions/{id}/qa   moderator: open/close questions curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"open":false}' localhost:8080/api/v1/sessions/$S/qa
 *   POST   /qa/{id}/open              the moderator page's form: open/close questions (open=true|false)
 * </pre>
 */
public record SessionRoutes(SessionService sessions, EventService events, Followers followers) {

  public void mount(Router router) {
    router.get("/api/v1/sessions/:sessionId").handler(this::session);
    router.patch("/api/v1/sessions/:sessionId").handler(Access.role(Role.MODERATOR)).handler(this::edit);
    router.post("/api/v1/sessions/:sessionId/qa").handler(Access.role(Role.MODERATOR)).handler(this::openOrClose);
    router.post("/qa/:sessionId/open").handler(Access.role(Role.MODERATOR)).handler(this::openOrCloseForm);
    router.delete("/api/v1/sessions/:sessionId").handler(Access.role(Role.MODERATOR)).handler(this::remove);
    router.post("/api/v1/sessions/:sessionId/move").handler(Access.role(Role.MODERATOR)).handler(this::move);
  }

  private void session(RoutingContext ctx) {
    sessions.readableInEvent(visitor(ctx), ctx.pathParam("sessionId"))
        .onSuccess(found -> JsonResponses.ok(ctx, found.json().put("followers", followers.count(found.session().id()))))
        .onFailure(ctx::fail);
  }

  private void edit(RoutingContext ctx) {
    SessionEdit edit = SessionInput.read(JsonInput.of(ctx).allow(SessionInput.FIELDS), false);
    if (edit.isEmpty()) {
      throw ForumException.invalid("Nothing to change.");
    }
    sessions.edit(user(ctx), ctx.pathParam("sessionId"), edit)
        .onSuccess(session -> JsonResponses.ok(ctx, session.json()))
        .onFailure(ctx::fail);
  }

  private void openOrClose(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("open");
    if (!in.has("open")) {
      throw ForumException.invalid("open", "'open' is required.");
    }
    sessions.setQaOpen(user(ctx), ctx.pathParam("sessionId"), in.optionalBoolean("open", true))
        .onSuccess(session -> JsonResponses.ok(ctx, session.json()))
        .onFailure(ctx::fail);
  }

  private void openOrCloseForm(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    sessions.setQaOpen(user(ctx), sessionId, "true".equals(formText(ctx, "open")))
        .onSuccess(session -> ctx.redirect("/qa/" + sessionId + "/moderate"))
        .onFailure(ctx::fail);
  }

  private void remove(RoutingContext ctx) {
    sessions.existing(ctx.pathParam("sessionId"))
        .compose(session -> events.removeSession(user(ctx), session))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void move(RoutingContext ctx) {
    String direction = JsonInput.of(ctx).allow("direction").choice("direction", EventPages.DIRECTIONS.keySet(), null);
    sessions.existing(ctx.pathParam("sessionId"))
        .compose(session -> events.move(user(ctx), session, EventPages.DIRECTIONS.get(direction)))
        .onSuccess(agenda -> JsonResponses.ok(ctx, agenda.json()))
        .onFailure(ctx::fail);
  }
}
