package vn.ngoforum.registry.profiles;

import static vn.ngoforum.registry.organisations.RegistryRequests.slug;
import static vn.ngoforum.registry.organisations.RegistryRequests.user;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.registry.profiles.ProfilePage.Form;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;

/**
 * An organisation's profile and its achievements: the API and the page.
 *
 * <pre>
 *   GET    /api/v1/orgs/{slug}                     one organisation       curl localhost:8080/api/v1/orgs/svw
 *   POST   /api/v1/orgs/{slug}/achievements        org admin → 201 {id}   curl -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"title":{"vi":"...","en":"..."},"year":2020}' localhost:8080/api/v1/orgs/svw/achievements
 *   DELETE /api/v1/orgs/{slug}/achievements/{id}   org admin              curl -X DELETE -H "Authorization: Bearer $T" localhost:8080/api/v1/orgs/svw/achievements/$ID
 *   GET    /orgs/{slug}                            the profile page (see {@link ProfilePage})
 *   POST   /orgs/{slug}/achievements               org admin: adds one (the page's form)
 *   POST   /orgs/{slug}/achievements/{id}/delete   org admin: removes one (the page's form)
 * </pre>
 */
public record ProfileRoutes(ProfileService profiles, OrganisationActivity activity, ProfilePage page) {

  public void mount(Router router) {
    router.get("/api/v1/orgs/:slug").handler(this::profile);
    router.post("/api/v1/orgs/:slug/achievements").handler(Access.signedIn()).handler(this::addAchievement);
    router.delete("/api/v1/orgs/:slug/achievements/:id").handler(Access.signedIn()).handler(this::removeAchievement);
    router.get("/orgs/:slug").handler(this::profilePage);
    router.post("/orgs/:slug/achievements").handler(Access.signedIn()).handler(this::addAchievementForm);
    router.post("/orgs/:slug/achievements/:id/delete").handler(Access.signedIn())
        .handler(this::removeAchievementForm);
  }

  /** The profile as the caller may see it, with the organisation's recent threads and questions. */
  private void profile(RoutingContext ctx) {
    String slug = slug(ctx);
    CurrentUser viewer = CurrentUser.of(ctx).orElse(null);
    profiles.profile(slug, viewer)
        .compose(profile -> activity.of(slug).map(recent -> profile.json(viewer)
            .put("recentThreads", recent.getJsonArray("threads"))
            .put("recentQuestions", recent.getJsonArray("questions"))
            .put("recentConsultations", recent.getJsonArray("consultations"))))
        .onSuccess(view -> JsonResponses.ok(ctx, view))
        .onFailure(ctx::fail);
  }

  private void addAchievement(RoutingContext ctx) {
    String slug = slug(ctx);
    AchievementInput input = AchievementInput.parse(JsonInput.of(ctx));
    profiles.addAchievement(slug, user(ctx), input)
        .onSuccess(id -> JsonResponses.created(ctx, new JsonObject().put("id", id)))
        .onFailure(ctx::fail);
  }

  private void removeAchievement(RoutingContext ctx) {
    profiles.removeAchievement(slug(ctx), user(ctx), ctx.pathParam("id"))
        .onSuccess(v -> JsonResponses.ok(ctx, new JsonObject().put("removed", ctx.pathParam("id"))))
        .onFailure(ctx::fail);
  }

  private void profilePage(RoutingContext ctx) {
    page.show(ctx, slug(ctx));
  }

  private void addAchievementForm(RoutingContext ctx) {
    String slug = slug(ctx);
    MultiMap form = ctx.request().formAttributes();
    Future.succeededFuture(form).map(ProfileRoutes::achievement)
        .compose(input -> profiles.addAchievement(slug, user(ctx), input))
        .onSuccess(id -> ctx.redirect("/orgs/" + slug + "?done=achievement#achievements-title"))
        .onFailure(failure -> page.formFailed(ctx, slug, Form.ACHIEVEMENTS, failure));
  }

  private void removeAchievementForm(RoutingContext ctx) {
    String slug = slug(ctx);
    profiles.removeAchievement(slug, user(ctx), ctx.pathParam("id"))
        .onSuccess(v -> ctx.redirect("/orgs/" + slug + "?done=achievement_removed#achievements-title"))
        .onFailure(failure -> page.formFailed(ctx, slug, Form.ACHIEVEMENTS, failure));
  }

  /** The achievement form as the API's body; 400 naming the field when something is wrong. */
  private static AchievementInput achievement(MultiMap form) {
    return AchievementInput.parse(JsonInput.of(new JsonObject()
        .put("title", FormFields.bilingual(form, "titleVi", "titleEn"))
        .put("description", FormFields.bilingual(form, "descriptionVi", "descriptionEn"))
        .put("link", form.get("link"))
        .put("year", FormFields.wholeNumberOrText(form.get("year")))
        .encode()));
  }
}
