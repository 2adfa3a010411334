package vn.ngoforum.consultations;

import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.auth.AccountClosed;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.PersonalDataPart;
import vn.ngoforum.consultations.amendments.AmendmentRepository;
import vn.ngoforum.consultations.amendments.AmendmentRoutes;
import vn.ngoforum.consultations.amendments.AmendmentService;
import vn.ngoforum.consultations.documents.Consultation;
import vn.ngoforum.consultations.documents.ConsultationFeed;
import vn.ngoforum.consultations.documents.ConsultationFindables;
import vn.ngoforum.consultations.documents.ConsultationRepository;
import vn.ngoforum.consultations.documents.ConsultationRoutes;
import vn.ngoforum.consultations.documents.ConsultationService;
import vn.ngoforum.consultations.documents.DraftRoutes;
import vn.ngoforum.consultations.documents.WritingsRepository;
import vn.ngoforum.consultations.export.ExportRoutes;
import vn.ngoforum.consultations.export.ExportService;
import vn.ngoforum.consultations.export.OrganisationCards;
import vn.ngoforum.consultations.people.FormerWriters;
import vn.ngoforum.consultations.people.Writings;
import vn.ngoforum.consultations.recognition.Participation;
import vn.ngoforum.consultations.recognition.ParticipationRepository;
import vn.ngoforum.consultations.statement.StatementRepository;
import vn.ngoforum.consultations.statement.StatementRoutes;
import vn.ngoforum.consultations.statement.StatementService;
import vn.ngoforum.realtime.EventBusBridge;
import vn.ngoforum.search.Changes;
import vn.ngoforum.search.FindableSource;
import vn.ngoforum.web.I18n;
import vn.ngoforum.web.Views;

/**
 * Policy advocacy (issue 17) as the composition root sees it: consultations on draft policy texts, split into
 * their articles and clauses, read and commented clause by clause. Built once per HTTP verticle from the ports it
 * needs: {@link Memberships} (who has member rights) and {@link OrganisationCards} (signatories' provinces).
 *
 * <p>The rooms:
 * <pre>
 *   text       the splitter: a pasted text (or a Word file's) into chapters, sections, articles, clauses and points
 *   documents  consultations stored by key, their rules, the API and the reading pages, clause comments
 *   statement  the joint statement: written by moderators, signed by admins of verified organisations
 *   amendments proposed wording as a word-level diff, supports, endorsements by verified organisations, decisions
 *   export     the submission for the authority (Word, PDF; Vietnamese or English) and the secretariat's CSV
 *   recognition what each organisation took part in, kept per organisation for its profile
 *   people     what one person wrote (their data download), and forgetting their name when they close their account
 * </pre>
 * Everything is read by {@code _id}, so it needs no index of its own.
 */
public final class ConsultationsModule {

  private static final Logger LOG = LoggerFactory.getLogger(ConsultationsModule.class);

  private final ConsultationService service;
  private final Participation participation;
  private final ConsultationRoutes routes;
  private final DraftRoutes drafts;
  private final AmendmentRoutes amendmentRoutes;
  private final StatementRoutes statementRoutes;
  private final ExportRoutes exportRoutes;
  private final Writings writings;
  private final FormerWriters formerWriters;

  public ConsultationsModule(Vertx vertx, MongoClient mongo, Memberships memberships, OrganisationCards cards,
      Views views) {
    Clock clock = Clock.systemUTC();
    ConsultationRepository store = new ConsultationRepository(mongo);
    Participation participation = new Participation(new ParticipationRepository(mongo), memberships);
    this.participation = participation;
    ConsultationService service = new ConsultationService(store, memberships, new ConsultationFeed(vertx, store),
        participation, new Changes(vertx, mongo), clock);
    this.service = service;
    AmendmentRepository amendmentStore = new AmendmentRepository(mongo);
    AmendmentService amendments = new AmendmentService(amendmentStore, service, memberships, participation, clock);
    this.writings = new Writings(new WritingsRepository(mongo), store, amendmentStore);
    this.formerWriters = new FormerWriters(store, amendmentStore);
    this.routes = new ConsultationRoutes(service, memberships, amendments, views);
    I18n i18n = new I18n();
    this.drafts = new DraftRoutes(service, routes, views, i18n);
    this.amendmentRoutes = new AmendmentRoutes(amendments, routes);
    StatementService statements = new StatementService(new StatementRepository(mongo), service, amendments,
        memberships, participation, clock);
    this.statementRoutes = new StatementRoutes(statements, memberships, views, i18n);
    this.exportRoutes = new ExportRoutes(new ExportService(vertx, service, statements, amendments, cards, i18n));
  }

  /** The open consultations a person may read, from the listed ones (read by key): the home page shows them. */
  public OpenConsultations openConsultations() {
    return (user, limit) -> service.list(user).map(all -> all.stream()
        .filter(c -> Consultation.OPEN.equals(c.status())).limit(limit).map(Consultation::json).toList());
  }

  /** Consultations' part of a person's data download: their clause comments and amendments (read by key). */
  public PersonalDataPart personalData() {
    return writings;
  }

  /** What consultations do when a person closes their account: their comments and amendments show a former member. */
  public AccountClosed accountClosed() {
    return formerWriters;
  }

  /** What organisations took part in (one read by key), for their profiles. */
  public OrganisationConsultations organisationConsultations() {
    return participation::recentFor;
  }

  /**
   * The start-up migrations, in the background: fills each organisation's record of what it took part in from the
   * comments, endorsements and signatures stored before it was kept, and each person's list of what they wrote (each a
   * no-op once done). {@code memberships}: whom a comment's author belongs to.
   */
  public static void startBackgroundWork(MongoClient mongo, Memberships memberships) {
    new Participation(new ParticipationRepository(mongo), memberships).migrate()
        .onSuccess(items -> {
          if (items > 0) {
            LOG.info("Recorded {} parts organisations took in consultations", items);
          }
        })
        .onFailure(failure -> LOG.error("Could not record what organisations took part in (retried at the next"
            + " start-up)", failure));
    new WritingsRepository(mongo).migrate(new ConsultationRepository(mongo)::commentAuthors,
            new AmendmentRepository(mongo)::authors)
        .onFailure(failure -> LOG.error("Could not list what people wrote in consultations (retried at the next"
            + " start-up)", failure));
  }

  /** What the search index finds in consultations: their titles and summaries, and each part of their text. */
  public static FindableSource findables(MongoClient mongo) {
    return ConsultationFindables.source(new ConsultationRepository(mongo));
  }

  /** The body handlers of the routes that take a Word file, mounted before the router's shared one. */
  public void mountBodyHandlers(Router router, String uploadDir) {
    DraftRoutes.mountBodyHandlers(router, uploadDir);
  }

  /**
   * Mounts the routes and tells the bridge who may follow {@code consultation.{id}}: whoever may read it. The
   * drafts' routes go first: {@code /consultations/new} sits where a consultation's id would.
   */
  public void mount(Router router, EventBusBridge bridge) {
    bridge.consultations(service::mayFollow);
    drafts.mount(router);
    routes.mount(router);
    amendmentRoutes.mount(router);
    statementRoutes.mount(router);
    exportRoutes.mount(router);
  }
}
