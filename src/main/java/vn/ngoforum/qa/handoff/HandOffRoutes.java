package vn.ngoforum.qa.handoff;

import static vn.ngoforum.qa.http.Requests.formText;
import static vn.ngoforum.qa.http.Requests.user;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;

/**
 * A session's open questions carried on in the forum (see {@link ForumHandOff}).
 *
 * <pre>
 *   POST   /api/v1/sessions/{id}/to-forum   moderator: open questions → threads   curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"category":"policy-and-law"}' localhost:8080/api/v1/sessions/$S/to-forum
 *   POST   /qa/{id}/to-forum                the moderator page's form: category
 * </pre>
 */
public record HandOffRoutes(ForumHandOff handOff) {

  public void mount(Router router) {
    router.post("/api/v1/sessions/:sessionId/to-forum").handler(Access.role(Role.MODERATOR)).handler(this::carry);
    router.post("/qa/:sessionId/to-forum").handler(Access.role(Role.MODERATOR)).handler(this::carryForm);
  }

  private void carry(RoutingContext ctx) {
    String category = JsonInput.of(ctx).allow("category").requiredText("category", 100);
    handOff.carry(user(ctx), ctx.pathParam("sessionId"), category)
        .onSuccess(answer -> JsonResponses.ok(ctx, answer))
        .onFailure(ctx::fail);
  }

  private void carryForm(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    String category = formText(ctx, "category");
    if (category.isEmpty()) {
      throw ForumException.invalid("category", "'category' is required.");
    }
    handOff.carry(user(ctx), sessionId, category)
        .onSuccess(answer -> ctx.redirect("/qa/" + sessionId + "/moderate?carried="
            + answer.getJsonArray("created").size()))
        .onFailure(ctx::fail);
  }
}
