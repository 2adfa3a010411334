package vn.ngoforum.registry.organisations;

import io.vertx.core.Future;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;

/**
 * The two questions every room of the registry asks before it acts on an organisation: does it exist (else 404),
 * and is this person one of its admins (else 403). A suspended or removed organisation does not exist for anyone but
 * the forum admins ({@link #seenBy}, {@link #anyStanding}): nobody joins it, and its admins cannot act for it.
 */
public record Organisations(OrganisationRepository organisations, MembershipRepository memberships) {

  /** The organisation at {@code slug}, listed (neither suspended nor removed); 404 otherwise. */
  public Future<Organisation> existing(String slug) {
    return anyStanding(slug).compose(found -> found.listed() ? Future.succeededFuture(found) : notFound(slug));
  }

  /** The organisation at {@code slug} as {@code viewer} may see it: forum admins see it suspended or removed too. */
  public Future<Organisation> seenBy(String slug, CurrentUser viewer) {
    return viewer != null && viewer.has(Role.ADMIN) ? anyStanding(slug) : existing(slug);
  }

  /** The organisation at {@code slug} whatever its standing (forum admins' work); 404 when there is none. */
  public Future<Organisation> anyStanding(String slug) {
    return organisations.find(slug).compose(found -> found != null ? Future.succeededFuture(found) : notFound(slug));
  }

  private static Future<Organisation> notFound(String slug) {
    return Future.failedFuture(ForumException.notFound("There is no organisation " + slug + "."));
  }

  /** The organisation, when {@code actor} is one of its admins; 403 otherwise (404 when there is none). */
  public Future<Organisation> administeredBy(String slug, CurrentUser actor) {
    return existing(slug).compose(organisation -> memberships.find(slug, actor.id())
        .compose(mine -> Membership.isApprovedAdmin(mine) ? Future.succeededFuture(organisation)
            : Future.failedFuture(notAnAdmin())));
  }

  /** 403: only the organisation's admins may do this. */
  public static ForumException notAnAdmin() {
    return ForumException.forbidden("Only this organisation's admins can do this.");
  }
}
