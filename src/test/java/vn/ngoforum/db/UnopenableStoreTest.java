package vn.ngoforum.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.ngoforum.support.ForumUnderTest.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * A store file the embedded store cannot open stops the forum with what happened and how to recover, and the forum
 * never starts an empty store over it: the file keeps every byte. Each case runs the forum the way the run command
 * does ({@link Main}, in a JVM of its own, with {@code MONGO_URI} unset).
 */
@ExtendWith(VertxExtension.class)
class UnopenableStoreTest {

  private static final String STORE_FILE = "forum-store.mv";

  @Test
  @DisplayName("a store file H2 cannot read stops the forum with how to recover, and keeps every byte")
  void corruptHeader(Vertx vertx, @TempDir Path dir) throws Exception {
    Path file = storeWithData(vertx, dir);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write(new byte[2 * 4096]);
    }
    byte[] before = Files.readAllBytes(file);

    Run run = runForum(dir);

    assertStoppedAndKept(run, file, before, dir, file.toString(), "move it aside");
  }

  @Test
  @DisplayName("a store file whose data is gone stops the forum (H2 alone would open it empty) and keeps every byte")
  void damagedData(Vertx vertx, @TempDir Path dir) throws Exception {
    Path file = storeWithData(vertx, dir);
    // Everything after H2's two header blocks zeroed: no chunk of any version is left. (Damage to one block is not
    // a fixed case: H2 then often falls back to an older version and opens, which is its way to recover.)
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(2 * 4096);
      raf.write(new byte[(int) raf.length() - 2 * 4096]);
    }
    byte[] before = Files.readAllBytes(file);

    Run run = runForum(dir);

    assertStoppedAndKept(run, file, before, dir, "is damaged");
  }

  @Test
  @DisplayName("a store file another process holds stops the forum with a message saying so, and its data stays")
  void lockedByAnotherProcess(Vertx vertx, @TempDir Path dir) throws Exception {
    Path file = storeWithData(vertx, dir);
    try (StoreProcess holder = StoreProcess.start(file, dir.resolve("holder.log"))) {
      Run run = runForum(dir);

      assertNotEquals(0, run.exitCode(), "the forum did not start:\n" + run.output());
      assertTrue(run.output().contains("cannot be opened"), run.output());
      assertTrue(run.output().contains("in use by another process"), run.output());
      assertTrue(run.output().contains(file.toString()), "names the file:\n" + run.output());
      MongoClient mongo = MongoClient.create(vertx, new JsonObject()
          .put("connection_string", "mongodb://127.0.0.1:" + holder.port() + "/forum"));
      assertEquals(3L, await(mongo.count("notes", new JsonObject())), "the holder still serves the data");
      await(mongo.close());
    }
  }

  /** A store in {@code dir} with three documents, written and closed in order; answers its file. */
  private static Path storeWithData(Vertx vertx, Path dir) {
    Path file = dir.resolve(STORE_FILE);
    EmbeddedMongo store = EmbeddedMongo.start(file, 0);
    try {
      MongoClient mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", store.uri("forum")));
      for (int i = 0; i < 3; i++) {
        await(mongo.insert("notes", new JsonObject().put("text", "Ghi chú " + i)));
      }
      await(mongo.close());
    } finally {
      store.close();
    }
    return file;
  }

  /** Runs the forum ({@link Main}) with its data in {@code dir} and the embedded store, until it exits. */
  private static Run runForum(Path dir) throws IOException, InterruptedException {
    return MainProcess.run(Map.of(
        AppConfig.FORUM_DATA_DIR, dir.toString(),
        AppConfig.FORUM_HTTP_PORT, String.valueOf(TestServers.freePort()),
        AppConfig.FORUM_EMBEDDED_MONGO_PORT, String.valueOf(TestServers.freePort()),
        AppConfig.KEYCLOAK_URL, "http://127.0.0.1:" + TestServers.freePort()));
  }

  /**
   * The forum did not start; it said the store {@code file} cannot be opened, how to restore a backup, and each of
   * {@code says} (the file's name, how to start afresh ...); the file keeps every byte ({@code before}) and nothing
   * was created beside it in {@code dir}.
   */
  private static void assertStoppedAndKept(Run run, Path file, byte[] before, Path dir, String... says)
      throws IOException {
    assertNotEquals(0, run.exitCode(), "the forum did not start:\n" + run.output());
    assertTrue(run.output().contains("cannot be opened"), run.output());
    for (String said : says) {
      assertTrue(run.output().contains(said), "says " + said + ":\n" + run.output());
    }
    assertTrue(run.output().contains("restore"), "says how to restore a backup:\n" + run.output());
    assertArrayEquals(before, Files.readAllBytes(file), "the file keeps every byte");
    assertEquals(List.of(file), filesIn(dir), "nothing was created beside it");
  }

  private static List<Path> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(path -> !path.getFileName().toString().endsWith(".log")).sorted().toList();
    }
  }
}
