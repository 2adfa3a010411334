package vn.ngoforum.registry.organisations;

import io.vertx.core.Future;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;

/**
 * The two questions every room of the registry asks before it acts on an organisation: does it exist (else 404),
 * and is this person one of its admins (else 403).
 */
public record Organisations(OrganisationRepository organisations, MembershipRepository memberships) {

  /** The organisation at {@code slug}; 404 when there is none. */
  public Future<Organisation> existing(String slug) {
    return organisations.find(slug).compose(found -> found != null ? Future.succeededFuture(found)
        : Future.failedFuture(ForumException.notFound("There is no organisation " + slug + ".")));
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
