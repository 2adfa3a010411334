package vn.ngoforum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
 * Guards the production deployment files ({@code docker-compose.yml}, {@code Dockerfile}) against drifting away
 * from the code and from {@code keycloak-realm.json}.
 *
 * <p>Docker is not available where the tests run, so nothing here starts a container. What can be checked without
 * it is what most often breaks a deployment silently: a configuration key renamed in {@link AppConfig} but not in
 * the compose file (the forum would quietly fall back to its defaults), a realm, client, secret or callback that
 * does not match the imported realm (sign-in fails), an issuer the forum does not expect, a forum that starts
 * before its database, or an image that copies a jar name the build no longer produces. Values are read the way
 * {@code docker compose} reads them with no overrides set: {@code ${VAR:-default}} becomes its default.
 */
class ComposeFileTest {

  private static final Path COMPOSE_FILE = Path.of("docker-compose.yml");
  private static final Path REALM_FILE = Path.of("keycloak-realm.json");
  private static final String REALM_IMPORT_PATH = "/opt/keycloak/data/import/ngo-forum-realm.json";
  private static final Pattern INTERPOLATION =
      Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

  private static Map<String, Object> services;
  private static JsonObject realm;

  @BeforeAll
  static void readFiles() throws IOException {
    try (Reader reader = Files.newBufferedReader(COMPOSE_FILE)) {
      Map<String, Object> compose = new Yaml().load(reader);
      services = map(compose.get("services"), "services");
    }
    realm = new JsonObject(Files.readString(REALM_FILE));
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
  @DisplayName("Keycloak imports the forum's realm from keycloak-realm.json on its first start")
  void keycloakImportsTheRealm() {
    List<String> mounts = mounts("keycloak");
    String realmMount = "keycloak-realm.json:" + REALM_IMPORT_PATH;
    assertTrue(mounts.stream().anyMatch(mount -> mount.equals(realmMount) || mount.equals(realmMount + ":ro")),
        "keycloak must mount ./keycloak-realm.json as " + REALM_IMPORT_PATH + "; mounts: " + mounts);
    assertTrue(command("keycloak").contains("--import-realm"), "keycloak command: " + command("keycloak"));
  }

  @ParameterizedTest
  @MethodSource("forumNodes")
  @DisplayName("sign-in works out of the box: the forum's realm, client, secret and callback are the realm file's")
  void forumMatchesTheRealmFile(String node) {
    Map<String, String> env = environment(node);
    assertEquals(realm.getString("realm"), env.get(AppConfig.KEYCLOAK_REALM), AppConfig.KEYCLOAK_REALM);

    String clientId = env.get(AppConfig.KEYCLOAK_CLIENT_ID);
    JsonObject client = realm.getJsonArray("clients", new JsonArray()).stream()
        .map(JsonObject.class::cast)
        .filter(candidate -> clientId.equals(candidate.getString("clientId")))
        .findFirst()
        .orElse(null);
    assertNotNull(client, "keycloak-realm.json has no client " + clientId);
    assertEquals(client.getString("secret"), env.get(AppConfig.KEYCLOAK_CLIENT_SECRET),
        "the default client secret must be the realm file's");

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
    URI publicUrl = URI.create(environment(forumNodes().get(0)).get(AppConfig.FORUM_PUBLIC_URL));
    List<String> ports = strings((List<?>) service("proxy").get("ports"));
    assertTrue(ports.stream().anyMatch(port -> port.startsWith(publicUrl.getPort() + ":")),
        "the proxy must publish " + publicUrl + "; ports: " + ports);

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

  /** The service's command as a list of arguments (a string command is split on spaces). */
  private static List<String> command(String name) {
    Object command = service(name).get("command");
    if (command instanceof List<?> list) {
      return strings(list);
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

  /** What compose makes of a value when no variable is set: {@code ${VAR:-default}} → default, $$ → $. */
  private static String interpolate(Object value) {
    String text = String.valueOf(value);
    Matcher matcher = INTERPOLATION.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String fallback = matcher.group(2) == null ? "" : matcher.group(2);
      matcher.appendReplacement(result, Matcher.quoteReplacement(fallback));
    }
    matcher.appendTail(result);
    return result.toString().replace("$$", "$");
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
