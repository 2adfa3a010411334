package vn.ngoforum.registry.profiles;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.registry.directory.OrganisationFindables;
import vn.ngoforum.registry.organisations.Membership;
import vn.ngoforum.registry.organisations.MembershipRepository;
import vn.ngoforum.registry.organisations.OrganisationRepository;
import vn.ngoforum.registry.organisations.Organisations;
import vn.ngoforum.search.Changes;

/**
 * An organisation's profile: reading it as a given person may see it, and its admins' changes (the profile's
 * fields, the achievements). Every change goes to the audit log.
 */
public record ProfileService(Organisations checks, OrganisationRepository organisations,
    MembershipRepository memberships, AuditLog audit, Changes changes) {

  /** The most achievements a profile lists. */
  static final int MAX_ACHIEVEMENTS = 50;

  /** The organisation at {@code slug} as {@code viewer} ({@code null}: a visitor) may see it; 404 when none. */
  public Future<Profile> profile(String slug, CurrentUser viewer) {
    return checks.seenBy(slug, viewer).compose(organisation -> Future.all(
            memberships.members(slug, Membership.APPROVED),
            viewer == null ? Future.succeededFuture(null) : memberships.find(slug, viewer.id()))
        .compose(all -> {
          List<Membership> members = all.resultAt(0);
          Membership mine = all.resultAt(1);
          if (!Membership.isApprovedAdmin(mine)) {
            return Future.succeededFuture(new Profile(organisation, members, mine, List.of()));
          }
          return memberships.members(slug, Membership.PENDING)
              .map(pending -> new Profile(organisation, members, mine, pending));
        }));
  }

  /**
   * Replaces the profile's editable fields; the slug stays. 409 on a taken name. The organisation's admins edit
   * it; a forum admin edits any organisation (suspended or removed too) with a reason for the audit log
   * ({@code org.admin_edit}; 400 naming {@code reason} without one); anyone else gets 403.
   */
  Future<Void> edit(String slug, CurrentUser actor, OrganisationInput input) {
    return editor(slug, actor, input.reason())
        .compose(action -> organisations.replaceProfile(slug, input.profile(), Instant.now())
            .recover(failure -> Future.failedFuture(Mongo.isDuplicateKey(failure)
                ? RegistrationService.nameTaken() : failure))
            .compose(v -> changes.record(OrganisationFindables.KIND, slug))
            .compose(v -> audit.record(actor, action, "organisation", slug, input.reason(),
                new JsonObject().put("name", input.name()))));
  }

  /** The audit action of {@code actor}'s edit: as one of its admins, or as a forum admin with a reason. */
  private Future<String> editor(String slug, CurrentUser actor, String reason) {
    return checks.administeredBy(slug, actor).map("org.edit").recover(failure -> {
      if (!actor.has(Role.ADMIN)) {
        return Future.failedFuture(failure);
      }
      if (reason == null) {
        return Future.failedFuture(ForumException.invalid("reason",
            "'reason' is required when a forum admin edits an organisation (it goes to the audit log)."));
      }
      return checks.anyStanding(slug).map("org.admin_edit");
    });
  }

  /** Adds an achievement to the profile (organisation admins only); at most {@value #MAX_ACHIEVEMENTS}. */
  Future<String> addAchievement(String slug, CurrentUser actor, AchievementInput input) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    return checks.administeredBy(slug, actor)
        .compose(organisation -> organisation.achievements().size() >= MAX_ACHIEVEMENTS
            ? Future.failedFuture(ForumException.conflict("An organisation lists at most " + MAX_ACHIEVEMENTS
                + " achievements: remove one first.").about("achievements")
                .withMessageKey("registry.profile.error.achievements"))
            : organisations.addAchievement(slug, input.achievement(id)))
        .compose(v -> audit.record(actor, "org.achievement.add", "organisation", slug, null,
            new JsonObject().put("achievement", id)))
        .map(id);
  }

  /** Removes an achievement (organisation admins only); 404 when the profile has no such achievement. */
  Future<Void> removeAchievement(String slug, CurrentUser actor, String achievementId) {
    return checks.administeredBy(slug, actor)
        .compose(organisation -> organisation.achievements().stream()
            .anyMatch(achievement -> achievementId.equals(achievement.id()))
            ? organisations.removeAchievement(slug, achievementId)
            : Future.failedFuture(ForumException.notFound("There is no such achievement.")))
        .compose(v -> audit.record(actor, "org.achievement.remove", "organisation", slug, null,
            new JsonObject().put("achievement", achievementId)));
  }
}
