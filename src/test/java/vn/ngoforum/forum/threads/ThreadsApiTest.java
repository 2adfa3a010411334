package vn.ngoforum.forum.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** Threads and replies through the JSON API, against the real forum, Keycloak and the MongoDB-wire store. */
class ThreadsApiTest {

  private static final String CATEGORY = "field-reports";

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-threads-api");

  @Test
  @DisplayName("a member starts a thread and another replies: the thread reads back with both posts, in order")
  void createAndReply() {
    String first = People.newMember();
    String second = People.newMember();
    Page created = forum.as(first).post("/api/v1/threads", new JsonObject().put("category", CATEGORY)
        .put("title", "Tuần tra rừng Cúc Phương").put("body", "Hôm nay **ba** bẫy thú được gỡ."));
    assertEquals(201, created.status(), created.body());
    String threadId = new JsonObject(created.body()).getString("id");
    assertTrue(threadId.matches("[A-Za-z0-9_-]+"), threadId);

    Page reply = forum.as(second).post("/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", "Cảm ơn anh chị kiểm lâm!"));
    assertEquals(201, reply.status(), reply.body());
    JsonObject replied = new JsonObject(reply.body());
    assertEquals(2, replied.getInteger("number"));
    assertEquals(2L, replied.getLong("seq"));

    Page read = forum.api().get("/api/v1/threads/" + threadId);
    assertEquals(200, read.status(), read.body());
    JsonObject thread = new JsonObject(read.body());
    assertEquals("Tuần tra rừng Cúc Phương", thread.getString("title"));
    assertEquals(CATEGORY, thread.getJsonObject("category").getString("slug"));
    JsonArray posts = thread.getJsonArray("posts");
    assertEquals(2, posts.size());
    assertTrue(posts.getJsonObject(0).getString("html").contains("<strong>ba</strong>"));
    assertEquals(replied.getString("id"), posts.getJsonObject(1).getString("id"));
    assertEquals("Người thử", posts.getJsonObject(1).getJsonObject("author").getString("name").substring(0, 9));
    assertNotNull(Instant.parse(posts.getJsonObject(1).getString("createdAt")));
    assertNotEquals(posts.getJsonObject(0).getJsonObject("author").getString("id"),
        posts.getJsonObject(1).getJsonObject("author").getString("id"));

    JsonObject listing = new JsonObject(forum.api().get("/api/v1/categories/" + CATEGORY + "/threads")
        .body());
    JsonObject listed = listing.getJsonArray("threads").stream().map(JsonObject.class::cast)
        .filter(t -> t.getString("id").equals(threadId)).findFirst().orElseThrow();
    assertEquals(1, listed.getInteger("replies"));
    assertEquals(posts.getJsonObject(1).getJsonObject("author"), listed.getJsonObject("lastPoster"));
  }

  @Test
  @DisplayName("hostile Markdown is stored and served only as inert, sanitised HTML")
  void hostileMarkdown() {
    String body = "<script>alert('x')</script>\n\n[click](javascript:alert(1))\n\n<img src=x onerror=alert(1)>\n\n"
        + "<iframe src=\"https://evil.example\"></iframe>\n\n[site](https://wwf.org.vn)";
    Page created = forum.as(People.newMember()).post("/api/v1/threads", new JsonObject()
        .put("category", CATEGORY).put("title", "<b onmouseover=alert(1)>Tiêu đề</b>").put("body", body));
    assertEquals(201, created.status(), created.body());
    String threadId = new JsonObject(created.body()).getString("id");
    JsonObject thread = new JsonObject(forum.api().get("/api/v1/threads/" + threadId).body());
    String html = thread.getJsonArray("posts").getJsonObject(0).getString("html").toLowerCase(Locale.ROOT);
    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("<iframe"), html);
    assertFalse(html.contains("<img"), html);
    assertFalse(html.contains("href=\"javascript"), html);
    assertTrue(MarkdownTest.hasSafeRel(html), html);

    String page = new Browser().get(forum.base() + "/t/" + threadId).body().toLowerCase(Locale.ROOT);
    assertFalse(page.contains("<script>alert"), "no live script from the post");
    assertFalse(page.contains("<iframe"));
    assertFalse(page.contains("onerror="));
    assertFalse(page.contains("<b onmouseover"), "the title is text, not markup");
    assertTrue(page.contains("&lt;b onmouseover"), "the title shows as typed");
  }

  @Test
  @DisplayName("operator objects, empty titles, unknown categories, unknown fields and 40,000-character posts are"
      + " refused with 400 naming the field, and nothing is stored")
  void badInput() {
    String token = People.newMember();
    long threadsBefore = count(ThreadRepository.THREADS);
    long postsBefore = count(PostRepository.POSTS);
    assertRefused(forum.as(token).post("/api/v1/threads", new JsonObject().put("category", CATEGORY)
        .put("title", new JsonObject().put("$ne", null)).put("body", "x")), "title");
    assertRefused(forum.as(token).post("/api/v1/threads", new JsonObject().put("category", CATEGORY)
        .put("title", "   ").put("body", "x")), "title");
    assertRefused(forum.as(token).post("/api/v1/threads", new JsonObject().put("category", "no-such-category")
        .put("title", "T").put("body", "x")), "category");
    assertRefused(forum.as(token).post("/api/v1/threads", new JsonObject().put("category", CATEGORY)
        .put("title", "x".repeat(201)).put("body", "x")), "title");
    assertRefused(forum.as(token).post("/api/v1/threads", new JsonObject().put("category", CATEGORY)
        .put("title", "T").put("body", "x".repeat(40_000))), "body");
    assertRefused(forum.as(token).post("/api/v1/threads", new JsonObject().put("category", CATEGORY)
        .put("title", "T").put("body", "x").put("pinned", true)), "pinned");
    assertRefused(forum.as(token).post("/api/v1/threads", new JsonObject().put("category", new JsonObject()
        .put("$gt", "")).put("title", "T").put("body", "x")), "category");
    assertEquals(threadsBefore, count(ThreadRepository.THREADS));
    assertEquals(postsBefore, count(PostRepository.POSTS));

    String threadId = createThread(People.newMember(), "Để thử trả lời sai");
    long postsNow = count(PostRepository.POSTS);
    assertRefused(forum.as(token).post("/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", "y".repeat(40_000))), "body");
    assertRefused(forum.as(token).post("/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", new JsonArray().add("x"))), "body");
    assertEquals(postsNow, count(PostRepository.POSTS));
    assertEquals(404, forum.as(token).post("/api/v1/threads/nothing-here/posts", new JsonObject().put("body", "x"))
        .status());
  }

  @Test
  @DisplayName("anonymous writes get 401 and a signed-in person without the right to post gets 403")
  void whoMayWrite() {
    long threadsBefore = count(ThreadRepository.THREADS);
    JsonObject thread = new JsonObject().put("category", CATEGORY).put("title", "T").put("body", "x");
    // Without any session the request is anonymous: the sign-in guard answers 401.
    assertEquals(401, forum.api().post("/api/v1/threads", thread).status());
    Browser visitor = anonymousWithCsrfToken();
    Page anonymous = visitor.postJson(forum.base() + "/api/v1/threads", thread.encode(),
        Map.of("X-XSRF-TOKEN", visitor.cookie(forum.base(), "XSRF-TOKEN").orElseThrow()));
    assertEquals(401, anonymous.status(), anonymous.body());
    assertEquals("unauthorized", new JsonObject(anonymous.body()).getString("error"));
    Page attendee = forum.as(People.token("attendee")).post("/api/v1/threads", thread);
    assertEquals(403, attendee.status(), attendee.body());
    assertEquals("forbidden", new JsonObject(attendee.body()).getString("error"));
    assertEquals(threadsBefore, count(ThreadRepository.THREADS));

    String threadId = createThread(People.newMember(), "Ai được trả lời");
    assertEquals(401, visitor.postJson(forum.base() + "/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", "x").encode(),
        Map.of("X-XSRF-TOKEN", visitor.cookie(forum.base(), "XSRF-TOKEN").orElseThrow())).status());
    assertEquals(403, forum.as(People.token("attendee")).post("/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", "x")).status());
  }

  @Test
  @DisplayName("an anonymous reader following the thread receives a reply live, then catches up by sequence")
  void liveReply() {
    String threadId = createThread(People.newMember(), "Theo dõi trực tiếp");
    try (BridgeClient reader = BridgeClient.connect(forum.vertx(), forum.port(), null)) {
      reader.register(Addresses.thread(threadId));
      awaitRegistered(reader, Addresses.thread(threadId));

      Page reply = forum.as(People.newMember()).post("/api/v1/threads/" + threadId + "/posts",
          new JsonObject().put("body", "Có tin mới từ *hiện trường*."));
      assertEquals(201, reply.status(), reply.body());
      String postId = new JsonObject(reply.body()).getString("id");
      JsonObject frame = reader.next(10_000);
      assertNotNull(frame, "the reply arrives live");
      assertEquals("rec", frame.getString("type"));
      JsonObject event = frame.getJsonObject("body");
      assertEquals("post.created", event.getString("type"));
      assertEquals(postId, event.getString("postId"));
      assertEquals(2L, event.getLong("seq"));
      assertTrue(event.getJsonObject("post").getString("html").contains("<em>hiện trường</em>"));
    }
    JsonObject since1 = new JsonObject(forum.api().get("/api/v1/threads/" + threadId + "/events?since=1")
        .body());
    assertEquals(1, since1.getJsonArray("posts").size());
    assertEquals(2L, since1.getLong("seq"));
    JsonObject since2 = new JsonObject(forum.api().get("/api/v1/threads/" + threadId + "/events?since=2")
        .body());
    assertEquals(0, since2.getJsonArray("posts").size());
  }

  @Test
  @DisplayName("nobody can follow a thread that does not exist")
  void followUnknownThread() {
    try (BridgeClient reader = BridgeClient.connect(forum.vertx(), forum.port(), null)) {
      reader.register(Addresses.thread("no-such-thread"));
      JsonObject frame = reader.next(5000);
      assertNotNull(frame);
      assertEquals("err", frame.getString("type"));
    }
  }

  @Test
  @DisplayName("a signed-in reader sees a thread marked new until they open it, and again after a new reply")
  void unreadMarker() {
    String reader = People.newMember();
    String threadId = createThread(People.newMember(), "Có gì mới không?");
    assertTrue(listedFor(reader, threadId).getBoolean("unread"));
    assertEquals(200, forum.as(reader).get("/api/v1/threads/" + threadId).status());
    assertFalse(listedFor(reader, threadId).getBoolean("unread"));
    assertEquals(201, forum.as(People.newMember()).post("/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", "Có, đây.")).status());
    assertTrue(listedFor(reader, threadId).getBoolean("unread"));
    assertFalse(new JsonObject(forum.api().get("/api/v1/categories/" + CATEGORY + "/threads").body())
        .getJsonArray("threads").getJsonObject(0).containsKey("unread"), "anonymous readers get no marker");
  }

  @Test
  @DisplayName("a category lists its threads from the search index: pinned first, then the latest active, counted;"
      + " a reply, a pin and a move show at once; a thread document the index never heard of is not listed")
  void categoryListingFromTheIndex() {
    awaitSearchReady();
    String admin = People.token("admin");
    String moderator = People.token("moderator");
    String slug = "listing-" + System.nanoTime();
    assertEquals(201, forum.as(admin).post("/api/v1/categories", new JsonObject().put("slug", slug)
        .put("name", new JsonObject().put("vi", "Danh sách").put("en", "Listing"))).status());
    List<String> made = new ArrayList<>();
    for (String title : List.of("Một", "Hai", "Ba")) {
      Page created = forum.as(People.newMember()).post("/api/v1/threads", new JsonObject().put("category", slug)
          .put("title", title).put("body", "Mở đầu."));
      assertEquals(201, created.status(), created.body());
      made.add(new JsonObject(created.body()).getString("id"));
    }
    String one = made.get(0);
    String two = made.get(1);
    String three = made.get(2);
    assertEquals(List.of(three, two, one), listed(slug), "newest first");
    assertEquals(3, listing(slug, 1).getInteger("total"));

    assertEquals(201, forum.as(People.newMember()).post("/api/v1/threads/" + one + "/posts",
        new JsonObject().put("body", "Trả lời.")).status());
    assertEquals(List.of(one, three, two), listed(slug), "a reply brings its thread to the top at once");
    assertEquals(200, forum.as(moderator).post("/api/v1/threads/" + two + "/moderate",
        new JsonObject().put("action", "pin")).status());
    assertEquals(List.of(two, one, three), listed(slug), "pinned first");
    assertTrue(listing(slug, 1).getJsonArray("threads").getJsonObject(0).getBoolean("pinned"));
    assertEquals(200, forum.as(moderator).post("/api/v1/threads/" + three + "/moderate",
        new JsonObject().put("action", "move").put("category", "announcements")).status());
    assertEquals(List.of(two, one), listed(slug), "moved away");
    assertEquals(2, listing(slug, 1).getInteger("total"));
    assertTrue(listed("announcements").contains(three), "listed where it moved");
    JsonObject past = listing(slug, 9);
    assertEquals(1, past.getInteger("page"), "a page past the last shows the last");
    assertEquals(1, past.getInteger("pages"));
    assertEquals(List.of(two, one), past.getJsonArray("threads").stream().map(JsonObject.class::cast)
        .map(thread -> thread.getString("id")).toList());

    // Written straight into the collection, with no change logged: a listing that scanned the collection would show
    // it; the index, which the listing reads, never heard of it.
    ForumUnderTest.await(forum.mongo().insert(ThreadRepository.THREADS, new JsonObject().put("_id", "unlogged-" + slug)
        .put("category", slug).put("title", "Không ghi").put("author", new JsonObject().put("id", "x").put("name", "X"))
        .put("createdAt", new JsonObject().put("$date", Instant.now().toString()))
        .put("lastActivityAt", new JsonObject().put("$date", Instant.now().toString()))
        .put("postCount", 1).put("seq", 1L).put("pinned", true).put("locked", false)));
    assertEquals(List.of(two, one), listed(slug), "read from the index, by key");
    assertEquals(2, listing(slug, 1).getInteger("total"));
  }

  private static JsonObject listing(String slug, int page) {
    Page listing = forum.api().get("/api/v1/categories/" + slug + "/threads?page=" + page);
    assertEquals(200, listing.status(), listing.body());
    return new JsonObject(listing.body());
  }

  private static List<String> listed(String slug) {
    return listing(slug, 1).getJsonArray("threads").stream().map(JsonObject.class::cast)
        .map(thread -> thread.getString("id")).toList();
  }

  /** The node's search index is built (until then a category is listed from the collection). */
  private static void awaitSearchReady() {
    assertTrue(Eventually.holds(() -> forum.api().get("/health").body().contains("\"search\":\"UP\""),
        Duration.ofSeconds(30)), "the search index was not built in 30 s");
  }

  private static JsonObject listedFor(String token, String threadId) {
    JsonObject listing = new JsonObject(forum.as(token).get("/api/v1/categories/" + CATEGORY + "/threads").body());
    return listing.getJsonArray("threads").stream().map(JsonObject.class::cast)
        .filter(thread -> threadId.equals(thread.getString("id"))).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("a retried submit with the same Idempotency-Key creates one thread and answers the same id")
  void idempotentCreate() {
    String token = People.newMember();
    long before = count(ThreadRepository.THREADS);
    JsonObject thread = new JsonObject().put("category", CATEGORY).put("title", "Gửi hai lần").put("body", "x");
    Map<String, String> key = Map.of("Idempotency-Key", "retry-" + System.nanoTime());
    Page first = postWithHeaders(token, "/api/v1/threads", thread, key);
    Page second = postWithHeaders(token, "/api/v1/threads", thread, key);
    assertEquals(201, first.status(), first.body());
    assertEquals(201, second.status(), second.body());
    assertEquals(new JsonObject(first.body()).getString("id"), new JsonObject(second.body()).getString("id"));
    assertEquals(before + 1, count(ThreadRepository.THREADS));
  }

  @Test
  @DisplayName("a second thread within 15 s and a second reply within 5 s get 429 with Retry-After")
  void rateLimits() {
    String token = People.newMember();
    String threadId = createThread(token, "Nhanh quá");
    Page again = forum.as(token).post("/api/v1/threads", new JsonObject().put("category", CATEGORY)
        .put("title", "Lần nữa").put("body", "x"));
    assertEquals(429, again.status(), again.body());
    assertTrue(Integer.parseInt(again.header("retry-after").orElseThrow()) >= 1);

    Page reply = forum.as(token).post("/api/v1/threads/" + threadId + "/posts", new JsonObject().put("body", "một"));
    assertEquals(201, reply.status(), reply.body());
    Page tooSoon = forum.as(token).post("/api/v1/threads/" + threadId + "/posts", new JsonObject().put("body", "hai"));
    assertEquals(429, tooSoon.status(), tooSoon.body());
    assertTrue(tooSoon.header("retry-after").isPresent());
  }

  /**
   * A visitor who is not signed in but sends a session cookie and a matching CSRF token: a session the forum no
   * longer knows (it ended, or the node restarted). Opening the sign-in page no longer makes a session, so this is
   * the one way a browser that is not signed in still carries both.
   */
  private static Browser anonymousWithCsrfToken() {
    Browser visitor = new Browser();
    visitor.setCookie(forum.base(), "forum.session", "ended0123456789abcdef0123456789abcdef");
    visitor.setCookie(forum.base(), "XSRF-TOKEN", "token-from-an-ended-session");
    return visitor;
  }

  private static String createThread(String token, String title) {
    Page created = forum.as(token).post("/api/v1/threads", new JsonObject().put("category", CATEGORY)
        .put("title", title).put("body", "Bài mở đầu."));
    assertEquals(201, created.status(), created.body());
    return new JsonObject(created.body()).getString("id");
  }

  /** A POST as {@code token} with headers of its own ({@link vn.ngoforum.support.Api} sends none). */
  private static Page postWithHeaders(String token, String path, JsonObject body, Map<String, String> headers) {
    Map<String, String> all = new HashMap<>(headers);
    all.put("Authorization", "Bearer " + token);
    return new Browser().postJson(forum.base() + path, body.encode(), all);
  }

  private static void assertRefused(Page answer, String field) {
    assertEquals(400, answer.status(), answer.body());
    JsonObject error = new JsonObject(answer.body());
    assertEquals("invalid", error.getString("error"));
    assertTrue(error.getString("message").contains("'" + field + "'"), error.getString("message"));
  }

  private static long count(String collection) {
    return ForumUnderTest.await(forum.mongo().count(collection, new JsonObject()));
  }

  /** Registration has no acknowledgement: publish a probe until it arrives (bounded), then drain. */
  private static void awaitRegistered(BridgeClient client, String address) {
    Instant deadline = Instant.now().plusSeconds(10);
    while (Instant.now().isBefore(deadline)) {
      forum.vertx().eventBus().publish(address, new JsonObject().put("type", "probe"));
      JsonObject frame = client.next(200);
      if (frame != null) {
        assertEquals("rec", frame.getString("type"), frame.encode());
        while (client.next(300) != null) {
          // drop the other probes still on their way
        }
        return;
      }
    }
    throw new AssertionError("could not follow " + address);
  }
}
