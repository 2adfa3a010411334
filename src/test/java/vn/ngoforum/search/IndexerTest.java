package vn.ngoforum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.TestServers;

/**
 * The index follows the store through the numbered change log: what is written and logged is found soon, what is
 * removed goes, a node that was down catches up by number, and an index the log has left behind is rebuilt.
 * Runs against the test MongoDB-wire server, with a small source of "notes" standing in for a feature.
 */
@ExtendWith(VertxExtension.class)
class IndexerTest {

  private static final Set<String> PUBLIC = Set.of("public");
  private Vertx vertx;
  private MongoClient mongo;
  private Changes changes;
  private String deployment;
  private Indexer indexer;
  @TempDir
  Path directory;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    mongo = MongoClient.create(vertx, new JsonObject().put("connection_string",
        TestServers.get().mongoUri("indexer" + System.nanoTime())));
    changes = new Changes(vertx, mongo);
  }

  @AfterEach
  void stop() {
    if (deployment != null) {
      ForumUnderTest.await(vertx.undeploy(deployment));
    }
    ForumUnderTest.await(mongo.close());
  }

  @Test
  @DisplayName("what is in the store at the first start is found once the index is built")
  void buildsFromTheStore() {
    write("a", "rừng ngập mặn");
    write("b", "tê giác");
    deploy();
    until(() -> found("rung ngap man"), List.of("a"));
    assertEquals(List.of("b"), found("te giac"));
  }

  @Test
  @DisplayName("a change written and logged is found within seconds; a removed thing is no longer found")
  void followsChanges() {
    deploy();
    until(() -> indexer.state(), Indexer.State.READY);
    write("a", "san hô");
    ForumUnderTest.await(changes.record("note", "a"));
    until(() -> found("san ho"), List.of("a"));
    ForumUnderTest.await(mongo.removeDocument("notes", new JsonObject().put("_id", "a")));
    ForumUnderTest.await(changes.record("note", "a"));
    until(() -> found("san ho"), List.of());
  }

  @Test
  @DisplayName("a node that was down catches up from its checkpoint by number, without rebuilding")
  void catchesUp() {
    write("kept", "chim quý");
    deploy();
    until(() -> found("chim"), List.of("kept"));
    ForumUnderTest.await(vertx.undeploy(deployment));
    deployment = null;
    // Removed without a logged change: a rebuild would drop it, catching up by number does not look at it.
    ForumUnderTest.await(mongo.removeDocument("notes", new JsonObject().put("_id", "kept")));
    write("new", "chim mới");
    ForumUnderTest.await(changes.record("note", "new"));

    deploy();
    until(() -> found("chim"), List.of("kept", "new"));
  }

  @Test
  @DisplayName("a number taken but never written holds nothing else back")
  void gaps() {
    deploy();
    until(() -> indexer.state(), Indexer.State.READY);
    // A writer that died between taking a number and writing its change.
    ForumUnderTest.await(mongo.findOneAndUpdate(ChangeRepository.COUNTERS, new JsonObject().put("_id", "changes"),
        new JsonObject().put("$inc", new JsonObject().put("seq", 1L))));
    write("after", "voọc chà vá");
    ForumUnderTest.await(changes.record("note", "after"));
    until(() -> found("vooc"), List.of("after"));
  }

  @Test
  @DisplayName("an index older than what the log still holds is rebuilt from the store")
  void rebuildsWhenLeftBehind() {
    write("stale", "gấu ngựa");
    deploy();
    until(() -> found("gau"), List.of("stale"));
    ForumUnderTest.await(vertx.undeploy(deployment));
    deployment = null;
    ForumUnderTest.await(mongo.removeDocument("notes", new JsonObject().put("_id", "stale")));
    write("fresh", "gấu chó");
    ForumUnderTest.await(changes.record("note", "fresh"));
    ForumUnderTest.await(changes.trim(Instant.now().plusSeconds(1)));

    deploy();
    until(() -> found("gau"), List.of("fresh"));
  }

  @Test
  @DisplayName("an index ahead of the log (the store restored from an older backup) is rebuilt from the store")
  void rebuildsWhenAheadOfTheLog() {
    write("kept", "sao la");
    deploy();
    until(() -> indexer.state(), Indexer.State.READY);
    write("later", "sao la mới");
    ForumUnderTest.await(changes.record("note", "later"));
    until(() -> found("sao la"), List.of("kept", "later"));
    ForumUnderTest.await(vertx.undeploy(deployment));
    deployment = null;
    // The store goes back to before "later": its document and its change are gone, the counter with them.
    ForumUnderTest.await(mongo.removeDocument("notes", new JsonObject().put("_id", "later")));
    ForumUnderTest.await(mongo.removeDocuments(ChangeRepository.CHANGES, new JsonObject()));
    ForumUnderTest.await(mongo.removeDocument(ChangeRepository.COUNTERS, new JsonObject().put("_id", "changes")));

    deploy();
    until(() -> found("sao la"), List.of("kept"));
  }

  @Test
  @DisplayName("every node trims the change log on a schedule, keeping the last changes and the recent ones")
  void trimsTheLog() {
    for (String id : List.of("a", "b", "c", "d", "e")) {
      write(id, "cá heo " + id);
      ForumUnderTest.await(changes.record("note", id));
    }
    assertEquals(0L, ForumUnderTest.await(changes.trim(Instant.now().minusSeconds(3600), 0)),
        "nothing younger than the period kept goes");
    deploy(new Retention(Duration.ofMillis(100), Duration.ZERO, 2));
    until(() -> ForumUnderTest.await(mongo.count(ChangeRepository.CHANGES, new JsonObject())), 2L);
    assertEquals(4L, ForumUnderTest.await(new ChangeRepository(mongo).floor()), "numbers below 4 are gone");
    assertEquals(5L, ForumUnderTest.await(new ChangeRepository(mongo).last()));
    until(() -> found("ca heo") == null ? -1 : found("ca heo").size(), 5);
  }

  @Test
  @DisplayName("a build that fails (the store unreachable for a moment, say) is tried again until the index is ready")
  void failedBuildIsTriedAgain() {
    write("n1", "Voọc chà vá chân nâu");
    AtomicInteger failing = new AtomicInteger(1);
    Notes notes = new Notes(mongo);
    FindableSource once = new FindableSource() {
      @Override
      public String kind() {
        return notes.kind();
      }

      @Override
      public Future<List<Findable>> find(List<String> ids) {
        return notes.find(ids);
      }

      @Override
      public Future<Void> all(Function<List<Findable>, Future<Void>> batch) {
        return failing.getAndDecrement() > 0 ? Future.failedFuture("the store is unreachable") : notes.all(batch);
      }
    };
    indexer = new Indexer(directory, mongo, List.of(once));
    deployment = ForumUnderTest.await(vertx.deployVerticle(indexer,
        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
    until(() -> found("vooc cha va"), List.of("n1"));
    assertEquals(-1, failing.get(), "built on the second attempt");
  }

  private void deploy(Retention retention) {
    indexer = new Indexer(directory, mongo, List.of(new Notes(mongo)), retention);
    deployment = ForumUnderTest.await(vertx.deployVerticle(indexer,
        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
  }

  private void deploy() {
    indexer = new Indexer(directory, mongo, List.of(new Notes(mongo)));
    deployment = ForumUnderTest.await(vertx.deployVerticle(indexer,
        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
  }

  private void write(String id, String text) {
    ForumUnderTest.await(mongo.save("notes", new JsonObject().put("_id", id).put("text", text)));
  }

  private List<String> found(String typed) {
    if (indexer.state() != Indexer.State.READY) {
      return null;
    }
    return ForumUnderTest.await(indexer.search(Search.of(typed, PUBLIC))).hits().stream()
        .map(Found.Hit::id).sorted().toList();
  }

  private static <T> void until(Supplier<T> actual, T expected) {
    assertEquals(expected, Eventually.value(actual, expected::equals, Duration.ofSeconds(20)));
  }

  /** A feature's store in miniature: notes with a text, each findable by everyone. */
  private record Notes(MongoClient mongo) implements FindableSource {
    @Override
    public String kind() {
      return "note";
    }

    @Override
    public Future<List<Findable>> find(List<String> ids) {
      return mongo.find("notes", new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(ids))))
          .map(docs -> docs.stream().map(Notes::findable).toList());
    }

    @Override
    public Future<Void> all(Function<List<Findable>, Future<Void>> batch) {
      return mongo.findWithOptions("notes", new JsonObject(), new FindOptions())
          .compose(docs -> batch.apply(docs.stream().map(Notes::findable).toList()));
    }

    private static Findable findable(JsonObject doc) {
      return new Findable("note", doc.getString("_id"), "public", "", doc.getString("text"), Instant.EPOCH,
          null, null, null);
    }
  }
}
