package vn.ngoforum.registry.memberships;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.notify.Notice;
import vn.ngoforum.notify.Notify;
import vn.ngoforum.realtime.AccessChanges;
import vn.ngoforum.registry.directory.OrganisationFindables;
import vn.ngoforum.registry.organisations.Membership;
import vn.ngoforum.registry.organisations.MembershipRepository;
import vn.ngoforum.registry.organisations.Organisation;
import vn.ngoforum.registry.organisations.Organisation.Verification;
import vn.ngoforum.registry.organisations.Organisation.VerificationRequest;
import vn.ngoforum.registry.organisations.OrganisationRepository;
import vn.ngoforum.registry.organisations.Organisations;
import vn.ngoforum.search.Changes;

/**
 * Verification: what makes an organisation's approved members forum members (see
 * {@link Memberships#hasMemberRights}). Its admins ask for it; only forum admins grant or revoke it. Both go to the
 * audit log; a decision is told to the organisation's admins.
 */
public record VerificationService(Vertx vertx, Organisations checks, OrganisationRepository organisations,
    MembershipRepository memberships, AuditLog audit, Notify notices, Changes changes) {

  /**
   * A forum admin verifies an organisation, or revokes its verification, with an optional note; either answers a
   * pending request for verification. The organisation's admins are told ({@code org.verification_decision}, with
   * the note) in their notifications. When it is revoked, the live connections of its members are checked again.
   */
  Future<Void> verify(String slug, CurrentUser admin, boolean verified, String note) {
    if (!admin.has(Role.ADMIN)) {
      return Future.failedFuture(ForumException.forbidden("Only forum admins verify organisations."));
    }
    return organisations.setVerified(slug, verified, new Verification(Instant.now(), admin.id(), note))
        .compose(found -> found ? Future.<Void>succeededFuture()
            : Future.failedFuture(ForumException.notFound("There is no organisation " + slug + ".")))
        .compose(v -> changes.record(OrganisationFindables.KIND, slug))
        .compose(v -> audit.record(admin, verified ? "org.verify" : "org.unverify", "organisation", slug, note,
            null))
        .compose(v -> Future.all(checks.anyStanding(slug), memberships.members(slug, Membership.APPROVED)))
        .compose(both -> {
          Organisation organisation = both.resultAt(0);
          List<Membership> members = both.resultAt(1);
          if (!verified) {
            members.forEach(member -> AccessChanges.user(vertx, member.userId()));
          }
          JsonObject about = new JsonObject().put("org", slug).put("orgName", organisation.profile().name())
              .put("decision", verified ? "verified" : "unverified");
          if (note != null) {
            about.put("note", note);
          }
          return notices.tell(members.stream().filter(member -> member.isApprovedAdmin()).map(Membership::userId)
              .toList(), new Notice("org.verification_decision", "/orgs/" + slug, admin.id(),
              Membership.withoutEmail(admin.name()), about));
        });
  }

  /**
   * An organisation's admin asks the forum admins to verify it, with an optional note (who they are, where to
   * check). Until then its membership gives nobody forum rights. 409 when it is verified already.
   */
  Future<Void> requestVerification(String slug, CurrentUser actor, String note) {
    return checks.administeredBy(slug, actor).compose(organisation -> {
      if (organisation.verified()) {
        return Future.failedFuture(ForumException.conflict("This organisation is verified already."));
      }
      VerificationRequest request = new VerificationRequest(Instant.now(), actor.id(),
          Membership.withoutEmail(actor.name()), note);
      return organisations.requestVerification(slug, request)
          .compose(v -> audit.record(actor, "org.verification_request", "organisation", slug, note, null));
    });
  }
}
