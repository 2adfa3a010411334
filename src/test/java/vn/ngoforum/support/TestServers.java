package vn.ngoforum.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.db.EmbeddedMongo;
import vn.ngoforum.dev.LocalKeycloak;

/**
 * The real servers the tests run against, started once per test JVM on free ports and stopped with it: the
 * MongoDB-wire store and Keycloak from the distribution the build unpacked, with the project's own realm file.
 *
 * <p>The realm is the project's {@code keycloak-realm.json} with three test-only additions: the redirect URIs of
 * the forum test port and of the {@link #CLUSTER_NODES} cluster test ports (the realm lists exact URIs), a client {@code forum-tests} that may use the password grant and
 * whose tokens name the forum in {@code aud} (like any API client), a client {@code forum-tests-short} whose
 * tokens live two seconds (for expiry), and a client {@code other-app} whose tokens are not for the forum.
 */
public final class TestServers {

  public static final String REALM = "ngo-forum";
  public static final String TEST_CLIENT = "forum-tests";
  public static final String SHORT_LIVED_CLIENT = "forum-tests-short";
  public static final String OTHER_CLIENT = "other-app";
  /**
   * A copy of the forum's own client whose access tokens live {@link #BRIEF_ACCESS_SECONDS} and whose sessions end
   * after {@link #BRIEF_SESSION_SECONDS}, for a forum that must refresh tokens and see sessions end. It accepts any
   * localhost redirect, so each test may run its forum on a port of its own.
   */
  public static final String BRIEF_CLIENT = "forum-brief";
  public static final int BRIEF_ACCESS_SECONDS = 3;
  public static final int BRIEF_SESSION_SECONDS = 24;
  public static final String TEST_CLIENT_SECRET = "forum-tests-secret";
  public static final String PASSWORD = "forum-demo";
  /**
   * A user only for wrong-password tests: the realm's brute-force protection may lock an account after failures,
   * which must not lock the demo accounts other tests sign in with.
   */
  public static final String LOCKOUT_USER = "lockout-target";
  /**
   * Test-only members for the browser journeys (role {@code member}, password {@link #PASSWORD}), so that a journey
   * with several people has one account per person: username → first name, last name.
   */
  public static final Map<String, String[]> JOURNEY_MEMBERS = Map.of(
      "journey-author", new String[] {"Thảo", "Vũ"},
      "journey-replier", new String[] {"Quang", "Đỗ"},
      "journey-org-admin", new String[] {"Hạnh", "Bùi"},
      "journey-joiner", new String[] {"Khoa", "Đặng"});

  /** How many forum nodes the cluster tests start, each on a port of its own that the realm knows. */
  public static final int CLUSTER_NODES = 2;

  private static TestServers instance;

  private final EmbeddedMongo mongo;
  private final LocalKeycloak keycloak;
  private final int forumPort;
  private final List<Integer> clusterNodePorts;

  private TestServers(EmbeddedMongo mongo, LocalKeycloak keycloak, int forumPort, List<Integer> clusterNodePorts) {
    this.mongo = mongo;
    this.keycloak = keycloak;
    this.forumPort = forumPort;
    this.clusterNodePorts = clusterNodePorts;
  }

  /** The servers of this test run, started on first use. */
  public static synchronized TestServers get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  /** A configuration for a forum on the test port, using the test MongoDB database {@code database}. */
  public AppConfig forumConfig(String database) {
    return config(Map.of(
        AppConfig.FORUM_HTTP_PORT, String.valueOf(forumPort),
        AppConfig.MONGO_URI, mongo.uri(database),
        AppConfig.KEYCLOAK_URL, keycloak.url()));
  }

  /**
   * A configuration from explicit settings, with tests' defaults (two HTTP instances, short timeouts, the management
   * listener on any free port, so that test forums never take 9464 from a forum running on this machine).
   */
  public static AppConfig config(Map<String, String> settings) {
    Map<String, String> env = new java.util.HashMap<>(Map.of(
        AppConfig.FORUM_HTTP_INSTANCES, "2",
        AppConfig.FORUM_MONGO_TIMEOUT_MS, "1500",
        AppConfig.FORUM_DATA_DIR, "target/test-data",
        AppConfig.FORUM_MANAGEMENT_PORT, "0"));
    env.putAll(settings);
    return AppConfig.from(env, new Properties());
  }

  /** An access token of Keycloak's bootstrap admin (master realm), for the admin REST API. */
  public String adminToken() {
    Browser.Page answer = new Browser().postForm(keycloak.url() + "/realms/master/protocol/openid-connect/token",
        Map.of("grant_type", "password", "client_id", "admin-cli", "username", "keycloak-admin",
            "password", PASSWORD));
    if (answer.status() != 200) {
      throw new IllegalStateException("No admin token: " + answer.status() + " " + answer.body());
    }
    return new JsonObject(answer.body()).getString("access_token");
  }

  /** An access token for the forum for {@code username} (password grant of the test client). */
  public String accessToken(String username) {
    Browser.Page answer = new Browser().postForm(keycloak.url() + "/realms/" + REALM + "/protocol/openid-connect/token",
        Map.of("grant_type", "password", "client_id", TEST_CLIENT, "client_secret", TEST_CLIENT_SECRET,
            "username", username, "password", PASSWORD, "scope", "openid"));
    if (answer.status() != 200) {
      throw new IllegalStateException("No token for " + username + ": " + answer.status() + " " + answer.body());
    }
    return new JsonObject(answer.body()).getString("access_token");
  }

  public String keycloakUrl() {
    return keycloak.url();
  }

  public String mongoUri(String database) {
    return mongo.uri(database);
  }

  /**
   * A client on a new, empty database of the test store, named {@code prefix} and a unique suffix: for a test of a
   * repository on its own (close it when done).
   */
  public io.vertx.ext.mongo.MongoClient newDatabase(io.vertx.core.Vertx vertx, String prefix) {
    return io.vertx.ext.mongo.MongoClient.create(vertx, new JsonObject().put("connection_string",
        mongoUri(prefix + System.nanoTime())));
  }

  public int forumPort() {
    return forumPort;
  }

  public String forumUrl() {
    return "http://localhost:" + forumPort;
  }

  /** The HTTP port of cluster test node {@code index} (0 to {@link #CLUSTER_NODES} - 1). */
  public int clusterNodePort(int index) {
    return clusterNodePorts.get(index);
  }

  /** A TCP port that nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TestServers start() {
    int forumPort = freePort();
    List<Integer> clusterNodePorts = new ArrayList<>();
    while (clusterNodePorts.size() < CLUSTER_NODES) {
      int port = freePort();
      if (port != forumPort && !clusterNodePorts.contains(port)) {
        clusterNodePorts.add(port);
      }
    }
    EmbeddedMongo mongo = EmbeddedMongo.start(null, 0);
    Path state = Path.of("target/test-keycloak").toAbsolutePath();
    deleteRecursively(state);
    Path home = Path.of(System.getProperty("forum.keycloak.home", "target/keycloak/keycloak-26.7.3"));
    LocalKeycloak keycloak;
    try {
      keycloak = LocalKeycloak.start(home, freePort(), testRealm(forumPort, clusterNodePorts), state, Duration.ofMinutes(5));
    } catch (RuntimeException e) {
      mongo.close();
      throw e;
    }
    TestServers servers = new TestServers(mongo, keycloak, forumPort, List.copyOf(clusterNodePorts));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      keycloak.close();
      mongo.close();
    }, "test-servers-stop"));
    return servers;
  }

  private static JsonObject testRealm(int forumPort, List<Integer> clusterNodePorts) {
    JsonObject realm;
    try {
      realm = new JsonObject(Files.readString(Path.of("keycloak-realm.json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String base = "http://localhost:" + forumPort;
    JsonArray clients = realm.getJsonArray("clients");
    JsonObject forum = clients.stream().map(JsonObject.class::cast)
        .filter(client -> "ngo-forum".equals(client.getString("clientId"))).findFirst().orElseThrow();
    JsonObject attributes = forum.getJsonObject("attributes");
    for (int port : concat(forumPort, clusterNodePorts)) {
      String url = "http://localhost:" + port;
      forum.getJsonArray("redirectUris").add(url + "/callback");
      attributes.put("post.logout.redirect.uris", attributes.getString("post.logout.redirect.uris") + "##" + url + "/");
    }
    attributes.put("backchannel.logout.url", base + "/logout/backchannel");
    realm.getJsonArray("users").add(new JsonObject()
        .put("username", LOCKOUT_USER).put("enabled", true).put("emailVerified", true)
        .put("firstName", "Lockout").put("lastName", "Target").put("email", LOCKOUT_USER + "@ngo-forum.example")
        .put("credentials", new JsonArray().add(new JsonObject().put("type", "password").put("value", PASSWORD)
            .put("temporary", false))));
    JOURNEY_MEMBERS.forEach((username, name) -> realm.getJsonArray("users").add(new JsonObject()
        .put("username", username).put("enabled", true).put("emailVerified", true)
        .put("firstName", name[0]).put("lastName", name[1]).put("email", username + "@ngo-forum.example")
        .put("realmRoles", new JsonArray().add("member"))
        .put("credentials", new JsonArray().add(new JsonObject().put("type", "password").put("value", PASSWORD)
            .put("temporary", false)))));
    clients.add(passwordClient(TEST_CLIENT, true, null));
    clients.add(passwordClient(SHORT_LIVED_CLIENT, true, "2"));
    clients.add(passwordClient(OTHER_CLIENT, false, null));
    clients.add(briefClient(forum));
    return realm;
  }

  private static JsonObject briefClient(JsonObject forum) {
    JsonObject brief = forum.copy()
        .put("clientId", BRIEF_CLIENT)
        .put("secret", TEST_CLIENT_SECRET)
        .put("redirectUris", new JsonArray().add("http://localhost*").add("http://127.0.0.1*"));
    brief.getJsonObject("attributes")
        .put("access.token.lifespan", String.valueOf(BRIEF_ACCESS_SECONDS))
        .put("client.session.max.lifespan", String.valueOf(BRIEF_SESSION_SECONDS))
        .put("post.logout.redirect.uris", "+")
        .remove("backchannel.logout.url");
    brief.getJsonArray("protocolMappers").stream().map(JsonObject.class::cast)
        .filter(mapper -> "oidc-audience-mapper".equals(mapper.getString("protocolMapper")))
        .forEach(mapper -> mapper.getJsonObject("config").put("included.client.audience", BRIEF_CLIENT));
    return brief;
  }

  private static List<Integer> concat(int first, List<Integer> rest) {
    List<Integer> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }

  private static JsonObject passwordClient(String clientId, boolean forumAudience, String tokenLifespan) {
    JsonObject client = new JsonObject()
        .put("clientId", clientId)
        .put("enabled", true)
        .put("publicClient", false)
        .put("secret", TEST_CLIENT_SECRET)
        .put("standardFlowEnabled", false)
        .put("directAccessGrantsEnabled", true)
        .put("attributes", tokenLifespan == null ? new JsonObject()
            : new JsonObject().put("access.token.lifespan", tokenLifespan));
    if (forumAudience) {
      client.put("protocolMappers", new JsonArray().add(new JsonObject()
          .put("name", "forum-audience")
          .put("protocol", "openid-connect")
          .put("protocolMapper", "oidc-audience-mapper")
          .put("config", new JsonObject()
              .put("included.client.audience", "ngo-forum")
              .put("access.token.claim", "true")
              .put("id.token.claim", "false"))));
    }
    return client;
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
