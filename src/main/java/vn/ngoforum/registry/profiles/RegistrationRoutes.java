package vn.ngoforum.registry.profiles;

import static vn.ngoforum.registry.organisations.RegistryRequests.slug;
import static vn.ngoforum.registry.organisations.RegistryRequests.user;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.FormErrors;
import vn.ngoforum.web.Idempotency;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.RateLimiter;
import vn.ngoforum.web.Views;

/**
 * Registering an organisation and editing its profile: the API and the one form that does both.
 *
 * <pre>
 *   POST /api/v1/orgs          register (signed in) → 201 {slug}   curl -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"name":{"vi":"...","en":"..."},"province":"Quảng Trị"}' localhost:8080/api/v1/orgs
 *   PUT  /api/v1/orgs/{slug}   org admin, or forum admin with a "reason": edit, same body   curl -X PUT -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d @profile.json localhost:8080/api/v1/orgs/svw
 *   GET  /orgs/new             the registration form
 *   POST /orgs                 registers (the form)
 *   GET  /orgs/{slug}/edit     org admin (or forum admin: with a reason field): the profile form
 *   POST /orgs/{slug}/edit     saves it (the form)
 * </pre>
 *
 * Mounted before the profile routes: {@code /orgs/new} is not an organisation called "new".
 */
public record RegistrationRoutes(RegistrationService registration, ProfileService profiles, Views views,
    RateLimiter limits, Idempotency idempotency) {

  /** Registrations per person per hour: generous for people, a wall for scripts. */
  public static final int REGISTRATIONS_PER_HOUR = 20;

  public void mount(Router router) {
    router.post("/api/v1/orgs").handler(Access.signedIn()).handler(this::register);
    router.put("/api/v1/orgs/:slug").handler(Access.signedIn()).handler(this::edit);
    router.get("/orgs/new").handler(Access.signedIn()).handler(this::newPage);
    router.post("/orgs").handler(Access.signedIn()).handler(this::registerForm);
    router.get("/orgs/:slug/edit").handler(Access.signedIn()).handler(this::editPage);
    router.post("/orgs/:slug/edit").handler(Access.signedIn()).handler(this::editForm);
  }

  /** A retry with the same {@code Idempotency-Key} gets the first answer, not a 409 for its own organisation. */
  private void register(RoutingContext ctx) {
    OrganisationInput input = OrganisationInput.parse(JsonInput.of(ctx));
    CurrentUser user = user(ctx);
    idempotency.once(user.id(), ctx.request().getHeader(Idempotency.HEADER), () -> registrationAllowed(user)
            .compose(v -> registration.register(user, input))
            .map(slug -> new JsonObject().put("slug", slug)))
        .onSuccess(outcome -> {
          ctx.response().putHeader(HttpHeaders.LOCATION, "/api/v1/orgs/" + outcome.body().getString("slug"));
          JsonResponses.created(ctx, outcome.body());
        })
        .onFailure(ctx::fail);
  }

  private void edit(RoutingContext ctx) {
    String slug = slug(ctx);
    OrganisationInput input = OrganisationInput.parse(JsonInput.of(ctx));
    profiles.edit(slug, user(ctx), input)
        .onSuccess(v -> JsonResponses.ok(ctx, new JsonObject().put("slug", slug)))
        .onFailure(ctx::fail);
  }

  private void newPage(RoutingContext ctx) {
    OrganisationForm.model(ctx, new JsonObject(), null);
    views.render(ctx, OrganisationForm.VIEW);
  }

  private void registerForm(RoutingContext ctx) {
    CurrentUser user = user(ctx);
    MultiMap form = ctx.request().formAttributes();
    Future.succeededFuture(form).map(OrganisationForm::input)
        .compose(input -> registrationAllowed(user).compose(v -> registration.register(user, input)))
        .onSuccess(slug -> ctx.redirect("/orgs/" + slug + "?done=registered"))
        .onFailure(failure -> formFailed(ctx, failure, null));
  }

  /** The organisation's admins edit its profile; a forum admin edits any, giving a reason (the form asks for it). */
  private void editPage(RoutingContext ctx) {
    String slug = slug(ctx);
    CurrentUser user = user(ctx);
    profiles.profile(slug, user)
        .onSuccess(profile -> {
          if (!profile.viewedByAdmin() && !user.has(Role.ADMIN)) {
            ctx.fail(ForumException.forbidden("Only this organisation's admins can edit it."));
            return;
          }
          ctx.put("askReason", !profile.viewedByAdmin());
          OrganisationForm.model(ctx, OrganisationForm.values(profile.organisation().profile()), slug);
          ctx.put("verified", profile.organisation().verified());
          views.render(ctx, OrganisationForm.VIEW);
        })
        .onFailure(ctx::fail);
  }

  private void editForm(RoutingContext ctx) {
    String slug = slug(ctx);
    MultiMap form = ctx.request().formAttributes();
    Future.succeededFuture(form).map(OrganisationForm::input)
        .compose(input -> profiles.edit(slug, user(ctx), input))
        .onSuccess(v -> ctx.redirect("/orgs/" + slug + "?done=edited"))
        .onFailure(failure -> formFailed(ctx, failure, slug));
  }

  /** The form again with what was typed and why it failed ({@code editedSlug}: the profile being edited). */
  private void formFailed(RoutingContext ctx, Throwable failure, String editedSlug) {
    FormErrors.show(ctx, failure, "registry", OrganisationForm.FIELDS, status -> {
      ctx.put("askReason", editedSlug != null && ctx.request().getFormAttribute("reason") != null);
      OrganisationForm.model(ctx, OrganisationForm.values(ctx.request().formAttributes()), editedSlug);
      views.render(ctx, OrganisationForm.VIEW, status);
    });
  }

  private Future<Void> registrationAllowed(CurrentUser user) {
    return limits.acquire("org.register:" + user.id(), REGISTRATIONS_PER_HOUR, Duration.ofHours(1));
  }
}
