package vn.ngoforum.cluster;

import java.io.File;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import vn.ngoforum.Main;
import vn.ngoforum.config.AppConfig;

/**
 * One forum node in a JVM of its own, started the way the run command starts it ({@link Main}) with the given
 * settings as environment variables; its output goes to {@code target/cluster-nodes/<name>.log}.
 *
 * <p>A separate JVM, because that is what a node is: killing it ({@link #kill()}: SIGKILL on Linux) takes its
 * Hazelcast member, its event-bus connections and its sockets away at once, with no goodbye.
 */
final class ForumNode implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  /** What Hazelcast asks for on Java 9+ (it warns without them): access to a few JDK internals it tunes with. */
  private static final List<String> HAZELCAST_JVM_ARGS = List.of("--add-modules", "java.se",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private ForumNode(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** Starts a node serving HTTP on {@code port}; returns once it answers {@code /health} with 200. */
  static ForumNode start(String name, int port, Map<String, String> settings) {
    Path log = Path.of("target/cluster-nodes", name + ".log").toAbsolutePath();
    List<String> command = new java.util.ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC"));
    command.addAll(HAZELCAST_JVM_ARGS);
    command.addAll(List.of("-cp", testClassPath(), Main.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(key -> AppConfig.KEYS.contains(key));
    builder.environment().putAll(settings);
    builder.environment().put(AppConfig.FORUM_HTTP_PORT, String.valueOf(port));
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    try {
      Files.createDirectories(log.getParent());
      ForumNode node = new ForumNode(name, port, builder.start(), log);
      node.awaitHealthy();
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  String url() {
    return "http://localhost:" + port;
  }

  /** Kills the node at once (SIGKILL): no shutdown hook, no leaving the cluster in order. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the node in order (SIGTERM: its shutdown hook leaves the cluster). */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  private void awaitHealthy() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Node " + name + " exited with " + process.exitValue() + "; see " + log);
      }
      if (healthStatus() == 200) {
        return;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    kill();
    throw new IllegalStateException("Node " + name + " did not serve within " + START_TIMEOUT + "; see " + log);
  }

  private int healthStatus() {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/health")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * The class path of this test run, which holds the forum and all its libraries. Surefire may start tests from a
   * manifest-only jar, so {@code java.class.path} is not to be trusted alone: it publishes the real path as
   * {@code surefire.test.class.path}.
   */
  private static String testClassPath() {
    String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> entries = Arrays.asList(path.split(File.pathSeparator));
    if (entries.stream().noneMatch(entry -> entry.contains("vertx-core"))) {
      throw new IllegalStateException("No usable class path for a forum node: " + path);
    }
    return path;
  }
}
