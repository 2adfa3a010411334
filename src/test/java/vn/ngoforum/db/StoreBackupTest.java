package vn.ngoforum.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.ngoforum.support.ForumUnderTest.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.ngoforum.Main;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.support.MainProcess;
import vn.ngoforum.support.MainProcess.Run;
import vn.ngoforum.support.TestServers;

/**
 * A backup of the embedded store, made while another process serves it (as the forum does) and while writes go on,
 * restores into a fresh data directory where the store, started on it, serves every document and upload that was
 * acknowledged before the backup began; the run command's {@code backup} and {@code restore} do the same.
 */
@ExtendWith(VertxExtension.class)
class StoreBackupTest {

  @Test
  @DisplayName("a backup made while the store serves and writes go on restores every acknowledged document and file")
  void backupWhileServing(Vertx vertx, @TempDir Path dir, @TempDir Path fresh) throws Exception {
    Path file = dir.resolve(EmbeddedMongo.STORE_FILE);
    byte[] upload = "Biên bản họp · minutes of the meeting\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
    Path uploadFile = Files.write(dir.resolve("minutes.txt"), upload);
    try (StoreProcess forum = StoreProcess.start(file, dir.resolve("store.log"))) {
      MongoClient mongo = MongoClient.create(vertx,
          new JsonObject().put("connection_string", "mongodb://127.0.0.1:" + forum.port() + "/forum"));
      ForumContent.write(mongo, uploadFile);
      // Writes go on while the backup is made: all those acknowledged before it began must be in it.
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicInteger acknowledged = new AtomicInteger();
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        for (int i = 0; writing.get(); i++) {
          await(mongo.insert("posts", new JsonObject().put("_id", "p" + i).put("body", "Bài " + i)));
          acknowledged.incrementAndGet();
        }
      });
      while (acknowledged.get() < 20) {
        assertFalse(writer.isDone(), "the writer runs");
        Thread.onSpinWait();
      }
      int before = acknowledged.get();

      Path backup = StoreBackup.backup(file, forum.port());

      writing.set(false);
      writer.get(1, TimeUnit.MINUTES);
      await(mongo.close());
      assertEquals(dir.resolve(StoreBackup.BACKUPS), backup.getParent(), "the backup is beside the store");
      assertTrue(backup.getFileName().toString().matches("forum-store-\\d{8}-\\d{6}Z\\.zip"), backup.toString());
      assertEquals(List.of(backup), filesIn(backup.getParent()), "only the finished backup is left");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)),
          "personal data: the owner's only");

      Path restored = StoreBackup.restore(backup, fresh);

      assertEquals(fresh.resolve(EmbeddedMongo.STORE_FILE), restored);
      ForumContent.assertIn(vertx, restored, uploadFile, upload);
      assertRestoredPosts(vertx, restored, before);
    }
  }

  @Test
  @DisplayName("the run command's backup, while the forum runs, and restore into a fresh FORUM_DATA_DIR")
  void runCommand(Vertx vertx, @TempDir Path dir, @TempDir Path fresh) throws Exception {
    Path file = dir.resolve(EmbeddedMongo.STORE_FILE);
    Path uploadFile = Files.writeString(dir.resolve("agenda.txt"), "Chương trình · agenda");
    Path backup;
    try (StoreProcess forum = StoreProcess.start(file, dir.resolve("store.log"))) {
      MongoClient mongo = MongoClient.create(vertx,
          new JsonObject().put("connection_string", "mongodb://127.0.0.1:" + forum.port() + "/forum"));
      ForumContent.write(mongo, uploadFile);
      await(mongo.close());

      Run run = runMain(dir, forum.port(), "backup");

      assertEquals(0, run.exitCode(), run.output());
      backup = Path.of(run.output().lines().filter(line -> line.contains("Backup of the embedded store written: "))
          .map(line -> line.substring(line.indexOf("written: ") + "written: ".length()).trim()).findFirst()
          .orElseThrow(() -> new AssertionError("no backup named in:\n" + run.output())));
      assertTrue(Files.isRegularFile(backup), run.output());
    }

    Run restore = runMain(fresh, TestServers.freePort(), "restore", backup.toString());

    assertEquals(0, restore.exitCode(), restore.output());
    ForumContent.assertIn(vertx, fresh.resolve(EmbeddedMongo.STORE_FILE), uploadFile, Files.readAllBytes(uploadFile));
  }

  @Test
  @DisplayName("with no forum running the backup opens the store itself; a restore never goes over a store or index")
  void stoppedStoreAndNoOverwrite(Vertx vertx, @TempDir Path dir, @TempDir Path other) throws Exception {
    Path file = dir.resolve(EmbeddedMongo.STORE_FILE);
    Path uploadFile = Files.writeString(dir.resolve("agenda.txt"), "Chương trình · agenda");
    ForumContent.writeInto(vertx, file, uploadFile);

    Path backup = StoreBackup.backup(file, TestServers.freePort());

    Path existing = Files.writeString(other.resolve(EmbeddedMongo.STORE_FILE), "a store already here");
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> StoreBackup.restore(backup, other));
    assertTrue(refused.getMessage().contains("fresh FORUM_DATA_DIR"), refused.getMessage());
    assertEquals("a store already here", Files.readString(existing), "the store there is untouched");
    Files.delete(existing);
    Path index = Files.createDirectories(other.resolve("search-8080"));
    refused = assertThrows(IllegalStateException.class, () -> StoreBackup.restore(backup, other));
    assertTrue(refused.getMessage().contains("search indexes"), refused.getMessage());
    assertFalse(Files.exists(other.resolve(EmbeddedMongo.STORE_FILE)), "nothing restored");
    Files.delete(index);
    ForumContent.assertIn(vertx, StoreBackup.restore(backup, other), uploadFile, Files.readAllBytes(uploadFile));
  }

  /**
   * The posts in the restored store are those of one moment: every post acknowledged before the backup began, and
   * after them, with no gap, those the backup caught (the writer wrote them one after the other).
   */
  private static void assertRestoredPosts(Vertx vertx, Path file, int acknowledgedBefore) {
    EmbeddedMongo store = EmbeddedMongo.start(file, 0);
    try {
      MongoClient mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", store.uri("forum")));
      int restored = await(mongo.count("posts", new JsonObject())).intValue();
      assertTrue(restored >= acknowledgedBefore, restored + " posts restored, " + acknowledgedBefore
          + " acknowledged before the backup began");
      for (int i = 0; i < restored; i++) {
        assertEquals(1L, await(mongo.count("posts", new JsonObject().put("_id", "p" + i))),
            "post p" + i + " of the " + restored + " restored");
      }
      await(mongo.close());
    } finally {
      store.close();
    }
  }

  /** Runs {@link Main} with {@code args}, its data in {@code dataDir}, until it exits. */
  private static Run runMain(Path dataDir, int storePort, String... args) throws IOException, InterruptedException {
    return MainProcess.run(Map.of(AppConfig.FORUM_DATA_DIR, dataDir.toString(),
        AppConfig.FORUM_EMBEDDED_MONGO_PORT, String.valueOf(storePort)), args);
  }

  private static List<Path> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
