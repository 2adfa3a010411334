package vn.ngoforum.registry.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.realtime.AccessChanges;
import vn.ngoforum.registry.directory.OrganisationFindables;
import vn.ngoforum.registry.organisations.Membership;
import vn.ngoforum.registry.organisations.MembershipRepository;
import vn.ngoforum.registry.organisations.Organisation.Standing;
import vn.ngoforum.registry.organisations.OrganisationRepository;
import vn.ngoforum.registry.organisations.Organisations;
import vn.ngoforum.search.Changes;

/**
 * A forum admin suspends an organisation (spam, a dispute), reinstates it, or removes it for good, always with a
 * reason. A suspended or removed organisation leaves the directory (its query keeps only listed ones) and the search
 * index (the change is logged, so every node's index drops it), and its memberships give nobody rights (the registry
 * stops answering them): the live connections of its members are checked again at once. The organisation's
 * document stays, marked, for the audit log and for the forum admins, who still see its page.
 */
public record StandingService(Vertx vertx, Organisations checks, OrganisationRepository organisations,
    MembershipRepository memberships, AuditLog audit, Changes changes) {

  /** The longest reason a forum admin may give. */
  public static final int REASON_MAX = 500;

  /** What a forum admin does to an organisation's standing: where it goes, from where, and its audit action. */
  public enum Move {
    SUSPEND(Standing.SUSPENDED, Set.of(Standing.ACTIVE)),
    REINSTATE(Standing.ACTIVE, Set.of(Standing.SUSPENDED)),
    REMOVE(Standing.REMOVED, Set.of(Standing.ACTIVE, Standing.SUSPENDED));

    private final String to;
    private final Set<String> from;

    Move(String to, Set<String> from) {
      this.to = to;
      this.from = from;
    }

    /** The state the organisation is in afterwards. */
    public String to() {
      return to;
    }

    /** The audit log's action: {@code org.suspend}, {@code org.reinstate}, {@code org.remove}. */
    String action() {
      return "org." + name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Moves the organisation's standing. 403 for anyone but a forum admin, 400 (naming {@code reason}) without a
   * reason, 404 when there is no such organisation, 409 when it is not in a state the move starts from (suspending
   * a suspended one, reinstating a removed one).
   */
  public Future<Void> move(String slug, CurrentUser admin, Move move, String reason) {
    if (!admin.has(Role.ADMIN)) {
      return Future.failedFuture(ForumException.forbidden("Only forum admins suspend or remove organisations."));
    }
    if (reason == null || reason.isBlank()) {
      return Future.failedFuture(ForumException.invalid("reason", "'reason' is required (it goes to the audit log)."));
    }
    return checks.anyStanding(slug).compose(organisation -> {
      if (!move.from.contains(organisation.state())) {
        return Future.failedFuture(ForumException.conflict("This organisation is " + organisation.state() + ".")
            .about("reason").withMessageKey("registry.admin.error." + organisation.state()));
      }
      return organisations.setStanding(slug, new Standing(move.to, Instant.now(), admin.id(), reason.strip()))
          .compose(v -> changes.record(OrganisationFindables.KIND, slug))
          .compose(v -> audit.record(admin, move.action(), "organisation", slug, reason.strip(),
              new JsonObject().put("from", organisation.state()).put("to", move.to)))
          .compose(v -> memberships.members(slug, Membership.APPROVED))
          .onSuccess(members -> members.forEach(member -> AccessChanges.user(vertx, member.userId())))
          .mapEmpty();
    });
  }
}
