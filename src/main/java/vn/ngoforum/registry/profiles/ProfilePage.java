package vn.ngoforum.registry.profiles;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.registry.directory.DirectoryEntry;
import vn.ngoforum.registry.organisations.Membership;
import vn.ngoforum.web.FormErrors;
import vn.ngoforum.web.Views;

/**
 * An organisation's page ({@code /orgs/{slug}}): the profile, what the organisation said elsewhere in the forum,
 * and the forms of whoever is looking (join or leave; for its admins the requests, members, achievements, logo and
 * the request for verification; for forum admins the verification).
 *
 * <p>Every form on the page posts to its own route; when one fails in a way the person can fix (see
 * {@link FormErrors}), the page is shown again with the message next to that form ({@link Form}) and what they
 * typed. A form that worked comes back here with {@code ?done=<outcome>}, shown as a notice.
 */
public record ProfilePage(ProfileService profiles, OrganisationActivity activity, Views views) {

  /** The view this page renders. */
  public static final String VIEW = "registry/profile";

  /** The forms of the page, by where a failure is shown (the template's {@code formAt}). */
  public enum Form {
    /** Join, leave and the decisions on members: the message at the top of the page. */
    PAGE,
    /** An organisation admin's request for verification. */
    VERIFICATION,
    ACHIEVEMENTS,
    LOGO,
    /** A forum admin's verification. */
    VERIFY,
    /** A forum admin's suspension, reinstatement or removal. */
    STANDING;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Outcomes a form may report back on the page ({@code ?done=}), each with its UI text. */
  private static final Set<String> DONE = Set.of("requested", "left", "approve", "reject", "remove", "promote",
      "demote", "verified", "unverified", "registered", "edited", "achievement", "achievement_removed", "logo",
      "verification_requested", "suspended", "active", "removed");
  /** The kinds of part in a consultation the page names: {@code registry.recent.consultation.<kind>}. */
  private static final Set<String> CONSULTATION_KINDS = Set.of("comment", "proposal", "endorsement", "signature");
  /** The page's form fields with a text of their own: {@code registry.profile.error.<field>}. */
  private static final List<String> FIELDS = List.of("title", "title.vi", "title.en", "year", "description",
      "description.vi", "description.en", "link", "logo", "note", "reason");

  /** Shows the page of organisation {@code slug}. */
  public void show(RoutingContext ctx, String slug) {
    render(ctx, slug, 200);
  }

  /** Shows a form's failure on the page, next to {@code form}, or hands it to the failure handler. */
  public void formFailed(RoutingContext ctx, String slug, Form form, Throwable failure) {
    FormErrors.show(ctx, failure, "registry.profile", FIELDS, status -> {
      ctx.put("formAt", form.key());
      render(ctx, slug, status);
    });
  }

  private void render(RoutingContext ctx, String slug, int status) {
    CurrentUser viewer = CurrentUser.of(ctx).orElse(null);
    Future.all(profiles.profile(slug, viewer), activity.of(slug))
        .onSuccess(all -> {
          Profile profile = all.resultAt(0);
          JsonObject recent = all.resultAt(1);
          Membership mine = profile.mine();
          ctx.put("recentThreads", recent.getJsonArray("threads").getList());
          ctx.put("recentQuestions", recent.getJsonArray("questions").getList());
          ctx.put("recentConsultations", recent.getJsonArray("consultations").stream().map(JsonObject.class::cast)
              .filter(item -> CONSULTATION_KINDS.contains(item.getString("kind")))
              .map(item -> item.copy().put("kindKey", "registry.recent.consultation." + item.getString("kind")).getMap())
              .toList());
          ctx.put("org", DirectoryEntry.withFocusNames(profile.json(viewer)));
          String legalStatus = profile.organisation().profile().legalStatus();
          if (legalStatus != null) {
            ctx.put("legalKey", "registry.legal." + legalStatus);
          }
          ctx.put("isMember", mine != null && mine.isApproved());
          ctx.put("isPending", mine != null && Membership.PENDING.equals(mine.status()));
          ctx.put("isOrgAdmin", profile.viewedByAdmin());
          ctx.put("mayJoin", viewer != null && (mine == null || Membership.REJECTED.equals(mine.status())));
          boolean forumAdmin = viewer != null && viewer.has(Role.ADMIN);
          ctx.put("forumAdmin", forumAdmin);
          ctx.put("mayEdit", forumAdmin || profile.viewedByAdmin());
          ctx.put("state", profile.organisation().state());
          ctx.put("listed", profile.organisation().listed());
          String done = ctx.queryParams().get("done");
          if (done != null && DONE.contains(done)) {
            ctx.put("doneKey", "registry.done." + done);
          }
          views.render(ctx, VIEW, status);
        })
        .onFailure(ctx::fail);
  }
}
