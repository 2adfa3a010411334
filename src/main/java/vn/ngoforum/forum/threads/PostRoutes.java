package vn.ngoforum.forum.threads;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.common.Requests;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.Views;

/**
 * One post: its author edits or deletes it, anyone who may read it sees its earlier versions, people with member
 * rights react to it; as JSON and as pages and forms.
 *
 * <pre>
 *   PUT    /api/v1/posts/{id}                    edit one's own post (409 on a race)   curl -XPUT -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"body":"…","version":1}' localhost:8080/api/v1/posts/$P
 *   DELETE /api/v1/posts/{id}                    delete one's own post ("deleted by author")   curl -XDELETE -H "Authorization: Bearer $T" localhost:8080/api/v1/posts/$P
 *   GET    /api/v1/posts/{id}/revisions          its earlier versions                  curl localhost:8080/api/v1/posts/$P/revisions
 *   POST   /api/v1/posts/{id}/reactions/{name}   react: like, thanks, agree, important   curl -XPOST -H "Authorization: Bearer $T" localhost:8080/api/v1/posts/$P/reactions/thanks
 *   DELETE /api/v1/posts/{id}/reactions/{name}   withdraw the reaction
 *   GET    /p/{id}/revisions                      the earlier versions (a page)
 *   GET    /p/{id}/edit   POST /p/{id}/edit       the edit page and its form
 *   POST   /p/{id}/delete                         the delete form
 *   POST   /p/{id}/react                          the reaction form (toggles)
 * </pre>
 */
public record PostRoutes(PostEditing editing, Reactions reactions, Views views) {

  public PostRoutes {
    views.precompile(List.of("forum/edit", "forum/revisions"));
  }

  public void mount(Router router) {
    router.put("/api/v1/posts/:postId").handler(Access.signedIn()).handler(this::edit);
    router.delete("/api/v1/posts/:postId").handler(Access.signedIn()).handler(this::delete);
    router.get("/api/v1/posts/:postId/revisions").handler(this::revisions);
    router.post("/api/v1/posts/:postId/reactions/:reaction").handler(Access.signedIn())
        .handler(ctx -> react(ctx, true));
    router.delete("/api/v1/posts/:postId/reactions/:reaction").handler(Access.signedIn())
        .handler(ctx -> react(ctx, false));
    router.get("/p/:postId/revisions").handler(this::revisionsPage);
    router.get("/p/:postId/edit").handler(Access.signedIn()).handler(this::editPage);
    router.post("/p/:postId/edit").handler(Access.signedIn()).handler(this::editForm);
    router.post("/p/:postId/delete").handler(Access.signedIn()).handler(this::deleteForm);
    router.post("/p/:postId/react").handler(Access.signedIn()).handler(this::reactForm);
  }

  private void edit(RoutingContext ctx) {
    String postId = Requests.postId(ctx);
    JsonInput in = JsonInput.of(ctx).allow("body", "version");
    String body = in.requiredText("body", Posting.POST_MAX);
    Long version = in.optionalInteger("version", 1, Long.MAX_VALUE);
    if (version == null) {
      throw ForumException.invalid("'version' is required: the version of the post you edited.");
    }
    editing.edit(Requests.user(ctx), postId, version, body)
        .onSuccess(post -> JsonResponses.ok(ctx, post))
        .onFailure(failure -> {
          if (failure instanceof PostEditing.EditConflict conflict) {
            ctx.response().setStatusCode(409).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(conflict.body().encode());
          } else {
            ctx.fail(failure);
          }
        });
  }

  private void delete(RoutingContext ctx) {
    editing.delete(Requests.user(ctx), Requests.postId(ctx))
        .onSuccess(post -> JsonResponses.ok(ctx, post))
        .onFailure(ctx::fail);
  }

  private void revisions(RoutingContext ctx) {
    editing.revisions(Requests.user(ctx), Requests.postId(ctx))
        .onSuccess(body -> JsonResponses.ok(ctx, body))
        .onFailure(ctx::fail);
  }

  private void react(RoutingContext ctx, boolean add) {
    reactions.react(Requests.user(ctx), Requests.postId(ctx), ctx.pathParam("reaction"), add)
        .onSuccess(post -> JsonResponses.ok(ctx, post))
        .onFailure(ctx::fail);
  }

  private void revisionsPage(RoutingContext ctx) {
    editing.revisions(Requests.user(ctx), Requests.postId(ctx))
        .onSuccess(history -> {
          ctx.put("history", history);
          views.render(ctx, "forum/revisions");
        })
        .onFailure(ctx::fail);
  }

  private void editPage(RoutingContext ctx) {
    editing.forEditing(Requests.user(ctx), Requests.postId(ctx))
        .onSuccess(post -> {
          ctx.put("post", post);
          ctx.put("text", post.getString("source"));
          views.render(ctx, "forum/edit");
        })
        .onFailure(ctx::fail);
  }

  /** The edit form; when someone else's edit came first, the edit page again with both texts (409). */
  private void editForm(RoutingContext ctx) {
    String postId = Requests.postId(ctx);
    JsonInput in = Requests.form(ctx, "body", "version");
    String body = in.requiredText("body", Posting.POST_MAX);
    long version = versionField(in.optionalText("version", 20));
    CurrentUser user = Requests.user(ctx);
    editing.edit(user, postId, version, body)
        .onSuccess(post -> ctx.redirect(post.getString("url")))
        .onFailure(failure -> {
          if (failure instanceof PostEditing.EditConflict conflict) {
            JsonObject current = conflict.current();
            editing.forEditing(user, postId).onSuccess(post -> {
              ctx.put("post", post);
              ctx.put("text", body);
              ctx.put("conflict", current);
              views.render(ctx, "forum/edit", 409);
            }).onFailure(ctx::fail);
          } else {
            ctx.fail(failure);
          }
        });
  }

  private void deleteForm(RoutingContext ctx) {
    editing.delete(Requests.user(ctx), Requests.postId(ctx))
        .onSuccess(post -> ctx.redirect(post.getString("url")))
        .onFailure(ctx::fail);
  }

  private void reactForm(RoutingContext ctx) {
    String postId = Requests.postId(ctx);
    String reaction = Requests.form(ctx, "reaction").requiredText("reaction", 20);
    boolean add = !"true".equals(ctx.request().getFormAttribute("mine"));
    reactions.react(Requests.user(ctx), postId, reaction, add)
        .onSuccess(post -> ctx.redirect(post.getString("url")))
        .onFailure(ctx::fail);
  }

  private static long versionField(String value) {
    try {
      return Long.parseLong(value == null ? "" : value);
    } catch (NumberFormatException e) {
      throw ForumException.invalid("'version' is required: the version of the post you edited.");
    }
  }
}
