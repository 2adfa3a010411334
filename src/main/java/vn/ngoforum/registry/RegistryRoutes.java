package vn.ngoforum.registry;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.Idempotency;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.RateLimiter;
import vn.ngoforum.web.Views;

/**
 * The NGO registry's routes: the JSON API and the pages.
 *
 * <pre>
 *   GET  /api/v1/orgs?q=&province=&focus=&verified=&sort=&page=&pageSize=   directory, paged     curl 'localhost:8080/api/v1/orgs?province=Quang%20Binh'
 *   POST /api/v1/orgs                       register (signed in) → 201   curl -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"name":{"vi":"...","en":"..."},"province":"Quảng Trị"}' localhost:8080/api/v1/orgs
 *   GET  /api/v1/orgs/reference             provinces and focus areas    curl localhost:8080/api/v1/orgs/reference
 *   GET  /api/v1/orgs/stats                 counts per province / focus  curl localhost:8080/api/v1/orgs/stats
 *   GET  /api/v1/orgs/export                the directory as CSV (forum admin)  curl -H "Authorization: Bearer $T" localhost:8080/api/v1/orgs/export
 *   GET  /api/v1/orgs/{slug}                one organisation             curl localhost:8080/api/v1/orgs/svw
 *   PUT  /api/v1/orgs/{slug}                edit the profile (org admin), same body as registering
 *   PUT  /api/v1/orgs/{slug}/logo           the logo: PNG or JPEG bytes (org admin)  curl -T logo.png -H 'Content-Type: image/png' ...
 *   POST /api/v1/orgs/{slug}/achievements   {title, year, description, link} (org admin) → 201 {id}
 *   DELETE /api/v1/orgs/{slug}/achievements/{id}   (org admin)
 *   POST /api/v1/orgs/{slug}/join           ask to join → 202            curl -X POST -H "Authorization: Bearer $T" localhost:8080/api/v1/orgs/svw/join
 *   POST /api/v1/orgs/{slug}/leave          leave the organisation       curl -X POST -H "Authorization: Bearer $T" localhost:8080/api/v1/orgs/svw/leave
 *   POST /api/v1/orgs/{slug}/members/{id}   {action} (org admin)         curl -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"action":"approve"}' .../members/$ID
 *   POST /api/v1/orgs/{slug}/verify         {verified, note} (forum admin) curl -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{}' .../verify
 *   POST /api/v1/orgs/{slug}/verification-request  {note} (org admin) → 202   curl -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"note":"…"}' .../verification-request
 *
 *   GET  /orgs                 directory page, 20 a page (plain GET form and links: works without JavaScript)
 *   GET  /orgs/new             registration form;  POST /orgs registers
 *   GET  /orgs/{slug}          profile page;  POST /orgs/{slug}/join | leave | members/{id} | verify
 *                              | verification-request (forms)
 *   GET  /orgs/{slug}/logo.png the logo (versioned address, cached);  POST /orgs/{slug}/logo (multipart form)
 *   GET  /orgs/{slug}/edit     profile form;  POST /orgs/{slug}/edit, /achievements, /achievements/{id}/delete
 * </pre>
 */
public final class RegistryRoutes {

  /** The views this feature renders, compiled at start-up. */
  public static final List<String> VIEWS = List.of("registry/directory", "registry/profile", "registry/new");

  /** Outcomes a form may report back on the profile page ({@code ?done=}), each with its UI text. */
  private static final Set<String> DONE = Set.of("requested", "left", "approve", "reject", "remove", "promote",
      "demote", "verified", "unverified", "registered", "edited", "achievement", "achievement_removed", "logo",
      "verification_requested");
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");

  /** Registrations per person per hour: generous for people, a wall for scripts. */
  static final int REGISTRATIONS_PER_HOUR = 20;
  static final int JOIN_REQUESTS_PER_HOUR = 60;
  /** Where the profile's logo form posts (a multipart form; see {@link #logoFormBody(String)}). */
  public static final String LOGO_FORM_PATH = "/orgs/:slug/logo";
  /** An image of up to 1 MB, as the API takes, plus the form's few fields. */
  static final long LOGO_FORM_LIMIT_BYTES = 1024 * 1024 + 16 * 1024;
  /** Organisations per page on the directory page; the API's default. */
  static final int PAGE_SIZE = 20;

  private final RegistryService registry;
  private final Views views;
  private final RateLimiter limits;
  private final Idempotency idempotency;
  private final OrganisationActivity activity;

  public RegistryRoutes(RegistryService registry, Views views, RateLimiter limits, Idempotency idempotency,
      OrganisationActivity activity) {
    this.registry = registry;
    this.views = views;
    views.precompile(VIEWS);
    this.limits = limits;
    this.idempotency = idempotency;
    this.activity = activity;
  }

  /**
   * The body handler of the logo form ({@value #LOGO_FORM_PATH}), mounted by the router before the shared one,
   * which keeps file uploads off everywhere else: this one route takes a {@code multipart/form-data} file (to a
   * temporary file, deleted when the request ends), so an admin can upload a logo without JavaScript. The shared
   * body handler then sees a request it has already handled and passes it on.
   */
  public static BodyHandler logoFormBody(String uploadDir) {
    return BodyHandler.create(uploadDir)
        .setBodyLimit(LOGO_FORM_LIMIT_BYTES)
        .setDeleteUploadedFilesOnEnd(true);
  }

  public void mount(Router router) {
    router.get("/api/v1/orgs").handler(this::search);
    router.post("/api/v1/orgs").handler(Access.signedIn()).handler(this::register);
    router.get("/api/v1/orgs/reference").handler(this::referenceData);
    router.get("/api/v1/orgs/stats").handler(this::stats);
    router.get("/api/v1/orgs/export").handler(Access.role(Role.ADMIN)).handler(this::export);
    router.get("/api/v1/orgs/:slug").handler(this::profile);
    router.put("/api/v1/orgs/:slug").handler(Access.signedIn()).handler(this::edit);
    router.put("/api/v1/orgs/:slug/logo").handler(Access.signedIn()).handler(this::setLogo);
    router.post("/api/v1/orgs/:slug/achievements").handler(Access.signedIn()).handler(this::addAchievement);
    router.delete("/api/v1/orgs/:slug/achievements/:id").handler(Access.signedIn())
        .handler(this::removeAchievement);
    router.post("/api/v1/orgs/:slug/join").handler(Access.signedIn()).handler(this::join);
    router.post("/api/v1/orgs/:slug/leave").handler(Access.signedIn()).handler(this::leave);
    router.post("/api/v1/orgs/:slug/members/:userId").handler(Access.signedIn()).handler(this::decide);
    router.post("/api/v1/orgs/:slug/verify").handler(Access.role(Role.ADMIN)).handler(this::verify);
    router.post("/api/v1/orgs/:slug/verification-request").handler(Access.signedIn())
        .handler(this::requestVerification);

    router.get("/orgs").handler(this::directoryPage);
    router.get("/orgs/new").handler(Access.signedIn()).handler(this::newPage);
    router.post("/orgs").handler(Access.signedIn()).handler(this::registerForm);
    router.get("/orgs/:slug").handler(this::profilePage);
    router.get("/orgs/:slug/logo.png").handler(this::logo);
    router.post(LOGO_FORM_PATH).handler(Access.signedIn()).handler(this::logoForm);
    router.get("/orgs/:slug/edit").handler(Access.signedIn()).handler(this::editPage);
    router.post("/orgs/:slug/edit").handler(Access.signedIn()).handler(this::editForm);
    router.post("/orgs/:slug/achievements").handler(Access.signedIn()).handler(this::achievementForm);
    router.post("/orgs/:slug/achievements/:id/delete").handler(Access.signedIn())
        .handler(this::removeAchievementForm);
    router.post("/orgs/:slug/join").handler(Access.signedIn()).handler(this::joinForm);
    router.post("/orgs/:slug/leave").handler(Access.signedIn()).handler(this::leaveForm);
    router.post("/orgs/:slug/members/:userId").handler(Access.signedIn()).handler(this::decideForm);
    router.post("/orgs/:slug/verify").handler(Access.role(Role.ADMIN)).handler(this::verifyForm);
    router.post("/orgs/:slug/verification-request").handler(Access.signedIn())
        .handler(this::requestVerificationForm);
  }

  // ---- JSON API

  private void search(RoutingContext ctx) {
    MultiMap params = ctx.queryParams();
    registry.search(params.get("q"), params.get("province"), params.get("focus"), verifiedParam(params),
            sortParam(params), pageParam(params), pageSizeParam(params))
        .onSuccess(page -> JsonResponses.ok(ctx, page))
        .onFailure(ctx::fail);
  }

  /** A retry with the same {@code Idempotency-Key} gets the first answer, not a 409 for its own organisation. */
  private void register(RoutingContext ctx) {
    OrganisationInput input = OrganisationInput.parse(JsonInput.of(ctx));
    CurrentUser user = user(ctx);
    idempotency.once(user.id(), ctx.request().getHeader(Idempotency.HEADER), () -> registrationAllowed(user)
            .compose(v -> registry.register(user, input))
            .map(slug -> new JsonObject().put("slug", slug)))
        .onSuccess(outcome -> {
          ctx.response().putHeader(HttpHeaders.LOCATION, "/api/v1/orgs/" + outcome.body().getString("slug"));
          JsonResponses.created(ctx, outcome.body());
        })
        .onFailure(ctx::fail);
  }

  private Future<Void> registrationAllowed(CurrentUser user) {
    return limits.acquire("org.register:" + user.id(), REGISTRATIONS_PER_HOUR, Duration.ofHours(1));
  }

  private Future<Void> joinAllowed(CurrentUser user) {
    return limits.acquire("org.join:" + user.id(), JOIN_REQUESTS_PER_HOUR, Duration.ofHours(1));
  }

  private void referenceData(RoutingContext ctx) {
    ReferenceData data = registry.reference();
    JsonResponses.ok(ctx, new JsonObject()
        .put("provinces", new JsonArray(data.provinces().stream()
            .map(p -> p.toJson().put("type", p.city() ? "city" : "province")
                .put("absorbed", new JsonArray(p.absorbed())))
            .toList()))
        .put("focusAreas", new JsonArray(data.focusAreas().stream().map(FocusArea::toJson).toList())));
  }

  private void stats(RoutingContext ctx) {
    registry.counts().onSuccess(counts -> JsonResponses.ok(ctx, counts)).onFailure(ctx::fail);
  }

  private void profile(RoutingContext ctx) {
    String slug = slug(ctx);
    registry.profile(slug, CurrentUser.of(ctx).orElse(null))
        .compose(view -> activity.of(slug).map(recent -> view
            .put("recentThreads", recent.getJsonArray("threads"))
            .put("recentQuestions", recent.getJsonArray("questions"))))
        .onSuccess(view -> JsonResponses.ok(ctx, view))
        .onFailure(ctx::fail);
  }

  private void edit(RoutingContext ctx) {
    String slug = slug(ctx);
    OrganisationInput input = OrganisationInput.parse(JsonInput.of(ctx));
    registry.edit(slug, user(ctx), input)
        .onSuccess(v -> JsonResponses.ok(ctx, new JsonObject().put("slug", slug)))
        .onFailure(ctx::fail);
  }

  private void setLogo(RoutingContext ctx) {
    String slug = slug(ctx);
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String mediaType = type == null ? "" : type.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
    if (!Set.of("image/png", "image/jpeg").contains(mediaType)) {
      ctx.fail(new ForumException(415, "unsupported_media_type", "Send the logo as image/png or image/jpeg."));
      return;
    }
    if (ctx.body() == null || ctx.body().length() == 0) {
      ctx.fail(ForumException.invalid("The request carries no image."));
      return;
    }
    registry.setLogo(slug, user(ctx), ctx.body().buffer())
        .onSuccess(path -> JsonResponses.ok(ctx, new JsonObject().put("logo", path)))
        .onFailure(ctx::fail);
  }

  private void logo(RoutingContext ctx) {
    registry.logo(slug(ctx))
        .onSuccess(png -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, "image/png")
            // The address carries the version: a new logo gets a new address.
            .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=86400")
            .end(io.vertx.core.buffer.Buffer.buffer(png)))
        .onFailure(ctx::fail);
  }

  /** The no-JavaScript logo upload: a multipart form with one file field, {@code logo}. */
  private void logoForm(RoutingContext ctx) {
    String slug = slug(ctx);
    CurrentUser user = user(ctx);
    FileUpload file = ctx.fileUploads().stream().filter(upload -> "logo".equals(upload.name())).findFirst()
        .orElse(null);
    if (file == null || file.size() == 0) {
      ctx.fail(ForumException.invalid("Choose a PNG or JPEG image for 'logo'."));
      return;
    }
    ctx.vertx().fileSystem().readFile(file.uploadedFileName())
        .compose(bytes -> registry.setLogo(slug, user, bytes))
        .onSuccess(path -> ctx.redirect("/orgs/" + slug + "?done=logo#logo-title"))
        .onFailure(ctx::fail);
  }

  private void addAchievement(RoutingContext ctx) {
    String slug = slug(ctx);
    AchievementInput input = AchievementInput.parse(JsonInput.of(ctx));
    registry.addAchievement(slug, user(ctx), input)
        .onSuccess(id -> JsonResponses.created(ctx, new JsonObject().put("id", id)))
        .onFailure(ctx::fail);
  }

  private void removeAchievement(RoutingContext ctx) {
    registry.removeAchievement(slug(ctx), user(ctx), ctx.pathParam("id"))
        .onSuccess(v -> JsonResponses.ok(ctx, new JsonObject().put("removed", ctx.pathParam("id"))))
        .onFailure(ctx::fail);
  }

  private void export(RoutingContext ctx) {
    registry.exportRows()
        .onSuccess(list -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"ngo-directory.csv\"")
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
            .end(DirectoryCsv.of(list, registry.reference())))
        .onFailure(ctx::fail);
  }

  private void join(RoutingContext ctx) {
    String slug = slug(ctx);
    CurrentUser user = user(ctx);
    joinAllowed(user)
        .compose(v -> registry.requestToJoin(slug, user))
        .onSuccess(status -> JsonResponses.accepted(ctx, new JsonObject().put("status", status)))
        .onFailure(ctx::fail);
  }

  private void leave(RoutingContext ctx) {
    registry.leave(slug(ctx), user(ctx))
        .onSuccess(v -> JsonResponses.ok(ctx, new JsonObject().put("status", "left")))
        .onFailure(ctx::fail);
  }

  private void decide(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("action", "reason");
    String action = in.choice("action", RegistryService.ACTIONS, null);
    String reason = in.optionalText("reason", 500);
    registry.decide(slug(ctx), user(ctx), ctx.pathParam("userId"), action, reason)
        .onSuccess(outcome -> JsonResponses.ok(ctx, outcome))
        .onFailure(ctx::fail);
  }

  private void verify(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("verified", "note");
    boolean verified = in.optionalBoolean("verified", true);
    String note = in.optionalText("note", 500);
    registry.verify(slug(ctx), user(ctx), verified, note)
        .onSuccess(outcome -> JsonResponses.ok(ctx, outcome))
        .onFailure(ctx::fail);
  }

  private void requestVerification(RoutingContext ctx) {
    String note = JsonInput.of(ctx).allow("note").optionalText("note", 500);
    registry.requestVerification(slug(ctx), user(ctx), note == null || note.isBlank() ? null : note.strip())
        .onSuccess(outcome -> JsonResponses.accepted(ctx, outcome))
        .onFailure(ctx::fail);
  }

  // ---- pages

  private void directoryPage(RoutingContext ctx) {
    MultiMap params = ctx.queryParams();
    String q = params.get("q");
    String province = params.get("province");
    String focus = params.get("focus");
    String verified = params.get("verified");
    String sort = sortParam(params);
    ReferenceData data = registry.reference();
    String provinceCode = province == null || province.isBlank() ? null
        : data.province(province).map(Province::code).orElse(null);
    String focusCode = focus == null || focus.isBlank() ? null
        : data.focusArea(focus).map(FocusArea::code).orElse(null);
    boolean unknownFilter = (province != null && !province.isBlank() && provinceCode == null)
        || (focus != null && !focus.isBlank() && focusCode == null);
    int page = pageParam(params);
    Future<JsonObject> results = unknownFilter
        ? Future.succeededFuture(new JsonObject().put("results", new JsonArray()).put("total", 0L).put("page", 1)
            .put("pages", 1L))
        : registry.search(q, provinceCode, focusCode, verifiedParam(params), sort, page, PAGE_SIZE);
    Future.all(results, registry.counts())
        .onSuccess(all -> {
          JsonObject found = all.resultAt(0);
          ctx.put("q", q == null ? "" : q);
          ctx.put("results", found.getJsonArray("results").stream()
              .map(item -> withFocusNames((JsonObject) item)).toList());
          ctx.put("resultCount", found.getLong("total"));
          ctx.put("paging", paging(found, q, provinceCode, focusCode, verified, sort));
          ctx.put("unknownFilter", unknownFilter);
          ctx.put("provinces", options(data.provinces().stream().map(Province::toJson).toList(), provinceCode));
          ctx.put("focusAreas", options(data.focusAreas().stream().map(FocusArea::toJson).toList(), focusCode));
          ctx.put("verifiedAny", verified == null || verified.isBlank());
          ctx.put("verifiedYes", "true".equals(verified));
          ctx.put("verifiedNo", "false".equals(verified));
          ctx.put("sortNewest", "newest".equals(sort));
          ctx.put("filtered", (q != null && !q.isBlank()) || provinceCode != null || focusCode != null
              || verifiedParam(params) != null);
          JsonObject counts = all.resultAt(1);
          ctx.put("provinceCounts", withShares(counts.getJsonArray("provinces")));
          ctx.put("focusCounts", withShares(counts.getJsonArray("focusAreas")));
          views.render(ctx, "registry/directory");
        })
        .onFailure(ctx::fail);
  }

  private void newPage(RoutingContext ctx) {
    formModel(ctx, new JsonObject(), null);
    views.render(ctx, "registry/new");
  }

  private void editPage(RoutingContext ctx) {
    String slug = slug(ctx);
    CurrentUser user = user(ctx);
    registry.profile(slug, user)
        .onSuccess(org -> {
          JsonObject mine = org.getJsonObject("myMembership");
          if (mine == null || !"approved".equals(mine.getString("status")) || !"admin".equals(mine.getString("role"))) {
            ctx.fail(ForumException.forbidden("Only this organisation's admins can edit it."));
            return;
          }
          JsonObject values = new JsonObject()
              .put("nameVi", org.getJsonObject("name").getString("vi"))
              .put("nameEn", org.getJsonObject("name").getString("en"))
              .put("acronym", org.getString("acronym"))
              .put("province", org.getJsonObject("province").getString("code"))
              .put("focusAreas", org.getJsonArray("focusAreas"))
              .put("website", org.getString("website"))
              .put("descriptionVi", org.getJsonObject("description").getString("vi"))
              .put("descriptionEn", org.getJsonObject("description").getString("en"))
              .put("foundedYear", org.getInteger("foundedYear"))
              .put("legalStatus", org.getString("legalStatus"))
              .put("contactEmail", org.getString("contactEmail"));
          formModel(ctx, values, slug);
          ctx.put("verified", org.getBoolean("verified", false));
          views.render(ctx, "registry/new");
        })
        .onFailure(ctx::fail);
  }

  private void editForm(RoutingContext ctx) {
    String slug = slug(ctx);
    MultiMap form = ctx.request().formAttributes();
    OrganisationInput input;
    try {
      input = OrganisationInput.parse(JsonInput.of(formJson(form).encode()));
    } catch (ForumException invalid) {
      formError(ctx, form, invalid, slug);
      return;
    }
    registry.edit(slug, user(ctx), input)
        .onSuccess(v -> ctx.redirect("/orgs/" + slug + "?done=edited"))
        .onFailure(failure -> {
          if (failure instanceof ForumException known && known.status() == 409) {
            formError(ctx, form, known, slug);
          } else {
            ctx.fail(failure);
          }
        });
  }

  private void achievementForm(RoutingContext ctx) {
    String slug = slug(ctx);
    MultiMap form = ctx.request().formAttributes();
    JsonObject json = new JsonObject()
        .put("title", bilingual(form, "titleVi", "titleEn"))
        .put("description", bilingual(form, "descriptionVi", "descriptionEn"))
        .put("link", form.get("link"));
    String year = form.get("year");
    if (year != null && !year.isBlank()) {
      try {
        json.put("year", Long.parseLong(year.strip()));
      } catch (NumberFormatException e) {
        throw ForumException.invalid("'year' must be a whole number.");
      }
    }
    AchievementInput input = AchievementInput.parse(JsonInput.of(json.encode()));
    registry.addAchievement(slug, user(ctx), input)
        .onSuccess(id -> ctx.redirect("/orgs/" + slug + "?done=achievement#achievements-title"))
        .onFailure(ctx::fail);
  }

  private void removeAchievementForm(RoutingContext ctx) {
    String slug = slug(ctx);
    registry.removeAchievement(slug, user(ctx), ctx.pathParam("id"))
        .onSuccess(v -> ctx.redirect("/orgs/" + slug + "?done=achievement_removed#achievements-title"))
        .onFailure(ctx::fail);
  }

  private void registerForm(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    OrganisationInput input;
    try {
      input = OrganisationInput.parse(JsonInput.of(formJson(form).encode()));
    } catch (ForumException invalid) {
      formError(ctx, form, invalid, null);
      return;
    }
    CurrentUser user = user(ctx);
    registrationAllowed(user)
        .compose(v -> registry.register(user, input))
        .onSuccess(slug -> ctx.redirect("/orgs/" + slug + "?done=registered"))
        .onFailure(failure -> {
          if (failure instanceof ForumException known && known.status() == 409) {
            formError(ctx, form, known, null);
          } else {
            ctx.fail(failure);
          }
        });
  }

  /** The registration or profile form as the API's JSON body. */
  private static JsonObject formJson(MultiMap form) {
    return new JsonObject()
        .put("name", bilingual(form, "nameVi", "nameEn"))
        .put("acronym", form.get("acronym"))
        .put("province", form.get("province"))
        .put("focusAreas", new JsonArray(form.getAll("focusAreas")))
        .put("website", form.get("website"))
        .put("description", bilingual(form, "descriptionVi", "descriptionEn"))
        .put("foundedYear", wholeNumberOrText(form.get("foundedYear")))
        .put("legalStatus", form.get("legalStatus"))
        .put("contactEmail", form.get("contactEmail"));
  }

  /** A form's number field as a number when it is one (else as text, so the check names the field). */
  private static Object wholeNumberOrText(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return value;
    }
  }

  /** A form's two language fields as {@code {vi, en}}, or {@code null} when both are empty. */
  private static JsonObject bilingual(MultiMap form, String vi, String en) {
    String viText = form.get(vi);
    String enText = form.get(en);
    if ((viText == null || viText.isBlank()) && (enText == null || enText.isBlank())) {
      return null;
    }
    return new JsonObject().put("vi", viText == null ? "" : viText).put("en", enText == null ? "" : enText);
  }

  private void formError(RoutingContext ctx, MultiMap form, ForumException problem, String editedSlug) {
    JsonObject values = new JsonObject();
    form.names().forEach(name -> values.put(name, form.get(name)));
    values.put("focusAreas", new JsonArray(form.getAll("focusAreas")));
    formModel(ctx, values, editedSlug);
    ctx.put("error", problem.getMessage());
    views.render(ctx, "registry/new", problem.status());
  }

  /** The registration form's model; with {@code editedSlug} it edits that organisation instead. */
  private void formModel(RoutingContext ctx, JsonObject values, String editedSlug) {
    ctx.put("formAction", editedSlug == null ? "/orgs" : "/orgs/" + editedSlug + "/edit");
    ctx.put("titleKey", editedSlug == null ? "registry.register.title" : "registry.edit.title");
    ctx.put("submitKey", editedSlug == null ? "registry.register.submit" : "registry.edit.submit");
    ctx.put("editedSlug", editedSlug);
    ReferenceData data = registry.reference();
    String province = values.getString("province");
    String provinceCode = province == null ? null : data.province(province).map(Province::code).orElse(null);
    JsonArray chosen = values.getJsonArray("focusAreas", new JsonArray());
    List<Map<String, Object>> areas = new ArrayList<>();
    for (FocusArea area : data.focusAreas()) {
      areas.add(Map.of("code", area.code(), "name", area.name(), "selected", chosen.contains(area.code())));
    }
    List<Map<String, Object>> statuses = new ArrayList<>();
    for (String status : OrganisationInput.LEGAL_STATUSES) {
      statuses.add(Map.of("code", status, "key", "registry.legal." + status,
          "selected", status.equals(values.getString("legalStatus"))));
    }
    ctx.put("legalStatuses", statuses);
    ctx.put("form", values);
    ctx.put("provinces", options(data.provinces().stream().map(Province::toJson).toList(), provinceCode));
    ctx.put("focusAreas", areas);
  }

  private void profilePage(RoutingContext ctx) {
    CurrentUser viewer = CurrentUser.of(ctx).orElse(null);
    String slug = slug(ctx);
    Future.all(registry.profile(slug, viewer), activity.of(slug))
        .onSuccess(all -> {
          JsonObject org = all.resultAt(0);
          JsonObject recent = all.resultAt(1);
          ctx.put("recentThreads", recent.getJsonArray("threads").getList());
          ctx.put("recentQuestions", recent.getJsonArray("questions").getList());
          ctx.put("org", withFocusNames(org));
          if (org.getString("legalStatus") != null) {
            ctx.put("legalKey", "registry.legal." + org.getString("legalStatus"));
          }
          JsonObject mine = org.getJsonObject("myMembership");
          ctx.put("isMember", mine != null && "approved".equals(mine.getString("status")));
          ctx.put("isPending", mine != null && "pending".equals(mine.getString("status")));
          ctx.put("isOrgAdmin", mine != null && "approved".equals(mine.getString("status"))
              && "admin".equals(mine.getString("role")));
          ctx.put("mayJoin", viewer != null && (mine == null || "rejected".equals(mine.getString("status"))));
          ctx.put("forumAdmin", viewer != null && viewer.has(Role.ADMIN));
          String done = ctx.queryParams().get("done");
          if (done != null && DONE.contains(done)) {
            ctx.put("doneKey", "registry.done." + done);
          }
          views.render(ctx, "registry/profile");
        })
        .onFailure(ctx::fail);
  }

  private void joinForm(RoutingContext ctx) {
    String slug = slug(ctx);
    CurrentUser user = user(ctx);
    joinAllowed(user)
        .compose(v -> registry.requestToJoin(slug, user))
        .onSuccess(status -> ctx.redirect("/orgs/" + slug + "?done=requested"))
        .onFailure(ctx::fail);
  }

  private void leaveForm(RoutingContext ctx) {
    String slug = slug(ctx);
    registry.leave(slug, user(ctx))
        .onSuccess(v -> ctx.redirect("/orgs/" + slug + "?done=left"))
        .onFailure(ctx::fail);
  }

  private void decideForm(RoutingContext ctx) {
    String slug = slug(ctx);
    String action = ctx.request().getFormAttribute("action");
    if (action == null || !RegistryService.ACTIONS.contains(action)) {
      ctx.fail(ForumException.invalid("'action' must be one of " + String.join(", ",
          RegistryService.ACTIONS.stream().sorted().toList()) + "."));
      return;
    }
    registry.decide(slug, user(ctx), ctx.pathParam("userId"), action, null)
        .onSuccess(outcome -> ctx.redirect("/orgs/" + slug + "?done=" + action))
        .onFailure(ctx::fail);
  }

  private void verifyForm(RoutingContext ctx) {
    String slug = slug(ctx);
    boolean verified = !"false".equals(ctx.request().getFormAttribute("verified"));
    String note = ctx.request().getFormAttribute("note");
    if (note != null && note.length() > 500) {
      ctx.fail(ForumException.invalid("'note' must be at most 500 characters."));
      return;
    }
    registry.verify(slug, user(ctx), verified, note == null || note.isBlank() ? null : note.strip())
        .onSuccess(outcome -> ctx.redirect("/orgs/" + slug + "?done=" + (verified ? "verified" : "unverified")))
        .onFailure(ctx::fail);
  }

  private void requestVerificationForm(RoutingContext ctx) {
    String slug = slug(ctx);
    String note = ctx.request().getFormAttribute("note");
    if (note != null && note.length() > 500) {
      ctx.fail(ForumException.invalid("'note' must be at most 500 characters."));
      return;
    }
    registry.requestVerification(slug, user(ctx), note == null || note.isBlank() ? null : note.strip())
        .onSuccess(outcome -> ctx.redirect("/orgs/" + slug + "?done=verification_requested"))
        .onFailure(ctx::fail);
  }

  // ---- helpers

  private static CurrentUser user(RoutingContext ctx) {
    return CurrentUser.of(ctx).orElseThrow(() -> ForumException.unauthorized("Please sign in first."));
  }

  private static String slug(RoutingContext ctx) {
    String slug = ctx.pathParam("slug");
    if (slug == null || !SLUG.matcher(slug).matches()) {
      throw ForumException.notFound("There is no organisation at this address.");
    }
    return slug;
  }

  private static Boolean verifiedParam(MultiMap params) {
    String value = params.get("verified");
    if (value == null || value.isBlank()) {
      return null;
    }
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ForumException.invalid("'verified' must be true or false.");
    };
  }

  private static int pageParam(MultiMap params) {
    return positive(params, "page", Integer.MAX_VALUE / PAGE_SIZE, 1);
  }

  private static int pageSizeParam(MultiMap params) {
    return positive(params, "pageSize", RegistryService.MAX_PAGE_SIZE, PAGE_SIZE);
  }

  private static int positive(MultiMap params, String name, int max, int otherwise) {
    String value = params.get(name);
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      int number = Integer.parseInt(value.strip());
      if (number >= 1 && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ForumException.invalid("'" + name + "' must be a whole number from 1 to " + max + ".");
  }

  /**
   * The directory page's page links ({@code null} when everything fits on one page): each keeps the filters and
   * the sort; pages near the current one are listed, with the first and last always reachable.
   */
  private static Map<String, Object> paging(JsonObject found, String q, String province, String focus,
      String verified, String sort) {
    long pages = found.getLong("pages", 1L);
    int current = found.getInteger("page", 1);
    if (pages <= 1 && current <= 1) {
      return null;
    }
    StringBuilder filters = new StringBuilder("/orgs?");
    appendParam(filters, "q", q);
    appendParam(filters, "province", province);
    appendParam(filters, "focus", focus);
    appendParam(filters, "verified", verified);
    appendParam(filters, "sort", "name".equals(sort) ? null : sort);
    String base = filters.toString();
    List<Map<String, Object>> links = new ArrayList<>();
    long previousShown = 0;
    for (long number = 1; number <= pages; number++) {
      boolean shown = number == 1 || number == pages || Math.abs(number - current) <= 2;
      if (!shown) {
        continue;
      }
      if (number > previousShown + 1) {
        links.add(Map.of("gap", true));
      }
      links.add(Map.of("number", number, "href", base + "page=" + number, "current", number == current));
      previousShown = number;
    }
    Map<String, Object> model = new HashMap<>();
    model.put("links", links);
    model.put("current", current);
    model.put("pages", pages);
    if (current > 1) {
      model.put("previous", base + "page=" + Math.min(current - 1, pages));
    }
    if (current < pages) {
      model.put("next", base + "page=" + (current + 1));
    }
    return model;
  }

  private static void appendParam(StringBuilder url, String name, String value) {
    if (value != null && !value.isBlank()) {
      url.append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8))
          .append('&');
    }
  }

  private static String sortParam(MultiMap params) {
    String sort = params.get("sort");
    if (sort == null || sort.isBlank()) {
      return "name";
    }
    if (!Set.of("name", "newest").contains(sort)) {
      throw ForumException.invalid("'sort' must be name or newest.");
    }
    return sort;
  }

  private static List<Map<String, Object>> options(List<JsonObject> items, String selected) {
    List<Map<String, Object>> options = new ArrayList<>();
    for (JsonObject item : items) {
      Map<String, Object> option = new HashMap<>(item.getMap());
      option.put("name", item.getJsonObject("name"));
      option.put("selected", item.getString("code").equals(selected));
      options.add(option);
    }
    return options;
  }

  /** Adds {@code focusAreaList: [{code, name}]} for pages (the API keeps the codes). */
  private JsonObject withFocusNames(JsonObject org) {
    JsonArray named = new JsonArray();
    for (Object code : org.getJsonArray("focusAreas", new JsonArray())) {
      registry.reference().focusArea(String.valueOf(code)).ifPresent(area -> named.add(area.toJson()));
    }
    return org.copy().put("focusAreaList", named);
  }

  /** Adds the largest count to each row: the scale of the chart's bars ({@code <meter>}, no inline styles). */
  private static List<JsonObject> withShares(JsonArray rows) {
    int max = 1;
    for (Object row : rows) {
      max = Math.max(max, ((JsonObject) row).getInteger("count"));
    }
    List<JsonObject> shared = new ArrayList<>();
    for (Object row : rows) {
      JsonObject copy = ((JsonObject) row).copy();
      copy.put("max", max);
      shared.add(copy);
    }
    return shared;
  }
}
