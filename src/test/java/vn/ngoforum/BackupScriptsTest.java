package vn.ngoforum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose stack's backup and restore scripts ({@code deploy/backup.sh}, {@code deploy/restore.sh}).
 *
 * <p>Docker is not available where the tests run, so the scripts run against a stand-in {@code docker} first on the
 * {@code PATH}: it records every call (and what a restore feeds it) and answers the dumps with known bytes. What is
 * checked is what the scripts ask of the stack — the services, users, databases and credentials of
 * {@code docker-compose.yml}, in an order that is safe — and what they do with the answers: a dated, complete,
 * checksummed directory, and a restore that feeds exactly those bytes back. That the real {@code mongodump} and
 * {@code pg_dump} accept these options is for a run against a real stack (README: "Backups", how to test a restore).
 */
class BackupScriptsTest {

  private static final Path BACKUP = Path.of("deploy/backup.sh");
  private static final Path RESTORE = Path.of("deploy/restore.sh");
  private static final String MONGO_ARCHIVE = "mongodump archive bytes";
  private static final String PG_DUMP = "pg_dump custom-format bytes";
  /** Records its arguments (one call a line) in $DOCKER_LOG; a restore's input goes to the log as "stdin: ...". */
  private static final String STAND_IN = """
      #!/usr/bin/env bash
      echo "docker $*" >> "$DOCKER_LOG"
      case "$*" in
        *"${DOCKER_FAIL:-no failure asked}"*) exit 1 ;;
        *mongodump*) printf '%s' '%MONGO%' ;;
        *pg_dump*) printf '%s' '%PG%' ;;
        *"mongod --version"*) echo 'db version v7.0.14' ;;
        *"postgres --version"*) echo 'postgres (PostgreSQL) 16.4' ;;
        *mongorestore*) echo "stdin: $(cat)" >> "$DOCKER_LOG" ;;
        "compose cp "*) echo "copied: $(cat "$3")" >> "$DOCKER_LOG" ;;
      esac
      """.replace("%MONGO%", MONGO_ARCHIVE).replace("%PG%", PG_DUMP);

  private static Map<String, Object> services;

  @BeforeAll
  static void readCompose() throws IOException {
    try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
      Map<String, Object> compose = new Yaml().load(reader);
      services = map(compose.get("services"));
    }
  }

  @Test
  @DisplayName("the scripts are executable bash that parses (bash -n)")
  void scriptsParse() throws Exception {
    for (Path script : List.of(BACKUP, RESTORE)) {
      assertTrue(Files.isExecutable(script), script + " is executable");
      assertTrue(Files.readString(script).startsWith("#!/usr/bin/env bash\n"), script + " is a bash script");
      assertTrue(Files.readString(script).contains("\nset -euo pipefail\n"), script + " stops on the first failure");
      Run run = run(List.of("bash", "-n", script.toString()), Map.of(), null);
      assertEquals(0, run.exitCode(), script + ": " + run.output());
    }
  }

  @Test
  @DisplayName("backup.sh dumps MongoDB and PostgreSQL with the compose file's users into a dated, checksummed directory")
  void backup(@TempDir Path work) throws Exception {
    Path root = work.resolve("backups");
    Run run = runScript(work, List.of(BACKUP.toString(), root.toString()), Map.of());

    assertEquals(0, run.exitCode(), run.output());
    Path made = onlyEntry(root);
    assertTrue(made.getFileName().toString().matches("\\d{8}-\\d{6}Z"), "named for the UTC time: " + made);
    assertEquals(MONGO_ARCHIVE, Files.readString(made.resolve("mongo-forum.archive.gz")));
    assertEquals(PG_DUMP, Files.readString(made.resolve("keycloak.dump")));
    assertTrue(Files.readString(made.resolve("manifest.txt")).contains("db version v7.0.14"));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)),
        "personal data: the owner's only");
    Run check = run(List.of("sha256sum", "--check", "SHA256SUMS"), Map.of(), made);
    assertEquals(0, check.exitCode(), check.output());

    List<String> calls = calls(work);
    String mongodump = only(calls, "mongodump");
    assertTrue(mongodump.startsWith("docker compose exec -T mongo sh -c "), mongodump);
    assertUsesMongoRootUser(mongodump);
    assertTrue(mongodump.contains("--db " + forumDatabase()), "the forum's database: " + mongodump);
    assertTrue(mongodump.contains("--archive --gzip"), mongodump);
    String pgDump = only(calls, "pg_dump");
    assertEquals("docker compose exec -T keycloak-db pg_dump --username " + keycloakDb("POSTGRES_USER")
        + " --dbname " + keycloakDb("POSTGRES_DB") + " --format=custom", pgDump);
    assertFalse(calls.stream().anyMatch(call -> call.contains(" stop ")), "the forum keeps serving: " + calls);
  }

  @Test
  @DisplayName("backup.sh --stop-forum stops every forum node for the dump and starts them again, also when it fails")
  void stopForum(@TempDir Path work) throws Exception {
    String nodes = String.join(" ", forumNodes());
    Run ok = runScript(work, List.of(BACKUP.toString(), "--stop-forum", work.resolve("ok").toString()), Map.of());

    assertEquals(0, ok.exitCode(), ok.output());
    List<String> calls = calls(work);
    assertOrder(calls, "docker compose stop " + nodes, "mongodump", "docker compose start " + nodes);

    Files.delete(work.resolve("docker.log"));
    Path failed = work.resolve("failed");
    Run failing = runScript(work, List.of(BACKUP.toString(), "--stop-forum", failed.toString()),
        Map.of("DOCKER_FAIL", "mongodump"));

    assertNotEquals(0, failing.exitCode(), failing.output());
    assertTrue(calls(work).contains("docker compose start " + nodes), "the forum is started again: " + calls(work));
    assertTrue(onlyEntry(failed).getFileName().toString().endsWith(".part"), "an unfinished backup says so");
  }

  @Test
  @DisplayName("restore.sh checks the backup, removes the forum nodes, stops Keycloak, feeds both dumps back, starts all")
  void restore(@TempDir Path work) throws Exception {
    Run backup = runScript(work, List.of(BACKUP.toString(), work.resolve("backups").toString()), Map.of());
    assertEquals(0, backup.exitCode(), backup.output());
    Path made = onlyEntry(work.resolve("backups"));
    Files.delete(work.resolve("docker.log"));

    Run unconfirmed = runScript(work, List.of(RESTORE.toString(), made.toString()), Map.of());
    assertEquals(2, unconfirmed.exitCode(), "asks for --yes: " + unconfirmed.output());
    assertTrue(calls(work).isEmpty(), "nothing was done: " + calls(work));

    Run run = runScript(work, List.of(RESTORE.toString(), made.toString(), "--yes"), Map.of());

    assertEquals(0, run.exitCode(), run.output());
    List<String> calls = calls(work);
    String mongorestore = only(calls, "mongorestore");
    assertUsesMongoRootUser(mongorestore);
    assertTrue(mongorestore.contains("--nsInclude \"" + forumDatabase() + ".*\" --drop --archive --gzip"),
        mongorestore);
    String pgRestore = only(calls, "pg_restore");
    assertTrue(pgRestore.startsWith("docker compose exec -T keycloak-db pg_restore --username "
        + keycloakDb("POSTGRES_USER") + " --dbname " + keycloakDb("POSTGRES_DB") + " --clean"), pgRestore);
    assertOrder(calls, "docker compose rm --stop --force " + String.join(" ", forumNodes()),
        "docker compose stop keycloak",
        "docker compose up -d --wait mongo keycloak-db", "mongorestore", "stdin: " + MONGO_ARCHIVE,
        "copied: " + PG_DUMP, "pg_restore", "docker compose up -d");
  }

  @Test
  @DisplayName("restore.sh refuses a backup whose files do not match their checksums, before touching the stack")
  void restoreChecksums(@TempDir Path work) throws Exception {
    Run backup = runScript(work, List.of(BACKUP.toString(), work.resolve("backups").toString()), Map.of());
    assertEquals(0, backup.exitCode(), backup.output());
    Path made = onlyEntry(work.resolve("backups"));
    Files.writeString(made.resolve("keycloak.dump"), "damaged");
    Files.delete(work.resolve("docker.log"));

    Run run = runScript(work, List.of(RESTORE.toString(), made.toString(), "--yes"), Map.of());

    assertNotEquals(0, run.exitCode(), run.output());
    assertTrue(calls(work).isEmpty(), "the stack was not touched: " + calls(work));
  }

  /** Logs in as the mongo container's root user, by the variables the compose file gives the container. */
  private static void assertUsesMongoRootUser(String call) {
    Map<String, Object> env = map(map(services.get("mongo")).get("environment"));
    assertTrue(env.containsKey("MONGO_INITDB_ROOT_USERNAME") && env.containsKey("MONGO_INITDB_ROOT_PASSWORD"),
        "the compose file gives the mongo container its root user: " + env.keySet());
    assertTrue(call.contains("--username \"$MONGO_INITDB_ROOT_USERNAME\" --password \"$MONGO_INITDB_ROOT_PASSWORD\""
        + " --authenticationDatabase admin"), "the container's own credentials, expanded inside it: " + call);
  }

  /** The database of the forum's MONGO_URI in the compose file. */
  private static String forumDatabase() {
    String uri = String.valueOf(map(map(services.get(forumNodes().get(0))).get("environment")).get("MONGO_URI"));
    return URI.create(uri.replaceAll("\\$\\{[^}]*}", "x")).getPath().substring(1);
  }

  private static String keycloakDb(String key) {
    return String.valueOf(map(map(services.get("keycloak-db")).get("environment")).get(key));
  }

  private static List<String> forumNodes() {
    return services.keySet().stream().filter(name -> name.matches("forum-\\d+")).sorted().toList();
  }

  private static void assertOrder(List<String> calls, String... expected) {
    int from = 0;
    for (String step : expected) {
      int at = -1;
      for (int i = from; i < calls.size(); i++) {
        if (calls.get(i).equals(step) || calls.get(i).contains(step) && !step.startsWith("docker ")) {
          at = i;
          break;
        }
      }
      assertTrue(at >= 0, "'" + step + "' after the calls before it, in:\n" + String.join("\n", calls));
      from = at + 1;
    }
  }

  private static String only(List<String> calls, String command) {
    List<String> found = calls.stream().filter(call -> call.contains(command) && call.startsWith("docker ")).toList();
    assertEquals(1, found.size(), command + " once: " + calls);
    return found.get(0);
  }

  private static Path onlyEntry(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      List<Path> all = entries.toList();
      assertEquals(1, all.size(), "one entry in " + dir + ": " + all);
      return all.get(0);
    }
  }

  private static List<String> calls(Path work) throws IOException {
    Path log = work.resolve("docker.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private record Run(int exitCode, String output) {
  }

  /** Runs {@code command} with the stand-in docker first on the PATH. */
  private static Run runScript(Path work, List<String> command, Map<String, String> env) throws Exception {
    Path bin = Files.createDirectories(work.resolve("bin"));
    Path docker = bin.resolve("docker");
    if (!Files.exists(docker)) {
      Files.writeString(docker, STAND_IN);
      Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwx------"));
    }
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("PATH", bin + ":" + System.getenv("PATH"));
    all.put("DOCKER_LOG", work.resolve("docker.log").toString());
    return run(command, all, null);
  }

  private static Run run(List<String> command, Map<String, String> env, Path dir) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    builder.environment().putAll(env);
    if (dir != null) {
      builder.directory(dir.toFile());
    }
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(command + " did not end in a minute");
    }
    return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertTrue(value instanceof Map, "a mapping: " + value);
    return (Map<String, Object>) value;
  }
}
