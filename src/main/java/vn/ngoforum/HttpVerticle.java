package vn.ngoforum;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.ClusteredSessionStore;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.ext.web.sstore.SessionStore;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.audit.AuditRoutes;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.ClosedAccounts;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Oidc;
import vn.ngoforum.search.Indexer;
import vn.ngoforum.auth.Role;
import vn.ngoforum.auth.SessionEvents;
import vn.ngoforum.auth.Sessions;
import vn.ngoforum.auth.UserLoader;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.consultations.ConsultationsModule;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.forum.ForumModule;
import vn.ngoforum.home.HomeModule;
import vn.ngoforum.qa.QaModule;
import vn.ngoforum.realtime.AccessChanges;
import vn.ngoforum.realtime.EventBusBridge;
import vn.ngoforum.registry.RegistryModule;
import vn.ngoforum.signin.SignInModule;
import vn.ngoforum.web.BeforeBody;
import vn.ngoforum.web.Csrf;
import vn.ngoforum.web.FailureHandler;
import vn.ngoforum.web.Health;
import vn.ngoforum.web.I18n;
import vn.ngoforum.web.Language;
import vn.ngoforum.web.RequestIds;
import vn.ngoforum.web.SecurityHeaders;
import vn.ngoforum.web.Views;

/**
 * The composition root of the forum's HTTP server: it builds each feature's module once for its event loop, wires
 * them together through their ports, and mounts one router: the cross-cutting steps in order (security headers,
 * session, who is asking, what may send a body, bodies, CSRF), then each feature's routes, then the live bridge and
 * the one failure handler. {@code web} holds the plumbing; features never build each other.
 *
 * <p>Deployed once per event loop ({@code FORUM_HTTP_INSTANCES}); all instances share the port, the session
 * store and the MongoDB client.
 */
public final class HttpVerticle extends VerticleBase {

  /** Largest request body accepted (JSON and forms); attachments get their own limit. */
  static final long BODY_LIMIT_BYTES = 1024 * 1024;
  /**
   * A session unused this long is dropped. Signed-in sessions end earlier anyway (they follow Keycloak's session and
   * live 10 hours at most: see auth's SessionUser), so this only sweeps what nobody came back for.
   */
  private static final long SESSION_IDLE_MILLIS = TimeUnit.HOURS.toMillis(10);
  /**
   * A connection that neither sends nor takes a byte for this long is dropped. Live pages ping every few seconds
   * and SockJS polls get a heartbeat every 25 s, so this only ends dead connections, chiefly a browser that stopped
   * reading: its bridge socket was closed for lagging ({@code OutboundLimit}), but the close frame waits behind
   * what it never read.
   */
  private static final int IDLE_CONNECTION_SECONDS = 90;
  /** Where the live connection (the SockJS bridge) lives: it takes frames from anyone, and checks them itself. */
  private static final String BRIDGE = "/eventbus/";
  /** The shell's own views; each feature's routes compile theirs when they are built. */
  private static final List<String> VIEWS = List.of("home/index", "auth/logout", "errors/error");

  private final AppConfig config;
  private final Oidc oidc;
  private final Indexer search;
  private Router router;

  public HttpVerticle(AppConfig config, Oidc oidc, Indexer search) {
    this.config = config;
    this.oidc = oidc;
    this.search = search;
  }

  @Override
  public Future<?> start() {
    MongoClient mongo = Mongo.client(vertx, config);
    I18n i18n = new I18n();
    Views views = new Views(i18n);
    views.precompile(VIEWS);
    boolean https = config.secureCookies();
    Language language = new Language(https);
    String uploadDir = config.dataDir().resolve("uploads").toString();
    SessionStore sessionStore = vertx.isClustered() ? ClusteredSessionStore.create(vertx)
        : LocalSessionStore.create(vertx);
    // What was authorised for a session follows it: its live connections close when it ends, and reconnect (with
    // the person's new rights) when their roles change.
    SessionEvents sessionEvents = new SessionEvents() {
      @Override
      public void ended(String sessionId) {
        AccessChanges.signedOut(vertx, sessionId);
      }

      @Override
      public void rolesChanged(String sessionId) {
        AccessChanges.reconnect(vertx, sessionId);
      }
    };

    // The features, each built once for this event loop from the ports it needs.
    EventBusBridge bridge = new EventBusBridge(vertx, config.publicUrl());
    RegistryModule registry = new RegistryModule(vertx, mongo, views, ForumModule.notify(vertx, mongo, config));
    Memberships memberships = registry.memberships();
    ForumModule forum = new ForumModule(vertx, mongo, config, memberships, search, views);
    QaModule qa = new QaModule(vertx, mongo, config, memberships, forum.threads(), views,
        registry::organisationExists, registry::organisationCards);
    ConsultationsModule consultations = new ConsultationsModule(vertx, mongo, memberships,
        registry::organisationCards, views);
    SignInModule signIn = new SignInModule(vertx, config, oidc, mongo, sessionStore, views, memberships, sessionEvents,
        List.of(registry.accountClosed(), forum.accountClosed(), qa.accountClosed(), consultations.accountClosed()));
    HomeModule home = new HomeModule(forum.threads(), qa.latestEvents(), consultations.openConsultations(), views);

    router = Router.router(vertx);
    router.route().handler(new RequestIds());
    router.route().handler(new SecurityHeaders(origin(config.issuer()), https));
    router.get("/health").handler(new Health(() -> Mongo.ping(mongo), () -> oidc.provider().isPresent(),
        () -> search.state() == Indexer.State.READY));
    router.route("/static/*").handler(StaticHandler.create("webroot")
        .setCachingEnabled(true)
        .setMaxAgeSeconds(TimeUnit.HOURS.toSeconds(1))
        .setDefaultContentEncoding("UTF-8"));
    // Browser libraries from WebJars on the class path, e.g. /static/vendor/sockjs-client/1.6.1/dist/sockjs.min.js
    router.route("/static/vendor/*").handler(StaticHandler.create("META-INF/resources/webjars")
        .setCachingEnabled(true)
        .setMaxAgeSeconds(TimeUnit.DAYS.toSeconds(30)));
    // Clustered, sessions live in the cluster's shared data, so a browser signed in on one node is signed in on
    // every node (and keeps its session when a node dies). Sessions hold strings only, which the cluster copies.
    router.route().handler(SessionHandler.create(sessionStore)
        .setSessionCookieName(Sessions.COOKIE)
        .setCookieHttpOnlyFlag(true)
        .setCookieSecureFlag(https)
        .setCookieSameSite(CookieSameSite.LAX)
        .setSessionTimeout(SESSION_IDLE_MILLIS)
        .setLazySession(true));
    // Only sign-in makes a session: an unknown cookie's stand-in session is never stored.
    router.route().handler(Sessions::guard);
    // Who is asking is known from the headers before any body is read; a request its sender may not make is
    // answered from its headers, and its body is neither read into memory nor written to disk (see BeforeBody).
    router.route().handler(BeforeBody::hold);
    router.route().handler(language::detect);
    router.route().handler(new UserLoader(oidc, sessionEvents));
    router.route().handler(HttpVerticle::exposeUser);
    // Bodies from anonymous senders only where anyone may write: signing out, Keycloak's back-channel, the bridge,
    // the unsubscribe links of e-mails.
    Set<String> openToAnyone = new HashSet<>(SignInModule.OPEN_TO_ANYONE);
    openToAnyone.add(BRIDGE);
    openToAnyone.addAll(ForumModule.OPEN_TO_ANYONE);
    // Q&A's guests (people without an account, where a session allows them) write too.
    router.route().handler(BeforeBody.refuseBodies(ctx -> CurrentUser.of(ctx).isPresent() || qa.guestMayWrite(ctx),
        Access.signedIn(), openToAnyone));
    forum.mountUploadChecks(router);
    router.route().handler(BeforeBody::release);
    // Bodies: the routes that take files first (each with its own limit), then the shared handler (1 MB, no files).
    registry.mountBodyHandlers(router, uploadDir);
    forum.mountBodyHandlers(router, uploadDir);
    consultations.mountBodyHandlers(router, uploadDir);
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
    router.route().handler(new Csrf(https, Set.of(SignInModule.BACKCHANNEL_LOGOUT_PATH, BRIDGE), Sessions::existing));

    router.get("/lang/:code").handler(language::choose);
    router.get("/api/v1/openapi.yaml").handler(HttpVerticle::openApi);
    signIn.mount(router);
    home.mount(router);
    forum.mount(router, bridge, List.of(qa.personalData(), consultations.personalData()));
    registry.mount(router, forum.organisationThreads(), qa.organisationQuestions(),
        consultations.organisationConsultations());
    new AuditRoutes(new AuditLog(mongo), views).mount(router);
    qa.mount(router, bridge);
    consultations.mount(router, bridge);
    // Mounted last: features have told the bridge who may follow their addresses.
    bridge.mount(router);

    FailureHandler failures = new FailureHandler(views, i18n);
    router.route().failureHandler(failures);
    // Requests that no route matches (404) or that use the wrong method (405) get the same answers.
    router.errorHandler(404, failures);
    router.errorHandler(405, failures);

    // No h2c: browsers speak HTTP/2 only over TLS (at the proxy), and the JDK's HttpClient, which asks to upgrade
    // on every http:// request, loses frames that follow the 101 closely (CleartextHttpTest).
    // Every node keeps the closed accounts (their sessions and tokens are refused); one verticle per node finishes
    // the closings a stopped node left unfinished.
    if (vertx.sharedData().getLocalMap(HttpVerticle.class.getName()).putIfAbsent("closings", true) == null) {
      signIn.resumeClosings();
    }
    return ClosedAccounts.load(vertx, mongo).compose(v -> vertx.createHttpServer(new HttpServerOptions()
            .setCompressionSupported(true)
            .setHttp2ClearTextEnabled(false)
            .setIdleTimeout(IDLE_CONNECTION_SECONDS).setIdleTimeoutUnit(TimeUnit.SECONDS))
        .requestHandler(router)
        .listen(config.httpPort()));
  }

  /** The router this instance serves, once started: OpenApiTest compares its API routes with openapi.yaml. */
  Router router() {
    return router;
  }

  /** Puts the signed-in person into the view model for the page header. */
  private static void exposeUser(RoutingContext ctx) {
    CurrentUser.of(ctx).ifPresent(user -> ctx.put("me", Map.of(
        "id", user.id(),
        "name", user.name(),
        "username", user.username(),
        "admin", user.has(Role.ADMIN),
        "moderator", user.has(Role.MODERATOR),
        "member", user.has(Role.MEMBER))));
    ctx.next();
  }

  private static void openApi(RoutingContext ctx) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8")
        .sendFile("openapi.yaml")
        .onFailure(ctx::fail);
  }

  private static String origin(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getAuthority();
  }
}
