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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.support.MainProcess;
import vn.ngoforum.support.MainProcess.Run;
import vn.ngoforum.support.TestServers;

/**
 * The stopped embedded store's file, grown by rewrites, is compacted to a fraction of its size and still holds every
 * document and upload; a store in use, or none, is refused with the reason and left as it was; the run command's
 * {@code compact} does the same, and says where the data is when MONGO_URI is set.
 */
@ExtendWith(VertxExtension.class)
class StoreCompactionTest {

  /** Rewrites of a few posts of about 3 KB: each is committed on its own, so each leaves a new chunk in the file. */
  private static final int REWRITES = 1_500;
  private static final String BODY = "Bảo vệ rừng và động vật hoang dã, kiểm lâm tuần tra. ".repeat(50);

  @Test
  @DisplayName("a store grown by rewrites is compacted to a fraction of its file, with every document and upload")
  void compactsAndKeepsEverything(Vertx vertx, @TempDir Path dir) throws Exception {
    Path file = dir.resolve(EmbeddedMongo.STORE_FILE);
    byte[] upload = "Biên bản họp · minutes of the meeting\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
    Path uploadFile = Files.write(dir.resolve("minutes.txt"), upload);
    EmbeddedMongo store = EmbeddedMongo.start(file, 0);
    try {
      MongoClient mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", store.uri("forum")));
      ForumContent.write(mongo, uploadFile);
      for (int i = 0; i < REWRITES; i++) {
        await(mongo.save("posts", new JsonObject().put("_id", "p" + i % 10).put("body", BODY).put("edits", i)));
      }
      await(mongo.close());
    } finally {
      store.close();
    }

    StoreCompaction.Result done = StoreCompaction.compact(file);

    assertEquals(Files.size(file), done.bytesAfter());
    assertTrue(done.bytesAfter() * 4 < done.bytesBefore(), "a quarter of the file at most: " + done);
    assertEquals(List.of(file), storeFiles(dir), "no copy is left beside the store");
    ForumContent.assertIn(vertx, file, uploadFile, upload);
    EmbeddedMongo reopened = EmbeddedMongo.start(file, 0);
    try {
      MongoClient mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", reopened.uri("forum")));
      assertEquals(REWRITES - 1, await(mongo.findOne("posts", new JsonObject().put("_id", "p9"), null))
          .getInteger("edits"), "the post written last, as it was last written");
      assertEquals(10L, await(mongo.count("posts", new JsonObject())), "ten posts, however often rewritten");
      await(mongo.close());
    } finally {
      reopened.close();
    }
  }

  @Test
  @DisplayName("a store in use is refused and left as it was; with no store the command says where it looked")
  void refusesAStoreInUseAndNone(Vertx vertx, @TempDir Path dir, @TempDir Path empty) throws Exception {
    Path file = dir.resolve(EmbeddedMongo.STORE_FILE);
    Path uploadFile = Files.writeString(dir.resolve("agenda.txt"), "Chương trình · agenda");
    EmbeddedMongo store = EmbeddedMongo.start(file, 0);
    try {
      MongoClient mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", store.uri("forum")));
      ForumContent.write(mongo, uploadFile);

      IllegalStateException refused = assertThrows(IllegalStateException.class, () -> StoreCompaction.compact(file));

      assertTrue(refused.getMessage().contains("in use by a running forum: stop it"), refused.getMessage());
      assertTrue(refused.getMessage().contains("Nothing was changed"), refused.getMessage());
      assertEquals(List.of(file), storeFiles(dir), "no copy was made");
      assertEquals(ForumContent.THREADS, await(mongo.count("threads", new JsonObject())).intValue(),
          "the store serves on");
      await(mongo.close());
    } finally {
      store.close();
    }
    ForumContent.assertIn(vertx, file, uploadFile, Files.readAllBytes(uploadFile));

    Path none = empty.resolve(EmbeddedMongo.STORE_FILE);
    IllegalStateException missing = assertThrows(IllegalStateException.class, () -> StoreCompaction.compact(none));
    assertTrue(missing.getMessage().contains(none + " does not exist"), missing.getMessage());
    assertFalse(Files.exists(none), "no store is made");
  }

  @Test
  @DisplayName("the run command's compact, on the stopped store of FORUM_DATA_DIR; none with MONGO_URI set")
  void runCommand(Vertx vertx, @TempDir Path dir) throws Exception {
    Path file = dir.resolve(EmbeddedMongo.STORE_FILE);
    Path uploadFile = Files.writeString(dir.resolve("agenda.txt"), "Chương trình · agenda");
    ForumContent.writeInto(vertx, file, uploadFile);

    Run run = MainProcess.run(Map.of(AppConfig.FORUM_DATA_DIR, dir.toString(),
        AppConfig.FORUM_EMBEDDED_MONGO_PORT, String.valueOf(TestServers.freePort())), "compact");

    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("Compacted the embedded store " + file + ": "), run.output());
    ForumContent.assertIn(vertx, file, uploadFile, Files.readAllBytes(uploadFile));

    Run elsewhere = MainProcess.run(Map.of(AppConfig.FORUM_DATA_DIR, dir.toString(),
        AppConfig.MONGO_URI, "mongodb://127.0.0.1:" + TestServers.freePort() + "/forum"), "compact");

    assertEquals(2, elsewhere.exitCode(), elsewhere.output());
    assertTrue(elsewhere.output().contains("MONGO_URI is set: the forum's data is in that MongoDB"),
        elsewhere.output());
  }

  /** The store's file and whatever else is named after it in {@code dir}. */
  private static List<Path> storeFiles(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith(EmbeddedMongo.STORE_FILE)).sorted().toList();
    }
  }
}
