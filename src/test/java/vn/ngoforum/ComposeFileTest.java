package vn.ngoforum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.yaml.snakeyaml.Yaml;
import vn.ngoforum.config.AppConfig;

/**
 * Guards the production deployment files ({@code docker-compose.yml}, {@code deploy/}, {@code Dockerfile}) against
 * drifting away from the code and from the production realm, and against the unsafe defaults of a development
 * stack.
 *
 * <p>Docker is not available where the tests run, so nothing here starts a container. What can be checked without
 * it is what most often breaks a deployment silently: a configuration key renamed in {@link AppConfig} but not in
 * the compose file (the forum would quietly fall back to its defaults), a realm, client, secret or callback that
 * does not match the imported realm (sign-in fails), an issuer the forum does not expect, a forum that starts
 * before its database, or an image that copies a jar name the build no longer produces; and what makes a stack
 * unsafe to run: demo accounts or data, a secret with a default, a published admin console, no memory limits, logs
 * that grow without end, a database without authentication, a proxy that drops {@code Host}. Values are read the
 * way {@code docker compose} reads them with the operator's variables set ({@link #OPERATOR}):
 * {@code ${VAR:-default}} becomes the variable or its default, {@code ${VAR:?message}} the variable.
 */
class ComposeFileTest {

  private static final Path COMPOSE_FILE = Path.of("docker-compose.yml");
  private static final Path REALM_FILE = Path.of("deploy/keycloak-realm.prod.json");
  private static final Path DEV_REALM_FILE = Path.of("keycloak-realm.json");
  private static final String REALM_IMPORT_PATH = "/opt/keycloak/data/import/ngo-forum-realm.json";
  /** {@code ${VAR}}, {@code ${VAR:-default}} (also {@code -}), {@code ${VAR:?message}} (also {@code ?}). */
  private static final Pattern INTERPOLATION =
      Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");
  /** Keycloak's placeholders in an imported realm: {@code ${VAR}} or {@code ${VAR:default}}. */
  private static final Pattern REALM_PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");
  /** What the operator sets (the README's production checklist): nothing else is set. */
  private static final Map<String, String> OPERATOR = Map.ofEntries(
      Map.entry("FORUM_PUBLIC_URL", "https://forum.example.org"),
      Map.entry("KEYCLOAK_PUBLIC_URL", "https://login.example.org"),
      Map.entry("KEYCLOAK_CLIENT_SECRET", "client-secret-set-by-the-operator"),
      Map.entry("KEYCLOAK_ACCOUNTS_CLIENT_SECRET", "accounts-secret-set-by-the-operator"),
      Map.entry("MONGO_ROOT_PASSWORD", "mongo-root-password-set-by-the-operator"),
      Map.entry("MONGO_FORUM_PASSWORD", "mongo-forum-password-set-by-the-operator"),
      Map.entry("KEYCLOAK_DB_PASSWORD", "keycloak-db-password-set-by-the-operator"),
      Map.entry("KEYCLOAK_ADMIN_PASSWORD", "keycloak-admin-password-set-by-the-operator"),
      Map.entry("FORUM_SMTP_HOST", "smtp.example.org"),
      Map.entry("FORUM_SMTP_FROM_ADDRESS", "no-reply@forum.example.org"),
      Map.entry("FORUM_SMTP_USERNAME", "forum-mailer"),
      Map.entry("FORUM_SMTP_PASSWORD", "smtp-password-set-by-the-operator"));
  /** Memory a JVM needs beside its heap (metaspace, threads, direct buffers): a heap may take 3/4 of the limit. */
  private static final double HEAP_SHARE = 0.75;

  private static String composeText;

  private static Map<String, Object> services;
  private static String realmTemplate;

  @BeforeAll
  static void readFiles() throws IOException {
    composeText = Files.readString(COMPOSE_FILE);
    try (Reader reader = Files.newBufferedReader(COMPOSE_FILE)) {
      Map<String, Object> compose = new Yaml().load(reader);
      services = map(compose.get("services"), "services");
    }
    realmTemplate = Files.readString(REALM_FILE);
  }

  @Test
  @DisplayName("docker compose starts MongoDB, Keycloak, two forum nodes and the proxy in front of them")
  void servicesExist() {
    assertTrue(services.keySet().containsAll(List.of("mongo", "keycloak", "proxy")),
        "services in docker-compose.yml: " + services.keySet());
    assertTrue(forumNodes().size() >= 2, "forum nodes (services forum-N): " + forumNodes());
  }

  @ParameterizedTest
  @MethodSource("forumNodes")
  @DisplayName("every variable the compose file gives a forum node is one the forum reads, and none it needs is missing")
  void forumEnvironmentUsesKnownKeys(String node) {
    Map<String, String> env = environment(node);
    Set<String> unknown = new TreeSet<>(env.keySet());
    unknown.removeAll(AppConfig.KEYS);
    unknown.remove("JAVA_TOOL_OPTIONS");  // read by the JVM itself: the heap within the node's memory limit
    assertTrue(unknown.isEmpty(), "the forum ignores these variables (not in AppConfig.KEYS): " + unknown);
    List<String> needed = List.of(AppConfig.MONGO_URI, AppConfig.KEYCLOAK_URL, AppConfig.KEYCLOAK_PUBLIC_URL,
        AppConfig.KEYCLOAK_REALM, AppConfig.KEYCLOAK_CLIENT_ID, AppConfig.KEYCLOAK_CLIENT_SECRET,
        AppConfig.FORUM_PUBLIC_URL);
    for (String key : needed) {
      String value = env.get(key);
      assertTrue(value != null && !value.isBlank(), "the forum service must set " + key);
    }
  }

  @ParameterizedTest
  @MethodSource("forumNodes")
  @DisplayName("a forum node starts only once MongoDB and Keycloak report healthy")
  void forumWaitsForHealthyDependencies(String node) {
    Map<String, Object> dependsOn = map(service(node).get("depends_on"), node + ".depends_on (long form)");
    for (String dependency : List.of("mongo", "keycloak")) {
      Map<String, Object> condition = map(dependsOn.get(dependency), node + ".depends_on." + dependency);
      assertEquals("service_healthy", condition.get("condition"), node + ".depends_on." + dependency + ".condition");
    }
  }

  @Test
  @DisplayName("MongoDB, Keycloak, the proxy and every forum node tell Docker whether they are healthy")
  void servicesHaveHealthchecks() {
    List<String> names = new ArrayList<>(List.of("mongo", "keycloak", "proxy"));
    names.addAll(forumNodes());
    for (String name : names) {
      Map<String, Object> healthcheck = map(service(name).get("healthcheck"), name + ".healthcheck");
      assertFalse(Boolean.TRUE.equals(healthcheck.get("disable")), name + ".healthcheck is disabled");
      Object test = healthcheck.get("test");
      assertNotNull(test, name + ".healthcheck.test");
      List<String> command = test instanceof List<?> list ? strings(list) : List.of(String.valueOf(test));
      assertFalse(command.isEmpty() || command.get(0).equals("NONE"), name + ".healthcheck.test is empty");
    }
  }

  @Test
  @DisplayName("Keycloak imports the production realm (deploy/keycloak-realm.prod.json) on its first start, never"
      + " the development realm")
  void keycloakImportsTheRealm() {
    List<String> mounts = mounts("keycloak");
    String realmMount = REALM_FILE.toString().replace('\\', '/') + ":" + REALM_IMPORT_PATH;
    assertTrue(mounts.stream().anyMatch(mount -> mount.equals(realmMount) || mount.equals(realmMount + ":ro")),
        "keycloak must mount ./" + REALM_FILE + " as " + REALM_IMPORT_PATH + "; mounts: " + mounts);
    assertTrue(mounts.stream().noneMatch(mount -> mount.startsWith(DEV_REALM_FILE + ":")),
        "the development realm (demo accounts) must not be imported: " + mounts);
    assertTrue(command("keycloak").contains("--import-realm"), "keycloak command: " + command("keycloak"));
  }

  @ParameterizedTest
  @MethodSource("forumNodes")
  @DisplayName("sign-in works: the forum's realm, client, secret and callback are the imported realm's, filled in"
      + " from Keycloak's environment")
  void forumMatchesTheRealmFile(String node) {
    Map<String, String> env = environment(node);
    JsonObject realm = importedRealm();
    assertEquals(realm.getString("realm"), env.get(AppConfig.KEYCLOAK_REALM), AppConfig.KEYCLOAK_REALM);

    String clientId = env.get(AppConfig.KEYCLOAK_CLIENT_ID);
    JsonObject client = realm.getJsonArray("clients", new JsonArray()).stream()
        .map(JsonObject.class::cast)
        .filter(candidate -> clientId.equals(candidate.getString("clientId")))
        .findFirst()
        .orElse(null);
    assertNotNull(client, "keycloak-realm.json has no client " + clientId);
    assertEquals(client.getString("secret"), env.get(AppConfig.KEYCLOAK_CLIENT_SECRET),
        "the forum's client secret must be the one the realm is imported with");

    String callback = env.get(AppConfig.FORUM_PUBLIC_URL) + "/callback";
    List<Object> redirectUris = client.getJsonArray("redirectUris", new JsonArray()).getList();
    assertTrue(redirectUris.contains(callback),
        "client " + clientId + " does not allow " + callback + "; it allows " + redirectUris);
  }

  @ParameterizedTest
  @MethodSource("forumNodes")
  @DisplayName("tokens name the issuer the forum expects: Keycloak's hostname is the forum's KEYCLOAK_PUBLIC_URL")
  void keycloakHostnameIsTheForumsIssuerBase(String node) {
    Map<String, String> env = environment(node);
    String hostname = option("keycloak", "hostname")
        .orElseGet(() -> environment("keycloak").get("KC_HOSTNAME"));
    assertEquals(env.get(AppConfig.KEYCLOAK_PUBLIC_URL), hostname, "keycloak --hostname");
    assertEquals("true", option("keycloak", "hostname-backchannel-dynamic")
            .orElseGet(() -> environment("keycloak").get("KC_HOSTNAME_BACKCHANNEL_DYNAMIC")),
        "keycloak must resolve backchannel URLs dynamically, so the forum's calls stay on the internal name");

    URI keycloakUrl = URI.create(env.get(AppConfig.KEYCLOAK_URL));
    assertEquals("keycloak", keycloakUrl.getHost(), AppConfig.KEYCLOAK_URL + " must name the keycloak service");
    assertEquals(8080, keycloakUrl.getPort(), AppConfig.KEYCLOAK_URL + " must use Keycloak's container port");
  }

  @ParameterizedTest
  @MethodSource("forumNodes")
  @DisplayName("the forum reaches MongoDB by its service name, as a client of the replica set MongoDB starts")
  void mongoUriNamesTheMongoService(String node) {
    URI mongoUri = URI.create(environment(node).get(AppConfig.MONGO_URI));
    assertEquals("mongodb", mongoUri.getScheme(), AppConfig.MONGO_URI);
    assertEquals("mongo", mongoUri.getHost(), AppConfig.MONGO_URI + " must name the mongo service");
    assertFalse(mongoUri.getPath().length() <= 1, AppConfig.MONGO_URI + " must name the database");

    String replicaSet = Optional.ofNullable(mongoUri.getQuery()).stream()
        .flatMap(query -> List.of(query.split("&")).stream())
        .filter(parameter -> parameter.startsWith("replicaSet="))
        .map(parameter -> parameter.substring("replicaSet=".length()))
        .findFirst()
        .orElse(null);
    assertEquals(option("mongo", "replSet").orElse(null), replicaSet,
        "the replica set in " + AppConfig.MONGO_URI + " must be the one mongo starts with --replSet");
  }

  @Test
  @DisplayName("the image runs the shaded jar that the pom builds")
  void dockerfileRunsTheShadedJar() throws Exception {
    Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(Path.of("pom.xml").toFile()).getDocumentElement();
    String jarName = childText(project, "artifactId") + "-" + childText(project, "version") + "-all.jar";

    String dockerfile = Files.readString(Path.of("Dockerfile"));
    assertTrue(dockerfile.contains("-all.jar"), "the Dockerfile must copy the shaded (-all) jar");
    Matcher from = Pattern.compile("(?m)^FROM\\s").matcher(dockerfile);
    int finalStageStart = -1;
    while (from.find()) {
      finalStageStart = from.start();
    }
    assertTrue(finalStageStart >= 0, "the Dockerfile has no FROM");
    // Instructions may continue over several lines ending in a backslash: read each as one line.
    String finalStage = dockerfile.substring(finalStageStart).replaceAll("\\\\\\n\\s*", " ");

    Matcher copy = Pattern.compile("(?m)^COPY\\s+--from=\\S+(?:\\s+--\\S+)*\\s+(\\S+-all\\.jar)\\s+(\\S+)\\s*$")
        .matcher(finalStage);
    assertTrue(copy.find(), "the final stage must COPY --from the build stage a *-all.jar");
    String source = copy.group(1).substring(copy.group(1).lastIndexOf('/') + 1);
    assertTrue(Pattern.matches(globToRegex(source), jarName),
        "the Dockerfile copies " + source + " but the build produces " + jarName);

    String target = copy.group(2);
    Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT\\s+(.*)$").matcher(finalStage);
    assertTrue(entrypoint.find(), "the final stage must have an ENTRYPOINT");
    assertTrue(entrypoint.group(1).contains("\"-jar\"") && entrypoint.group(1).contains(target),
        "the ENTRYPOINT must run java -jar " + target + ": " + entrypoint.group(1));
  }

  @Test
  @DisplayName("the forum nodes form one Hazelcast cluster: each lists every node and tells the others its own name")
  void forumNodesFormOneCluster() {
    List<String> nodes = forumNodes();
    Set<String> names = new TreeSet<>();
    for (String node : nodes) {
      Map<String, String> env = environment(node);
      assertEquals("true", env.get(AppConfig.FORUM_CLUSTER), node + " " + AppConfig.FORUM_CLUSTER);
      names.add(env.get(AppConfig.FORUM_CLUSTER_NAME));
      Set<String> memberHosts = new TreeSet<>();
      for (String member : env.get(AppConfig.FORUM_CLUSTER_MEMBERS).split(",")) {
        memberHosts.add(member.trim().split(":")[0]);
      }
      assertEquals(new TreeSet<>(nodes), memberHosts, node + " " + AppConfig.FORUM_CLUSTER_MEMBERS);
      assertEquals(node, env.get(AppConfig.FORUM_CLUSTER_PUBLIC_HOST),
          node + " must tell the other nodes its service name in " + AppConfig.FORUM_CLUSTER_PUBLIC_HOST);
    }
    assertEquals(1, names.size(), "every node must use the same cluster name: " + names);
  }

  @Test
  @DisplayName("the proxy publishes the forum's public port and sends requests and live connections to every node")
  void proxyFrontsEveryNode() throws IOException {
    List<String> ports = strings((List<?>) service("proxy").get("ports"));
    assertTrue(ports.stream().anyMatch(port -> port.endsWith(":8080")),
        "the proxy must publish the forum's port 8080; ports: " + ports);

    String mount = mounts("proxy").stream().filter(candidate -> candidate.endsWith(".conf:ro")
        || candidate.endsWith(".conf")).findFirst().orElseThrow(() -> new AssertionError("the proxy mounts no .conf"));
    String conf = Files.readString(Path.of(mount.substring(0, mount.indexOf(':'))));
    for (String node : forumNodes()) {
      Matcher servers = Pattern.compile("(?m)^\\s*server\\s+" + Pattern.quote(node) + ":8080\\b").matcher(conf);
      int count = 0;
      while (servers.find()) {
        count++;
      }
      assertEquals(2, count, "both upstreams (pages, live) in " + mount + " must list " + node + ":8080");
    }
    Matcher live = Pattern.compile("location /eventbus/ \\{([^}]*)}").matcher(conf);
    assertTrue(live.find(), "the proxy needs a location for the live connection, /eventbus/");
    assertTrue(live.group(1).contains("proxy_set_header Upgrade $http_upgrade"),
        "the live connection must be upgraded to a WebSocket through the proxy");
    assertTrue(conf.contains("hash $sockjs_session"),
        "SockJS fallback requests of one session must reach the node that holds it");
  }

  @ParameterizedTest
  @MethodSource("forumNodes")
  @DisplayName("closing an account works: the forum's accounts client is in both realms, confidential, a service"
      + " account with realm-management's manage-users and nothing else, its secret the forum's")
  void accountsClient(String node) throws IOException {
    Map<String, String> env = environment(node);
    String clientId = env.getOrDefault(AppConfig.KEYCLOAK_ACCOUNTS_CLIENT_ID, "ngo-forum-accounts");
    for (JsonObject realm : List.of(importedRealm(), new JsonObject(Files.readString(DEV_REALM_FILE)))) {
      JsonObject client = realm.getJsonArray("clients").stream().map(JsonObject.class::cast)
          .filter(candidate -> clientId.equals(candidate.getString("clientId"))).findFirst().orElse(null);
      assertNotNull(client, "no client " + clientId + " in " + realm.getString("realm"));
      assertEquals(Boolean.TRUE, client.getBoolean("serviceAccountsEnabled"));
      assertEquals(Boolean.FALSE, client.getBoolean("publicClient"));
      assertEquals(Boolean.FALSE, client.getBoolean("standardFlowEnabled"));
      assertEquals(Boolean.FALSE, client.getBoolean("directAccessGrantsEnabled"));
      JsonObject account = realm.getJsonArray("users").stream().map(JsonObject.class::cast)
          .filter(user -> clientId.equals(user.getString("serviceAccountClientId"))).findFirst().orElseThrow();
      assertEquals(new JsonObject().put("realm-management", new JsonArray().add("manage-users")),
          account.getJsonObject("clientRoles"));
      assertFalse(account.containsKey("realmRoles"), "no realm roles for the service account");
    }
    JsonObject imported = importedRealm().getJsonArray("clients").stream().map(JsonObject.class::cast)
        .filter(candidate -> clientId.equals(candidate.getString("clientId"))).findFirst().orElseThrow();
    assertEquals(imported.getString("secret"), env.get(AppConfig.KEYCLOAK_ACCOUNTS_CLIENT_SECRET),
        "the forum's accounts secret must be the one the realm is imported with");
    assertEquals(OPERATOR.get("KEYCLOAK_ACCOUNTS_CLIENT_SECRET"), imported.getString("secret"));
  }

  @Test
  @DisplayName("the production realm has no accounts, no self-registration, and only the configured forum address"
      + " as its callback, logout target and back-channel")
  void productionRealm() {
    JsonObject template = new JsonObject(realmTemplate);
    assertTrue(template.getJsonArray("users", new JsonArray()).stream().map(JsonObject.class::cast)
            .allMatch(user -> user.getString("serviceAccountClientId") != null && !user.containsKey("credentials")),
        "the production realm must have no users but the service account of a client");
    assertEquals(Boolean.FALSE, template.getBoolean("registrationAllowed"), "registrationAllowed");
    assertEquals("external", template.getString("sslRequired"), "sslRequired");
    JsonObject client = template.getJsonArray("clients").getJsonObject(0);
    assertEquals("${KEYCLOAK_CLIENT_SECRET}", client.getString("secret"), "the client secret comes from the environment");
    assertEquals(List.of("${FORUM_PUBLIC_URL}/callback"), client.getJsonArray("redirectUris").getList());
    assertFalse(realmTemplate.contains("localhost") || realmTemplate.contains("127.0.0.1")
        || realmTemplate.contains("forum-demo") || realmTemplate.contains("dev-secret"), realmTemplate);

    JsonObject imported = importedRealm().getJsonArray("clients").getJsonObject(0);
    String forum = OPERATOR.get("FORUM_PUBLIC_URL");
    assertEquals(List.of(forum + "/callback"), imported.getJsonArray("redirectUris").getList());
    assertEquals(forum + "/", imported.getJsonObject("attributes").getString("post.logout.redirect.uris"));
    URI backchannel = URI.create(imported.getJsonObject("attributes").getString("backchannel.logout.url"));
    assertTrue(services.containsKey(backchannel.getHost()),
        "Keycloak calls the back-channel logout from inside compose: it must name a service, not " + backchannel);
    assertTrue(backchannel.getHost().equals("proxy") || forumNodes().contains(backchannel.getHost()),
        "the back-channel logout must reach the forum: " + backchannel);
    assertEquals("/logout/backchannel", backchannel.getPath());
  }

  @Test
  @DisplayName("people can reset a forgotten password and verify their address: the production realm sends its"
      + " e-mails through the operator's mail server, the one the forum nodes send through")
  void realmMail() {
    JsonObject realm = importedRealm();
    assertEquals(Boolean.TRUE, realm.getBoolean("resetPasswordAllowed"), "resetPasswordAllowed");
    assertEquals(Boolean.TRUE, realm.getBoolean("verifyEmail"), "verifyEmail");
    assertEquals(1800, realm.getInteger("actionTokenGeneratedByUserLifespan"), "a reset link works for 30 minutes");
    JsonObject smtp = realm.getJsonObject("smtpServer");
    assertEquals(OPERATOR.get("FORUM_SMTP_HOST"), smtp.getString("host"));
    assertEquals("587", smtp.getString("port"));
    assertEquals(OPERATOR.get("FORUM_SMTP_FROM_ADDRESS"), smtp.getString("from"));
    assertEquals(OPERATOR.get("FORUM_SMTP_USERNAME"), smtp.getString("user"));
    assertEquals(OPERATOR.get("FORUM_SMTP_PASSWORD"), smtp.getString("password"));
    for (String node : forumNodes()) {
      Map<String, String> env = environment(node);
      assertEquals(smtp.getString("host"), env.get(AppConfig.FORUM_SMTP_HOST), node);
      assertEquals(smtp.getString("port"), env.get(AppConfig.FORUM_SMTP_PORT), node);
      assertEquals(smtp.getString("fromDisplayName") + " <" + smtp.getString("from") + ">",
          env.get(AppConfig.FORUM_SMTP_FROM), node);
      assertEquals(smtp.getString("user"), env.get(AppConfig.FORUM_SMTP_USERNAME), node);
    }
  }

  @Test
  @DisplayName("every password and secret must be set by the operator: none has a default, and compose refuses to"
      + " start without it")
  void secretsRequired() {
    Matcher variables = INTERPOLATION.matcher(composeText);
    Set<String> secrets = new TreeSet<>();
    while (variables.find()) {
      String name = variables.group(1);
      if (name.contains("PASSWORD") || name.contains("SECRET")) {
        secrets.add(name);
        assertEquals(":?", variables.group(2), "${" + name + "} must be written ${" + name + ":?message}");
      }
    }
    assertTrue(secrets.containsAll(List.of("KEYCLOAK_CLIENT_SECRET", "KEYCLOAK_ACCOUNTS_CLIENT_SECRET",
        "MONGO_ROOT_PASSWORD", "MONGO_FORUM_PASSWORD", "KEYCLOAK_DB_PASSWORD", "KEYCLOAK_ADMIN_PASSWORD")),
        secrets.toString());
    for (String node : forumNodes()) {
      assertFalse(composeText.contains("ngo-forum-dev-secret"), "the dev realm's client secret is in the file");
      for (String key : List.of(AppConfig.FORUM_PUBLIC_URL, AppConfig.KEYCLOAK_PUBLIC_URL)) {
        assertTrue(environment(node).get(key).startsWith("https://"), node + " " + key + " from the operator");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("forumNodes")
  @DisplayName("a forum node in production writes no demo data")
  void noDemoData(String node) {
    assertEquals("false", environment(node).get(AppConfig.FORUM_DEMO_DATA), node + " " + AppConfig.FORUM_DEMO_DATA);
  }

  @Test
  @DisplayName("Keycloak publishes no port: its sign-in pages go through the proxy, its admin console nowhere")
  void keycloakAdminConsoleNotPublished() throws IOException {
    assertNull(service("keycloak").get("ports"), "keycloak must not publish a port");
    assertEquals(Optional.of("xforwarded"), option("keycloak", "proxy-headers"),
        "keycloak behind the proxy reads X-Forwarded-* (people's addresses for brute-force protection)");
    String conf = proxyConf();
    Matcher server = Pattern.compile("(?s)server \\{\\s*listen 8180;(.*?)\\n}").matcher(conf);
    assertTrue(server.find(), "the proxy needs a server for Keycloak's public address (listen 8180)");
    Set<String> passed = new TreeSet<>();
    Matcher locations = Pattern.compile("location (\\S+) \\{([^}]*)}").matcher(server.group(1));
    while (locations.find()) {
      if (locations.group(2).contains("proxy_pass")) {
        passed.add(locations.group(1));
      }
    }
    assertEquals(Set.of("/realms/", "/resources/"), passed, "the only paths of Keycloak the proxy may pass");
    assertTrue(strings((List<?>) service("proxy").get("ports")).stream().anyMatch(port -> port.endsWith(":8180")),
        "the proxy publishes Keycloak's sign-in pages on 8180");
  }

  @Test
  @DisplayName("every location of the proxy forwards Host and X-Forwarded-For, -Proto and -Host")
  void proxyForwardsHostAndAddresses() throws IOException {
    Matcher locations = Pattern.compile("location (\\S+) \\{([^}]*)}").matcher(proxyConf());
    int proxied = 0;
    while (locations.find()) {
      String body = locations.group(2);
      if (!body.contains("proxy_pass")) {
        continue;
      }
      proxied++;
      for (String header : List.of("Host $http_host", "X-Forwarded-For $proxy_add_x_forwarded_for",
          "X-Forwarded-Proto $scheme", "X-Forwarded-Host $http_host")) {
        assertTrue(body.contains("proxy_set_header " + header + ";"),
            "location " + locations.group(1) + " must set " + header + " (nginx drops the server's headers in a"
                + " location that sets its own)");
      }
    }
    assertTrue(proxied >= 4, "proxied locations: " + proxied);
  }

  @Test
  @DisplayName("every service has a memory limit, and each JVM's heap is sized within its limit")
  void memoryLimits() {
    for (String name : services.keySet()) {
      assertTrue(memoryLimit(name) > 0, name + " needs deploy.resources.limits.memory");
    }
    for (String node : forumNodes()) {
      long heap = maxHeap(environment(node).get("JAVA_TOOL_OPTIONS"), node + " JAVA_TOOL_OPTIONS");
      assertTrue(heap <= HEAP_SHARE * memoryLimit(node), node + ": heap " + heap + " within " + memoryLimit(node));
    }
    long keycloakHeap = maxHeap(environment("keycloak").get("JAVA_OPTS_KC_HEAP"), "keycloak JAVA_OPTS_KC_HEAP");
    assertTrue(keycloakHeap <= HEAP_SHARE * memoryLimit("keycloak"), "keycloak heap " + keycloakHeap);
    assertTrue(option("mongo", "wiredTigerCacheSizeGB").isPresent(),
        "mongo's cache must be sized to its limit (its default is half of the host's memory)");
  }

  @Test
  @DisplayName("every service's log is rotated")
  void logRotation() {
    for (String name : services.keySet()) {
      Map<String, Object> logging = map(service(name).get("logging"), name + ".logging");
      assertEquals("json-file", logging.get("driver"), name + ".logging.driver");
      Map<String, Object> options = map(logging.get("options"), name + ".logging.options");
      assertNotNull(options.get("max-size"), name + " logging max-size");
      assertNotNull(options.get("max-file"), name + " logging max-file");
    }
  }

  @ParameterizedTest
  @MethodSource("forumNodes")
  @DisplayName("a forum node writes JSON lines, with an access record per request, for the log collector")
  void forumLogsJson(String node) {
    assertEquals("json", environment(node).get(AppConfig.FORUM_LOG_FORMAT), node + " " + AppConfig.FORUM_LOG_FORMAT);
    assertEquals("INFO", environment(node).get(AppConfig.FORUM_ACCESS_LOG), node + " " + AppConfig.FORUM_ACCESS_LOG);
  }

  @ParameterizedTest
  @MethodSource("forumNodes")
  @DisplayName("each node's metrics and readiness are reachable on the compose network and never published")
  void managementOnTheNetworkOnly(String node) {
    Map<String, String> env = environment(node);
    assertEquals("0.0.0.0", env.get(AppConfig.FORUM_MANAGEMENT_HOST), node + " listens for a scraper on the network");
    String port = env.get(AppConfig.FORUM_MANAGEMENT_PORT);
    assertEquals("9464", port, node + " " + AppConfig.FORUM_MANAGEMENT_PORT);
    for (String name : services.keySet()) {
      Object ports = service(name).get("ports");
      if (ports != null) {
        for (Object published : (List<?>) ports) {
          assertFalse(String.valueOf(published).contains(port), name + " publishes the management port: " + published);
        }
      }
    }
  }

  @Test
  @DisplayName("MongoDB requires authentication, and the forum signs in as a user of its own")
  void mongoAuthentication() throws IOException {
    Map<String, String> env = environment("mongo");
    assertNotNull(env.get("MONGO_INITDB_ROOT_USERNAME"));
    assertEquals(OPERATOR.get("MONGO_ROOT_PASSWORD"), env.get("MONGO_INITDB_ROOT_PASSWORD"));
    assertTrue(option("mongo", "keyFile").isPresent(), "a replica set with authentication needs --keyFile");
    assertTrue(mounts("mongo").stream().anyMatch(mount -> mount.startsWith("deploy/mongo-init:/docker-entrypoint-initdb.d")),
        "the forum's user is made by deploy/mongo-init: " + mounts("mongo"));
    String init = Files.readString(Path.of("deploy/mongo-init/forum-user.js"));
    assertTrue(init.contains("user: 'forum'") && init.contains("process.env.MONGO_FORUM_PASSWORD")
        && init.contains("role: 'readWrite', db: 'forum'"), init);
    for (String node : forumNodes()) {
      URI mongoUri = URI.create(environment(node).get(AppConfig.MONGO_URI));
      assertEquals("forum:" + OPERATOR.get("MONGO_FORUM_PASSWORD"), mongoUri.getUserInfo(), node + " MONGO_URI user");
      assertTrue(mongoUri.getQuery().contains("authSource=admin"), node + " MONGO_URI authSource");
    }
    String healthcheck = String.join(" ", strings((List<?>) map(service("mongo").get("healthcheck"), "mongo")
        .get("test")));
    assertTrue(healthcheck.contains("-p \"$MONGO_INITDB_ROOT_PASSWORD\""), "the health check signs in: " + healthcheck);
  }

  /** The nginx configuration the proxy mounts. */
  private static String proxyConf() throws IOException {
    String mount = mounts("proxy").stream().filter(candidate -> candidate.endsWith(".conf:ro")
        || candidate.endsWith(".conf")).findFirst().orElseThrow(() -> new AssertionError("the proxy mounts no .conf"));
    return Files.readString(Path.of(mount.substring(0, mount.indexOf(':'))));
  }

  /** The service's {@code deploy.resources.limits.memory} in bytes, or 0. */
  private static long memoryLimit(String name) {
    Object deploy = service(name).get("deploy");
    if (!(deploy instanceof Map<?, ?> d) || !(d.get("resources") instanceof Map<?, ?> r)
        || !(r.get("limits") instanceof Map<?, ?> l) || l.get("memory") == null) {
      return 0;
    }
    return bytes(String.valueOf(l.get("memory")));
  }

  /** The -Xmx of JVM options, in bytes. */
  private static long maxHeap(String options, String what) {
    assertNotNull(options, what);
    Matcher xmx = Pattern.compile("-Xmx(\\d+[kmgKMG]?)").matcher(options);
    assertTrue(xmx.find(), what + " must set -Xmx: " + options);
    return bytes(xmx.group(1));
  }

  private static long bytes(String size) {
    Matcher matcher = Pattern.compile("(\\d+)([kmgKMG]?)[bB]?").matcher(size.trim());
    assertTrue(matcher.matches(), "a size: " + size);
    long number = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2).toLowerCase(java.util.Locale.ROOT)) {
      case "k" -> number << 10;
      case "m" -> number << 20;
      case "g" -> number << 30;
      default -> number;
    };
  }

  /** The forum's nodes: the services named forum-1, forum-2, ... */
  static List<String> forumNodes() {
    return services.keySet().stream().filter(name -> name.matches("forum-\\d+")).sorted().toList();
  }

  private static Map<String, Object> service(String name) {
    return map(services.get(name), "services." + name);
  }

  /** The service's environment, given as a map or as a list of KEY=VALUE, with defaults interpolated. */
  private static Map<String, String> environment(String name) {
    Object environment = service(name).get("environment");
    Map<String, String> result = new LinkedHashMap<>();
    if (environment instanceof Map<?, ?> map) {
      map.forEach((key, value) -> result.put(String.valueOf(key), value == null ? null : interpolate(value)));
    } else if (environment instanceof List<?> list) {
      for (String entry : strings(list)) {
        int equals = entry.indexOf('=');
        result.put(equals < 0 ? entry : entry.substring(0, equals),
            equals < 0 ? null : interpolate(entry.substring(equals + 1)));
      }
    } else if (environment != null) {
      throw new AssertionError("services." + name + ".environment must be a map or a list");
    }
    return result;
  }

  /**
   * The service's command as a list of arguments (a string command is split on spaces; a shell's script, as in
   * {@code bash -c "... exec mongod --replSet rs0"}, into its words).
   */
  private static List<String> command(String name) {
    Object command = service(name).get("command");
    if (command instanceof List<?> list) {
      List<String> arguments = strings(list);
      if (arguments.size() == 3 && arguments.get(0).matches("(ba)?sh") && arguments.get(1).equals("-c")) {
        return List.of(arguments.get(2).trim().split("\\s+"));
      }
      return arguments;
    }
    return command == null ? List.of() : List.of(interpolate(command).trim().split("\\s+"));
  }

  /** The value of {@code --option=value} or {@code --option value} in the service's command. */
  private static Optional<String> option(String name, String option) {
    List<String> command = command(name);
    for (int i = 0; i < command.size(); i++) {
      String argument = command.get(i);
      if (argument.startsWith("--" + option + "=")) {
        return Optional.of(argument.substring(option.length() + 3));
      }
      if (argument.equals("--" + option) && i + 1 < command.size()) {
        return Optional.of(command.get(i + 1));
      }
    }
    return Optional.empty();
  }

  /** The service's volumes as {@code source:target[:mode]}, relative sources without their leading "./". */
  private static List<String> mounts(String name) {
    Object volumes = service(name).get("volumes");
    List<String> mounts = new ArrayList<>();
    if (!(volumes instanceof List<?> list)) {
      return mounts;
    }
    for (Object volume : list) {
      String mount;
      if (volume instanceof Map<?, ?> longForm) {
        mount = interpolate(longForm.get("source")) + ":" + interpolate(longForm.get("target"))
            + (Boolean.TRUE.equals(longForm.get("read_only")) ? ":ro" : "");
      } else {
        mount = interpolate(volume);
      }
      mounts.add(mount.startsWith("./") ? mount.substring(2) : mount);
    }
    return mounts;
  }

  /**
   * What compose makes of a value with the {@link #OPERATOR}'s variables set: {@code ${VAR:-default}} → the
   * variable or the default, {@code ${VAR:?message}} → the variable (a test that reads one the operator does not
   * set fails, as compose would), $$ → $.
   */
  private static String interpolate(Object value) {
    String text = String.valueOf(value);
    Matcher matcher = INTERPOLATION.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String set = OPERATOR.get(matcher.group(1));
      String operator = matcher.group(2);
      String replacement;
      if (set != null && !(set.isEmpty() && operator != null && operator.startsWith(":"))) {
        replacement = set;
      } else if (operator != null && operator.endsWith("?")) {
        throw new AssertionError("compose refuses to start without " + matcher.group(1) + ": " + matcher.group(3));
      } else {
        replacement = operator == null ? "" : matcher.group(3);
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(result);
    return result.toString().replace("$$", "$");
  }

  /** The realm as Keycloak imports it: its placeholders filled in from the keycloak service's environment. */
  private static JsonObject importedRealm() {
    Map<String, String> env = environment("keycloak");
    Matcher matcher = REALM_PLACEHOLDER.matcher(realmTemplate);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String value = env.get(matcher.group(1));
      if (value == null) {
        value = matcher.group(2);
      }
      assertNotNull(value, REALM_FILE + " uses ${" + matcher.group(1) + "}, which the keycloak service does not set");
      matcher.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(result);
    return new JsonObject(result.toString());
  }

  private static List<String> strings(List<?> list) {
    return list.stream().map(ComposeFileTest::interpolate).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String what) {
    assertInstanceOf(Map.class, value, what + " must be a mapping in docker-compose.yml");
    return (Map<String, Object>) value;
  }

  private static String childText(Element parent, String tag) {
    for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(tag)) {
        return element.getTextContent().trim();
      }
    }
    throw new AssertionError("pom.xml has no <" + tag + "> under <" + parent.getTagName() + ">");
  }

  private static String globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append("[^/]*");
        case '?' -> regex.append("[^/]");
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }
}
