package vn.ngoforum.forum.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.forum.common.ThreadChanges;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;
import vn.ngoforum.support.TestServers;

/**
 * Guests share rendered thread pages (ThreadPageCache), and never get someone else's page or an old one: every
 * change is visible on the next read on the node that made it (and on every node of a cluster, which hears of it),
 * and within a second on a node that shares only MongoDB.
 */
class ThreadPageCacheTest {

  private static final String DATABASE = "forum-page-cache";

  @RegisterExtension
  static final TestForum forum = TestForum.perClass(DATABASE);
  private static TestForum other;
  private static String otherNode;
  private static Vertx otherVertx;

  @BeforeAll
  static void setUp() {
    // A second node: its own Vert.x (no event bus in common), the same MongoDB and Keycloak.
    otherVertx = Vertx.vertx();
    other = TestForum.onOwnPort(otherVertx, DATABASE, Map.of(AppConfig.FORUM_DEMO_DATA, "false"));
    otherNode = other.base();
  }

  @AfterAll
  static void close() {
    other.close();
    ForumUnderTest.await(otherVertx.close());
  }

  @Test
  @DisplayName("a guest sees every change of a thread on the next read: reply, edit, reaction, hiding, deletion")
  void guestsSeeEveryChange() throws Exception {
    String author = People.newMember();
    String threadId = startThread(author, "Bộ đệm trang: mọi thay đổi");
    assertEquals(guestPage(forum.base(), threadId), guestPage(forum.base(), threadId), "guests get the same page");
    long hits = ThreadPageCache.HITS.get();
    guestPage(forum.base(), threadId);
    guestPage(forum.base(), threadId);
    guestPage(forum.base(), threadId);
    assertTrue(ThreadPageCache.HITS.get() - hits >= 2, "guests share the page rendered for the first of them");

    String replier = People.newMember();
    String replyId = ok(forum.as(replier).post("/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", "Trả lời **đầu tiên**"))).getString("id");
    assertTrue(guestPage(forum.base(), threadId).contains("<strong>đầu tiên</strong>"), "the reply is on the page");

    ok(forum.as(replier).put("/api/v1/posts/" + replyId,
        new JsonObject().put("body", "Trả lời *đã sửa*").put("version", 1)));
    String edited = guestPage(forum.base(), threadId);
    assertTrue(edited.contains("<em>đã sửa</em>"), "the edit is on the page");
    assertFalse(edited.contains("<strong>đầu tiên</strong>"), "the old text is gone");

    String before = guestPage(forum.base(), threadId);
    ok(forum.as(author).post("/api/v1/posts/" + replyId + "/reactions/thanks", null));
    assertFalse(before.equals(guestPage(forum.base(), threadId)), "the reaction's count changed the page");

    String moderator = People.token("moderator");
    ok(forum.as(moderator).post("/api/v1/posts/" + replyId + "/moderate",
        new JsonObject().put("action", "hide").put("reason", "Lạc đề")));
    assertFalse(guestPage(forum.base(), threadId).contains("đã sửa"), "a hidden post's text is not shown to guests");

    ok(forum.as(moderator).post("/api/v1/posts/" + replyId + "/moderate",
        new JsonObject().put("action", "show")));
    assertTrue(guestPage(forum.base(), threadId).contains("<em>đã sửa</em>"), "shown again");

    ok(forum.as(replier).delete("/api/v1/posts/" + replyId));
    assertFalse(guestPage(forum.base(), threadId).contains("đã sửa"), "a deleted post's text is gone");

    ok(forum.as(moderator).post("/api/v1/threads/" + threadId + "/moderate",
        new JsonObject().put("action", "lock").put("reason", "Đủ rồi")));
    assertTrue(guestPage(forum.base(), threadId).contains("data-state=\"locked\">"), "the lock badge shows");
  }

  @Test
  @DisplayName("a change made on a node sharing only MongoDB (no message between them) shows within a second")
  void changesOnAnotherNodeShowWithinASecond() throws Exception {
    String author = People.newMember();
    String threadId = startThread(author, "Bộ đệm trang: hai nút");
    assertTrue(guestPage(forum.base(), threadId).contains("Bài mở đầu"));
    guestPage(forum.base(), threadId);

    ok(other.as(People.newMember()).post("/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", "Viết từ **nút thứ hai**")));
    assertWithinFreshness(() -> guestPage(forum.base(), threadId).contains("<strong>nút thứ hai</strong>"),
        "the first node shows the post written through the second");
    guestPage(otherNode, threadId);
    String postId = ok(forum.as(People.newMember()).post("/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", "Rồi **nút thứ nhất**"))).getString("id");
    assertWithinFreshness(() -> guestPage(otherNode, threadId).contains("<strong>nút thứ nhất</strong>"),
        "and the other way");
    ok(other.as(People.token("moderator")).post("/api/v1/posts/" + postId + "/moderate",
        new JsonObject().put("action", "hide").put("reason", "Thử")));
    assertWithinFreshness(() -> !guestPage(forum.base(), threadId).contains("nút thứ nhất"),
        "hidden through the other node");
  }

  @Test
  @DisplayName("the cache: a page is fresh for a while, a change drops it, a page read before a change is not kept")
  void freshnessAndDrops() throws Exception {
    ThreadPageCache cache = new ThreadPageCache(300);
    Buffer page = Buffer.buffer("<p>trang</p>");
    cache.put("t1 1 vi /t/t1", "t1", "5:1", page, cache.mark());
    cache.put("t2 1 vi /t/t2", "t2", "3:0", page, cache.mark());
    assertEquals(page, cache.fresh("t1 1 vi /t/t1"), "served without asking MongoDB while fresh");

    cache.drop("t1");
    assertNull(cache.fresh("t1 1 vi /t/t1"), "a change of the thread drops its pages at once");
    assertNull(cache.get("t1 1 vi /t/t1", "5:1", cache.mark()), "even at the old version");
    assertEquals(page, cache.fresh("t2 1 vi /t/t2"), "other threads keep theirs");

    long before = cache.mark();
    cache.drop("t3");
    cache.put("t1 1 vi /t/t1", "t1", "5:1", page, before);
    assertNull(cache.get("t1 1 vi /t/t1", "5:1", cache.mark()), "a page read before a change is not stored");

    assertTrue(Eventually.holds(() -> cache.fresh("t2 1 vi /t/t2") == null, java.time.Duration.ofSeconds(5)),
        "too old to serve unchecked");
    assertNull(cache.get("t2 1 vi /t/t2", "3:1", cache.mark()), "checked: a newer version does not match");
    assertEquals(page, cache.get("t2 1 vi /t/t2", "3:0", cache.mark()), "checked: still right");
    assertEquals(page, cache.fresh("t2 1 vi /t/t2"), "and fresh again");

    cache.drop(ThreadChanges.ALL);
    assertNull(cache.fresh("t2 1 vi /t/t2"), "a category change drops every page");
  }

  @Test
  @DisplayName("guests get their language's page, and none at all once the category is closed to them")
  void languageAndAccess() throws Exception {
    String admin = People.token("admin");
    String slug = newCategory(admin, "Bộ đệm", "Caching", "public");
    String author = People.newMember();
    JsonObject created = ok(forum.as(author).post("/api/v1/threads", new JsonObject().put("category", slug)
        .put("title", "Trang theo ngôn ngữ").put("body", "Bài mở đầu.")));
    String threadId = created.getString("id");

    assertTrue(guestPage(forum.base(), threadId).contains("<html lang=\"vi\">"));
    Browser english = new Browser();
    english.get(forum.base() + "/lang/en");
    String page = english.get(forum.base() + "/t/" + threadId).body();
    assertTrue(page.contains("<html lang=\"en\">"), "an English-speaking guest gets the English page");
    assertTrue(page.contains("Caching"), "with the category's English name");
    long hits = ThreadPageCache.HITS.get();
    Browser member = new Browser();
    member.signIn(forum.base(), "member", TestServers.PASSWORD);
    member.get(forum.base() + "/t/" + threadId);
    member.get(forum.base() + "/t/" + threadId);
    assertEquals(hits, ThreadPageCache.HITS.get(), "a signed-in reader's page is rendered for them");
    assertTrue(guestPage(forum.base(), threadId).contains("<html lang=\"vi\">"),
        "and the next guest the Vietnamese one");

    ok(forum.as(admin).put("/api/v1/categories/" + slug, new JsonObject().put("visibility", "members")));
    assertEquals(404, new Browser().get(forum.base() + "/t/" + threadId).status(), "closed to guests at once");
    assertEquals(404, new Browser().get(otherNode + "/t/" + threadId).status(), "on every node");
    assertEquals(200, member.get(forum.base() + "/t/" + threadId).status(), "members still read it");
  }

  @Test
  @DisplayName("guests share the thread API's answer: the same bytes and headers as a fresh one after every change; readers keep theirs")
  void guestsShareTheApiAnswer() throws Exception {
    String author = People.newMember();
    String threadId = startThread(author, "Bộ đệm API: mọi thay đổi");
    assertSameAsFresh(threadId, "a new thread");
    long hits = ThreadPageCache.HITS.get();
    guestApi(threadId);
    guestApi(threadId);
    assertTrue(ThreadPageCache.HITS.get() - hits >= 2, "guests share the answer made for the first of them");

    String replier = People.newMember();
    String replyId = ok(forum.as(replier).post("/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", "Trả lời **qua API**"))).getString("id");
    assertTrue(assertSameAsFresh(threadId, "a reply").contains("<strong>qua API</strong>"));
    ok(forum.as(replier).put("/api/v1/posts/" + replyId,
        new JsonObject().put("body", "Trả lời *đã sửa qua API*").put("version", 1)));
    assertTrue(assertSameAsFresh(threadId, "an edit").contains("<em>đã sửa qua API</em>"));
    ok(forum.as(author).post("/api/v1/posts/" + replyId + "/reactions/thanks", null));
    assertSameAsFresh(threadId, "a reaction");

    JsonObject guest = new JsonObject(guestApi(threadId));
    JsonObject authors = ok(forum.as(author).get("/api/v1/threads/" + threadId));
    JsonObject repliers = ok(forum.as(replier).get("/api/v1/threads/" + threadId));
    assertFalse(post(guest, 1).getBoolean("mine"), "a guest owns nothing");
    assertFalse(reaction(post(guest, 1), "thanks").getBoolean("mine"), "nor pressed anything");
    assertTrue(reaction(post(authors, 1), "thanks").getBoolean("mine"), "the author sees the thanks they gave");
    assertTrue(post(repliers, 1).getBoolean("mine"), "the replier sees their post as theirs");
    assertFalse(reaction(post(repliers, 1), "thanks").getBoolean("mine"), "and not the author's thanks as theirs");

    String moderator = People.token("moderator");
    ok(forum.as(moderator).post("/api/v1/posts/" + replyId + "/moderate",
        new JsonObject().put("action", "hide").put("reason", "Lạc đề")));
    assertFalse(assertSameAsFresh(threadId, "a hide").contains("đã sửa qua API"), "hidden from guests");
    assertEquals("Lạc đề", post(ok(forum.as(replier).get("/api/v1/threads/" + threadId)), 1)
        .getString("hiddenReason"), "its author still sees why");
    ok(forum.as(moderator).post("/api/v1/threads/" + threadId + "/moderate",
        new JsonObject().put("action", "move").put("category", "policy-and-law").put("reason", "Đúng chỗ")));
    assertEquals("policy-and-law", new JsonObject(assertSameAsFresh(threadId, "a move"))
        .getJsonObject("category").getString("slug"));
    ok(forum.as(replier).delete("/api/v1/posts/" + replyId));
    assertSameAsFresh(threadId, "a deletion");
  }

  /**
   * The guests' API answer, kept by the cache, is byte for byte (and header for header) a fresh one: answers it.
   * Compared once the thread stays still meanwhile (a fresh answer the same before and after): a reaction's count
   * is announced with an event number of its own a moment after it is counted.
   */
  private static String assertSameAsFresh(String threadId, String after) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      Browser.Page before = freshApi(threadId);
      guestApi(threadId);
      Browser.Page kept = new Browser().get(forum.base() + "/api/v1/threads/" + threadId);
      Browser.Page fresh = freshApi(threadId);
      if (before.body().equals(fresh.body())) {
        assertEquals(200, kept.status(), kept.body());
        assertEquals(fresh.body(), kept.body(), "after " + after + ", the kept answer is a fresh one");
        for (String header : new String[] {"Content-Type", "Cache-Control", "Content-Length", "ETag"}) {
          assertEquals(fresh.header(header), kept.header(header), header + " after " + after);
        }
        return kept.body();
      }
      assertTrue(System.nanoTime() < deadline, "the thread stays still long enough to compare, after " + after);
      Thread.sleep(50);
    }
  }

  /** The guests' API answer made afresh, nothing kept or served from what is. */
  private static Browser.Page freshApi(String threadId) {
    ThreadPageCache.share = false;
    try {
      return new Browser().get(forum.base() + "/api/v1/threads/" + threadId);
    } finally {
      ThreadPageCache.share = true;
    }
  }

  private static String guestApi(String threadId) {
    Browser.Page answer = new Browser().get(forum.base() + "/api/v1/threads/" + threadId);
    assertEquals(200, answer.status(), answer.body());
    return answer.body();
  }

  private static JsonObject post(JsonObject page, int index) {
    return page.getJsonArray("posts").getJsonObject(index);
  }

  private static JsonObject reaction(JsonObject post, String name) {
    return post.getJsonArray("reactions").stream().map(JsonObject.class::cast)
        .filter(reaction -> name.equals(reaction.getString("name"))).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("signed-in readers: who may read a thread is decided for each, while its thread and category are kept for all")
  void accessPerSignedInReader() throws Exception {
    String slug = newCategory(People.token("admin"), "Chỉ thành viên", "Members only", "members");
    String threadId = ok(forum.as(People.newMember()).post("/api/v1/threads", new JsonObject().put("category", slug)
        .put("title", "Chỉ cho thành viên").put("body", "Bài *kín*."))).getString("id");
    Browser member = new Browser();
    member.signIn(forum.base(), People.create("member"), TestServers.PASSWORD);
    Browser outsider = new Browser();
    outsider.signIn(forum.base(), People.create(null), TestServers.PASSWORD);
    for (int round = 0; round < 2; round++) {
      // One right after the other, within the second the thread is kept: the outsider, the member, the outsider.
      assertEquals(404, outsider.get(forum.base() + "/t/" + threadId).status(), "no member rights, no thread");
      Browser.Page read = member.get(forum.base() + "/t/" + threadId);
      assertEquals(200, read.status(), "a member reads it");
      assertTrue(read.body().contains("<em>kín</em>") && read.body().contains("name=\"_csrf\""), "signed in");
      assertEquals(404, outsider.get(forum.base() + "/t/" + threadId).status(), "still not the outsider");
      assertEquals(404, new Browser().get(forum.base() + "/t/" + threadId).status(), "nor a guest");
    }
  }

  /** A new category with these names and visibility; answers its slug. */
  private static String newCategory(String admin, String vi, String en, String visibility) {
    String slug = "cache-" + Long.toString(System.nanoTime(), 36);
    ok(forum.as(admin).post("/api/v1/categories", new JsonObject().put("slug", slug)
        .put("name", new JsonObject().put("vi", vi).put("en", en)).put("visibility", visibility)));
    return slug;
  }

  /** Waits out the cache's freshness (and a margin) for what a node that heard nothing must show by then. */
  private static void assertWithinFreshness(BooleanSupplier shown, String what) {
    assertTrue(Eventually.holds(shown, java.time.Duration.ofMillis(ThreadPageCache.FRESH_MILLIS + 2_000)), what);
  }

  private static String startThread(String token, String title) throws Exception {
    return ok(forum.as(token).post("/api/v1/threads", new JsonObject().put("category", "field-reports")
        .put("title", title).put("body", "Bài mở đầu."))).getString("id");
  }

  private static String guestPage(String node, String threadId) {
    Browser.Page page = new Browser().get(node + "/t/" + threadId);
    assertEquals(200, page.status(), page.body());
    return page.body();
  }

  /** The JSON answer of a call that must have succeeded (any 2xx). */
  private static JsonObject ok(Browser.Page answer) {
    assertTrue(answer.status() / 100 == 2, answer.uri() + " answered " + answer.status() + ": " + answer.body());
    return answer.body().isEmpty() ? new JsonObject() : new JsonObject(answer.body());
  }
}
