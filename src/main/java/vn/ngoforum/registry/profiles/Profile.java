package vn.ngoforum.registry.profiles;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.db.Dates;
import vn.ngoforum.registry.directory.DirectoryEntry;
import vn.ngoforum.registry.organisations.Membership;
import vn.ngoforum.registry.organisations.Organisation;
import vn.ngoforum.registry.organisations.Organisation.Achievement;

/**
 * One organisation as one viewer may see it: the organisation, its approved members, the viewer's own request or
 * membership ({@code null} for none, or a visitor) and, for its admins only, the pending requests (else empty).
 */
public record Profile(Organisation organisation, List<Membership> members, Membership mine,
    List<Membership> pending) {

  public Profile {
    members = List.copyOf(members);
    pending = List.copyOf(pending);
  }

  /** Whether the viewer is one of the organisation's admins. */
  public boolean viewedByAdmin() {
    return Membership.isApprovedAdmin(mine);
  }

  /**
   * The profile as the API shows it to {@code viewer} ({@code null}: a visitor): the directory's entry with the
   * description, achievements (newest first) and members (names and roles only; their ids for the organisation's
   * admins). Signed-in people also see the contact e-mail and their own membership; the organisation's admins and
   * the forum admins see a pending request for verification; the organisation's admins see the pending requests.
   */
  public JsonObject json(CurrentUser viewer) {
    boolean orgAdmin = viewedByAdmin();
    JsonObject view = DirectoryEntry.of(organisation)
        .put("description", organisation.profile().description())
        .put("achievements", new JsonArray(organisation.achievements().stream()
            .sorted(Comparator.comparing((Achievement a) -> -a.year()))
            .map(Profile::achievement).toList()))
        .put("foundedYear", organisation.profile().foundedYear())
        .put("legalStatus", organisation.profile().legalStatus())
        .put("members", new JsonArray(members.stream().map(m -> member(m, orgAdmin)).toList()));
    if (organisation.verified() && organisation.verification() != null) {
      view.put("verifiedAt", date(organisation.verification().at()));
    }
    Organisation.VerificationRequest request = organisation.verificationRequest();
    if (request != null && (orgAdmin || (viewer != null && viewer.has(Role.ADMIN)))) {
      // Who asked and why is for the organisation's admins and the forum admins who decide.
      view.put("verificationRequest", new JsonObject().put("at", date(request.at()))
          .put("name", request.name()).put("note", request.note()));
    }
    Organisation.Standing standing = organisation.standing();
    if (standing != null && viewer != null && viewer.has(Role.ADMIN)) {
      // Only forum admins see an organisation that is not listed, and why; everyone else finds nothing there.
      view.put("standing", new JsonObject().put("state", standing.state()).put("at", date(standing.at()))
          .put("reason", standing.reason()));
    }
    if (viewer != null) {
      // The organisation's contact address is for signed-in people only (no harvesting by crawlers).
      view.put("contactEmail", organisation.profile().contactEmail());
      view.put("myMembership", mine == null ? null : new JsonObject()
          .put("status", mine.status()).put("role", mine.role()));
    }
    if (orgAdmin) {
      view.put("pending", new JsonArray(pending.stream()
          .map(m -> member(m, true).put("requestedAt", date(m.requestedAt()))).toList()));
    }
    return view;
  }

  private static JsonObject achievement(Achievement achievement) {
    return new JsonObject().put("id", achievement.id()).put("title", achievement.title())
        .put("year", achievement.year()).put("description", achievement.description())
        .put("link", achievement.link());
  }

  /** A member as others see them: name and role; admins also get the id they act on. Never an e-mail. */
  private static JsonObject member(Membership membership, boolean withId) {
    JsonObject view = new JsonObject().put("name", Membership.withoutEmail(membership.name()))
        .put("role", membership.role());
    if (withId) {
      view.put("userId", membership.userId()).put("username", Membership.withoutEmail(membership.username()));
    }
    return view;
  }

  /** The API has always shown the profile's times as MongoDB dates: {@code {"$date": ISO-8601}}. */
  private static JsonObject date(java.time.Instant at) {
    return at == null ? null : Dates.of(at);
  }
}
