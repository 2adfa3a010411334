package vn.ngoforum.dev;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Keycloak server from the official distribution that the build unpacks under {@code target/keycloak}, run in
 * development mode for the run command and the tests. Production uses its own Keycloak ({@code KEYCLOAK_URL}).
 *
 * <p>It imports the given realm on first start (Keycloak skips a realm that exists), keeps its H2 database in
 * the given directory, writes its output to a log file instead of the console, and is stopped with the JVM.
 */
public final class LocalKeycloak implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalKeycloak.class);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static final String ADMIN_USERNAME_VARIABLE = "KC_BOOTSTRAP_ADMIN_USERNAME";
  private static final String ADMIN_PASSWORD_VARIABLE = "KC_BOOTSTRAP_ADMIN_PASSWORD";
  private static final String DEFAULT_ADMIN_USERNAME = "keycloak-admin";
  private static final String DEFAULT_ADMIN_PASSWORD = "forum-demo";

  private final Process process;
  private final String url;

  private LocalKeycloak(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /**
   * Starts Keycloak and waits until the realm answers.
   *
   * @param home      the unpacked distribution ({@code bin/kc.sh} and {@code bin/kc.bat} inside)
   * @param port      HTTP port
   * @param realm     the realm representation to import
   * @param stateDir  where Keycloak keeps its database (and this launcher its log file)
   * @param timeout   how long to wait for the realm before giving up
   */
  public static LocalKeycloak start(Path home, int port, JsonObject realm, Path stateDir, Duration timeout) {
    boolean windows = isWindows(System.getProperty("os.name", ""));
    Path script = script(home, windows);
    if (!Files.isRegularFile(script) || !windows && !Files.isExecutable(script)) {
      throw new IllegalStateException("No Keycloak distribution at " + home + ". The build unpacks it: run "
          + "'mvn compile exec:java' from the project directory, or set KEYCLOAK_URL to use your own Keycloak.");
    }
    String realmName = realm.getString("realm");
    String url = "http://localhost:" + port;
    Path log = stateDir.resolve("keycloak.log");
    try {
      Files.createDirectories(stateDir);
      Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
      // Keycloak's directory import wants the file named <realm>-realm.json.
      Files.writeString(imports.resolve(realmName + "-realm.json"), realm.encodePrettily());
      ProcessBuilder builder = new ProcessBuilder(command(home, port, windows))
          .directory(home.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Map<String, String> env = builder.environment();
      env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
      // The dev H2 database lives beside the forum's data, not inside target/ (which "mvn clean" wipes).
      env.put("JAVA_OPTS_APPEND", javaOption("kc.db-url-path", stateDir.toAbsolutePath().toString()));
      // The master realm's admin for the admin console (dev only, created on the very first start).
      env.putIfAbsent(ADMIN_USERNAME_VARIABLE, DEFAULT_ADMIN_USERNAME);
      env.putIfAbsent(ADMIN_PASSWORD_VARIABLE, DEFAULT_ADMIN_PASSWORD);
      LOG.info("Starting Keycloak on {} (log: {}); the first start takes about a minute", url, log);
      Process process = builder.start();
      LocalKeycloak keycloak = new LocalKeycloak(process, url);
      keycloak.awaitRealm(realmName, timeout, log);
      return keycloak;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Keycloak from " + home, e);
    }
  }

  /**
   * The command that starts Keycloak in development mode on {@code port}: {@code bin/kc.bat} through
   * {@code cmd /c} on Windows (a batch file is not a program Windows can start by itself), {@code bin/kc.sh}
   * elsewhere (Linux, macOS). The same options for both ({@code kc.bat} takes "name=value" apart at the "=", as
   * cmd does, and puts it together again for Keycloak).
   */
  static List<String> command(Path home, int port, boolean windows) {
    List<String> command = new ArrayList<>();
    if (windows) {
      command.addAll(List.of("cmd.exe", "/c"));
    }
    command.addAll(List.of(script(home, windows).toString(), "start-dev", "--http-port=" + port,
        "--import-realm"));
    return command;
  }

  /** Whether {@code osName} (the {@code os.name} system property) is a Windows: "Windows 11", "Windows Server 2022". */
  static boolean isWindows(String osName) {
    return osName.toLowerCase(Locale.ROOT).startsWith("windows");
  }

  /**
   * {@code -Dname=value} as one word of {@code JAVA_OPTS_APPEND}, quoted when the value holds a space ("C:\Users\Lan
   * Nguyen\..."): both scripts split that variable at spaces and keep what is quoted together (kc.sh through
   * xargs, kc.bat by cmd's own rules).
   */
  static String javaOption(String name, String value) {
    String option = "-D" + name + "=" + value;
    return value.chars().anyMatch(Character::isWhitespace) ? '"' + option + '"' : option;
  }

  private static Path script(Path home, boolean windows) {
    return home.resolve("bin").resolve(windows ? "kc.bat" : "kc.sh");
  }

  /** Whether a Keycloak at {@code url} already serves {@code realm} (e.g. one left from an earlier run). */
  public static boolean realmAnswers(String url, String realm) {
    try {
      HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(
              url + "/realms/" + realm + "/.well-known/openid-configuration"))
          .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public String url() {
    return url;
  }

  /**
   * The master realm's administrator of a local Keycloak (made on its very first start): the
   * {@code KC_BOOTSTRAP_ADMIN_USERNAME} of this process when set, else {@code keycloak-admin}.
   */
  public static String adminUsername() {
    return orDefault(System.getenv(ADMIN_USERNAME_VARIABLE), DEFAULT_ADMIN_USERNAME);
  }

  /** That administrator's password: {@code KC_BOOTSTRAP_ADMIN_PASSWORD} when set, else {@code forum-demo}. */
  public static String adminPassword() {
    return orDefault(System.getenv(ADMIN_PASSWORD_VARIABLE), DEFAULT_ADMIN_PASSWORD);
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private void awaitRealm(String realm, Duration timeout, Path log) {
    Instant deadline = Instant.now().plus(timeout);
    while (!realmAnswers(url, realm)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak stopped while starting (exit code " + process.exitValue()
            + "); see " + log);
      }
      if (Instant.now().isAfter(deadline)) {
        close();
        throw new IllegalStateException("Keycloak did not serve realm " + realm + " within " + timeout
            + "; see " + log);
      }
      try {
        process.waitFor(500, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
      }
    }
    LOG.info("Keycloak is serving realm {} on {}", realm, url);
  }

  /** Stops Keycloak: politely first (it forwards SIGTERM to its JVM), then by force. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      for (ProcessHandle child : children) {
        child.onExit().get(20, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      children.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
