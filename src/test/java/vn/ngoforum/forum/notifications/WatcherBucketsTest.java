package vn.ngoforum.forum.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.ngoforum.support.ForumUnderTest.await;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.forum.notifications.WatchRepository.Watched;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.People;
import vn.ngoforum.support.RecordingMongo;
import vn.ngoforum.support.TestForum;

/**
 * The watchers of a thread or category are spread over {@value WatchRepository#BUCKETS} bucket documents read by
 * {@code _id $in} (issue 18, point 3, a watcher list that stays small per document): thousands of watchers are each
 * told once, an unwatch takes the person out of their bucket, and the one-document lists from before are moved into
 * buckets at start-up.
 */
class WatcherBucketsTest {

  /** A one-document list from before the buckets: four people, one of whom stopped watching. */
  private static final List<String> OLD = List.of("old-a", "old-b", "old-c", "old-d");

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-watcher-buckets", WatcherBucketsTest::storeOldList);

  private static void storeOldList(MongoClient mongo) {
    await(mongo.insert(WatchRepository.WATCHERS, new JsonObject().put("_id", "thread:old-thread")
        .put("people", new JsonArray(OLD))));
    for (String person : OLD) {
      await(mongo.insert(WatchRepository.WATCHES, new JsonObject().put("_id", person + " thread:old-thread")
          .put("on", !person.equals("old-c"))));
    }
  }

  @Test
  @DisplayName("a thread watched by 2,000 people tells each of them once of a new post; its watchers are spread over"
      + " buckets none of which holds them all; one who stops watching leaves their bucket and is told no more")
  void thousandsOfWatchers() {
    awaitMigration();
    String author = People.newMember();
    String thread = start(author, "Hai nghìn người theo dõi");
    WatchRepository watches = new WatchRepository(forum.mongo());
    List<String> watchers = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      watchers.add("w" + i + "-" + System.nanoTime());
    }
    for (int from = 0; from < watchers.size(); from += 100) {
      await(Future.all(watchers.subList(from, from + 100).stream()
          .map(id -> watches.set(id, Watched.thread(thread), true)).toList()));
    }
    List<JsonObject> buckets = await(forum.mongo().find(WatchRepository.BUCKET_LISTS, new JsonObject()
        .put("_id", new JsonObject().put("$regex", "^thread:" + thread + "#"))));
    assertEquals(WatchRepository.BUCKETS, buckets.size(), "all buckets in use");
    Set<String> inBuckets = new HashSet<>();
    for (JsonObject bucket : buckets) {
      int size = bucket.getJsonArray("people").size();
      assertTrue(size < 300, "a bucket of " + size);
      bucket.getJsonArray("people").forEach(id -> assertTrue(inBuckets.add((String) id), "once: " + id));
    }
    assertEquals(watchers.size() + 1, inBuckets.size(), "the 2,000 and the author");
    assertNull(await(forum.mongo().findOne(WatchRepository.WATCHERS, new JsonObject().put("_id", "thread:" + thread),
        null)), "nothing in the one-document shape");

    reply(People.newMember(), thread);
    assertEquals(watchers.size(), awaitTold(thread, watchers.size()), "each watcher told once");
    assertEquals(watchers.size(), await(forum.mongo().distinctWithQuery(NotificationRepository.NOTIFICATIONS,
        "userId", String.class.getName(), new JsonObject().put("threadId", thread).put("type", "watched.post"))).size());

    String leaving = watchers.get(1234);
    await(watches.set(leaving, Watched.thread(thread), false));
    JsonObject bucket = await(forum.mongo().findOne(WatchRepository.BUCKET_LISTS, new JsonObject()
        .put("_id", WatchRepository.bucket(leaving, Watched.thread(thread))), null));
    assertFalse(bucket.getJsonArray("people").contains(leaving), "out of their bucket");
    assertTrue(bucket.getJsonArray("people").size() > 50, "the others stay");
    Set<String> now = await(watches.watchersOf(List.of(Watched.thread(thread))));
    assertFalse(now.contains(leaving));
    assertEquals(watchers.size() + 1, now.size(), "the 1,999, the author and the first replier");
  }

  @Test
  @DisplayName("a one-document list of watchers from before the buckets is moved into them at start-up, once, without"
      + " one who had stopped watching; the watchers are read by key")
  void migration() {
    MongoClient mongo = forum.mongo();
    awaitMigration();
    Watched old = Watched.thread("old-thread");
    List<JsonObject> queries = new ArrayList<>();
    WatchRepository watches = new WatchRepository(RecordingMongo.recording(mongo, queries));
    assertEquals(Set.of("old-a", "old-b", "old-d"), await(watches.watchersOf(List.of(old))));
    assertEquals(List.of(), queries.stream().filter(call -> !RecordingMongo.byId(call.getJsonObject("query")))
        .toList(), "read by key");
    assertEquals(new JsonArray(), await(mongo.findOne(WatchRepository.WATCHERS, new JsonObject()
        .put("_id", "thread:old-thread"), null)).getJsonArray("people"), "moved out of the old document");
    for (String person : List.of("old-a", "old-b", "old-d")) {
      assertTrue(await(mongo.findOne(WatchRepository.BUCKET_LISTS, new JsonObject().put("_id",
          WatchRepository.bucket(person, old)), null)).getJsonArray("people").contains(person), person);
    }

    List<JsonObject> before = all(mongo);
    await(new WatchRepository(mongo).migrateBuckets());
    await(mongo.removeDocument(WatchRepository.MIGRATIONS, new JsonObject().put("_id",
        WatchRepository.BUCKETS_MIGRATION)));
    await(new WatchRepository(mongo).migrateBuckets());
    assertEquals(before, all(mongo), "running it again changes nothing");

    await(new WatchRepository(mongo).set("old-b", old, false));
    assertEquals(Set.of("old-a", "old-d"), await(new WatchRepository(mongo).watchersOf(List.of(old))));
  }

  private static List<JsonObject> all(MongoClient mongo) {
    return await(mongo.findWithOptions(WatchRepository.BUCKET_LISTS, new JsonObject().put("_id",
        new JsonObject().put("$regex", "^thread:old-thread#")), new FindOptions().setSort(new JsonObject()
        .put("_id", 1))));
  }

  private static long awaitTold(String thread, long expected) {
    return Eventually.value(() -> await(forum.mongo().count(NotificationRepository.NOTIFICATIONS,
        new JsonObject().put("threadId", thread).put("type", "watched.post"))), stored -> stored >= expected,
        Duration.ofSeconds(60));
  }

  private static void awaitMigration() {
    forum.awaitDocument(WatchRepository.MIGRATIONS, WatchRepository.BUCKETS_MIGRATION);
  }

  private static String start(String token, String title) {
    return forum.as(token).newThread(forum.as(People.token("admin")).newCategory("buckets", "public"), title);
  }

  private static void reply(String token, String thread) {
    Page reply = forum.as(token).post("/api/v1/threads/" + thread + "/posts",
        new JsonObject().put("body", "Trả lời " + System.nanoTime()));
    assertEquals(201, reply.status(), reply.body());
  }
}
