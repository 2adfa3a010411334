package vn.ngoforum.forum.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.MongoClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** A thread that has grown very long still takes replies, and nothing in its own document grows with them. */
class LongThreadTest {

  private static final int REPLIES = 10_000;
  /** Far more than a thread's counters, title and last poster take, far less than a thread's words would. */
  private static final int THREAD_DOCUMENT_MAX_BYTES = 4_096;

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-long-thread", LongThreadTest::storeOldThread);
  private static MongoClient mongo;

  /** A thread as the forum stored them before: with the words of every post it ever had, removed ones too. */
  private static final String OLD_THREAD = "old-" + System.nanoTime();
  private static final String REMOVED_WORD = "dabo" + System.nanoTime();

  @BeforeAll
  static void setUp() {
    mongo = forum.mongo();
  }

  /** What the forum finds when it starts: {@link #OLD_THREAD} as it was stored before. */
  private static void storeOldThread(MongoClient mongo) {
    Instant now = Instant.now();
    JsonObject author = new JsonObject().put("id", "ranger").put("name", "Kiểm lâm");
    ForumUnderTest.await(mongo.insert(ThreadRepository.THREADS, new JsonObject().put("_id", OLD_THREAD)
        .put("category", "field-reports").put("title", "Chủ đề cũ").put("author", author)
        .put("createdAt", new JsonObject().put("$date", now.toString()))
        .put("lastActivityAt", new JsonObject().put("$date", now.toString())).put("lastPoster", author)
        .put("postCount", 1).put("seq", 2).put("pinned", false).put("locked", false)
        .put("titleTokens", new JsonArray(List.of("chu", "de", "cu")))
        .put("tokens", new JsonArray(List.of("chu", "de", "cu", "mo", "dau", REMOVED_WORD)))));
    ForumUnderTest.await(mongo.insert(PostRepository.POSTS, new JsonObject().put("_id", OLD_THREAD + "-1")
        .put("threadId", OLD_THREAD).put("number", 1).put("seq", 2L).put("version", 2L).put("author", author)
        .put("source", "Mở đầu.").put("html", "<p>Mở đầu.</p>").put("text", "Mở đầu.")
        .put("tokens", new JsonArray(List.of("mo", "dau")))
        .put("createdAt", new JsonObject().put("$date", now.toString()))));
  }

  @Test
  @DisplayName("a thread with 10,000 replies still takes replies, each of many new words, and its document stays"
      + " small")
  void tenThousandReplies() throws Exception {
    Page created = forum.as(People.newMember()).post("/api/v1/threads", new JsonObject()
        .put("category", "field-reports").put("title", "Nhật ký tuần tra dài").put("body", "Bắt đầu."));
    assertEquals(201, created.status(), created.body());
    String threadId = new JsonObject(created.body()).getString("id");
    writeRepliesDirectly(threadId, REPLIES);

    // Three people reply at once, each with 300 words no other post has.
    List<String> tokens = List.of(People.newMember(), People.newMember(), People.newMember());
    List<String> firstWords = new ArrayList<>();
    List<CompletableFuture<Page>> replies = new ArrayList<>();
    for (int person = 0; person < tokens.size(); person++) {
      String prefix = "tu" + person + "x" + System.nanoTime() + "x";
      firstWords.add(prefix + 0);
      String body = IntStream.range(0, 300).mapToObj(i -> prefix + i).collect(Collectors.joining(" "));
      String token = tokens.get(person);
      replies.add(CompletableFuture.supplyAsync(() -> forum.as(token).post(
          "/api/v1/threads/" + threadId + "/posts", new JsonObject().put("body", body))));
    }
    List<Integer> numbers = new ArrayList<>();
    for (CompletableFuture<Page> reply : replies) {
      Page answer = reply.get();
      assertEquals(201, answer.status(), answer.body());
      numbers.add(new JsonObject(answer.body()).getInteger("number"));
    }
    assertEquals(List.of(REPLIES + 2, REPLIES + 3, REPLIES + 4), numbers.stream().sorted().toList());

    JsonObject thread = ForumUnderTest.await(mongo.findOne(ThreadRepository.THREADS,
        new JsonObject().put("_id", threadId), null));
    assertEquals(REPLIES + 4, thread.getInteger("postCount"));
    int size = thread.encode().getBytes(StandardCharsets.UTF_8).length;
    assertTrue(size < THREAD_DOCUMENT_MAX_BYTES, "the thread document is " + size + " bytes: " + thread.encode());

    for (String word : firstWords) {
      assertTrue(search(word).contains(threadId), word + " finds the thread");
    }
  }

  @Test
  @DisplayName("threads stored with the words of all their posts lose them at start-up: removed words find nothing")
  void oldThreadWordsAreDropped() {
    JsonObject thread = ForumUnderTest.await(mongo.findOne(ThreadRepository.THREADS,
        new JsonObject().put("_id", OLD_THREAD), null));
    assertFalse(thread.containsKey("tokens"), thread.encode());
    assertEquals(List.of(), search(REMOVED_WORD), "a word edited out before the upgrade");
    assertTrue(search("chu de cu mo dau").contains(OLD_THREAD), "the title and the post as they are");
  }

  private static List<String> search(String query) {
    Page found = forum.api().get("/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    assertEquals(200, found.status(), found.body());
    return new JsonObject(found.body()).getJsonArray("results").stream()
        .map(result -> ((JsonObject) result).getString("threadId")).toList();
  }

  /** Posts 2..count+1 of the thread as the forum stores them, and the thread's counters to match. */
  private static void writeRepliesDirectly(String threadId, int count) {
    Instant now = Instant.now();
    List<BulkOperation> batch = new ArrayList<>();
    for (int number = 2; number <= count + 1; number++) {
      String text = "Tuần tra lần " + number + " không thấy bẫy.";
      batch.add(BulkOperation.createInsert(new JsonObject()
          .put("_id", threadId + "-" + number)
          .put("threadId", threadId)
          .put("number", number)
          .put("seq", (long) number)
          .put("version", 1L)
          .put("author", new JsonObject().put("id", "ranger").put("name", "Kiểm lâm"))
          .put("source", text)
          .put("html", "<p>" + text + "</p>")
          .put("text", text)
          .put("tokens", new JsonArray(List.of("tuan", "tra", "lan", String.valueOf(number), "khong", "thay",
              "bay")))
          .put("createdAt", new JsonObject().put("$date", now.toString()))));
      if (batch.size() == 1_000) {
        ForumUnderTest.await(mongo.bulkWrite(PostRepository.POSTS, batch));
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      ForumUnderTest.await(mongo.bulkWrite(PostRepository.POSTS, batch));
    }
    ForumUnderTest.await(mongo.updateCollection(ThreadRepository.THREADS, new JsonObject().put("_id", threadId),
        new JsonObject().put("$set", new JsonObject().put("postCount", count + 1).put("seq", (long) count + 1))));
  }
}
