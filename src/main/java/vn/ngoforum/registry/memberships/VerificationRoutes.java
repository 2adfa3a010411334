package vn.ngoforum.registry.memberships;

import static vn.ngoforum.registry.organisations.RegistryRequests.slug;
import static vn.ngoforum.registry.organisations.RegistryRequests.user;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.registry.profiles.ProfilePage;
import vn.ngoforum.registry.profiles.ProfilePage.Form;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;

/**
 * Verification of organisations: their admins ask, forum admins decide. The API and the profile page's forms.
 *
 * <pre>
 *   POST /api/v1/orgs/{slug}/verify                 forum admin: {verified, note}    curl -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{}' localhost:8080/api/v1/orgs/svw/verify
 *   POST /api/v1/orgs/{slug}/verification-request   org admin: {note} → 202          curl -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"note":"…"}' localhost:8080/api/v1/orgs/svw/verification-request
 *   POST /orgs/{slug}/verify                        forum admin (the page's form: "verified", "note")
 *   POST /orgs/{slug}/verification-request          org admin (the page's form: "note")
 * </pre>
 */
public final class VerificationRoutes {

  /** The longest note a verification or a request for it may carry. */
  static final int NOTE_MAX = 500;

  private final VerificationService verification;
  private final ProfilePage page;

  public VerificationRoutes(VerificationService verification, ProfilePage page) {
    this.verification = verification;
    this.page = page;
  }

  public void mount(Router router) {
    router.post("/api/v1/orgs/:slug/verify").handler(Access.role(Role.ADMIN)).handler(this::verify);
    router.post("/api/v1/orgs/:slug/verification-request").handler(Access.signedIn())
        .handler(this::requestVerification);
    router.post("/orgs/:slug/verify").handler(Access.role(Role.ADMIN)).handler(this::verifyForm);
    router.post("/orgs/:slug/verification-request").handler(Access.signedIn())
        .handler(this::requestVerificationForm);
  }

  private void verify(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("verified", "note");
    boolean verified = in.optionalBoolean("verified", true);
    String note = in.optionalText("note", NOTE_MAX);
    String slug = slug(ctx);
    verification.verify(slug, user(ctx), verified, note)
        .onSuccess(v -> JsonResponses.ok(ctx, new JsonObject().put("slug", slug).put("verified", verified)))
        .onFailure(ctx::fail);
  }

  private void requestVerification(RoutingContext ctx) {
    String note = JsonInput.of(ctx).allow("note").optionalText("note", NOTE_MAX);
    String slug = slug(ctx);
    verification.requestVerification(slug, user(ctx), blankToNull(note))
        .onSuccess(v -> JsonResponses.accepted(ctx, requested(slug)))
        .onFailure(ctx::fail);
  }

  private void verifyForm(RoutingContext ctx) {
    String slug = slug(ctx);
    boolean verified = !"false".equals(ctx.request().getFormAttribute("verified"));
    formNote(ctx)
        .compose(note -> verification.verify(slug, user(ctx), verified, note))
        .onSuccess(v -> ctx.redirect("/orgs/" + slug + "?done=" + (verified ? "verified" : "unverified")))
        .onFailure(failure -> page.formFailed(ctx, slug, Form.VERIFY, failure));
  }

  private void requestVerificationForm(RoutingContext ctx) {
    String slug = slug(ctx);
    formNote(ctx)
        .compose(note -> verification.requestVerification(slug, user(ctx), note))
        .onSuccess(v -> ctx.redirect("/orgs/" + slug + "?done=verification_requested"))
        .onFailure(failure -> page.formFailed(ctx, slug, Form.VERIFICATION, failure));
  }

  /** The form's note, trimmed ({@code null} when blank); 400 when it is too long. */
  private static Future<String> formNote(RoutingContext ctx) {
    String note = ctx.request().getFormAttribute("note");
    if (note != null && note.length() > NOTE_MAX) {
      return Future.failedFuture(ForumException.invalid("note", "'note' must be at most " + NOTE_MAX
          + " characters."));
    }
    return Future.succeededFuture(blankToNull(note));
  }

  private static String blankToNull(String note) {
    return note == null || note.isBlank() ? null : note.strip();
  }

  private static JsonObject requested(String slug) {
    return new JsonObject().put("slug", slug).put("status", "requested");
  }
}
