package vn.ngoforum.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.ngoforum.support.ForumUnderTest.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the embedded store acknowledged is on disk: a write the driver saw succeed survives the store's process
 * being killed right after ({@code kill -9}), with no chance to flush anything on the way out.
 */
@ExtendWith(VertxExtension.class)
class EmbeddedMongoCrashTest {

  private static final int WRITERS = 8;
  private static final int ROUNDS = 50;

  @Test
  @DisplayName("every write the embedded store acknowledged is there after its process is killed with SIGKILL")
  void acknowledgedWritesSurviveKill(Vertx vertx, @TempDir Path dir) {
    Path file = dir.resolve("forum-store.mv");
    Expected expected = new Expected();
    try (StoreProcess store = StoreProcess.start(file, dir.resolve("store.log"))) {
      MongoClient mongo = client(vertx, store.port());
      await(mongo.createIndexWithOptions("posts", new JsonObject().put("slug", 1), new IndexOptions().unique(true)));
      List<Future<Void>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        writers.add(write(mongo, w, 0, expected));
      }
      await(Future.all(writers));
      store.kill();
    }

    EmbeddedMongo reopened = EmbeddedMongo.start(file, 0);
    try {
      MongoClient mongo = client(vertx, reopened.port());
      Set<String> posts = await(mongo.findWithOptions("posts", new JsonObject(),
              new FindOptions().setFields(new JsonObject().put("_id", 1))))
          .stream().map(post -> post.getString("_id")).collect(Collectors.toCollection(TreeSet::new));
      Set<String> lost = new TreeSet<>(expected.posts);
      lost.removeAll(posts);
      assertEquals(Set.of(), lost, "acknowledged inserts lost (of " + expected.posts.size() + ")");
      posts.removeAll(expected.posts);
      assertEquals(Set.of(), posts, "posts whose acknowledged delete was lost, or never acknowledged");
      JsonObject counter = await(mongo.findOne("counters", new JsonObject().put("_id", "replies"), null));
      assertEquals(WRITERS * ROUNDS, counter.getInteger("n"), "every acknowledged $inc is counted");
      for (int w = 0; w < WRITERS; w++) {
        JsonObject thread = await(mongo.findOne("threads", new JsonObject().put("_id", "t-" + w), null));
        assertEquals(ROUNDS / 5, thread.getInteger("posts"), "every acknowledged findAndModify of t-" + w);
        assertEquals(ROUNDS - 5, thread.getInteger("last"));
      }
      Future<String> duplicate = mongo.insert("posts", new JsonObject().put("_id", "dup").put("slug", "p-0-1"));
      assertTrue(Mongo.isDuplicateKey(await(duplicate.map((Throwable) null).recover(Future::succeededFuture))),
          "the unique index made before the kill still refuses a duplicate");
      await(mongo.close());
    } finally {
      reopened.close();
    }
  }

  /** Writer {@code w}'s rounds from {@code round} on, one write at a time, each recorded once acknowledged. */
  private static Future<Void> write(MongoClient mongo, int w, int round, Expected expected) {
    if (round == ROUNDS) {
      return Future.succeededFuture();
    }
    String id = "p-" + w + "-" + round;
    Future<?> step = mongo.insert("posts", new JsonObject().put("_id", id).put("slug", id).put("writer", w)
            .put("body", "Báo cáo " + round + " của nhóm " + w + ": tuần tra rừng phòng hộ."))
        .onSuccess(ignored -> expected.inserted(id))
        .compose(ignored -> mongo.updateCollectionWithOptions("counters", new JsonObject().put("_id", "replies"),
            new JsonObject().put("$inc", new JsonObject().put("n", 1)), new UpdateOptions().setUpsert(true)));
    if (round % 5 == 0) {
      step = step.compose(ignored -> mongo.findOneAndUpdateWithOptions("threads", new JsonObject().put("_id", "t-" + w),
          new JsonObject().put("$inc", new JsonObject().put("posts", 1)).put("$set", new JsonObject().put("last", round)),
          new FindOptions(), new UpdateOptions().setUpsert(true).setReturningNewDocument(true)));
    }
    if (round % 10 == 9) {
      String previous = "p-" + w + "-" + (round - 1);
      step = step.compose(ignored -> mongo.removeDocument("posts", new JsonObject().put("_id", previous)))
          .onSuccess(ignored -> expected.deleted(previous));
    }
    return step.compose(ignored -> write(mongo, w, round + 1, expected));
  }

  private static MongoClient client(Vertx vertx, int port) {
    return MongoClient.create(vertx, new JsonObject()
        .put("connection_string", "mongodb://127.0.0.1:" + port + "/crash")
        .put("serverSelectionTimeoutMS", 10_000));
  }

  /** The posts the store acknowledged as written and not deleted. */
  private static final class Expected {
    private final Set<String> posts = new TreeSet<>();

    synchronized void inserted(String id) {
      posts.add(id);
    }

    synchronized void deleted(String id) {
      posts.remove(id);
    }
  }
}
