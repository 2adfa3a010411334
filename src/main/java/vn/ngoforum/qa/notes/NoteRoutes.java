package vn.ngoforum.qa.notes;

import static vn.ngoforum.qa.http.Requests.formText;
import static vn.ngoforum.qa.http.Requests.user;
import static vn.ngoforum.qa.http.Requests.visitor;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;

/**
 * Rapporteurs' live notes: writing a block, changing one's own, reading a session's notes and a block's history. The
 * session page's forms work without JavaScript; its script shows blocks as they arrive on {@code qa.session.{id}}.
 *
 * <pre>
 *   POST  /api/v1/sessions/{id}/notes   rapporteur or moderator: a note block   curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"text":"**Ý chính:** cần tăng tuần tra"}' localhost:8080/api/v1/sessions/$S/notes
 *   GET   /api/v1/sessions/{id}/notes   the session's notes                     curl localhost:8080/api/v1/sessions/$S/notes
 *   PATCH /api/v1/notes/{id}            its author: a new text (kept in its history)  curl -XPATCH -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"text":"…"}' localhost:8080/api/v1/notes/$N
 *   GET   /api/v1/notes/{id}/history    moderators (and its author): every version   curl -H "Authorization: Bearer $T" localhost:8080/api/v1/notes/$N/history
 *   POST  /qa/{id}/notes                the session page's form: note
 *   POST  /qa/{id}/notes/{nid}/edit     the author's form: note
 * </pre>
 */
public record NoteRoutes(NoteService notes) {

  public void mount(Router router) {
    router.post("/api/v1/sessions/:sessionId/notes").handler(this::write);
    router.get("/api/v1/sessions/:sessionId/notes").handler(this::list);
    router.patch("/api/v1/notes/:noteId").handler(this::edit);
    router.get("/api/v1/notes/:noteId/history").handler(this::history);
    router.post("/qa/:sessionId/notes").handler(this::writeForm);
    router.post("/qa/:sessionId/notes/:noteId/edit").handler(this::editForm);
  }

  private void write(RoutingContext ctx) {
    answer(ctx, true, user -> notes.write(user, ctx.pathParam("sessionId"), text(ctx)));
  }

  private void list(RoutingContext ctx) {
    CurrentUser viewer = visitor(ctx);
    notes.of(viewer, ctx.pathParam("sessionId"))
        .onSuccess(found -> JsonResponses.ok(ctx, new JsonObject()
            .put("notes", new JsonArray(found.stream().map(note -> note.view(viewer)).toList()))))
        .onFailure(ctx::fail);
  }

  private void edit(RoutingContext ctx) {
    answer(ctx, false, user -> notes.edit(user, ctx.pathParam("noteId"), text(ctx)));
  }

  private void history(RoutingContext ctx) {
    notes.history(user(ctx), ctx.pathParam("noteId"))
        .onSuccess(note -> JsonResponses.ok(ctx, note.withHistory()))
        .onFailure(ctx::fail);
  }

  private void writeForm(RoutingContext ctx) {
    back(ctx, user -> notes.write(user, ctx.pathParam("sessionId"), formText(ctx, "note")));
  }

  private void editForm(RoutingContext ctx) {
    back(ctx, user -> notes.edit(user, ctx.pathParam("noteId"), formText(ctx, "note")));
  }

  /** Does {@code change} as the signed-in person and answers the note as they see it: 201 when it is new, else 200. */
  private static void answer(RoutingContext ctx, boolean isNew, Function<CurrentUser, Future<Note>> change) {
    CurrentUser user = user(ctx);
    change.apply(user).onSuccess(note -> {
      if (isNew) {
        JsonResponses.created(ctx, note.view(user));
      } else {
        JsonResponses.ok(ctx, note.view(user));
      }
    }).onFailure(ctx::fail);
  }

  /** Does a page form's {@code change}, then back to the note on the session page. */
  private static void back(RoutingContext ctx, Function<CurrentUser, Future<Note>> change) {
    change.apply(user(ctx))
        .onSuccess(note -> ctx.redirect("/qa/" + note.sessionId() + "#note-" + note.id()))
        .onFailure(ctx::fail);
  }

  /** The JSON body's {@code text} (400 when it is not a string or is too long; the service refuses an empty one). */
  private static String text(RoutingContext ctx) {
    String text = JsonInput.of(ctx).allow("text").optionalText("text", Note.MAX_LENGTH);
    return text == null ? "" : text;
  }
}
