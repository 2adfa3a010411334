package vn.ngoforum;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.cluster.ClusterNode;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.db.EmbeddedMongo;
import vn.ngoforum.db.StoreBackup;
import vn.ngoforum.db.StoreCompaction;
import vn.ngoforum.db.UnopenableStoreException;
import vn.ngoforum.dev.LocalKeycloak;
import vn.ngoforum.dev.RealmMail;

/**
 * Starts the whole forum: {@code mvn compile exec:java}, or {@code java -jar target/ngo-forum-*-all.jar}.
 *
 * <p>With {@code MONGO_URI} unset it serves the embedded MongoDB-compatible store (data under
 * {@code FORUM_DATA_DIR}); with {@code KEYCLOAK_URL} unset it starts the local Keycloak that the build unpacked,
 * importing {@code keycloak-realm.json}. With {@code FORUM_CLUSTER=true} it joins the other forum nodes (see
 * {@link ClusterNode}). Ctrl-C (or SIGTERM) stops the forum, then closes the embedded store, then stops the local
 * Keycloak.
 *
 * <p>{@code backup} and {@code restore <file>} (as {@code -Dexec.args=...}, or after the jar) back up the embedded
 * store and restore a backup instead of starting the forum: see {@link StoreBackup}.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final Duration KEYCLOAK_START_TIMEOUT = Duration.ofMinutes(5);

  private Main() {
  }

  public static void main(String[] args) {
    if (args.length > 0) {
      System.exit(command(args));
    }
    Deque<AutoCloseable> started = new ArrayDeque<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(started), "forum-shutdown"));
    try {
      AppConfig config = AppConfig.fromEnvironment();
      if (config.mongoUri() == null) {
        EmbeddedMongo store = EmbeddedMongo.start(config.dataDir().resolve(EmbeddedMongo.STORE_FILE),
            config.embeddedMongoPort());
        started.push(store);
        config = config.withMongoUri(config.embeddedMongoUri());
      }
      if (config.keycloakUrl() == null) {
        config = config.withKeycloakUrl(startLocalKeycloak(config, started));
        applyRealmMail(config);
      }
      Vertx vertx = ClusterNode.start(config.cluster())
          .toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
      started.push(() -> vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
      vertx.deployVerticle(new MainVerticle(config))
          .toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
      // One record a line: the log escapes line breaks inside a record (see logback.xml).
      String rule = "==============================================================";
      LOG.info(rule);
      LOG.info("  NGO Forum is running: {}", config.publicUrl());
      LOG.info("  Demo accounts (dev realm only), password forum-demo:");
      LOG.info("    admin · moderator · member · attendee");
      LOG.info("  Keycloak: {}   Data: {}", config.keycloakUrl(), config.dataDir());
      LOG.info("  Press Ctrl-C to stop.");
      LOG.info(rule);
    } catch (UnopenableStoreException e) {
      // The message says what happened and what to do; H2's words are in it, its stack trace would bury it.
      // One record a line: the log escapes line breaks inside a record (see logback.xml).
      LOG.error("The forum could not start.");
      e.getMessage().lines().forEach(line -> LOG.error("  {}", line));
      stopAll(started);
      System.exit(1);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null && e instanceof java.util.concurrent.ExecutionException
          ? e.getCause() : e;
      LOG.error("The forum could not start: {}", cause.getMessage(), cause);
      stopAll(started);
      System.exit(1);
    }
  }

  /**
   * {@code backup}: a backup of the embedded store, while the forum runs or not; {@code restore <file>}: a backup
   * into a fresh {@code FORUM_DATA_DIR}; {@code compact}: the stopped store's file compacted (README: "The embedded
   * store").
   *
   * @return the exit status
   */
  static int command(String[] args) {
    try {
      AppConfig config = AppConfig.fromEnvironment();
      if (args[0].equals("backup") && args.length == 1) {
        if (inMongoUri(config, "Back it up with mongodump (README: \"Backups\", deploy/backup.sh).")) {
          return 2;
        }
        Path written = StoreBackup.backup(config.dataDir().resolve(EmbeddedMongo.STORE_FILE),
            config.embeddedMongoPort());
        LOG.info("Backup of the embedded store written: {}", written);
        LOG.info("Copy it off this machine; restore it with: restore {}", written);
        return 0;
      }
      if (args[0].equals("restore") && args.length == 2) {
        Path file = StoreBackup.restore(Path.of(args[1]), config.dataDir());
        LOG.info("Restored {} as {}: the forum started with FORUM_DATA_DIR={} serves it", args[1], file,
            config.dataDir());
        return 0;
      }
      if (args[0].equals("compact") && args.length == 1) {
        if (inMongoUri(config, "MongoDB manages its own files (its compact command).")) {
          return 2;
        }
        StoreCompaction.Result done = StoreCompaction.compact(config.dataDir().resolve(EmbeddedMongo.STORE_FILE));
        LOG.info("Compacted the embedded store {}", done);
        return 0;
      }
      LOG.error("Unknown command {}: the forum takes no argument, or \"backup\", or \"restore <backup file>\", or"
          + " \"compact\"", String.join(" ", args));
      return 2;
    } catch (RuntimeException e) {
      // One record a line: the log escapes line breaks inside a record (see logback.xml).
      LOG.error("The {} failed:", args[0]);
      String.valueOf(e.getMessage()).lines().forEach(line -> LOG.error("  {}", line));
      return 1;
    }
  }

  /** Says so, with what to do {@code instead}, when the forum's data is in MONGO_URI's MongoDB, not the store. */
  private static boolean inMongoUri(AppConfig config, String instead) {
    if (config.mongoUri() == null) {
      return false;
    }
    LOG.error("MONGO_URI is set: the forum's data is in that MongoDB. {}", instead);
    return true;
  }

  private static String startLocalKeycloak(AppConfig config, Deque<AutoCloseable> started) throws IOException {
    String url = config.localKeycloakUrl();
    if (LocalKeycloak.realmAnswers(url, config.keycloakRealm())) {
      LOG.info("Using the Keycloak already running on {}", url);
      return url;
    }
    Path realmFile = Path.of("keycloak-realm.json");
    if (!Files.exists(realmFile)) {
      throw new IllegalStateException("keycloak-realm.json not found in " + Path.of("").toAbsolutePath()
          + ": run the forum from the project directory, or set KEYCLOAK_URL");
    }
    JsonObject realm = new JsonObject(Files.readString(realmFile));
    LocalKeycloak keycloak = LocalKeycloak.start(config.keycloakHome(), config.keycloakPort(), realm,
        config.dataDir().resolve("keycloak"), KEYCLOAK_START_TIMEOUT);
    // Stopped last, after the store: Keycloak may take up to 40 s to stop, and the store should close (its last
    // commit, the file marked clean) right after the forum stops serving, before anything can kill the process.
    started.addLast(keycloak);
    return keycloak.url();
  }

  /**
   * Gives the local realm the forum's mail server, so that Keycloak can send password-reset and verification
   * e-mails (see {@link RealmMail}). A Keycloak that refuses (another administrator than the dev one) keeps its own
   * settings: the forum runs anyway.
   */
  private static void applyRealmMail(AppConfig config) {
    try {
      RealmMail.apply(config.keycloakUrl(), config.keycloakRealm(), LocalKeycloak.adminUsername(),
          LocalKeycloak.adminPassword(), config.smtp());
      if (config.smtp().enabled()) {
        LOG.info("Keycloak sends password-reset and address-verification e-mails through {}", config.smtp());
      } else {
        LOG.info("No FORUM_SMTP_HOST: Keycloak offers no password reset and asks no address verification");
      }
    } catch (RuntimeException e) {
      LOG.warn("The local realm keeps its own mail settings: {}", e.getMessage());
    }
  }

  private static synchronized void stopAll(Deque<AutoCloseable> started) {
    while (!started.isEmpty()) {
      AutoCloseable resource = started.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("While stopping: {}", e.toString());
      }
    }
  }
}
