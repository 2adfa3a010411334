package vn.ngoforum.forum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.ngoforum.support.ForumUnderTest.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.db.Dates;
import vn.ngoforum.forum.common.Person;
import vn.ngoforum.forum.threads.SeedDocuments;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.TestForum;

/**
 * A forum whose store already holds organisations and questions (a forum upgraded from before they were findable)
 * builds its index with them at start; and pages of many results follow each other by cursor.
 */
class SearchRebuildTest {

  private static final int ORGANISATIONS = 27;
  private static final String WORD = "rebuildword" + Long.toString(System.nanoTime(), 36);
  /** In the titles and the posts of {@link #SPREAD_THREADS} threads: more results than a page holds. */
  private static final String TITLED = "tieude" + Long.toString(System.nanoTime(), 36);
  private static final int SPREAD_THREADS = 25;
  /** Only in a post stored before posts had keys. */
  private static final String UNKEYED = "khongkhoa" + Long.toString(System.nanoTime(), 36);
  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-search-rebuild", SearchRebuildTest::storeBefore);

  @Test
  @DisplayName("the index a node builds at start holds the organisations and the public questions already stored")
  void rebuildIncludesNewKinds() {
    Set<String> kinds = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (JsonObject result : everything(WORD, "&kind=question")) {
      kinds.add(result.getString("kind"));
      ids.add(result.getString("id"));
    }
    assertEquals(Set.of("question"), kinds);
    assertEquals(Set.of("old-approved"), ids, "the pending question stays out");
    assertTrue(everything(WORD, "&kind=organisation").stream()
        .anyMatch(result -> "old-org-0".equals(result.getString("slug"))));
  }

  @Test
  @DisplayName("the index a node builds at start holds every shown post of the threads already stored, each read by its key (one stored before keys too)")
  void rebuildIncludesPosts() {
    Set<String> threads = new HashSet<>();
    for (JsonObject result : everything(WORD, "&kind=post")) {
      threads.add(result.getString("threadId"));
    }
    assertEquals(Set.of("old-thread-0", "old-thread-1"), threads);
    List<JsonObject> unkeyed = everything(UNKEYED, "&kind=post");
    assertEquals(1, unkeyed.size(), unkeyed.toString());
    assertTrue(unkeyed.get(0).getString("url").contains("old-post-1-3"), unkeyed.toString());
  }

  @Test
  @DisplayName("pages that follow each other's cursor give every result once, and the last page has no next")
  void cursorPages() {
    List<String> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      JsonObject answer = Api.expect(200, forum.api().get("/api/v1/search?q=" + WORD + "&kind=organisation"
          + (after == null ? "" : "&after=" + after)));
      answer.getJsonArray("results").stream().map(JsonObject.class::cast)
          .forEach(result -> seen.add(result.getString("slug")));
      after = answer.getString("next");
      pages++;
    } while (after != null && pages < 5);
    assertNull(after, "the last page has no next");
    assertEquals(2, pages);
    assertEquals(ORGANISATIONS, seen.size(), "no result twice: " + seen);
    assertEquals(ORGANISATIONS, new HashSet<>(seen).size(), "no result twice: " + seen);
    Page first = forum.api().get("/search?q=" + WORD, Map.of("Accept", "text/html"));
    assertEquals(200, first.status());
    assertTrue(first.body().contains("rel=\"next\""), "the page links to the next one");
    assertFalse(first.body().contains("<script>"), "no script needed");
  }

  @Test
  @DisplayName("a thread an earlier page showed (its title ranks high) is not shown again on a later page through"
      + " one of its posts")
  void threadsOncePerSearch() {
    List<String> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      JsonObject answer = Api.expect(200, forum.api().get("/api/v1/search?q=" + TITLED
          + (after == null ? "" : "&after=" + after)));
      answer.getJsonArray("results").stream().map(JsonObject.class::cast)
          .forEach(result -> seen.add(result.getString("threadId")));
      after = answer.getString("next");
      pages++;
    } while (after != null && pages < 10);
    assertNull(after, "the last page has no next");
    assertTrue(pages >= 2, "more than a page: " + pages);
    assertEquals(SPREAD_THREADS, new HashSet<>(seen).size(), "every thread found: " + seen);
    assertEquals(SPREAD_THREADS, seen.size(), "no thread twice: " + seen);
  }

  /** Waits (at most a minute) for the node to have built its index at start: search answers from it after. */
  @org.junit.jupiter.api.BeforeAll
  static void built() {
    Eventually.value(() -> everything(WORD, "&kind=organisation"), found -> !found.isEmpty(),
        java.time.Duration.ofMinutes(1));
  }

  private static List<JsonObject> everything(String word, String filters) {
    return Api.expect(200, forum.api().get("/api/v1/search?q=" + word + filters)).getJsonArray("results").stream()
        .map(JsonObject.class::cast).toList();
  }

  private static void storeBefore(MongoClient mongo) {
    Instant at = Instant.parse("2026-09-29T02:00:00Z");
    Person author = new Person("u1", "Old");
    for (int t = 0; t < 2; t++) {
      String threadId = "old-thread-" + t;
      await(mongo.insert("threads", SeedDocuments.thread(threadId, "field-reports", "Chủ đề cũ " + t, author, at,
          at.plusSeconds(60), author, 3)));
      for (int n = 1; n <= 3; n++) {
        JsonObject post = SeedDocuments.post("old-post-" + t + "-" + n, threadId, n, author,
            n == 1 ? "Mở đầu" : "Bài " + n + " " + WORD + (t == 1 && n == 3 ? " " + UNKEYED : ""),
            at.plusSeconds(30L * (n - 1)));
        if (t == 1 && n == 3) {
          post.remove("key");
        }
        await(mongo.insert("posts", post));
      }
    }
    for (int t = 0; t < SPREAD_THREADS; t++) {
      String threadId = "titled-thread-" + t;
      await(mongo.insert("threads", SeedDocuments.thread(threadId, "field-reports", "Chủ đề " + TITLED + " " + t,
          author, at, at.plusSeconds(60), author, 3)));
      for (int n = 1; n <= 3; n++) {
        await(mongo.insert("posts", SeedDocuments.post("titled-post-" + t + "-" + n, threadId, n, author,
            "Bài " + n + " nhắc lại " + TITLED, at.plusSeconds(30L * (n - 1)))));
      }
    }
    for (int i = 0; i < ORGANISATIONS; i++) {
      await(mongo.insert("organisations", new JsonObject().put("_id", "old-org-" + i)
          .put("name", new JsonObject().put("vi", "Hội cũ " + WORD + " số " + i).put("en", "Old society " + i))
          .put("acronym", "OLD" + i).put("province", "quang-tri").put("focusAreas", new JsonArray().add("rescue"))
          .put("description", new JsonObject().put("vi", "Mô tả " + "dài ".repeat(i % 5)).put("en", ""))
          .put("verified", false).put("createdAt", Dates.of(at))
          // The registry's unique keys (folded names, acronym) and its sort key, as a registration stores them.
          .put("nameViKey", "hoi cu " + i).put("nameEnKey", "old society " + i).put("acronymKey", "old" + i)
          .put("sortKey", "hoi cu " + i)));
    }
    await(mongo.insert("sessions", new JsonObject().put("_id", "old-session").put("eventId", "old-event")
        .put("title", new JsonObject().put("vi", "Phiên cũ").put("en", "Old session")).put("moderation", "pre")
        .put("visibility", "public").put("qaOpen", true).put("seq", 2L)));
    for (String[] question : new String[][] {{"old-approved", "approved"}, {"old-pending", "pending"}}) {
      await(mongo.insert("questions", new JsonObject().put("_id", question[0]).put("sessionId", "old-session")
          .put("text", "Câu hỏi " + WORD).put("anonymous", false).put("author", new JsonObject().put("id", "u1")
              .put("username", "old").put("name", "Old")).put("onBehalf", false).put("status", question[1])
          .put("shown", "approved".equals(question[1])).put("votes", 0).put("createdAt", Dates.of(at)).put("seq", 1L)));
    }
  }
}
