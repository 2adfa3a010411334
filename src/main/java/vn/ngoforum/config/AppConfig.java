package vn.ngoforum.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The forum's whole configuration, read once at start-up.
 *
 * <p>Every key is an environment variable; the same key as a Java system property in lower case with dots
 * ({@code FORUM_HTTP_PORT} → {@code forum.http.port}) is the fallback, then the default. Secrets come from the
 * environment only, so they never sit in a command line that {@code ps} shows. {@link #KEYS} lists every key
 * the forum reads: the README table and the docker-compose test are checked against it.
 *
 * @param mongoUri    MongoDB connection string; {@code null} means "start the embedded store"
 * @param keycloakUrl Keycloak base URL; {@code null} means "the run command starts a local Keycloak"
 * @param keycloakPublicUrl Keycloak base URL as browsers reach it, when it differs from {@code keycloakUrl}
 * @param smtp        the mail server for e-mail notifications; {@link Smtp#enabled()} is false when unset
 * @param cluster     whether and how this node joins other forum nodes (Hazelcast); off by default
 * @param uploadBytesPerDay how many bytes of attachments one person may upload per day (UTC)
 * @param managementHost the interface of the management listener (metrics, health checks); loopback by default
 * @param managementPort its port; the next free one when taken, any free one when 0
 */
public record AppConfig(
    int httpPort,
    String publicUrl,
    String mongoUri,
    int embeddedMongoPort,
    String keycloakUrl,
    String keycloakPublicUrl,
    int keycloakPort,
    String keycloakRealm,
    String keycloakClientId,
    String keycloakClientSecret,
    String keycloakAccountsClientId,
    String keycloakAccountsClientSecret,
    Path dataDir,
    Path keycloakHome,
    boolean demoData,
    int httpInstances,
    long mongoTimeoutMillis,
    Smtp smtp,
    Cluster cluster,
    long uploadBytesPerDay,
    String managementHost,
    int managementPort) {

  /**
   * Where e-mail notifications go out: off when {@code host} is unset. The password comes from the environment
   * only. {@code digestHour}: from which hour (0-23, Asia/Ho_Chi_Minh) the daily digest goes out.
   */
  public record Smtp(String host, int port, String from, String username, String password, int digestHour) {

    public boolean enabled() {
      return host != null;
    }

    @Override
    public String toString() {
      return enabled() ? "smtp://" + host + ":" + port : "(off)";
    }
  }

  /**
   * How this node joins the other forum nodes: a Hazelcast cluster named {@code name}, found by TCP/IP at
   * {@code members} (never by multicast), listening on {@code host}:{@code port} (the next free port when that
   * one is taken, so two nodes on one machine get 5701 and 5702). {@code publicHost} is the address the other
   * nodes use to reach this one (in Docker: the service name); the clustered event bus binds to {@code host} as
   * well, on a port the system picks, and announces itself at {@code publicHost}.
   */
  public record Cluster(boolean enabled, String name, List<String> members, String host, String publicHost,
      int port) {

    @Override
    public String toString() {
      return enabled ? name + "@" + host + ":" + port + " members=" + members : "(off)";
    }
  }

  public static final String FORUM_HTTP_PORT = "FORUM_HTTP_PORT";
  public static final String FORUM_PUBLIC_URL = "FORUM_PUBLIC_URL";
  public static final String MONGO_URI = "MONGO_URI";
  public static final String FORUM_EMBEDDED_MONGO_PORT = "FORUM_EMBEDDED_MONGO_PORT";
  public static final String KEYCLOAK_URL = "KEYCLOAK_URL";
  public static final String KEYCLOAK_PUBLIC_URL = "KEYCLOAK_PUBLIC_URL";
  public static final String KEYCLOAK_PORT = "KEYCLOAK_PORT";
  public static final String KEYCLOAK_REALM = "KEYCLOAK_REALM";
  public static final String KEYCLOAK_CLIENT_ID = "KEYCLOAK_CLIENT_ID";
  public static final String KEYCLOAK_CLIENT_SECRET = "KEYCLOAK_CLIENT_SECRET";
  /** The realm's service-account client allowed to manage users (disabling a closed account). */
  public static final String KEYCLOAK_ACCOUNTS_CLIENT_ID = "KEYCLOAK_ACCOUNTS_CLIENT_ID";
  public static final String KEYCLOAK_ACCOUNTS_CLIENT_SECRET = "KEYCLOAK_ACCOUNTS_CLIENT_SECRET";
  public static final String FORUM_DATA_DIR = "FORUM_DATA_DIR";
  public static final String FORUM_KEYCLOAK_HOME = "FORUM_KEYCLOAK_HOME";
  public static final String FORUM_DEMO_DATA = "FORUM_DEMO_DATA";
  public static final String FORUM_HTTP_INSTANCES = "FORUM_HTTP_INSTANCES";
  public static final String FORUM_MONGO_TIMEOUT_MS = "FORUM_MONGO_TIMEOUT_MS";
  public static final String FORUM_SMTP_HOST = "FORUM_SMTP_HOST";
  public static final String FORUM_SMTP_PORT = "FORUM_SMTP_PORT";
  public static final String FORUM_SMTP_FROM = "FORUM_SMTP_FROM";
  public static final String FORUM_SMTP_USERNAME = "FORUM_SMTP_USERNAME";
  public static final String FORUM_SMTP_PASSWORD = "FORUM_SMTP_PASSWORD";
  public static final String FORUM_DIGEST_HOUR = "FORUM_DIGEST_HOUR";
  public static final String FORUM_CLUSTER = "FORUM_CLUSTER";
  public static final String FORUM_CLUSTER_NAME = "FORUM_CLUSTER_NAME";
  public static final String FORUM_CLUSTER_MEMBERS = "FORUM_CLUSTER_MEMBERS";
  public static final String FORUM_CLUSTER_HOST = "FORUM_CLUSTER_HOST";
  public static final String FORUM_CLUSTER_PUBLIC_HOST = "FORUM_CLUSTER_PUBLIC_HOST";
  public static final String FORUM_CLUSTER_PORT = "FORUM_CLUSTER_PORT";
  public static final String FORUM_UPLOAD_MB_PER_DAY = "FORUM_UPLOAD_MB_PER_DAY";
  public static final String FORUM_MANAGEMENT_HOST = "FORUM_MANAGEMENT_HOST";
  public static final String FORUM_MANAGEMENT_PORT = "FORUM_MANAGEMENT_PORT";
  /** Read by logback.xml ("text" or "json"); checked here. */
  public static final String FORUM_LOG_FORMAT = "FORUM_LOG_FORMAT";
  /** Read by logback.xml ("INFO" writes the access log, "OFF" not); checked here. */
  public static final String FORUM_ACCESS_LOG = "FORUM_ACCESS_LOG";

  /** Every configuration key the forum reads. */
  public static final List<String> KEYS = List.of(
      FORUM_HTTP_PORT, FORUM_PUBLIC_URL, MONGO_URI, FORUM_EMBEDDED_MONGO_PORT, KEYCLOAK_URL, KEYCLOAK_PUBLIC_URL,
      KEYCLOAK_PORT,
      KEYCLOAK_REALM, KEYCLOAK_CLIENT_ID, KEYCLOAK_CLIENT_SECRET, KEYCLOAK_ACCOUNTS_CLIENT_ID,
      KEYCLOAK_ACCOUNTS_CLIENT_SECRET, FORUM_DATA_DIR, FORUM_KEYCLOAK_HOME,
      FORUM_DEMO_DATA, FORUM_HTTP_INSTANCES, FORUM_MONGO_TIMEOUT_MS,
      FORUM_SMTP_HOST, FORUM_SMTP_PORT, FORUM_SMTP_FROM, FORUM_SMTP_USERNAME, FORUM_SMTP_PASSWORD,
      FORUM_DIGEST_HOUR, FORUM_CLUSTER, FORUM_CLUSTER_NAME, FORUM_CLUSTER_MEMBERS, FORUM_CLUSTER_HOST, FORUM_CLUSTER_PUBLIC_HOST,
      FORUM_CLUSTER_PORT, FORUM_UPLOAD_MB_PER_DAY, FORUM_LOG_FORMAT, FORUM_ACCESS_LOG, FORUM_MANAGEMENT_HOST,
      FORUM_MANAGEMENT_PORT);

  /** The dev realm's client secret from {@code keycloak-realm.json}: fine on a laptop, replaced in production. */
  public static final String DEV_CLIENT_SECRET = "ngo-forum-dev-secret";
  /** The dev realm's secret of the accounts client ({@code ngo-forum-accounts}), likewise. */
  public static final String DEV_ACCOUNTS_CLIENT_SECRET = "ngo-forum-accounts-dev-secret";

  /** The database name when the connection string names none. */
  public static final String DEFAULT_DATABASE = "forum";

  /** Reads the configuration of this process: environment, then system properties, then defaults. */
  public static AppConfig fromEnvironment() {
    return from(System.getenv(), System.getProperties());
  }

  /**
   * Reads a configuration from the given environment and properties.
   *
   * @throws IllegalArgumentException naming the key, when a value cannot be used
   */
  public static AppConfig from(Map<String, String> env, Properties props) {
    Function<String, String> plain = key -> {
      String value = env.get(key);
      if (isBlank(value)) {
        value = props.getProperty(key.toLowerCase().replace('_', '.'));
      }
      return isBlank(value) ? null : value.trim();
    };
    Function<String, String> secret = key -> isBlank(env.get(key)) ? null : env.get(key).trim();
    List<String> errors = new ArrayList<>();

    int httpPort = port(plain, FORUM_HTTP_PORT, 8080, errors);
    String publicUrl = stripSlash(orDefault(plain.apply(FORUM_PUBLIC_URL), "http://localhost:" + httpPort));
    if (!publicUrl.startsWith("http://") && !publicUrl.startsWith("https://")) {
      errors.add(FORUM_PUBLIC_URL + " must start with http:// or https:// (got '" + publicUrl + "')");
    }
    String mongoUri = plain.apply(MONGO_URI);
    if (mongoUri != null && !mongoUri.startsWith("mongodb://") && !mongoUri.startsWith("mongodb+srv://")) {
      errors.add(MONGO_URI + " must be a mongodb:// connection string");
    }
    int keycloakPort = port(plain, KEYCLOAK_PORT, 8180, errors);
    String keycloakUrl = plain.apply(KEYCLOAK_URL);
    String clusterHost = orDefault(plain.apply(FORUM_CLUSTER_HOST), "127.0.0.1");
    Cluster cluster = new Cluster(
        bool(plain, FORUM_CLUSTER, false, errors),
        orDefault(plain.apply(FORUM_CLUSTER_NAME), "ngo-forum"),
        members(orDefault(plain.apply(FORUM_CLUSTER_MEMBERS), "127.0.0.1:5701"), errors),
        clusterHost,
        orDefault(plain.apply(FORUM_CLUSTER_PUBLIC_HOST), clusterHost),
        port(plain, FORUM_CLUSTER_PORT, 5701, errors));
    // logback.xml reads these from the environment; a value it cannot use would leave the forum without logs.
    oneOf(env.get(FORUM_LOG_FORMAT), FORUM_LOG_FORMAT, List.of("text", "json"), errors);
    oneOf(env.get(FORUM_ACCESS_LOG), FORUM_ACCESS_LOG, List.of("INFO", "OFF"), errors);
    if (cluster.enabled() && "0.0.0.0".equals(cluster.publicHost())) {
      errors.add(FORUM_CLUSTER_PUBLIC_HOST + " must name the address other nodes reach this one at when "
          + FORUM_CLUSTER_HOST + " is 0.0.0.0");
    }
    AppConfig config = new AppConfig(
        httpPort,
        publicUrl,
        mongoUri,
        port(plain, FORUM_EMBEDDED_MONGO_PORT, 27017, errors),
        keycloakUrl == null ? null : stripSlash(keycloakUrl),
        stripSlashOrNull(plain.apply(KEYCLOAK_PUBLIC_URL)),
        keycloakPort,
        orDefault(plain.apply(KEYCLOAK_REALM), "ngo-forum"),
        orDefault(plain.apply(KEYCLOAK_CLIENT_ID), "ngo-forum"),
        orDefault(secret.apply(KEYCLOAK_CLIENT_SECRET), DEV_CLIENT_SECRET),
        orDefault(plain.apply(KEYCLOAK_ACCOUNTS_CLIENT_ID), "ngo-forum-accounts"),
        orDefault(secret.apply(KEYCLOAK_ACCOUNTS_CLIENT_SECRET), DEV_ACCOUNTS_CLIENT_SECRET),
        Path.of(orDefault(plain.apply(FORUM_DATA_DIR), "data")).toAbsolutePath().normalize(),
        Path.of(orDefault(plain.apply(FORUM_KEYCLOAK_HOME), "target/keycloak/keycloak-26.7.3"))
            .toAbsolutePath().normalize(),
        bool(plain, FORUM_DEMO_DATA, true, errors),
        positive(plain, FORUM_HTTP_INSTANCES, Math.max(1, Runtime.getRuntime().availableProcessors()), errors),
        positive(plain, FORUM_MONGO_TIMEOUT_MS, 3000, errors),
        new Smtp(plain.apply(FORUM_SMTP_HOST), port(plain, FORUM_SMTP_PORT, 25, errors),
            orDefault(plain.apply(FORUM_SMTP_FROM), "NGO Forum <no-reply@localhost>"),
            plain.apply(FORUM_SMTP_USERNAME), secret.apply(FORUM_SMTP_PASSWORD),
            whole(plain, FORUM_DIGEST_HOUR, 7, errors, 0, 23, "an hour 0-23")),
        cluster,
        positive(plain, FORUM_UPLOAD_MB_PER_DAY, 100, errors) * 1024L * 1024L,
        orDefault(plain.apply(FORUM_MANAGEMENT_HOST), "127.0.0.1"),
        port(plain, FORUM_MANAGEMENT_PORT, 9464, errors));
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("Invalid configuration: " + String.join("; ", errors));
    }
    return config;
  }

  /** The connection string of the embedded store that the forum serves when {@code MONGO_URI} is unset. */
  public String embeddedMongoUri() {
    return "mongodb://127.0.0.1:" + embeddedMongoPort + "/" + DEFAULT_DATABASE;
  }

  /** The URL of the Keycloak that the run command starts when {@code KEYCLOAK_URL} is unset. */
  public String localKeycloakUrl() {
    return "http://localhost:" + keycloakPort;
  }

  public AppConfig withMongoUri(String uri) {
    return new AppConfig(httpPort, publicUrl, uri, embeddedMongoPort, keycloakUrl, keycloakPublicUrl, keycloakPort, keycloakRealm,
        keycloakClientId, keycloakClientSecret, keycloakAccountsClientId, keycloakAccountsClientSecret, dataDir,
        keycloakHome, demoData, httpInstances, mongoTimeoutMillis,
        smtp, cluster, uploadBytesPerDay, managementHost, managementPort);
  }

  public AppConfig withKeycloakUrl(String url) {
    return new AppConfig(httpPort, publicUrl, mongoUri, embeddedMongoPort, url, keycloakPublicUrl, keycloakPort, keycloakRealm,
        keycloakClientId, keycloakClientSecret, keycloakAccountsClientId, keycloakAccountsClientSecret, dataDir,
        keycloakHome, demoData, httpInstances, mongoTimeoutMillis,
        smtp, cluster, uploadBytesPerDay, managementHost, managementPort);
  }

  /** Where the forum itself reaches the realm: the base of OpenID Connect discovery and token calls. */
  public String realmUrl() {
    return keycloakUrl + "/realms/" + keycloakRealm;
  }

  /**
   * The issuer that tokens must name: the realm as browsers reach it. It differs from {@link #realmUrl()} only
   * when the forum reaches Keycloak by an internal name (docker-compose: {@code KEYCLOAK_PUBLIC_URL}).
   */
  public String issuer() {
    return (keycloakPublicUrl == null ? keycloakUrl : keycloakPublicUrl) + "/realms/" + keycloakRealm;
  }

  /** Where Keycloak sends the browser back after sign-in. */
  public String callbackUrl() {
    return publicUrl + "/callback";
  }

  public boolean secureCookies() {
    return publicUrl.startsWith("https://");
  }

  /** Hides the secret, so that a logged configuration never leaks it. */
  @Override
  public String toString() {
    return "AppConfig[httpPort=" + httpPort + ", publicUrl=" + publicUrl + ", mongoUri="
        + (mongoUri == null ? "(embedded)" : mongoUri.replaceAll("//[^@/]*@", "//***@"))
        + ", keycloakUrl=" + (keycloakUrl == null ? "(local)" : keycloakUrl) + ", realm=" + keycloakRealm
        + ", clientId=" + keycloakClientId + ", dataDir=" + dataDir + ", httpInstances=" + httpInstances
        + ", smtp=" + smtp + ", cluster=" + cluster + ", management=" + managementHost + ":" + managementPort + "]";
  }

  private static void oneOf(String value, String key, List<String> allowed, List<String> errors) {
    if (!isBlank(value) && !allowed.contains(value.trim())) {
      errors.add(key + " must be one of " + allowed + " (got '" + value + "')");
    }
  }

  private static int port(Function<String, String> read, String key, int fallback, List<String> errors) {
    return whole(read, key, fallback, errors, 0, 65535, "a port number 0-65535");
  }

  /** A comma list of {@code host[:port]}, each checked, in the order given. */
  private static List<String> members(String value, List<String> errors) {
    List<String> members = new ArrayList<>();
    for (String member : value.split(",")) {
      String trimmed = member.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int colon = trimmed.lastIndexOf(':');
      boolean valid = colon != 0 && colon != trimmed.length() - 1;
      if (valid && colon > 0) {
        try {
          int port = Integer.parseInt(trimmed.substring(colon + 1));
          valid = port > 0 && port <= 65535;
        } catch (NumberFormatException e) {
          valid = false;
        }
      }
      if (!valid) {
        errors.add(FORUM_CLUSTER_MEMBERS + " must be a comma list of host[:port] (got '" + trimmed + "')");
      }
      members.add(trimmed);
    }
    if (members.isEmpty()) {
      errors.add(FORUM_CLUSTER_MEMBERS + " names no member");
    }
    return List.copyOf(members);
  }

  private static int positive(Function<String, String> read, String key, int fallback, List<String> errors) {
    return whole(read, key, fallback, errors, 1, Integer.MAX_VALUE, "a positive whole number");
  }

  /** The whole number at {@code key} in [{@code min}, {@code max}]; else an error saying it must be {@code what}. */
  private static int whole(Function<String, String> read, String key, int fallback, List<String> errors, int min,
      int max, String what) {
    String value = read.apply(key);
    if (value == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value);
      if (number < min || number > max) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      errors.add(key + " must be " + what + " (got '" + value + "')");
      return fallback;
    }
  }

  private static boolean bool(Function<String, String> read, String key, boolean fallback, List<String> errors) {
    String value = read.apply(key);
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase()) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> {
        errors.add(key + " must be true or false (got '" + value + "')");
        yield fallback;
      }
    };
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static String stripSlashOrNull(String url) {
    return url == null ? null : stripSlash(url);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
