package vn.ngoforum.qa.events;

import static vn.ngoforum.qa.http.Requests.formText;
import static vn.ngoforum.qa.http.Requests.user;
import static vn.ngoforum.qa.http.Requests.visitor;

import io.vertx.core.json.JsonObject;
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
 *   POST   /api/v1/sessions/{id}/qa   moderator: open/close questions curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"open":false}' localhost:8080/api/v1/sessions/$S/qa
 *   POST   /qa/{id}/open              the moderator page's form: open/close questions (open=true|false)
 *   POST   /qa/{id}/edit              the moderator page's form: title_vi, title_en, moderation, visibility
 * </pre>
 */
public record SessionRoutes(SessionService sessions, Followers followers) {

  private static final int MAX_TITLE = 300;

  public void mount(Router router) {
    router.get("/api/v1/sessions/:sessionId").handler(this::session);
    router.patch("/api/v1/sessions/:sessionId").handler(Access.role(Role.MODERATOR)).handler(this::edit);
    router.post("/api/v1/sessions/:sessionId/qa").handler(Access.role(Role.MODERATOR)).handler(this::openOrClose);
    router.post("/qa/:sessionId/open").handler(Access.role(Role.MODERATOR)).handler(this::openOrCloseForm);
    router.post("/qa/:sessionId/edit").handler(Access.role(Role.MODERATOR)).handler(this::editForm);
  }

  private void session(RoutingContext ctx) {
    sessions.readableInEvent(visitor(ctx), ctx.pathParam("sessionId"))
        .onSuccess(found -> JsonResponses.ok(ctx, found.json().put("followers", followers.count(found.session().id()))))
        .onFailure(ctx::fail);
  }

  private void edit(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("title", "moderation", "visibility", "startsAt", "endsAt", "speakers");
    SessionEdit edit = new SessionEdit(
        in.has("title") ? in.bilingual("title", MAX_TITLE, true) : null,
        in.has("moderation") ? in.choice("moderation", Session.MODERATIONS, null) : null,
        in.has("visibility") ? in.choice("visibility", Session.VISIBILITIES, null) : null,
        in.has("startsAt") ? in.requiredInstant("startsAt") : null,
        in.has("endsAt") ? in.requiredInstant("endsAt") : null,
        in.has("speakers") ? in.textList("speakers", 20, 100) : null);
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

  private void editForm(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    String vi = formText(ctx, "title_vi");
    String en = formText(ctx, "title_en");
    String moderation = formText(ctx, "moderation");
    String visibility = formText(ctx, "visibility");
    if ((vi.isEmpty() && en.isEmpty()) || vi.length() > MAX_TITLE || en.length() > MAX_TITLE
        || !Session.MODERATIONS.contains(moderation) || !Session.VISIBILITIES.contains(visibility)) {
      throw ForumException.invalid("A session needs a title (up to 300 characters), a moderation and a visibility.");
    }
    SessionEdit edit = new SessionEdit(new JsonObject().put("vi", vi).put("en", en), moderation, visibility,
        null, null, null);
    sessions.edit(user(ctx), sessionId, edit)
        .onSuccess(session -> ctx.redirect("/qa/" + sessionId + "/moderate"))
        .onFailure(ctx::fail);
  }
}
