package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.LastSignIn;
import vn.ngoforum.auth.AccountClosed;
import vn.ngoforum.auth.PersonalDataPart;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.forum.attachments.AttachmentRepository;
import vn.ngoforum.forum.attachments.AttachmentRoutes;
import vn.ngoforum.forum.attachments.AttachmentService;
import vn.ngoforum.forum.attachments.FormFiles;
import vn.ngoforum.forum.attachments.UnusedUploads;
import vn.ngoforum.forum.categories.CategoryRepository;
import vn.ngoforum.forum.categories.CategoryRoutes;
import vn.ngoforum.forum.categories.CategoryService;
import vn.ngoforum.forum.categories.DemoCategories;
import vn.ngoforum.forum.moderation.FlagRepository;
import vn.ngoforum.forum.moderation.FlagService;
import vn.ngoforum.forum.moderation.ModerationRoutes;
import vn.ngoforum.forum.moderation.ModerationService;
import vn.ngoforum.forum.notifications.DigestJob;
import vn.ngoforum.forum.notifications.Inbox;
import vn.ngoforum.forum.notifications.NotificationRepository;
import vn.ngoforum.forum.notifications.NotificationRoutes;
import vn.ngoforum.forum.notifications.Notifier;
import vn.ngoforum.forum.notifications.Outbox;
import vn.ngoforum.forum.notifications.PeopleLookup;
import vn.ngoforum.forum.notifications.OwnNotices;
import vn.ngoforum.forum.notifications.PeopleRepository;
import vn.ngoforum.forum.notifications.PreferenceRepository;
import vn.ngoforum.forum.notifications.PreferenceRoutes;
import vn.ngoforum.forum.notifications.PreferenceService;
import vn.ngoforum.forum.notifications.StoredNotices;
import vn.ngoforum.forum.notifications.UnsubscribeLinks;
import vn.ngoforum.forum.notifications.WatchRepository;
import vn.ngoforum.forum.people.AccountRoutes;
import vn.ngoforum.forum.people.FormerMembers;
import vn.ngoforum.forum.people.PersonalData;
import vn.ngoforum.forum.people.ProfileRoutes;
import vn.ngoforum.forum.people.Profiles;
import vn.ngoforum.forum.search.SearchRoutes;
import vn.ngoforum.forum.search.SearchService;
import vn.ngoforum.forum.threads.CategoryListing;
import vn.ngoforum.forum.threads.Findables;
import vn.ngoforum.forum.threads.OrganisationPosts;
import vn.ngoforum.forum.threads.FormerAuthors;
import vn.ngoforum.forum.threads.PersonPosts;
import vn.ngoforum.forum.threads.PostEditing;
import vn.ngoforum.forum.threads.PostRepository;
import vn.ngoforum.forum.threads.PostRoutes;
import vn.ngoforum.forum.threads.Posting;
import vn.ngoforum.forum.threads.Reactions;
import vn.ngoforum.forum.threads.ReadRepository;
import vn.ngoforum.forum.threads.ThreadAccess;
import vn.ngoforum.forum.threads.ThreadEvents;
import vn.ngoforum.forum.threads.ThreadPageCache;
import vn.ngoforum.forum.threads.ThreadPageRoutes;
import vn.ngoforum.forum.threads.ThreadReader;
import vn.ngoforum.forum.threads.ThreadRepository;
import vn.ngoforum.forum.threads.ThreadRoutes;
import vn.ngoforum.forum.threads.WatchRoutes;
import vn.ngoforum.forum.threads.Watching;
import vn.ngoforum.notify.Notify;
import vn.ngoforum.realtime.EventBusBridge;
import vn.ngoforum.search.Changes;
import vn.ngoforum.search.FindableSource;
import vn.ngoforum.search.Indexer;
import vn.ngoforum.web.Idempotency;
import vn.ngoforum.web.RateLimiter;
import vn.ngoforum.web.Views;

/**
 * The discussion forum as the composition root sees it, and the one place where its parts are built and wired:
 *
 * <pre>
 *   categories      what categories there are and who may read them; the admins' management
 *   threads         reading and writing threads and posts, editing, reactions, the guest page cache, watching
 *   moderation      hiding posts, locking, pinning and moving threads; flags and their review
 *   notifications   who a post concerns, the inbox, preferences, e-mail copies and the daily digest, the people
 *                   the forum knows
 *   attachments     files on posts: checks, storage, downloads, the sweep of unused uploads
 *   search          threads holding every word of a query
 *   people          profiles: a person's organisations and recent posts, their display name
 *   common          ids, Person, the thread-changed event, request parsing
 * </pre>
 *
 * Built once per HTTP verticle from the client, the configuration and the ports it needs ({@link Memberships}):
 * every repository, service and route is made once here and handed to who needs it. It offers other features its
 * own ports ({@link ForumThreads}, {@link OrganisationThreads}).
 *
 * <p>Once per process, before the HTTP verticles: {@link #createIndexes}, {@link #seedDemoData} (into an empty
 * database) and {@link #startBackgroundWork} (the sweep of uploads no post carries, and the one-off migration of older
 * notifications into the per-person inboxes).
 */
public final class ForumModule {

  private static final Logger LOG = LoggerFactory.getLogger(ForumModule.class);
  /**
   * The paths that take a body from anyone, signed in or not: the unsubscribe links of e-mails (a mail client posts
   * them without cookies; the signed link authorises, see {@link PreferenceRoutes}).
   */
  public static final Set<String> OPEN_TO_ANYONE = Set.of(PreferenceRoutes.UNSUBSCRIBE);

  private final Memberships memberships;
  private final CategoryService categories;
  private final Posting posting;
  private final OrganisationPosts organisationPosts;
  private final CategoryRoutes categoryRoutes;
  private final ThreadRoutes threadRoutes;
  private final ThreadPageRoutes threadPages;
  private final PostRoutes postRoutes;
  private final WatchRoutes watchRoutes;
  private final ModerationRoutes moderationRoutes;
  private final NotificationRoutes notificationRoutes;
  private final PreferenceRoutes preferenceRoutes;
  private final AttachmentRoutes attachmentRoutes;
  private final SearchRoutes searchRoutes;
  private final ProfileRoutes profileRoutes;
  private final PersonalData personalData;
  private final FormerMembers formerMembers;

  public ForumModule(Vertx vertx, MongoClient mongo, AppConfig config, Memberships memberships, Indexer search,
      Views views) {
    this.memberships = memberships;
    CategoryRepository categoryRepository = new CategoryRepository(mongo);
    ThreadRepository threadRepository = new ThreadRepository(mongo);
    PostRepository postRepository = new PostRepository(mongo);
    PeopleRepository people = new PeopleRepository(mongo);
    NotificationRepository notifications = new NotificationRepository(mongo);
    WatchRepository watches = new WatchRepository(mongo);
    AuditLog audit = new AuditLog(mongo);
    RateLimiter limits = new RateLimiter(mongo);
    Idempotency idempotency = new Idempotency(mongo);

    this.categories = new CategoryService(vertx, categoryRepository, audit);
    Outbox outbox = Outbox.create(vertx, mongo, config);
    Notifier notifier = new Notifier(vertx, notifications, people, categoryRepository, new LastSignIn(mongo),
        memberships, outbox, watches);
    AttachmentService attachments = new AttachmentService(new AttachmentRepository(mongo), limits, memberships,
        config.uploadBytesPerDay());
    ThreadAccess access = new ThreadAccess(threadRepository, postRepository, categoryRepository, memberships);
    ThreadEvents events = new ThreadEvents(vertx, threadRepository, postRepository,
        new Changes(vertx, mongo));
    ThreadReader reader = new ThreadReader(access, threadRepository, postRepository, categoryRepository,
        new ReadRepository(vertx, mongo), new CategoryListing(vertx, search, threadRepository));
    this.posting = new Posting(vertx, access, threadRepository, postRepository, categoryRepository, attachments,
        memberships, people, limits, events, notifier);
    ModerationService moderation = new ModerationService(vertx, access, threadRepository, postRepository,
        categoryRepository, audit, events, new StoredNotices(vertx, notifications, outbox));
    this.organisationPosts = new OrganisationPosts(threadRepository, postRepository, categoryRepository);

    this.categoryRoutes = new CategoryRoutes(categories, views);
    ThreadPageCache pageCache = ThreadPageCache.forNode(vertx);
    this.threadRoutes = new ThreadRoutes(reader, posting, access, pageCache, idempotency);
    Watching watching = new Watching(access, threadRepository, categoryRepository, watches, people);
    this.threadPages = new ThreadPageRoutes(reader, posting, access, pageCache, idempotency, watching, views);
    this.watchRoutes = new WatchRoutes(watching, views);
    this.postRoutes = new PostRoutes(new PostEditing(vertx, access, threadRepository, postRepository, limits, events),
        new Reactions(vertx, access, threadRepository, postRepository, limits, events), views);
    this.moderationRoutes = new ModerationRoutes(moderation, new FlagService(access, new FlagRepository(mongo),
        threadRepository, postRepository, limits, moderation, audit), views);
    this.notificationRoutes = new NotificationRoutes(new Inbox(vertx, notifications), new PeopleLookup(people),
        views);
    this.preferenceRoutes = new PreferenceRoutes(new PreferenceService(new PreferenceRepository(mongo),
        new UnsubscribeLinks(config.keycloakClientSecret()), config.smtp().enabled(), config.smtp().digestHour()),
        views);
    this.attachmentRoutes = new AttachmentRoutes(attachments, access::mayDownloadFrom);
    this.searchRoutes = new SearchRoutes(new SearchService(search, threadRepository, categoryRepository,
        memberships), people, views);
    PersonPosts personPosts = new PersonPosts(search, threadRepository, postRepository);
    this.profileRoutes = new ProfileRoutes(new Profiles(people, memberships, categoryRepository, personPosts), views);
    this.formerMembers = new FormerMembers(people, new FormerAuthors(vertx, threadRepository, postRepository),
        notifications);
    this.personalData = new PersonalData(people, memberships, categoryRepository, personPosts, new OwnNotices(mongo),
        List.of());
  }

  public static Future<Void> createIndexes(MongoClient mongo) {
    ThreadRepository threads = new ThreadRepository(mongo);
    // Old words are dropped after the threads' index is made: the embedded store cannot update a collection while
    // an index is being added to it (ConcurrentModificationException in its query loop).
    return Future.all(List.of(new CategoryRepository(mongo).createIndexes(),
        threads.createIndexes().compose(v -> threads.dropThreadWords()), new PostRepository(mongo).createIndexes(),
        new NotificationRepository(mongo).createIndexes(), new PeopleRepository(mongo).createIndexes(),
        new FlagRepository(mongo).createIndexes())).mapEmpty();
  }

  /** What the search index finds in the forum: threads by their titles, posts by their text. */
  public static List<FindableSource> findables(MongoClient mongo) {
    return Findables.sources(new ThreadRepository(mongo), new PostRepository(mongo));
  }

  /** The workshop's categories, into a forum that has none yet. */
  public static Future<Void> seedDemoData(MongoClient mongo) {
    return DemoCategories.seed(new CategoryRepository(mongo));
  }

  /**
   * The node's background work: removing uploads that no post carries; once, for a forum upgraded from before
   * posts had keys, giving them theirs (see {@link PostRepository#migrate}); once, for one from before the
   * per-person inboxes, putting older notifications into them ({@link Inbox#buildInboxes}); once, keying the people
   * by username for mentions ({@link PeopleRepository#migrate}); listing the open flags ({@link
   * FlagRepository#migrate}); once, listing what each person watches for their "my watches" page ({@link
   * WatchRepository#migrateLists}) and spreading each thing's watchers over buckets ({@link
   * WatchRepository#migrateBuckets}); when e-mail is on, the daily digest ({@link DigestJob}: one node of a cluster
   * sends it).
   */
  public static void startBackgroundWork(Vertx vertx, MongoClient mongo, AppConfig config) {
    new UnusedUploads(new AttachmentRepository(mongo)).removeOldPeriodically(vertx);
    new PostRepository(mongo).migrate()
        .onFailure(failure -> LOG.error("Could not give the posts their keys (retried at the next start-up)",
            failure));
    Inbox.buildInboxes(new NotificationRepository(mongo));
    new PeopleRepository(mongo).migrate()
        .onFailure(failure -> LOG.error("Could not key the people by username (retried at the next start-up)",
            failure));
    new FlagRepository(mongo).migrate()
        .onFailure(failure -> LOG.error("Could not list the open flags (retried at the next start-up)", failure));
    WatchRepository watches = new WatchRepository(mongo);
    watches.migrateLists()
        .onFailure(failure -> LOG.error("Could not list what people watch (retried at the next start-up)", failure));
    watches.migrateBuckets()
        .onFailure(failure -> LOG.error("Could not put the watchers into buckets (retried at the next start-up)",
            failure));
    DigestJob.start(vertx, mongo, config);
  }

  /** Before any body is read: files only from people who may post (the attachments API, the forms with files). */
  public void mountUploadChecks(Router router) {
    router.post().handler(AttachmentRoutes.mayUpload(memberships, ThreadPageRoutes::takesFiles));
  }

  /**
   * The body handlers of the routes that take files, mounted before the router's shared one (which then steps
   * aside): the attachments API (one file of 10 MB) and the new-thread and reply forms (multipart, up to 5 × 10 MB,
   * to files in {@code uploadDir} deleted when the request ends).
   */
  public void mountBodyHandlers(Router router, String uploadDir) {
    router.post(AttachmentRoutes.UPLOAD_PATH).handler(BodyHandler.create(false)
        .setBodyLimit(AttachmentRoutes.UPLOAD_BODY_LIMIT));
    BodyHandler formUploads = BodyHandler.create(uploadDir)
        .setBodyLimit(FormFiles.BODY_LIMIT).setDeleteUploadedFilesOnEnd(true);
    router.post().handler(ctx -> {
      if (ThreadPageRoutes.takesFiles(ctx)) {
        formUploads.handle(ctx);
      } else {
        ctx.next();
      }
    });
  }

  /**
   * The forum's pages and API, and who may follow a thread live. {@code personalParts}: what the other features hold
   * of a person, for the data download the forum serves.
   */
  public void mount(Router router, EventBusBridge bridge, List<PersonalDataPart> personalParts) {
    categoryRoutes.mount(router);
    threadRoutes.mount(router, bridge);
    searchRoutes.mount(router);
    postRoutes.mount(router);
    moderationRoutes.mount(router);
    threadPages.mount(router);
    watchRoutes.mount(router);
    notificationRoutes.mount(router);
    preferenceRoutes.mount(router);
    attachmentRoutes.mount(router);
    profileRoutes.mount(router);
    new AccountRoutes(personalData.with(personalParts)).mount(router);
  }

  /**
   * How other features tell people what concerns them ({@link Notify}): into the forum's notifications (inbox,
   * header count, live push, e-mail). Needs none of the forum's ports, so it can be built before the features that
   * use it (the registry, which the forum itself asks about memberships).
   */
  public static Notify notify(Vertx vertx, MongoClient mongo, AppConfig config) {
    return new StoredNotices(vertx, new NotificationRepository(mongo), Outbox.create(vertx, mongo, config));
  }

  /** What other features may do in the forum (Q&amp;A carries questions into threads; the home page lists categories). */
  public ForumThreads threads() {
    return new ForumThreads() {
      @Override
      public Future<List<JsonObject>> categories() {
        return categories.categories();
      }

      @Override
      public Future<JsonObject> start(CurrentUser author, String categorySlug, String title, String body) {
        return posting.startThread(author, categorySlug, title, Posting.Draft.of(body), false);
      }
    };
  }

  /** What the forum does when a person closes their account: a former member's profile, their posts kept. */
  public AccountClosed accountClosed() {
    return formerMembers;
  }

  /** What organisations said in the forum, for their profiles. */
  public OrganisationThreads organisationThreads() {
    return organisationPosts::recentFor;
  }
}
