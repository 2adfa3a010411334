package vn.ngoforum.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.AccountClosed;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.consultations.OrganisationConsultations;
import vn.ngoforum.forum.OrganisationThreads;
import vn.ngoforum.notify.Notify;
import vn.ngoforum.qa.OrganisationQuestions;
import vn.ngoforum.registry.admin.StandingRoutes;
import vn.ngoforum.registry.admin.StandingService;
import vn.ngoforum.registry.directory.DirectoryRoutes;
import vn.ngoforum.registry.directory.DirectoryService;
import vn.ngoforum.registry.directory.OrganisationFindables;
import vn.ngoforum.registry.directory.ReferenceData;
import vn.ngoforum.registry.imports.ImportRoutes;
import vn.ngoforum.registry.imports.ImportService;
import vn.ngoforum.registry.memberships.MembershipRoutes;
import vn.ngoforum.registry.memberships.MembershipService;
import vn.ngoforum.registry.memberships.RegistryMemberships;
import vn.ngoforum.registry.memberships.VerificationRoutes;
import vn.ngoforum.registry.memberships.VerificationService;
import vn.ngoforum.registry.organisations.MembershipRepository;
import vn.ngoforum.registry.organisations.Organisation;
import vn.ngoforum.registry.organisations.OrganisationRepository;
import vn.ngoforum.registry.organisations.Organisations;
import vn.ngoforum.registry.profiles.DemoOrganisations;
import vn.ngoforum.registry.profiles.LogoRepository;
import vn.ngoforum.registry.profiles.LogoRoutes;
import vn.ngoforum.registry.profiles.LogoService;
import vn.ngoforum.registry.profiles.OrganisationActivity;
import vn.ngoforum.registry.profiles.ProfilePage;
import vn.ngoforum.registry.profiles.ProfileRoutes;
import vn.ngoforum.registry.profiles.ProfileService;
import vn.ngoforum.registry.profiles.RegistrationRoutes;
import vn.ngoforum.registry.profiles.RegistrationService;
import vn.ngoforum.search.Changes;
import vn.ngoforum.search.FindableSource;
import vn.ngoforum.web.Idempotency;
import vn.ngoforum.web.RateLimiter;
import vn.ngoforum.web.Views;

/**
 * The NGO registry as the composition root sees it: organisations, their members, verification and the directory.
 * It is the forum's {@link Memberships}: who belongs where decides member rights everywhere. Its profile pages show
 * what an organisation said, through the forum's and Q&amp;A's ports, and tells people of join requests and
 * decisions through {@link Notify}.
 *
 * <p>Its rooms, each a package:
 * <pre>
 *   organisations   the records (Organisation, Membership), their repositories, "exists?" and "an admin?"
 *   directory       finding organisations, the counts, the CSV export, the provinces and focus areas
 *   profiles        registering, the profile (page and API), editing it, achievements, logos, recent activity
 *   memberships     joining, deciding, leaving, verification, and this feature's {@link Memberships}
 *   admin           the forum admins' suspensions and removals (with reasons)
 *   imports         the forum admins' imports from spreadsheets (CSV, XLSX): preview, then confirm
 * </pre>
 * Everything is built here once (per HTTP verticle instance), from the repositories up.
 */
public final class RegistryModule {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryModule.class);

  private final Views views;
  private final RateLimiter limits;
  private final Idempotency idempotency;
  private final DirectoryService directory;
  private final RegistrationService registration;
  private final ProfileService profiles;
  private final LogoService logos;
  private final MembershipService membershipDecisions;
  private final VerificationService verification;
  private final RegistryMemberships memberships;
  private final OrganisationRepository organisations;
  private final StandingService standing;
  private final ImportService imports;

  /** {@code notify}: how the registry tells people of join requests and decisions (the forum's notifications). */
  public RegistryModule(Vertx vertx, MongoClient mongo, Views views, Notify notify) {
    OrganisationRepository organisationStore = new OrganisationRepository(mongo);
    MembershipRepository membershipStore = new MembershipRepository(mongo);
    Organisations checks = new Organisations(organisationStore, membershipStore);
    AuditLog audit = new AuditLog(mongo);
    Changes changes = new Changes(vertx, mongo);
    this.views = views;
    this.limits = new RateLimiter(mongo);
    this.idempotency = new Idempotency(mongo);
    this.directory = new DirectoryService(organisationStore);
    this.registration = new RegistrationService(organisationStore, membershipStore, audit, changes);
    this.profiles = new ProfileService(checks, organisationStore, membershipStore, audit, changes);
    this.logos = new LogoService(vertx, checks, organisationStore, new LogoRepository(mongo), audit);
    this.membershipDecisions = new MembershipService(vertx, checks, membershipStore, audit, notify);
    this.verification = new VerificationService(vertx, checks, organisationStore, membershipStore, audit,
        notify, changes);
    this.memberships = new RegistryMemberships(organisationStore, membershipStore);
    this.organisations = organisationStore;
    this.standing = new StandingService(vertx, checks, organisationStore, membershipStore, audit, changes);
    this.imports = new ImportService(vertx, organisationStore, audit, changes);
  }

  public static Future<Void> createIndexes(Vertx vertx, MongoClient mongo) {
    return Future.all(new OrganisationRepository(mongo).createIndexes(),
        new MembershipRepository(mongo).createIndexes()).mapEmpty();
  }

  /**
   * The registry's start-up migration, in the background: lists every membership written before the per-person
   * and per-organisation lists existed ({@link MembershipRepository#buildLists}); a no-op once done. Until it has
   * finished, membership reads fall back to reading the whole collection, so nobody's rights are lost meanwhile.
   */
  public static void startBackgroundWork(Vertx vertx, MongoClient mongo) {
    new MembershipRepository(mongo).buildLists()
        .onSuccess(listed -> {
          if (listed > 0) {
            LOG.info("Listed {} memberships by person and by organisation", listed);
          }
        })
        .onFailure(failure -> LOG.warn("Could not list the memberships by person and organisation (membership reads"
            + " scan until a restart does): {}", failure.toString()));
  }

  /**
   * Who belongs where, for start-up work outside the registry (a migration that lists a person's part under their
   * organisations): built from the repositories, as each HTTP verticle's is.
   */
  public static Memberships memberships(MongoClient mongo) {
    return new RegistryMemberships(new OrganisationRepository(mongo), new MembershipRepository(mongo));
  }

  /** What the search index finds in the registry: the organisations' public profiles. */
  public static FindableSource findables(MongoClient mongo) {
    return OrganisationFindables.source(new OrganisationRepository(mongo));
  }

  public static Future<Void> seedDemoData(Vertx vertx, MongoClient mongo) {
    return DemoOrganisations.seed(new OrganisationRepository(mongo));
  }

  /** Who belongs to which organisation, and the rule of member rights that follows. */
  public Memberships memberships() {
    return memberships;
  }

  /** What the registry does when a person closes their account: their memberships end (audited). */
  public AccountClosed accountClosed() {
    return membershipDecisions::endAll;
  }

  /** Whether an organisation with this slug is registered (workshops name the organisations of their speakers). */
  public Future<Boolean> organisationExists(String slug) {
    return organisations.find(slug).map(found -> found != null);
  }

  /**
   * Organisations as another feature lists them (a consultation's signatories): {@code {slug: {name:{vi,en},
   * province:{vi,en}, verified}}} for those of {@code slugs} that exist, read by slug ({@code _id $in}).
   */
  public Future<Map<String, JsonObject>> organisationCards(List<String> slugs) {
    if (slugs.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return organisations.findAll(slugs).map(found -> {
      Map<String, JsonObject> cards = new LinkedHashMap<>();
      for (Organisation organisation : found) {
        JsonObject card = new JsonObject().put("name", organisation.profile().name())
            .put("verified", organisation.verified());
        String province = organisation.profile().province();
        if (province != null) {
          ReferenceData.get().province(province).ifPresent(known -> card.put("province", known.name()));
        }
        cards.put(organisation.slug(), card);
      }
      return cards;
    });
  }

  /**
   * The body handlers of the logo form and the import's upload, mounted before the router's shared one
   * ({@code uploadDir}: their temp files).
   */
  public void mountBodyHandlers(Router router, String uploadDir) {
    router.post(LogoRoutes.LOGO_FORM_PATH).handler(LogoRoutes.logoFormBody(uploadDir));
    router.post(ImportRoutes.UPLOAD_PATH).handler(ImportRoutes.uploadBody(uploadDir));
  }

  /**
   * The directory, profiles and their forms, and the API. The directory and registration go first: their fixed
   * paths ({@code /api/v1/orgs/stats}, {@code /orgs/new}) sit where an organisation's slug would.
   */
  public void mount(Router router, OrganisationThreads threads, OrganisationQuestions questions,
      OrganisationConsultations consultations) {
    views.precompile(List.of("registry/directory", ProfilePage.VIEW, "registry/new"));
    OrganisationActivity activity = new OrganisationActivity(threads, questions, consultations);
    ProfilePage page = new ProfilePage(profiles, activity, views);
    new DirectoryRoutes(directory, views).mount(router);
    new ImportRoutes(imports, views).mount(router);
    new RegistrationRoutes(registration, profiles, views, limits, idempotency).mount(router);
    new ProfileRoutes(profiles, activity, page).mount(router);
    new LogoRoutes(logos, page).mount(router);
    new MembershipRoutes(membershipDecisions, limits, page).mount(router);
    new VerificationRoutes(verification, page).mount(router);
    new StandingRoutes(standing, page).mount(router);
  }
}
