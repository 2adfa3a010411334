package vn.ngoforum.forum.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.MongoClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/**
 * Thread pages, catching up and organisation profiles read posts by key (see {@link PostRepository}), and a forum
 * upgraded from before posts had keys gets them at start-up and reads the same.
 */
class PostKeysTest {

  private static final String CATEGORY = "field-reports";
  /** A thread as the forum stored them before posts had keys: 45 posts, some changed since. */
  private static final String OLD_THREAD = "oldkeys" + System.nanoTime();
  private static final String ORG = "old-org-" + System.nanoTime();
  private static final JsonObject AUTHOR = new JsonObject().put("id", "ranger").put("name", "Kiểm lâm");

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-post-keys", PostKeysTest::storeOldForum);
  private static MongoClient mongo;

  @BeforeAll
  static void setUp() {
    mongo = forum.mongo();
  }

  /**
   * What the forum finds when it starts: {@link #OLD_THREAD} with posts 1 to 45 without keys; post 10 edited
   * (seq 50), 20 deleted (55), 30 hidden (58), 42 deleted (59); posts 41 to 45 by members of {@link #ORG}, 45 on its
   * behalf.
   */
  private static void storeOldForum(MongoClient mongo) {
    Instant now = Instant.now();
    ForumUnderTest.await(mongo.insert("organisations", new JsonObject().put("_id", ORG)
        .put("name", new JsonObject().put("vi", "Tổ chức cũ").put("en", "Old organisation"))
        .put("province", "quang-tri").put("focusAreas", new JsonArray().add("rescue"))
        .put("description", new JsonObject().put("vi", "").put("en", ""))
        .put("nameViKey", "to chuc cu").put("nameEnKey", "old organisation").put("acronymKey", "~" + ORG)
        .put("sortKey", "to chuc cu").put("verified", true).put("createdAt", date(now))
        .put("achievements", new JsonArray())));
    ForumUnderTest.await(mongo.insert(ThreadRepository.THREADS, new JsonObject().put("_id", OLD_THREAD)
        .put("category", CATEGORY).put("title", "Chủ đề trước khi có khoá").put("author", AUTHOR)
        .put("createdAt", date(now)).put("lastActivityAt", date(now)).put("lastPoster", AUTHOR)
        .put("postCount", 45).put("seq", 60).put("pinned", false).put("locked", false)));
    JsonObject organisation = new JsonObject().put("slug", ORG)
        .put("name", new JsonObject().put("vi", "Tổ chức cũ").put("en", "Old organisation")).put("verified", true);
    List<BulkOperation> posts = new ArrayList<>();
    for (int number = 1; number <= 45; number++) {
      String text = "Bài " + number + ".";
      JsonObject post = new JsonObject().put("_id", OLD_THREAD + "-" + number).put("threadId", OLD_THREAD)
          .put("number", number).put("seq", (long) number).put("version", 1L).put("author", AUTHOR)
          .put("source", text).put("html", "<p>" + text + "</p>").put("text", text)
          .put("tokens", new JsonArray().add("bai").add(String.valueOf(number)))
          .put("createdAt", date(now.minus(Duration.ofMinutes(100 - number))))
          .put("attachments", new JsonArray())
          .put("organisations", number > 40 ? new JsonArray().add(organisation) : new JsonArray());
      switch (number) {
        case 10 -> post.put("seq", 50L).put("version", 2L).put("html", "<p>Bài 10, sửa.</p>")
            .put("editedAt", date(now));
        case 20 -> post.put("seq", 55L).put("deleted", true).put("deletedAt", date(now));
        case 30 -> post.put("seq", 58L).put("hidden", true).put("hiddenReason", "spam");
        case 42 -> post.put("seq", 59L).put("deleted", true).put("deletedAt", date(now));
        case 45 -> post.put("onBehalfOf", organisation);
        default -> { }
      }
      posts.add(BulkOperation.createInsert(post));
    }
    ForumUnderTest.await(mongo.bulkWrite(PostRepository.POSTS, posts));
    ForumUnderTest.await(mongo.insert(PostRepository.REVISIONS, new JsonObject().put("_id", OLD_THREAD + "-10:1")
        .put("postId", OLD_THREAD + "-10").put("threadId", OLD_THREAD).put("version", 1L)
        .put("source", "Bài 10.").put("html", "<p>Bài 10.</p>").put("at", date(now)).put("replacedAt", date(now))));
  }

  @Test
  @DisplayName("an upgraded forum gives its old posts their keys at start-up, once; their pages read the same")
  void oldPostsGetKeys() {
    awaitMigration();
    for (int number = 1; number <= 45; number++) {
      JsonObject post = ForumUnderTest.await(mongo.findOne(PostRepository.POSTS,
          new JsonObject().put("_id", OLD_THREAD + "-" + number), null));
      assertEquals(PostRepository.key(OLD_THREAD, number), post.getString("key"));
    }
    assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), numbers(OLD_THREAD, 1));
    assertEquals(IntStream.rangeClosed(21, 40).boxed().toList(), numbers(OLD_THREAD, 2));
    // (Another test may have replied since: post 46.)
    assertEquals(IntStream.rangeClosed(41, 45).boxed().toList(), numbers(OLD_THREAD, 3).subList(0, 5));
    JsonArray second = thread(OLD_THREAD, 1).getJsonArray("posts");
    assertTrue(second.getJsonObject(19).getBoolean("deleted"), "post 20 keeps its place, deleted");
    assertEquals("<p>Bài 10, sửa.</p>", second.getJsonObject(9).getString("html"));
    JsonObject hidden = thread(OLD_THREAD, 2).getJsonArray("posts").getJsonObject(9);
    assertEquals(30, hidden.getInteger("number"));
    assertEquals("", hidden.getString("html"), "a hidden post shows no text to a guest");

    JsonArray revisions = Api.json(forum.api().get("/api/v1/posts/" + OLD_THREAD + "-10/revisions"))
        .getJsonArray("revisions");
    assertEquals(1, revisions.size());
    assertEquals("<p>Bài 10.</p>", revisions.getJsonObject(0).getString("html"));
  }

  @Test
  @DisplayName("a page of an upgraded thread catches up from the changes the migration noted, then from new ones")
  void oldThreadCatchUp() {
    awaitMigration();
    JsonObject changes = events(OLD_THREAD, 45);
    assertTrue(changes.getBoolean("complete"), changes.encode());
    assertEquals(List.of(10, 20, 30, 42), changes.getJsonArray("posts").stream()
        .map(post -> ((JsonObject) post).getInteger("number")).toList());
    assertEquals(59L, changes.getLong("seq"));
    assertEquals("<p>Bài 10, sửa.</p>", changes.getJsonArray("posts").getJsonObject(0).getString("html"));
    assertEquals(List.of(30, 42), events(OLD_THREAD, 57).getJsonArray("posts").stream()
        .map(post -> ((JsonObject) post).getInteger("number")).toList());

    Page reply = forum.as(People.newMember()).post("/api/v1/threads/" + OLD_THREAD + "/posts",
        new JsonObject().put("body", "Trả lời sau khi nâng cấp."));
    assertEquals(201, reply.status(), reply.body());
    JsonObject replied = Api.json(reply);
    assertEquals(46, replied.getInteger("number"));
    JsonObject after = events(OLD_THREAD, 60);
    assertEquals(List.of(replied.getString("id")), after.getJsonArray("posts").stream()
        .map(post -> ((JsonObject) post).getString("id")).toList());
    assertEquals(IntStream.rangeClosed(41, 46).boxed().toList(), numbers(OLD_THREAD, 3));
  }

  @Test
  @DisplayName("an organisation's profile lists its recent posts from what the forum kept, without deleted or "
      + "hidden ones")
  void organisationPosts() {
    awaitMigration();
    assertEquals(List.of("Bài 45.", "Bài 44.", "Bài 43.", "Bài 41."), recentOf(ORG));
    ForumUnderTest.await(mongo.updateCollection(PostRepository.POSTS,
        new JsonObject().put("_id", OLD_THREAD + "-44"),
        new JsonObject().put("$set", new JsonObject().put("hidden", true))));
    assertEquals(List.of("Bài 45.", "Bài 43.", "Bài 41."), recentOf(ORG));
    JsonObject kept = ForumUnderTest.await(mongo.findOne(PostListRepository.ORGANISATION_POSTS,
        new JsonObject().put("_id", ORG), null));
    assertEquals(5, kept.getJsonArray("posts").size(), kept.encode());
  }

  @Test
  @DisplayName("pages beyond the first, with deleted and hidden posts among them and a reply written after")
  void pagesBeyondTheFirst() {
    String threadId = startThread("Nhiều trang");
    writePosts(threadId, 2, 44, number -> number == 25 ? new JsonObject().put("deleted", true)
        : number == 33 ? new JsonObject().put("hidden", true) : new JsonObject());
    Page reply = forum.as(People.newMember()).post("/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", "Trang ba."));
    assertEquals(201, reply.status(), reply.body());
    assertEquals(45, Api.json(reply).getInteger("number"));

    assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), numbers(threadId, 1));
    assertEquals(IntStream.rangeClosed(21, 40).boxed().toList(), numbers(threadId, 2));
    assertEquals(IntStream.rangeClosed(41, 45).boxed().toList(), numbers(threadId, 3));
    assertEquals(IntStream.rangeClosed(41, 45).boxed().toList(), numbers(threadId, 9), "past the end: the last");
    JsonArray second = thread(threadId, 2).getJsonArray("posts");
    assertTrue(second.getJsonObject(4).getBoolean("deleted"));
    assertEquals("", second.getJsonObject(12).getString("html"));
    assertTrue(thread(threadId, 3).getJsonArray("posts").getJsonObject(4).getString("html").contains("Trang ba."));
    Page html = forum.api().get("/t/" + threadId + "?page=3");
    assertEquals(200, html.status());
    assertTrue(html.body().contains("Trang ba.") && html.body().contains("Bài 41."), html.body());
  }

  @Test
  @DisplayName("after more changes than a thread keeps, a page further behind is told to load again; one less far"
      + " behind gets every changed post")
  void catchUpAfterManyChanges() {
    String threadId = startThread("Nhiều thay đổi");
    writePosts(threadId, 2, 251, number -> new JsonObject());
    PostRepository posts = new PostRepository(mongo);
    for (int number = 2; number <= 251; number++) {
      ForumUnderTest.await(posts.recordChange(threadId, threadId + "-" + number, number));
    }
    JsonObject kept = ForumUnderTest.await(mongo.findOne(PostListRepository.THREAD_CHANGES,
        new JsonObject().put("_id", threadId), null));
    assertEquals(PostListRepository.CHANGES_KEPT, kept.getJsonArray("changes").size());

    JsonObject tooOld = events(threadId, 0);
    assertFalse(tooOld.getBoolean("complete"), tooOld.encode());
    assertEquals(0, tooOld.getJsonArray("posts").size());
    assertFalse(events(threadId, 50).getBoolean("complete"));
    JsonObject caughtUp = events(threadId, 51);
    assertTrue(caughtUp.getBoolean("complete"));
    assertEquals(IntStream.rangeClosed(52, 251).boxed().toList(), caughtUp.getJsonArray("posts").stream()
        .map(post -> ((JsonObject) post).getInteger("number")).toList());
    assertEquals(251L, caughtUp.getLong("seq"));

    String author = People.newMember();
    Page reply = forum.as(author).post("/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", "Bản đầu."));
    assertEquals(201, reply.status(), reply.body());
    String replyId = Api.json(reply).getString("id");
    Page edited = forum.as(author).put("/api/v1/posts/" + replyId,
        new JsonObject().put("body", "Bản sửa.").put("version", 1));
    assertEquals(200, edited.status(), edited.body());
    JsonObject latest = events(threadId, 251);
    assertTrue(latest.getBoolean("complete"));
    JsonArray changed = latest.getJsonArray("posts");
    assertEquals(1, changed.size(), "the reply once, as it is now: " + latest.encode());
    assertTrue(changed.getJsonObject(0).getString("html").contains("Bản sửa."));
    assertEquals(253L, latest.getLong("seq"));
  }

  @Test
  @DisplayName("a post edited three times shows its three earlier versions, oldest first")
  void revisionsAfterSeveralEdits() {
    String author = People.newMember();
    Page created = forum.as(author).post("/api/v1/threads", new JsonObject().put("category", CATEGORY)
        .put("title", "Sửa nhiều lần").put("body", "Bản 1."));
    assertEquals(201, created.status(), created.body());
    String postId = Api.json(created).getString("postId");
    for (int version = 1; version <= 3; version++) {
      Page edited = forum.as(author).put("/api/v1/posts/" + postId,
          new JsonObject().put("body", "Bản " + (version + 1) + ".").put("version", version));
      assertEquals(200, edited.status(), edited.body());
    }
    JsonObject answer = Api.json(forum.api().get("/api/v1/posts/" + postId + "/revisions"));
    JsonArray revisions = answer.getJsonArray("revisions");
    assertEquals(List.of(1L, 2L, 3L), revisions.stream().map(r -> ((JsonObject) r).getLong("version")).toList());
    for (int i = 0; i < 3; i++) {
      assertTrue(revisions.getJsonObject(i).getString("html").contains("Bản " + (i + 1) + "."), answer.encode());
    }
    assertTrue(answer.getJsonObject("post").getString("html").contains("Bản 4."));
  }

  // ---- helpers

  private static void awaitMigration() {
    assertTrue(Eventually.holds(() -> ForumUnderTest.await(mongo.findOne(PostRepository.MIGRATIONS,
        new JsonObject().put("_id", PostRepository.KEYS_MIGRATION), null)) != null, Duration.ofSeconds(30)),
        "the posts got their keys within 30 s");
  }

  private static String startThread(String title) {
    Page created = forum.as(People.newMember()).post("/api/v1/threads", new JsonObject().put("category", CATEGORY)
        .put("title", title).put("body", "Bài 1."));
    assertEquals(201, created.status(), created.body());
    return Api.json(created).getString("id");
  }

  /** Posts {@code from}..{@code to} as the forum stores them (with their keys), and the thread's counters. */
  private static void writePosts(String threadId, int from, int to,
      java.util.function.IntFunction<JsonObject> extra) {
    Instant now = Instant.now();
    List<BulkOperation> batch = new ArrayList<>();
    for (int number = from; number <= to; number++) {
      String text = "Bài " + number + ".";
      batch.add(BulkOperation.createInsert(new JsonObject().put("_id", threadId + "-" + number)
          .put("key", PostRepository.key(threadId, number)).put("threadId", threadId).put("number", number)
          .put("seq", (long) number).put("version", 1L).put("author", AUTHOR).put("source", text)
          .put("html", "<p>" + text + "</p>").put("text", text).put("createdAt", date(now))
          .put("attachments", new JsonArray()).put("organisations", new JsonArray())
          .mergeIn(extra.apply(number))));
    }
    ForumUnderTest.await(mongo.bulkWrite(PostRepository.POSTS, batch));
    ForumUnderTest.await(mongo.updateCollection(ThreadRepository.THREADS, new JsonObject().put("_id", threadId),
        new JsonObject().put("$set", new JsonObject().put("postCount", to).put("seq", (long) to))));
  }

  private static JsonObject thread(String threadId, int page) {
    Page read = forum.api().get("/api/v1/threads/" + threadId + "?page=" + page);
    assertEquals(200, read.status(), read.body());
    return Api.json(read);
  }

  private static List<Integer> numbers(String threadId, int page) {
    return thread(threadId, page).getJsonArray("posts").stream()
        .map(post -> ((JsonObject) post).getInteger("number")).toList();
  }

  private static JsonObject events(String threadId, long since) {
    Page read = forum.api().get("/api/v1/threads/" + threadId + "/events?since=" + since);
    assertEquals(200, read.status(), read.body());
    JsonObject changes = Api.json(read);
    assertNotNull(changes.getJsonArray("posts"));
    return changes;
  }

  private static List<String> recentOf(String slug) {
    JsonObject profile = Api.json(forum.api().get("/api/v1/orgs/" + slug));
    return profile.getJsonArray("recentThreads").stream().map(item -> ((JsonObject) item).getString("excerpt"))
        .toList();
  }

  private static JsonObject date(Instant at) {
    return new JsonObject().put("$date", at.toString());
  }
}
