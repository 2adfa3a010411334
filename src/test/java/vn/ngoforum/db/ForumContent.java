package vn.ngoforum.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.ngoforum.support.ForumUnderTest.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.MongoGridFsClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the forum keeps, in small: threads, a person's profile, an upload in GridFS. Written into a store, then
 * looked for in the store a backup, restore or compaction left.
 */
final class ForumContent {

  static final int THREADS = 120;

  private ForumContent() {
  }

  /** Writes the threads, the profile and {@code uploadFile} (into GridFS) through {@code mongo}. */
  static void write(MongoClient mongo, Path uploadFile) {
    for (int i = 0; i < THREADS; i++) {
      await(mongo.insert("threads", new JsonObject().put("_id", "t" + i).put("title", "Chủ đề " + i)
          .put("body", "Nội dung của chủ đề " + i)));
    }
    await(mongo.insert("profiles", new JsonObject().put("_id", "u-lan").put("displayName", "Nguyễn Thị Lan")));
    MongoGridFsClient gridFs = await(mongo.createDefaultGridFsBucketService());
    await(gridFs.uploadFile(uploadFile.toString()));
  }

  /** Starts the store on {@code file}, {@link #write}s into it, and stops it (as a forum that was stopped leaves it). */
  static void writeInto(Vertx vertx, Path file, Path uploadFile) {
    EmbeddedMongo store = EmbeddedMongo.start(file, 0);
    try {
      MongoClient mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", store.uri("forum")));
      write(mongo, uploadFile);
      await(mongo.close());
    } finally {
      store.close();
    }
  }

  /** Starts the store on {@code file} and finds what {@link #write} wrote, {@code upload} byte for byte. */
  static void assertIn(Vertx vertx, Path file, Path uploadFile, byte[] upload) throws IOException {
    EmbeddedMongo store = EmbeddedMongo.start(file, 0);
    try {
      MongoClient mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", store.uri("forum")));
      assertEquals(THREADS, await(mongo.count("threads", new JsonObject())).intValue(), "every thread");
      assertEquals("Chủ đề 77", await(mongo.findOne("threads", new JsonObject().put("_id", "t77"), null))
          .getString("title"));
      assertEquals("Nguyễn Thị Lan", await(mongo.findOne("profiles", new JsonObject().put("_id", "u-lan"), null))
          .getString("displayName"));
      MongoGridFsClient gridFs = await(mongo.createDefaultGridFsBucketService());
      Path downloaded = file.resolveSibling("downloaded-" + uploadFile.getFileName());
      await(gridFs.downloadFileAs(uploadFile.toString(), downloaded.toString()));
      assertArrayEquals(upload, Files.readAllBytes(downloaded), "the upload, byte for byte");
      await(mongo.close());
    } finally {
      store.close();
    }
  }
}
