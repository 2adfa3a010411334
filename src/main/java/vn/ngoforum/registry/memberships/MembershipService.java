package vn.ngoforum.registry.memberships;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.notify.Notice;
import vn.ngoforum.notify.Notify;
import vn.ngoforum.realtime.AccessChanges;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.realtime.LiveEvent;
import vn.ngoforum.registry.organisations.Membership;
import vn.ngoforum.registry.organisations.MembershipRepository;
import vn.ngoforum.registry.organisations.Organisation;
import vn.ngoforum.registry.organisations.Organisations;

/**
 * Who belongs to an organisation: asking to join, an admin's decisions, leaving.
 *
 * <p>It owns the rules: only an organisation's admins decide on join requests, and never on their own; an
 * organisation always keeps at least one admin. Every decision goes to the audit log. A join request is stored in
 * the notifications of the organisation's admins and a decision on it in the applicant's ({@link Notify}); both are
 * also pushed on the person's own {@code user.{id}} address (the organisation's page then offers to reload); a
 * person who loses a membership has their live connections checked again, since their member rights may have come
 * from it.
 */
public record MembershipService(Vertx vertx, Organisations checks, MembershipRepository memberships, AuditLog audit,
    Notify notices) {

  /** What an organisation admin may do with a membership. */
  public static final Set<String> ACTIONS = Set.of("approve", "reject", "remove", "promote", "demote");

  /**
   * Asks to join; the organisation's admins decide. Fails 409 for someone who is a member already. A new request
   * (not one asked again while pending) is stored in every admin's notifications ({@code org.join_request}, leading
   * to the request on the organisation's page) and pushed live to the organisation's page.
   */
  Future<String> requestToJoin(String slug, CurrentUser user) {
    return checks.existing(slug)
        .compose(organisation -> memberships.find(slug, user.id())
            .compose(before -> request(organisation, user)
                .compose(v -> memberships.members(slug, Membership.APPROVED))
                .compose(members -> tellAdmins(organisation, user, members,
                    before != null && Membership.PENDING.equals(before.status())))))
        .map(Membership.PENDING);
  }

  private Future<Void> request(Organisation organisation, CurrentUser user) {
    String slug = organisation.slug();
    return memberships.request(slug, user.id(), user.name(), user.username(), Instant.now())
        .recover(failure -> Future.failedFuture(Mongo.isDuplicateKey(failure)
            ? ForumException.conflict("You are already a member of this organisation.") : failure))
        .compose(v -> audit.record(user, "membership.request", "membership", Membership.id(slug, user.id()), null,
            new JsonObject().put("org", slug)))
        .mapEmpty();
  }

  /**
   * Pushes the request to the admins' open pages of the organisation and, unless it was pending already (asked
   * again), stores it in each admin's notifications, leading to the request on the organisation's page.
   */
  private Future<Void> tellAdmins(Organisation organisation, CurrentUser user, List<Membership> members,
      boolean askedBefore) {
    String slug = organisation.slug();
    String name = Membership.withoutEmail(user.name());
    List<String> admins = members.stream().filter(member -> member.isApprovedAdmin()).map(Membership::userId)
        .toList();
    JsonObject live = new JsonObject().put("type", "org.join_request").put("org", slug)
        .put("orgName", organisation.profile().name()).put("userId", user.id()).put("name", name);
    admins.forEach(admin -> LiveEvent.publish(vertx, Addresses.user(admin), live));
    if (askedBefore) {
      return Future.succeededFuture();
    }
    return notices.tell(admins, new Notice("org.join_request", "/orgs/" + slug + "#request-" + user.id(), user.id(),
        name, new JsonObject().put("org", slug).put("orgName", organisation.profile().name())
            .put("applicant", new JsonObject().put("id", user.id()).put("name", name))));
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
          return apply(slug, userId, action)
              .compose(outcome -> told(organisation, actor, userId, action, reason).map(outcome));
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

  /**
   * The applicant is told of the decision on their request ({@code org.join_decision}: approved or rejected, with
   * the admin's reason if given), in their notifications.
   */
  private Future<Void> told(Organisation organisation, CurrentUser actor, String userId, String action,
      String reason) {
    if (!action.equals("approve") && !action.equals("reject")) {
      return Future.succeededFuture();
    }
    JsonObject about = new JsonObject().put("org", organisation.slug())
        .put("orgName", organisation.profile().name())
        .put("decision", action.equals("approve") ? Membership.APPROVED : Membership.REJECTED);
    if (reason != null) {
      about.put("note", reason);
    }
    return notices.tell(List.of(userId), new Notice("org.join_decision", "/orgs/" + organisation.slug(), actor.id(),
        Membership.withoutEmail(actor.name()), about));
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
   * The person closed their account: each of their approved memberships ends and each of their pending requests is
   * withdrawn (it names them to the organisation's admins), each in the audit log ({@code membership.end}, by the
   * person, with the status it had). A last admin's membership too: the person is gone; the forum's admins can help
   * the organisation name another. Run again, it finds nothing more to end.
   */
  public Future<Void> endAll(String userId, CurrentUser person) {
    return Future.all(Stream.of(Membership.APPROVED, Membership.PENDING).map(status -> memberships
            .ofPerson(userId, status)
            .compose(found -> Future.all(found.stream().map(membership -> end(membership, status, person)).toList())))
            .toList())
        .onSuccess(v -> AccessChanges.user(vertx, userId))
        .mapEmpty();
  }

  private Future<Void> end(Membership membership, String status, CurrentUser person) {
    return memberships.delete(membership.org(), membership.userId(), status)
        .compose(removed -> !removed ? Future.<Void>succeededFuture()
            : audit.record(person, "membership.end", "membership", Membership.id(membership.org(),
                membership.userId()), "account closed", new JsonObject().put("org", membership.org())
                .put("status", status)));
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
