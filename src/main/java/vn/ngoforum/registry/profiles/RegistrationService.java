package vn.ngoforum.registry.profiles;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.registry.organisations.Membership;
import vn.ngoforum.registry.organisations.MembershipRepository;
import vn.ngoforum.registry.organisations.Organisation;
import vn.ngoforum.registry.organisations.OrganisationRepository;
import vn.ngoforum.registry.directory.OrganisationFindables;
import vn.ngoforum.search.Changes;
import vn.ngoforum.text.VietnameseText;

/**
 * Registering an organisation: it gets a short readable address (its slug), its creator becomes its admin, and it
 * starts unverified. The same name or acronym (folded: with or without diacritics) cannot be registered twice.
 */
public record RegistrationService(OrganisationRepository organisations, MembershipRepository memberships,
    AuditLog audit, Changes changes) {

  /** Paths next to {@code /orgs/{slug}} and {@code /api/v1/orgs/{slug}}: no organisation may hide them. */
  private static final Set<String> RESERVED_SLUGS = Set.of("new", "export", "reference", "stats");
  /** How many numbered slugs ({@code svw-2}, {@code svw-3}, ...) a registration tries before giving up. */
  private static final int SLUG_ATTEMPTS = 5;

  /** Registers an organisation; its creator becomes its admin. Fails 409 when the name or acronym is taken. */
  Future<String> register(CurrentUser creator, OrganisationInput input) {
    Instant now = Instant.now();
    return insertWithFreeSlug(Organisation.registered(slugOf(input), input.profile(), now, creator.id()), 0)
        .compose(slug -> changes.record(OrganisationFindables.KIND, slug).map(slug))
        .compose(slug -> memberships.insert(new Membership(slug, creator.id(), creator.name(), creator.username(),
                Membership.APPROVED, Membership.ADMIN, now, now))
            .compose(v -> audit.record(creator, "org.register", "organisation", slug, null,
                new JsonObject().put("name", input.name())))
            .map(slug));
  }

  /**
   * Inserts the organisation; a duplicate key is a 409 when another organisation has the name or acronym, and
   * otherwise only a slug that happens to be taken, so it tries the next one.
   */
  private Future<String> insertWithFreeSlug(Organisation organisation, int attempt) {
    return organisations.insert(organisation)
        .map(v -> organisation.slug())
        .recover(failure -> {
          if (!Mongo.isDuplicateKey(failure)) {
            return Future.failedFuture(failure);
          }
          return organisations.nameOrAcronymTaken(organisation).compose(taken -> {
            if (taken || attempt >= SLUG_ATTEMPTS) {
              return Future.failedFuture(nameTaken());
            }
            String base = attempt == 0 ? organisation.slug() : organisation.slug().replaceAll("-\\d+$", "");
            return insertWithFreeSlug(organisation.at(base + "-" + (attempt + 2)), attempt + 1);
          });
        });
  }

  /** 409 about the name: another organisation has it (or the acronym). Forms show it at the name. */
  static ForumException nameTaken() {
    return ForumException.conflict("An organisation with this name or acronym is already registered.")
        .about("name").withMessageKey("registry.error.taken");
  }

  /**
   * The address an organisation gets: its acronym, else its English name, else its Vietnamese name, folded to
   * plain ASCII words joined by hyphens ({@code ĐVHD} → {@code dvhd}), at most 60 characters.
   */
  public static String slugOf(OrganisationInput input) {
    String source = input.acronym() != null ? input.acronym()
        : !input.name().getString("en").isBlank() ? input.name().getString("en") : input.name().getString("vi");
    // Folding keeps letters of other scripts; a slug is plain ASCII so that every link and route takes it.
    String slug = VietnameseText.fold(source).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > 60) {
      slug = slug.substring(0, 60).replaceAll("-+$", "");
    }
    if (slug.isEmpty()) {
      return "org";
    }
    // An organisation called "NEW" must not hide /orgs/new.
    return RESERVED_SLUGS.contains(slug) ? slug + "-org" : slug;
  }
}
