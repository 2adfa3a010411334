package vn.ngoforum.web;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import vn.ngoforum.auth.AuthRoutes;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Oidc;
import vn.ngoforum.auth.Role;
import vn.ngoforum.auth.SessionEvents;
import vn.ngoforum.auth.UserLoader;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.forum.ForumRoutes;
import vn.ngoforum.forum.ForumService;
import vn.ngoforum.forum.OrganisationThreads;
import vn.ngoforum.home.HomeRoutes;
import vn.ngoforum.qa.OrganisationQuestions;
import vn.ngoforum.qa.QaRoutes;
import vn.ngoforum.qa.QaService;
import vn.ngoforum.realtime.AccessChanges;
import vn.ngoforum.realtime.EventBusBridge;
import vn.ngoforum.registry.OrganisationActivity;
import vn.ngoforum.registry.RegistryRoutes;
import vn.ngoforum.registry.RegistryService;

/**
 * The forum's HTTP server: one router with the cross-cutting steps in order, then each feature's routes.
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
  /** The shell's own views; each feature's routes compile theirs when they are built. */
  private static final List<String> VIEWS = List.of("home/index", "auth/logout", "errors/error");

  private final AppConfig config;
  private final Oidc oidc;

  public HttpVerticle(AppConfig config, Oidc oidc) {
    this.config = config;
    this.oidc = oidc;
  }

  @Override
  public Future<?> start() {
    MongoClient mongo = Mongo.client(vertx, config);
    I18n i18n = new I18n();
    Views views = new Views(i18n);
    views.precompile(VIEWS);
    boolean https = config.secureCookies();
    Language language = new Language(https);

    Router router = Router.router(vertx);
    router.route().handler(new SecurityHeaders(origin(config.issuer()), https));
    router.get("/health").handler(new Health(mongo, oidc));
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
    SessionStore sessionStore = vertx.isClustered() ? ClusteredSessionStore.create(vertx)
        : LocalSessionStore.create(vertx);
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
    router.route().handler(new UserLoader(oidc, sessionEvents));
    router.route().handler(HttpVerticle::exposeUser);
    // Bodies from anonymous senders only where anyone may write: signing out, Keycloak's back-channel, the bridge.
    router.route().handler(BeforeBody.signedIn(Set.of("/logout", AuthRoutes.BACKCHANNEL_LOGOUT_PATH, "/eventbus/")));
    RegistryService registry = new RegistryService(vertx, mongo);
    Memberships memberships = registry;
    // Files only from people who may post: the attachments API and the page forms that carry files.
    router.post().handler(ForumRoutes.mayUpload(memberships));
    router.route().handler(BeforeBody::release);
    // Files from forms land here for the length of a request (deleted at its end), one folder for all features.
    String uploadDir = config.dataDir().resolve("uploads").toString();
    // An organisation's logo from its plain form: a body handler of its own (1 MB).
    router.post(RegistryRoutes.LOGO_FORM_PATH).handler(RegistryRoutes.logoFormBody(uploadDir));
    // Attachments are the one body allowed past 1 MB (10 MB, one file); the general handler then steps aside.
    router.post(ForumRoutes.UPLOAD_PATH).handler(BodyHandler.create(false)
        .setBodyLimit(ForumRoutes.UPLOAD_BODY_LIMIT));
    // The new-thread and reply page forms may carry files (multipart, up to 5 × 10 MB; uploads go to disk).
    BodyHandler formUploads = BodyHandler.create(uploadDir)
        .setBodyLimit(ForumRoutes.FORM_UPLOAD_BODY_LIMIT).setDeleteUploadedFilesOnEnd(true);
    router.post().handler(ctx -> {
      if (ForumRoutes.isUploadForm(ctx)) {
        formUploads.handle(ctx);
      } else {
        ctx.next();
      }
    });
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
    router.route().handler(new Csrf(https, Set.of(AuthRoutes.BACKCHANNEL_LOGOUT_PATH, "/eventbus/")));

    router.get("/lang/:code").handler(language::choose);
    router.get("/api/v1/openapi.yaml").handler(HttpVerticle::openApi);
    EventBusBridge bridge = new EventBusBridge(vertx, config.publicUrl());
    // What an organisation has said, for its profile page: the forum and Q&A provide it, the registry shows it.
    OrganisationThreads organisationThreads = OrganisationThreads.of(mongo);
    OrganisationQuestions organisationQuestions = OrganisationQuestions.from(mongo);
    new AuthRoutes(config, oidc, mongo, sessionStore, views, memberships, sessionEvents).mount(router);
    ForumService forum = new ForumService(mongo);
    QaService qa = new QaService(vertx, mongo, memberships);
    new HomeRoutes(forum, qa, views).mount(router);
    ForumRoutes forumRoutes = new ForumRoutes(vertx, mongo, forum, views, memberships, config.smtp(),
        config.publicUrl(), config.uploadBytesPerDay());
    forumRoutes.mount(router, bridge);
    new RegistryRoutes(registry, views, new RateLimiter(mongo), new Idempotency(mongo),
        new OrganisationActivity(organisationThreads, organisationQuestions)).mount(router);
    new QaRoutes(qa, mongo, views, config.publicUrl(), forumRoutes.threads()).mount(router, bridge);
    // Mounted last: features have told the bridge who may follow their addresses.
    bridge.mount(router);

    FailureHandler failures = new FailureHandler(views, i18n);
    router.route().failureHandler(failures);
    // Requests that no route matches (404) or that use the wrong method (405) get the same answers.
    router.errorHandler(404, failures);
    router.errorHandler(405, failures);

    // No h2c: browsers speak HTTP/2 only over TLS (at the proxy), and the JDK's HttpClient, which asks to upgrade
    // on every http:// request, loses frames that follow the 101 closely (CleartextHttpTest).
    return vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true)
            .setHttp2ClearTextEnabled(false)
            .setIdleTimeout(IDLE_CONNECTION_SECONDS).setIdleTimeoutUnit(TimeUnit.SECONDS))
        .requestHandler(router)
        .listen(config.httpPort());
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
