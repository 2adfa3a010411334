package vn.ngoforum.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import vn.ngoforum.config.AppConfig;

/**
 * The forum one test class talks to: the real forum deployed on the test port with a MongoDB database of the
 * class's own (so classes never see each other's data), its URL, a client on that database for what a test must
 * arrange or check in the store, and an {@link Api} as a guest.
 *
 * <pre>
 *   private static TestForum forum;
 *   &#64;BeforeAll static void deploy(Vertx vertx) { forum = TestForum.deploy(vertx, "forum-moderation"); }
 *   &#64;AfterAll static void close() { forum.close(); }
 * </pre>
 *
 * A test that needs a forum configured its own way (another Keycloak, a public URL, a store that goes away) deploys
 * one on a port of its own with {@link #onOwnPort}.
 */
public final class TestForum {

  private final Vertx vertx;
  private final String base;
  private final String mongoUri;
  private final String database;
  private MongoClient mongo;

  private TestForum(Vertx vertx, String base, String mongoUri, String database) {
    this.vertx = vertx;
    this.base = base;
    this.mongoUri = mongoUri;
    this.database = database;
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

  /** Closes the database client, if one was made (the forum goes with the test's Vert.x). */
  public synchronized void close() {
    if (mongo != null) {
      ForumUnderTest.await(mongo.close());
      mongo = null;
    }
  }
}
