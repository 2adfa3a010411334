package vn.ngoforum.forum.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.ngoforum.support.ForumUnderTest.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.db.Dates;
import vn.ngoforum.forum.common.Person;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.RecordingMongo;
import vn.ngoforum.support.TestForum;

/**
 * The moderators' queue and resolving read flags by key ({@link FlagRepository}): the same open flags as the old
 * {@code status: open} filter after flags, resolutions and an overflowing list, and in a forum upgraded from before
 * the lists (built at start-up, once).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlagListsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Person MODERATOR = new Person("mod", "Moderator");

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-flag-lists", FlagListsTest::storeOldFlags);

  /** Flags as the forum stored them before the lists: posts old-p1 (2 open), old-p2 (1 open, 1 resolved), old-p3. */
  private static void storeOldFlags(MongoClient mongo) {
    oldFlag(mongo, "old-p2", "u1", 1, "open");
    oldFlag(mongo, "old-p1", "u1", 2, "open");
    oldFlag(mongo, "old-p2", "u2", 3, "resolved");
    oldFlag(mongo, "old-p1", "u2", 4, "open");
    oldFlag(mongo, "old-p3", "u3", 5, "open");
  }

  private static void oldFlag(MongoClient mongo, String postId, String user, int minute, String status) {
    await(mongo.insert(FlagRepository.FLAGS, new JsonObject().put("_id", postId + "-" + user).put("postId", postId)
        .put("threadId", "old-thread").put("reason", "spam").put("by", new JsonObject().put("id", user)
            .put("name", user)).put("at", Dates.of(T0.plus(Duration.ofMinutes(minute)))).put("status", status)));
  }

  @Test
  @Order(1)
  @DisplayName("an upgraded forum lists its open flags at start-up, once; the queue and resolving read the same")
  void oldFlagsListed() {
    MongoClient mongo = forum.mongo();
    awaitMigration(mongo);
    FlagRepository flags = new FlagRepository(mongo);
    assertEquals(List.of("old-p2-u1", "old-p1-u1", "old-p1-u2", "old-p3-u3"), ids(await(flags.open(100))));
    assertEquals(oldQueue(mongo, 100), ids(await(flags.open(100))));
    assertEquals(oldQueue(mongo, 2), ids(await(flags.open(2))));
    JsonObject queue = queue(mongo);
    await(flags.migrate());
    await(new FlagRepository(mongo).migrate());
    assertEquals(queue, queue(mongo), "running the migration again changes nothing");

    await(flags.resolveAll("old-p1", "dismiss", MODERATOR, T0.plus(Duration.ofHours(1))));
    assertEquals(List.of("old-p2-u1", "old-p3-u3"), ids(await(flags.open(100))));
    assertEquals(oldQueue(mongo, 100), ids(await(flags.open(100))));
    JsonObject resolved = await(mongo.findOne(FlagRepository.FLAGS, new JsonObject().put("_id", "old-p1-u2"), null));
    assertEquals("resolved", resolved.getString("status"));
    assertEquals("dismiss", resolved.getString("resolution"));
  }

  @Test
  @Order(2)
  @DisplayName("after flags and resolutions, the queue reads by key what the old filter found, even when more flags"
      + " are open than the list holds")
  void sameAnswersAfterWrites() {
    MongoClient mongo = forum.mongo();
    awaitMigration(mongo);
    FlagRepository flags = new FlagRepository(mongo, 3);
    for (int i = 0; i < 6; i++) {
      assertTrue(await(flags.insertOnce(flag("new-p" + (i % 3), "w" + i, 100 + i))));
    }
    assertFalse(await(flags.insertOnce(flag("new-p0", "w0", 200))), "a second flag by the same person");
    assertEquals(3, await(mongo.findOne(FlagRepository.QUEUE, new JsonObject().put("_id", FlagRepository.QUEUE_ID),
        null)).getJsonArray("ids").size(), "the list keeps its bound");
    assertEquals(oldQueue(mongo, 3), ids(await(flags.open(3))));
    assertEquals(oldQueue(mongo, 2), ids(await(flags.open(2))));

    // Resolving the two oldest leaves the list below its bound with more open: rebuilt in the background.
    await(flags.resolveAll("old-p2", "hide", MODERATOR, T0.plus(Duration.ofHours(2))));
    await(flags.resolveAll("old-p3", "dismiss", MODERATOR, T0.plus(Duration.ofHours(2))));
    List<String> refilled = Eventually.value(() -> ids(await(flags.open(3))), open -> open.equals(oldQueue(mongo, 3)),
        Duration.ofSeconds(10));
    assertEquals(oldQueue(mongo, 3), refilled, "the queue was refilled within 10 s");
    await(flags.resolveAll("new-p1", "hide", MODERATOR, T0.plus(Duration.ofHours(3))));
    // The rebuilds that resolving started (bound 3) must not land after the full one below and cut it to 3.
    await(flags.backgroundRebuilds());
    assertEquals(0L, await(mongo.count(FlagRepository.FLAGS, new JsonObject().put("postId", "new-p1")
        .put("status", "open"))), "every open flag of the post was resolved");
    await(new FlagRepository(mongo).rebuildQueue());

    // With the list holding every open flag, a queue read, a flag and a resolution read only by key.
    List<JsonObject> queries = new ArrayList<>();
    FlagRepository recorded = new FlagRepository(RecordingMongo.recording(mongo, queries));
    assertEquals(oldQueue(mongo, 100), ids(await(recorded.open(100))));
    assertTrue(await(recorded.insertOnce(flag("new-p9", "w9", 300))));
    await(recorded.resolveAll("new-p0", "dismiss", MODERATOR, T0.plus(Duration.ofHours(4))));
    assertEquals(oldQueue(mongo, 100), ids(await(recorded.open(100))));
    assertEquals(List.of("new-p2-w2", "new-p2-w5", "new-p9-w9"), ids(await(recorded.open(100))));
    assertTrue(queries.size() >= 6, queries.toString());
    assertEquals(List.of(), queries.stream().filter(call -> !RecordingMongo.byId(call.getJsonObject("query"))).toList(),
        "queries not on a unique key");
  }

  @Test
  @Order(3)
  @DisplayName("a rebuild whose scan still saw a flag open does not list it again after its resolution took it out")
  void rebuildRacingAResolution() {
    MongoClient mongo = forum.mongo();
    assertEquals(List.of("new-p2-w2", "new-p2-w5", "new-p9-w9"), oldQueue(mongo, 100));
    Promise<Void> resolved = Promise.promise();
    // The rebuild's scan answers only once new-p9 is resolved: what it read is older than the resolution.
    MongoClient slowScans = (MongoClient) Proxy.newProxyInstance(MongoClient.class.getClassLoader(),
        new Class<?>[] {MongoClient.class}, (proxy, method, args) -> {
          Object answer = method.invoke(mongo, args);
          return method.getName().equals("findWithOptions") && FlagRepository.FLAGS.equals(args[0])
              ? ((Future<?>) answer).compose(found -> resolved.future().map(v -> found)) : answer;
        });
    Future<Void> rebuild = new FlagRepository(slowScans).rebuildQueue();
    await(forum.vertx().timer(200));
    await(new FlagRepository(mongo).resolveAll("new-p9", "dismiss", MODERATOR, T0.plus(Duration.ofHours(5))));
    resolved.complete();
    await(rebuild);

    JsonObject queue = queue(mongo);
    assertEquals(List.of("new-p2-w2", "new-p2-w5"), queue.getJsonArray("ids").getList(), "the resolved flag stays out");
    assertEquals(2, queue.getInteger("open"));
    assertEquals(oldQueue(mongo, 100), ids(await(new FlagRepository(mongo).open(100))));
  }

  private static Flag flag(String postId, String user, int minute) {
    return new Flag(postId + "-" + user, postId, "new-thread", "spam", new Person(user, user),
        T0.plus(Duration.ofMinutes(minute)), Flag.OPEN);
  }

  /** What {@code open(limit)} answered before the lists. */
  private static List<String> oldQueue(MongoClient mongo, int limit) {
    return await(mongo.findWithOptions(FlagRepository.FLAGS, new JsonObject().put("status", Flag.OPEN),
        new FindOptions().setSort(new JsonObject().put("at", 1)).setLimit(limit))).stream()
        .map(doc -> doc.getString("_id")).toList();
  }

  private static JsonObject queue(MongoClient mongo) {
    return await(mongo.findOne(FlagRepository.QUEUE, new JsonObject().put("_id", FlagRepository.QUEUE_ID), null));
  }

  private static List<String> ids(List<Flag> flags) {
    return flags.stream().map(Flag::id).toList();
  }

  private static void awaitMigration(MongoClient mongo) {
    assertTrue(Eventually.holds(() -> await(mongo.findOne(FlagRepository.MIGRATIONS,
        new JsonObject().put("_id", FlagRepository.MIGRATION), null)) != null, Duration.ofSeconds(30)),
        "the open flags were listed within 30 s");
  }


}
