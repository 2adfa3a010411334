package vn.ngoforum.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
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
 */
public final class TestForum {

  private final String base;
  private final MongoClient mongo;
  private final String database;

  private TestForum(String base, MongoClient mongo, String database) {
    this.base = base;
    this.mongo = mongo;
    this.database = database;
  }

  /** Deploys the forum on {@code database} with the tests' configuration and waits until it serves. */
  public static TestForum deploy(Vertx vertx, String database) {
    TestServers servers = TestServers.get();
    return deploy(vertx, database, servers.forumConfig(database));
  }

  /** Deploys the forum with a configuration of the test's own (it must use {@code database}). */
  public static TestForum deploy(Vertx vertx, String database, AppConfig config) {
    TestServers servers = TestServers.get();
    ForumUnderTest.deploy(vertx, config);
    MongoClient mongo = MongoClient.create(vertx,
        new JsonObject().put("connection_string", servers.mongoUri(database)));
    return new TestForum(servers.forumUrl(), mongo, database);
  }

  /** The forum's base URL, without a trailing slash. */
  public String base() {
    return base;
  }

  /** A client on the forum's database. */
  public MongoClient mongo() {
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

  /** Closes the database client (the forum goes with the test's Vert.x). */
  public void close() {
    ForumUnderTest.await(mongo.close());
  }
}
