package vn.ngoforum.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import vn.ngoforum.config.AppConfig;

/**
 * The forum one test class talks to: the real forum deployed on the test port with a MongoDB database of the
 * class's own (so classes never see each other's data), its URL, a client on that database for what a test must
 * arrange or check in the store, and an {@link Api} as a guest.
 *
 * <pre>
 *   &#64;RegisterExtension
 *   static final TestForum forum = TestForum.perClass("forum-moderation");
 * </pre>
 *
 * As an extension it deploys the forum before the class's first test on a Vert.x of its own ({@link #vertx()}, the
 * one to publish on when a test plays the server's part), and closes both after the class's last test.
 *
 * A test that needs a forum configured its own way (another Keycloak, a public URL, a store that goes away) deploys
 * one on a port of its own with {@link #onOwnPort}.
 */
public final class TestForum implements BeforeAllCallback, AfterAllCallback {

  private Vertx vertx;
  private String base;
  private String mongoUri;
  private final String database;
  private final Consumer<MongoClient> arrange;
  private MongoClient mongo;

  private TestForum(Vertx vertx, String base, String mongoUri, String database) {
    this.vertx = vertx;
    this.base = base;
    this.mongoUri = mongoUri;
    this.database = database;
    this.arrange = null;
  }

  private TestForum(String database, Consumer<MongoClient> arrange) {
    this.database = database;
    this.arrange = arrange;
  }

  /** The forum for one test class, on {@code database}, deployed before its first test (register it as a field). */
  public static TestForum perClass(String database) {
    return new TestForum(database, null);
  }

  /**
   * The same, after {@code arrange} has put into that database what the forum must find when it starts (its
   * start-up tasks run on it).
   */
  public static TestForum perClass(String database, Consumer<MongoClient> arrange) {
    return new TestForum(database, arrange);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    vertx = Vertx.vertx();
    TestServers servers = TestServers.get();
    AppConfig config = servers.forumConfig(database);
    base = servers.forumUrl();
    mongoUri = config.mongoUri();
    if (arrange != null) {
      arrange.accept(mongo());
    }
    ForumUnderTest.deploy(vertx, config);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
    ForumUnderTest.await(vertx.close());
  }

  /** Deploys the forum on {@code database} with the tests' configuration and waits until it serves. */
  public static TestForum deploy(Vertx vertx, String database) {
    TestServers servers = TestServers.get();
    return deploy(vertx, database, servers.forumConfig(database));
  }

  /**
   * Deploys the forum on {@code database} with the tests' configuration, after {@code arrange} has put into that
   * database what the forum must find when it starts (its start-up tasks run on it).
   */
  public static TestForum deploy(Vertx vertx, String database, Consumer<MongoClient> arrange) {
    TestServers servers = TestServers.get();
    AppConfig config = servers.forumConfig(database);
    TestForum forum = new TestForum(vertx, servers.forumUrl(), config.mongoUri(), database);
    arrange.accept(forum.mongo());
    ForumUnderTest.deploy(vertx, config);
    return forum;
  }

  /**
   * Deploys the forum with a configuration of the test's own (it must use {@code database}); its URL is
   * {@code http://localhost:} and the configuration's port.
   */
  public static TestForum deploy(Vertx vertx, String database, AppConfig config) {
    ForumUnderTest.deploy(vertx, config);
    return new TestForum(vertx, "http://localhost:" + config.httpPort(), config.mongoUri(), database);
  }

  /**
   * Deploys the forum on a port of its own (a free one), on {@code database} and the test Keycloak, with the tests'
   * defaults and {@code settings} over all of them (any {@link AppConfig} key, e.g. {@code KEYCLOAK_URL} of a proxy,
   * {@code MONGO_URI} of a store of the test's own, or {@code FORUM_HTTP_PORT} of a port the realm knows).
   */
  public static TestForum onOwnPort(Vertx vertx, String database, Map<String, String> settings) {
    TestServers servers = TestServers.get();
    Map<String, String> all = new HashMap<>(Map.of(
        AppConfig.FORUM_HTTP_PORT, String.valueOf(TestServers.freePort()),
        AppConfig.MONGO_URI, servers.mongoUri(database),
        AppConfig.KEYCLOAK_URL, servers.keycloakUrl()));
    all.putAll(settings);
    return deploy(vertx, database, TestServers.config(all));
  }

  /** The Vert.x the forum runs on. */
  public Vertx vertx() {
    return vertx;
  }

  /** The forum's base URL, without a trailing slash. */
  public String base() {
    return base;
  }

  /** The forum's HTTP port. */
  public int port() {
    return java.net.URI.create(base).getPort();
  }

  /** A client on the forum's database, made on first use. */
  public synchronized MongoClient mongo() {
    if (mongo == null) {
      mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", mongoUri));
    }
    return mongo;
  }

  public String database() {
    return database;
  }

  /** The JSON API as a guest; {@code api().as(token)} as a person. */
  public Api api() {
    return new Api(base, null);
  }

  /** The JSON API as the person holding {@code token}. */
  public Api as(String token) {
    return new Api(base, token);
  }

  /** A browser signed in to this forum as the demo user {@code username} (through Keycloak's login form). */
  public Browser signedIn(String username) {
    return Browser.signedIn(base, username);
  }

  /** The session cookie of a new sign-in as {@code username}: what a live client presents to the bridge. */
  public String sessionCookie(String username) {
    return signedIn(username).cookie(base, "forum.session").orElseThrow();
  }

  /**
   * Uses up the first-day replies of the person with forum id {@code userId}: the forum's rate limiter finds their
   * allowance taken for the next hour (as if they had just written their hourly replies).
   */
  public void useUpFirstDayReplies(String userId) {
    long now = System.currentTimeMillis();
    long hour = java.time.Duration.ofHours(1).toMillis();
    ForumUnderTest.await(mongo().save("rate_limits", new JsonObject()
        .put("_id", "post:first-day:" + userId).put("tat", (double) (now + hour))
        .put("expiresAt", new JsonObject().put("$date", java.time.Instant.ofEpochMilli(now + 2 * hour).toString()))));
  }

  /**
   * Waits (at most 30 s, polling) until the document {@code id} of {@code collection} is there: a start-up
   * migration's marker, written when its background work is done.
   */
  public void awaitDocument(String collection, String id) {
    if (!Eventually.holds(() -> ForumUnderTest.await(mongo().findOne(collection, new JsonObject().put("_id", id),
        null)) != null, java.time.Duration.ofSeconds(30))) {
      throw new AssertionError(collection + " " + id + " was not written within 30 s");
    }
  }

  /** Closes the database client, if one was made (the forum goes with the test's Vert.x). */
  public synchronized void close() {
    if (mongo != null) {
      ForumUnderTest.await(mongo.close());
      mongo = null;
    }
  }
}
