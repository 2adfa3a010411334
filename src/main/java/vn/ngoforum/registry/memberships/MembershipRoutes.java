package vn.ngoforum.registry.memberships;

import static vn.ngoforum.registry.organisations.RegistryRequests.slug;
import static vn.ngoforum.registry.organisations.RegistryRequests.user;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.registry.profiles.ProfilePage;
import vn.ngoforum.registry.profiles.ProfilePage.Form;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.RateLimiter;

/**
 * Joining and leaving organisations, and their admins' decisions: the API and the profile page's forms.
 *
 * <pre>
 *   POST /api/v1/orgs/{slug}/join             ask to join → 202 {status}   curl -X POST -H "Authorization: Bearer $T" localhost:8080/api/v1/orgs/svw/join
 *   POST /api/v1/orgs/{slug}/leave            leave → {status: "left"}      curl -X POST -H "Authorization: Bearer $T" localhost:8080/api/v1/orgs/svw/leave
 *   POST /api/v1/orgs/{slug}/members/{id}     org admin: {action, reason}   curl -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"action":"approve"}' localhost:8080/api/v1/orgs/svw/members/$ID
 *   POST /orgs/{slug}/join | leave | members/{id}   the same, from the profile page's forms (field "action")
 * </pre>
 */
public record MembershipRoutes(MembershipService memberships, RateLimiter limits, ProfilePage page) {

  /** Join requests per person per hour. */
  static final int JOIN_REQUESTS_PER_HOUR = 60;

  public void mount(Router router) {
    router.post("/api/v1/orgs/:slug/join").handler(Access.signedIn()).handler(this::join);
    router.post("/api/v1/orgs/:slug/leave").handler(Access.signedIn()).handler(this::leave);
    router.post("/api/v1/orgs/:slug/members/:userId").handler(Access.signedIn()).handler(this::decide);
    router.post("/orgs/:slug/join").handler(Access.signedIn()).handler(this::joinForm);
    router.post("/orgs/:slug/leave").handler(Access.signedIn()).handler(this::leaveForm);
    router.post("/orgs/:slug/members/:userId").handler(Access.signedIn()).handler(this::decideForm);
  }

  private void join(RoutingContext ctx) {
    String slug = slug(ctx);
    CurrentUser user = user(ctx);
    joinAllowed(user)
        .compose(v -> memberships.requestToJoin(slug, user))
        .onSuccess(status -> JsonResponses.accepted(ctx, new JsonObject().put("status", status)))
        .onFailure(ctx::fail);
  }

  private void leave(RoutingContext ctx) {
    memberships.leave(slug(ctx), user(ctx))
        .onSuccess(v -> JsonResponses.ok(ctx, new JsonObject().put("status", "left")))
        .onFailure(ctx::fail);
  }

  private void decide(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("action", "reason");
    String action = in.choice("action", MembershipService.ACTIONS, null);
    String reason = in.optionalText("reason", 500);
    memberships.decide(slug(ctx), user(ctx), ctx.pathParam("userId"), action, reason)
        .onSuccess(outcome -> JsonResponses.ok(ctx, outcome))
        .onFailure(ctx::fail);
  }

  private void joinForm(RoutingContext ctx) {
    String slug = slug(ctx);
    CurrentUser user = user(ctx);
    joinAllowed(user)
        .compose(v -> memberships.requestToJoin(slug, user))
        .onSuccess(status -> ctx.redirect("/orgs/" + slug + "?done=requested"))
        .onFailure(failure -> page.formFailed(ctx, slug, Form.PAGE, failure));
  }

  private void leaveForm(RoutingContext ctx) {
    String slug = slug(ctx);
    memberships.leave(slug, user(ctx))
        .onSuccess(v -> ctx.redirect("/orgs/" + slug + "?done=left"))
        .onFailure(failure -> page.formFailed(ctx, slug, Form.PAGE, failure));
  }

  private void decideForm(RoutingContext ctx) {
    String slug = slug(ctx);
    String action = ctx.request().getFormAttribute("action");
    Future<JsonObject> decided = action == null || !MembershipService.ACTIONS.contains(action)
        ? Future.failedFuture(MembershipService.unknownAction())
        : memberships.decide(slug, user(ctx), ctx.pathParam("userId"), action, null);
    decided.onSuccess(outcome -> ctx.redirect("/orgs/" + slug + "?done=" + action))
        .onFailure(failure -> page.formFailed(ctx, slug, Form.PAGE, failure));
  }

  private Future<Void> joinAllowed(CurrentUser user) {
    return limits.acquire("org.join:" + user.id(), JOIN_REQUESTS_PER_HOUR, Duration.ofHours(1));
  }
}
