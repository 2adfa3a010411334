package vn.ngoforum.registry.memberships;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.realtime.AccessChanges;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.realtime.LiveEvent;
import vn.ngoforum.registry.organisations.Membership;
import vn.ngoforum.registry.organisations.MembershipRepository;
import vn.ngoforum.registry.organisations.Organisations;

/**
 * Who belongs to an organisation: asking to join, an admin's decisions, leaving.
 *
 * <p>It owns the rules: only an organisation's admins decide on join requests, and never on their own; an
 * organisation always keeps at least one admin. Every decision goes to the audit log. After a join request its
 * organisation's admins, and after a decision the person concerned, are told on their own {@code user.{id}}
 * address (the page then offers to reload); a person who loses a membership has their live connections checked
 * again, since their member rights may have come from it.
 */
public final class MembershipService {

  /** What an organisation admin may do with a membership. */
  public static final Set<String> ACTIONS = Set.of("approve", "reject", "remove", "promote", "demote");

  private final Vertx vertx;
  private final Organisations checks;
  private final MembershipRepository memberships;
  private final AuditLog audit;

  public MembershipService(Vertx vertx, Organisations checks, MembershipRepository memberships, AuditLog audit) {
    this.vertx = vertx;
    this.checks = checks;
    this.memberships = memberships;
    this.audit = audit;
  }

  /** Asks to join; the organisation's admins decide. Fails 409 for someone who is a member already. */
  Future<String> requestToJoin(String slug, CurrentUser user) {
    return checks.existing(slug)
        .compose(organisation -> memberships.request(slug, user.id(), user.name(), user.username(), Instant.now())
            .recover(failure -> Future.failedFuture(Mongo.isDuplicateKey(failure)
                ? ForumException.conflict("You are already a member of this organisation.") : failure))
            .compose(v -> audit.record(user, "membership.request", "membership", Membership.id(slug, user.id()),
                null, new JsonObject().put("org", slug)))
            .compose(v -> memberships.members(slug, Membership.APPROVED))
            .map(members -> {
              JsonObject notice = new JsonObject().put("type", "org.join_request").put("org", slug)
                  .put("orgName", organisation.profile().name()).put("userId", user.id())
                  .put("name", Membership.withoutEmail(user.name()));
              members.stream().filter(member -> member.isApprovedAdmin())
                  .forEach(admin -> LiveEvent.publish(vertx, Addresses.user(admin.userId()), notice));
              return Membership.PENDING;
            }));
  }

  /**
   * An organisation admin's decision on one person's membership: {@code approve} or {@code reject} a pending
   * request, {@code remove} a member, {@code promote} a member to admin or {@code demote} an admin. Answers the
   * membership's new {@code {status, role}}.
   */
  Future<JsonObject> decide(String slug, CurrentUser actor, String userId, String action, String reason) {
    return checks.administeredBy(slug, actor)
        .compose(organisation -> {
          if (actor.id().equals(userId) && (action.equals("approve") || action.equals("reject")
              || action.equals("promote"))) {
            return Future.failedFuture(ForumException.forbidden("You cannot decide on your own request."));
          }
          return apply(slug, userId, action);
        })
        .compose(outcome -> audit.record(actor, "membership." + action, "membership", Membership.id(slug, userId),
                reason, new JsonObject().put("org", slug).put("userId", userId))
            .map(v -> {
              LiveEvent.publish(vertx, Addresses.user(userId), outcome.copy().put("type", "org.membership")
                  .put("org", slug).put("action", action));
              if ("remove".equals(action)) {
                // Their member rights may have come from this organisation: their live connections are checked.
                AccessChanges.user(vertx, userId);
              }
              return outcome;
            }));
  }

  private Future<JsonObject> apply(String slug, String userId, String action) {
    Instant now = Instant.now();
    return switch (action) {
      case "approve" -> memberships.transition(slug, userId, Membership.PENDING, null, Membership.APPROVED,
              Membership.MEMBER, now)
          .compose(done -> outcome(done, "There is no pending request from this person.", Membership.APPROVED,
              Membership.MEMBER));
      case "reject" -> memberships.transition(slug, userId, Membership.PENDING, null, Membership.REJECTED, null, now)
          .compose(done -> outcome(done, "There is no pending request from this person.", Membership.REJECTED,
              Membership.MEMBER));
      case "promote" -> memberships.transition(slug, userId, Membership.APPROVED, Membership.MEMBER, null,
              Membership.ADMIN, now)
          .compose(done -> outcome(done, "This person is not a member (or is an admin already).",
              Membership.APPROVED, Membership.ADMIN));
      case "demote" -> keepingAnAdmin(slug, userId, () -> memberships.transition(slug, userId, Membership.APPROVED,
              Membership.ADMIN, null, Membership.MEMBER, now))
          .compose(done -> outcome(done, "This person is not an admin of the organisation.", Membership.APPROVED,
              Membership.MEMBER));
      case "remove" -> keepingAnAdmin(slug, userId, () -> memberships.deleteApproved(slug, userId))
          .compose(done -> outcome(done, "This person is not a member of the organisation.", "removed", null));
      default -> Future.failedFuture(unknownAction());
    };
  }

  /** Leaves an organisation; the last admin cannot leave (409): they make someone else admin first. */
  Future<Void> leave(String slug, CurrentUser user) {
    return checks.existing(slug)
        .compose(organisation -> keepingAnAdmin(slug, user.id(), () -> memberships.deleteApproved(slug, user.id())))
        .compose(done -> done ? Future.<Void>succeededFuture()
            : Future.failedFuture(ForumException.notFound("You are not a member of this organisation.")))
        .compose(v -> audit.record(user, "membership.leave", "membership", Membership.id(slug, user.id()), null,
            new JsonObject().put("org", slug)))
        .onSuccess(v -> AccessChanges.user(vertx, user.id()));
  }

  /**
   * Applies {@code change} (removing or demoting {@code userId}) unless it would leave the organisation without an
   * admin, in which case it fails 409. Without transactions two admins could demote each other at the same
   * moment, so the count is checked again afterwards and the change undone if nobody is left.
   */
  private Future<Boolean> keepingAnAdmin(String slug, String userId, Supplier<Future<Boolean>> change) {
    return memberships.find(slug, userId).compose(before -> {
      if (!Membership.isApprovedAdmin(before)) {
        return change.get();
      }
      return memberships.countAdmins(slug)
          .compose(admins -> admins > 1 ? change.get() : Future.failedFuture(lastAdmin()))
          .compose(done -> !done ? Future.succeededFuture(false) : memberships.countAdmins(slug)
              .compose(left -> left > 0 ? Future.succeededFuture(true)
                  : memberships.restore(before).compose(v -> Future.failedFuture(lastAdmin()))));
    });
  }

  /** 400: the action is not one of {@link #ACTIONS}. */
  static ForumException unknownAction() {
    return ForumException.invalid("action", "'action' must be one of "
        + String.join(", ", ACTIONS.stream().sorted().toList()) + ".");
  }

  private static ForumException lastAdmin() {
    return ForumException.conflict("An organisation keeps at least one admin: make someone else admin first.");
  }

  private static Future<JsonObject> outcome(boolean done, String otherwise, String status, String role) {
    if (!done) {
      return Future.failedFuture(ForumException.notFound(otherwise));
    }
    JsonObject result = new JsonObject().put("status", status);
    if (role != null) {
      result.put("role", role);
    }
    return Future.succeededFuture(result);
  }
}
