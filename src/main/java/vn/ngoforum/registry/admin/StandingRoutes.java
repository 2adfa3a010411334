package vn.ngoforum.registry.admin;

import static vn.ngoforum.registry.organisations.RegistryRequests.slug;
import static vn.ngoforum.registry.organisations.RegistryRequests.user;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.registry.admin.StandingService.Move;
import vn.ngoforum.registry.profiles.ProfilePage;
import vn.ngoforum.registry.profiles.ProfilePage.Form;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;

/**
 * Forum admins suspend, reinstate and remove organisations, each with a reason: the API and the profile page's
 * forms (plain forms: no JavaScript needed).
 *
 * <pre>
 *   POST /api/v1/orgs/{slug}/suspend     forum admin: {reason} → 200 {slug, state}   curl -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"reason":"spam"}' localhost:8080/api/v1/orgs/svw/suspend
 *   POST /api/v1/orgs/{slug}/reinstate   forum admin: {reason} → 200 {slug, state}
 *   POST /api/v1/orgs/{slug}/remove      forum admin: {reason} → 200 {slug, state}
 *   POST /orgs/{slug}/suspend|reinstate|remove   the same from the profile page's form ("reason")
 * </pre>
 */
public record StandingRoutes(StandingService standing, ProfilePage page) {

  public void mount(Router router) {
    for (Move move : Move.values()) {
      String verb = move.name().toLowerCase(Locale.ROOT);
      router.post("/api/v1/orgs/:slug/" + verb).handler(Access.role(Role.ADMIN)).handler(ctx -> api(ctx, move));
      router.post("/orgs/:slug/" + verb).handler(Access.role(Role.ADMIN)).handler(ctx -> form(ctx, move));
    }
  }

  private void api(RoutingContext ctx, Move move) {
    String slug = slug(ctx);
    String reason = JsonInput.of(ctx).allow("reason").optionalText("reason", StandingService.REASON_MAX);
    standing.move(slug, user(ctx), move, reason)
        .onSuccess(v -> JsonResponses.ok(ctx, new JsonObject().put("slug", slug).put("state", move.to())))
        .onFailure(ctx::fail);
  }

  /** Back to the organisation's page (forum admins still see it), or the page again with the form's message. */
  private void form(RoutingContext ctx, Move move) {
    String slug = slug(ctx);
    String reason = ctx.request().getFormAttribute("reason");
    Future.succeededFuture(reason)
        .compose(text -> text != null && text.length() > StandingService.REASON_MAX
            ? Future.failedFuture(ForumException.invalid("reason", "'reason' is too long."))
            : standing.move(slug, user(ctx), move, text))
        .onSuccess(v -> ctx.redirect("/orgs/" + slug + "?done=" + move.to()))
        .onFailure(failure -> page.formFailed(ctx, slug, Form.STANDING, failure));
  }
}
