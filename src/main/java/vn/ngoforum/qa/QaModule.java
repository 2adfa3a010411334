package vn.ngoforum.qa;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.AccountClosed;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.PersonalDataPart;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.forum.ForumThreads;
import vn.ngoforum.qa.events.CalendarRoutes;
import vn.ngoforum.qa.events.DemoWorkshop;
import vn.ngoforum.qa.events.EmbedRepository;
import vn.ngoforum.qa.events.Embedding;
import vn.ngoforum.qa.events.Event;
import vn.ngoforum.qa.events.EventPages;
import vn.ngoforum.qa.events.EventRepository;
import vn.ngoforum.qa.events.EventRoutes;
import vn.ngoforum.qa.events.EventService;
import vn.ngoforum.qa.events.JoinCodeRepository;
import vn.ngoforum.qa.events.JoinCodes;
import vn.ngoforum.qa.events.JoinRoutes;
import vn.ngoforum.qa.events.SessionContents;
import vn.ngoforum.qa.events.SessionRepository;
import vn.ngoforum.qa.events.SessionRoutes;
import vn.ngoforum.qa.events.SessionService;
import vn.ngoforum.qa.events.SpeakerOrganisations;
import vn.ngoforum.qa.handoff.ForumHandOff;
import vn.ngoforum.qa.handoff.HandOffRoutes;
import vn.ngoforum.qa.http.GuestPass;
import vn.ngoforum.qa.http.Pace;
import vn.ngoforum.qa.live.Followers;
import vn.ngoforum.qa.live.ModeratorPresence;
import vn.ngoforum.qa.live.SessionFeed;
import vn.ngoforum.qa.notes.NoteRepository;
import vn.ngoforum.qa.notes.NoteRoutes;
import vn.ngoforum.qa.notes.NoteService;
import vn.ngoforum.qa.polls.PollRepository;
import vn.ngoforum.qa.polls.PollRoutes;
import vn.ngoforum.qa.polls.PollService;
import vn.ngoforum.qa.report.ReportOrganisations;
import vn.ngoforum.qa.report.ReportRoutes;
import vn.ngoforum.qa.report.ReportService;
import vn.ngoforum.qa.questions.AskedQuestions;
import vn.ngoforum.qa.questions.CatchUp;
import vn.ngoforum.qa.questions.FormerAskers;
import vn.ngoforum.qa.questions.ModerationService;
import vn.ngoforum.qa.questions.QuestionAnnouncements;
import vn.ngoforum.qa.questions.QuestionFindables;
import vn.ngoforum.qa.questions.QuestionRepository;
import vn.ngoforum.qa.questions.QuestionRoutes;
import vn.ngoforum.qa.questions.QuestionService;
import vn.ngoforum.qa.questions.RecentOrganisationQuestions;
import vn.ngoforum.qa.questions.SessionExport;
import vn.ngoforum.qa.questions.SessionPages;
import vn.ngoforum.realtime.EventBusBridge;
import vn.ngoforum.search.Changes;
import vn.ngoforum.search.FindableSource;
import vn.ngoforum.web.I18n;
import vn.ngoforum.web.Idempotency;
import vn.ngoforum.web.RateLimiter;
import vn.ngoforum.web.Views;

/**
 * Live workshop Q&amp;A as the composition root sees it, and the one place its parts are built and wired (once per
 * HTTP verticle, from the ports it needs: {@link Memberships}, {@link ForumThreads}). It offers
 * {@link LatestEvents} and {@link OrganisationQuestions} to other features.
 *
 * <p>The rooms, each a subpackage that stands only on the ones above it:
 * <pre>
 *   live       what followers of a session receive (SessionFeed), how many follow, who moderates, vote-count
 *              coalescing
 *   http       what every Q&amp;A route reads: the person, form fields, and how fast they may ask and vote
 *   events     workshops, their sessions and agendas; who may follow a session; its sequence numbers; demo data
 *   polls      live polls: launch, vote once, close
 *   notes      rapporteurs' live notes: note blocks, their authors' edits and history
 *   questions  asking, voting, moderating, catching up after a reconnect, the pages and the export
 *   handoff    a session's open questions carried on as forum threads
 *   report     the workshop report of a session or an event, as Word or PDF, in Vietnamese or English
 * </pre>
 */
public final class QaModule {

  private static final Logger LOG = LoggerFactory.getLogger(QaModule.class);
  /** Where a person without an account or a guest cookie yet joins a session as a guest. */
  private static final Pattern GUEST_JOIN = Pattern.compile("/(api/v1/sessions/[^/]+/guests|qa/[^/]+/guest)");

  private final EventService events;
  private final RecentOrganisationQuestions organisationQuestions;
  private final SessionService sessions;
  private final Followers followers;
  private final ModeratorPresence presence;
  private final EventRoutes eventRoutes;
  private final SessionRoutes sessionRoutes;
  private final QuestionRoutes questionRoutes;
  private final SessionPages pages;
  private final PollRoutes pollRoutes;
  private final HandOffRoutes handOffRoutes;
  private final NoteRoutes noteRoutes;
  private final ReportRoutes reportRoutes;
  private final JoinRoutes joinRoutes;
  private final EventPages eventPages;
  private final CalendarRoutes calendars;
  private final Embedding embedding;
  private final GuestPass guests;
  private final AskedQuestions asked;
  private final FormerAskers formerAskers;

  /**
   * {@code organisations}: whether the registry knows an organisation a speaker is named with; {@code cards}: the
   * registry's organisations by slug, for the workshop report.
   */
  public QaModule(Vertx vertx, MongoClient mongo, AppConfig config, Memberships memberships, ForumThreads forum,
      Views views, SpeakerOrganisations organisations, ReportOrganisations cards) {
    AuditLog audit = new AuditLog(mongo);
    Pace pace = new Pace(new RateLimiter(mongo));
    EventRepository eventStore = new EventRepository(mongo);
    SessionRepository sessionStore = new SessionRepository(mongo);
    QuestionRepository questionStore = new QuestionRepository(mongo);
    SessionFeed feed = new SessionFeed(vertx);
    JoinCodes joinCodes = new JoinCodes(new JoinCodeRepository(mongo), sessionStore);

    PollRepository pollStore = new PollRepository(mongo);
    SessionContents contents = sessionId -> Future.all(questionStore.inSession(sessionId),
            pollStore.changedSince(sessionId, -1))
        .map(found -> found.<List<?>>resultAt(0).isEmpty() && found.<List<?>>resultAt(1).isEmpty());

    this.followers = new Followers(vertx, sessionStore::seq, feed);
    this.presence = new ModeratorPresence(vertx, sessionStore::seq, feed);
    this.events = new EventService(eventStore, sessionStore, audit, joinCodes, organisations, contents);
    QuestionAnnouncements announcements = new QuestionAnnouncements(feed, questionStore,
        new Changes(vertx, mongo));
    this.sessions = new SessionService(sessionStore, eventStore, memberships, audit, feed,
        announcements::sessionEdited, organisations);
    this.organisationQuestions = new RecentOrganisationQuestions(questionStore, sessionStore);
    PollService polls = new PollService(vertx, sessions, pollStore, audit, feed);
    QuestionService questions = new QuestionService(vertx, sessions, questionStore, memberships, announcements);
    ModerationService moderation = new ModerationService(vertx, sessions, questionStore, audit, announcements);
    CatchUp catchUp = new CatchUp(sessions, questionStore, polls);
    this.asked = new AskedQuestions(questionStore);
    this.formerAskers = new FormerAskers(sessions, questionStore, announcements);
    SessionExport export = new SessionExport(sessions, eventStore, questionStore, polls, memberships, audit);

    this.eventRoutes = new EventRoutes(events, views);
    this.eventPages = new EventPages(events, sessions, views);
    this.calendars = new CalendarRoutes(events, sessions, config.publicUrl());
    this.sessionRoutes = new SessionRoutes(sessions, events, followers);
    this.embedding = new Embedding(new EmbedRepository(mongo), sessions, audit);
    this.guests = new GuestPass(config.keycloakClientSecret(), config.publicUrl().startsWith("https:"));
    this.questionRoutes = new QuestionRoutes(questions, moderation, catchUp, export, pace, new Idempotency(mongo),
        guests);
    NoteService notes = new NoteService(vertx, sessions, new NoteRepository(mongo), feed);
    this.noteRoutes = new NoteRoutes(notes);
    this.reportRoutes = new ReportRoutes(new ReportService(vertx, events, sessions, questionStore, polls, notes,
        memberships, cards, new I18n()));
    this.pages = new SessionPages(catchUp, questions, moderation, pace, followers, presence, forum, views,
        config.publicUrl(), joinCodes, guests, embedding, notes);
    this.joinRoutes = new JoinRoutes(joinCodes, sessions, views, config.publicUrl());
    this.pollRoutes = new PollRoutes(polls, pace);
    this.handOffRoutes = new HandOffRoutes(new ForumHandOff(sessions, questionStore, forum, audit));
  }

  /**
   * The indexes of Q&amp;A's collections (at start-up, before any HTTP verticle); then, in the background, the
   * migration that lists what a forum stored before requests read by key ({@link #migrateKeys}), then join codes for
   * the sessions stored without one.
   */
  public static Future<Void> createIndexes(MongoClient mongo) {
    return new EventRepository(mongo).createIndexes()
        .compose(v -> new SessionRepository(mongo).createIndexes())
        .compose(v -> new QuestionRepository(mongo).createIndexes())
        .compose(v -> new PollRepository(mongo).createIndexes())
        .onSuccess(v -> migrateKeys(mongo)
            .compose(done -> joinCodes(mongo).migrate())
            .onSuccess(done -> LOG.info("Q&A lists and keys are complete"))
            .onFailure(failure -> LOG.error("Q&A lists and keys could not be completed", failure)));
  }

  /**
   * Lists events in the catalogue, sessions in their events, questions, voters and polls in their sessions, questions
   * under their askers, and keys votes, for documents stored before the forum read them by key (one scan each, once; a no-op once done).
   */
  public static Future<Void> migrateKeys(MongoClient mongo) {
    return new EventRepository(mongo).migrateKeys()
        .compose(v -> new SessionRepository(mongo).migrateKeys())
        .compose(v -> new QuestionRepository(mongo).migrateKeys())
        .compose(v -> new QuestionRepository(mongo).migrateVoters())
        .compose(v -> new QuestionRepository(mongo).migrateAskers())
        .compose(v -> new PollRepository(mongo).migrateKeys());
  }

  /** What the search index finds in Q&amp;A: the questions attendees see, by their text. */
  public static FindableSource findables(MongoClient mongo) {
    return QuestionFindables.source(new QuestionRepository(mongo), new SessionRepository(mongo));
  }

  /** The 2022 Hanoi workshop and its two sessions (with join codes), into a database with no events yet. */
  public static Future<Void> seedDemoData(MongoClient mongo) {
    return DemoWorkshop.seed(new EventRepository(mongo), new SessionRepository(mongo))
        .compose(v -> joinCodes(mongo).migrate());
  }

  private static JoinCodes joinCodes(MongoClient mongo) {
    return new JoinCodes(new JoinCodeRepository(mongo), new SessionRepository(mongo));
  }

  /** The Q&amp;A pages and API, and who may follow a session (and its moderation queue) live. */
  public void mount(Router router, EventBusBridge bridge) {
    bridge.sessions(sessions::mayFollow).sessionModerators(sessions::mayModerate).onFollowChange(followers::changed)
        .onPresenceChange(presence::changed);
    calendars.mount(router);
    eventPages.mount(router);
    eventRoutes.mount(router);
    sessionRoutes.mount(router);
    questionRoutes.mount(router);
    pollRoutes.mount(router);
    handOffRoutes.mount(router);
    noteRoutes.mount(router);
    reportRoutes.mount(router);
    joinRoutes.mount(router);
    embedding.mount(router);
    pages.mount(router);
  }

  /**
   * Whether a request without a signed-in person may still send a body (read before any route runs): joining a
   * session as a guest, and a guest's requests (its cookie verifies). The routes still decide what a guest may do.
   */
  public boolean guestMayWrite(RoutingContext ctx) {
    return GUEST_JOIN.matcher(ctx.request().path()).matches() || guests.guest(ctx) != null;
  }

  public LatestEvents latestEvents() {
    return limit -> events.latest(limit).map(latest -> latest.stream().map(Event::json).toList());
  }

  /** Q&amp;A's part of a person's data download: the questions they asked, with their text (read by key). */
  public PersonalDataPart personalData() {
    return asked;
  }

  /** What Q&amp;A does when a person closes their account: their questions show a former member, live and on reload. */
  public AccountClosed accountClosed() {
    return formerAskers;
  }

  /** What organisations asked in workshops, for their profiles. */
  public OrganisationQuestions organisationQuestions() {
    return organisationQuestions::recentFor;
  }
}
