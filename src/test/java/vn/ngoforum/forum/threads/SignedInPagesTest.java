package vn.ngoforum.forum.threads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;
import vn.ngoforum.support.TestServers;

/**
 * Signed-in readers' thread pages are made from the parts they share (SignedInPages: posts, rendered posts, the
 * page's shell per shape) plus what is theirs, and are byte for byte the page the template renders whole for them:
 * for a member who reacted, the posts' author, a moderator, a member without the right to reply and one whose name
 * needs escaping, in both languages, before and after every kind of change (a locked thread too); no reader's own
 * values show in another's page; a change drops the shared parts at once, also when heard from another node.
 */
class SignedInPagesTest {

  private static final String DATABASE = "forum-signed-in-pages";
  /** A last name with every character HTML escapes, and how the page shows it. */
  private static final String ODD_NAME = "<i>&\"'`=";
  private static final String ODD_ESCAPED = "&lt;i&gt;&amp;&quot;&#x27;&#x60;&#x3D;";

  @RegisterExtension
  static final TestForum forum = TestForum.perClass(DATABASE);
  private static TestForum other;
  private static Vertx otherVertx;

  @BeforeAll
  static void setUp() {
    otherVertx = Vertx.vertx();
    other = TestForum.onOwnPort(otherVertx, DATABASE, Map.of(AppConfig.FORUM_DEMO_DATA, "false"));
  }

  @AfterAll
  static void close() {
    other.close();
    ForumUnderTest.await(otherVertx.close());
  }

  @AfterEach
  void shareAgain() {
    SignedInPages.share = true;
  }

  @Test
  @DisplayName("a signed-in page from the shared parts equals the page rendered whole, for a member, the author, a moderator, a reader who may not reply and an oddly named member, after every change")
  void sameBytesAsTheTemplate() throws Exception {
    String authorName = People.create("member");
    String authorToken = People.token(authorName);
    String readerName = People.create("member");
    String readerToken = People.token(readerName);
    String moderatorToken = People.token("moderator");
    Browser author = signedIn(authorName);
    Browser reader = signedIn(readerName);
    Browser moderator = signedIn("moderator");
    Browser bystander = signedIn(People.create("member"));
    Browser english = signedIn(readerName);
    english.get(forum.base() + "/lang/en");
    Browser outsider = signedIn(People.create(null));
    Browser odd = oddlyNamed();
    Browser oddInEnglish = oddlyNamed();
    oddInEnglish.get(forum.base() + "/lang/en");
    List<Browser> everyone = List.of(author, reader, bystander, moderator, english, outsider, odd, oddInEnglish);

    String threadId = ok(forum.as(authorToken).post("/api/v1/threads", new JsonObject()
        .put("category", "field-reports").put("title", "Trang của người đã đăng nhập")
        .put("body", "Bài mở đầu có <b>thẻ</b> & \"ngoặc\"."))).getString("id");
    String mine = ok(forum.as(authorToken).post("/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", "Trả lời **của tác giả**"))).getString("id");
    String theirs = ok(forum.as(readerToken).post("/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", "Trả lời *của người đọc*"))).getString("id");
    ok(forum.as(readerToken).post("/api/v1/posts/" + mine + "/reactions/thanks", null));
    ok(forum.as(authorToken).post("/api/v1/posts/" + theirs + "/reactions/agree", null));
    for (Browser browser : everyone) {
      long joined = SignedInPages.JOINED.get();
      assertSameAsTemplate(browser, threadId);
      // Someone signed in without any forum role reads as a guest does, but with a page rendered whole for them.
      assertTrue(browser == outsider || SignedInPages.JOINED.get() - joined >= 2,
          "the page was joined from a shell: browser " + everyone.indexOf(browser) + ", "
              + (SignedInPages.JOINED.get() - joined) + " joins");
    }
    assertOwnValuesOnly(everyone, threadId);
    assertTrue(page(odd, threadId).contains(">Người thử " + ODD_ESCAPED + "</span>"), "the odd name, escaped");
    assertFalse(page(odd, threadId).contains(ODD_NAME), "and never raw");
    assertTrue(page(moderator, threadId).contains("action=\"/t/" + threadId + "/moderate\""), "the moderation form");
    assertFalse(page(reader, threadId).contains("action=\"/t/" + threadId + "/moderate\""), "only for moderators");
    assertTrue(page(reader, threadId).contains("id=\"reply-form\""), "a member gets the reply form");
    assertFalse(page(outsider, threadId).contains("id=\"reply-form\""), "one without the right to reply does not");
    assertTrue(page(english, threadId).contains("<html lang=\"en\">"), "the English page");
    assertFalse(page(bystander, threadId).contains("aria-pressed=\"true\""), "a member who reacted to nothing");
    String readerPage = page(reader, threadId);
    assertTrue(readerPage.contains("aria-pressed=\"true\""), "the reader's own reaction is pressed on their page");
    assertTrue(readerPage.contains("/p/" + theirs + "/edit"), "their own post has its edit link");
    assertFalse(readerPage.contains("/p/" + mine + "/edit"), "the author's post has none for them");
    assertTrue(page(author, threadId).contains("/p/" + mine + "/edit"), "the author's has, for the author");
    assertTrue(page(moderator, threadId).contains("/p/" + mine + "/moderate"), "the moderator gets hide buttons");
    assertFalse(readerPage.contains("/p/" + mine + "/moderate"), "the reader does not");

    long hits = SignedInPages.HITS.get();
    page(reader, threadId);
    page(author, threadId);
    assertTrue(SignedInPages.HITS.get() - hits >= 6, "the posts were served already rendered, to both");

    ok(forum.as(authorToken).put("/api/v1/posts/" + mine, new JsonObject().put("body", "Đã *sửa* lại")
        .put("version", 1)));
    assertTrue(page(reader, threadId).contains("<em>sửa</em>"), "an edit shows at once");
    everyone.forEach(browser -> assertSameAsTemplate(browser, threadId));

    ok(forum.as(readerToken).delete("/api/v1/posts/" + mine + "/reactions/thanks"));
    assertFalse(page(reader, threadId).contains("aria-pressed=\"true\""), "a reaction taken back shows at once");
    everyone.forEach(browser -> assertSameAsTemplate(browser, threadId));

    ok(forum.as(moderatorToken).post("/api/v1/posts/" + theirs + "/moderate",
        new JsonObject().put("action", "hide").put("reason", "Lạc <đề>")));
    assertFalse(page(author, threadId).contains("của người đọc"), "a hidden post's text is gone for others");
    assertTrue(page(reader, threadId).contains("của người đọc"), "its author still sees it");
    assertTrue(page(moderator, threadId).contains("Lạc &lt;đề&gt;"), "moderators see it with the reason");
    everyone.forEach(browser -> assertSameAsTemplate(browser, threadId));

    ok(forum.as(authorToken).delete("/api/v1/posts/" + mine));
    assertFalse(page(moderator, threadId).contains("Đã <em>sửa</em>"), "a deleted post's text is gone");
    everyone.forEach(browser -> assertSameAsTemplate(browser, threadId));

    ok(forum.as(moderatorToken).post("/api/v1/threads/" + threadId + "/moderate",
        new JsonObject().put("action", "lock").put("reason", "Đủ rồi")));
    assertFalse(page(reader, threadId).contains("id=\"reply-form\""), "a locked thread has no reply form");
    everyone.forEach(browser -> assertSameAsTemplate(browser, threadId));
    assertOwnValuesOnly(everyone, threadId);
  }

  @Test
  @DisplayName("a change heard from another node drops the thread's shared parts; one made through a node that shares only MongoDB shows within a second")
  void changesFromOtherNodes() throws Exception {
    String readerName = People.create("member");
    Browser reader = signedIn(readerName);
    String threadId = ok(forum.as(People.newMember()).post("/api/v1/threads", new JsonObject()
        .put("category", "field-reports").put("title", "Hai nút, người đã đăng nhập")
        .put("body", "Bài mở đầu."))).getString("id");
    page(reader, threadId);
    SignedInPages shared = ThreadPageCache.forNode(forum.vertx()).signedIn();
    assertTrue(shared.holds(threadId), "the page's posts are shared");

    // What a change on another node of the cluster arrives as.
    forum.vertx().eventBus().publish(Addresses.THREAD_CHANGED, threadId);
    assertTrue(Eventually.holds(() -> !shared.holds(threadId), Duration.ofSeconds(5)),
        "the thread's shared parts are dropped");

    // Every HTTP verticle of the node hears the change and drops again; a page read while a later one arrives is
    // not kept (what was read before a drop never is), so the next view keeps it.
    assertTrue(Eventually.holds(() -> {
      page(reader, threadId);
      return shared.holds(threadId);
    }, Duration.ofSeconds(5)), "a view after the change keeps the page's posts again");
    ok(other.as(People.newMember()).post("/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", "Viết từ **nút thứ hai**")));
    // A node that heard nothing read the thread less than a second ago: it shows the new version within that.
    assertTrue(Eventually.holds(() -> page(reader, threadId).contains("<strong>nút thứ hai</strong>"),
        Duration.ofMillis(ThreadPageCache.FRESH_MILLIS + 2_000)),
        "a node that heard nothing sees the thread's new version within a second");
    assertSameAsTemplate(reader, threadId);
  }

  @Test
  @DisplayName("the parts: the token put back escaped as the template does, a drop forgets, the bytes are bounded")
  void partsAndBounds() {
    SignedInPages shared = new SignedInPages();
    byte[][] parts = shared.cut("<a>" + shared.marker() + "</a><b>" + shared.marker() + "</b>");
    assertEquals(3, parts.length);
    assertArrayEquals("</a><b>".getBytes(StandardCharsets.UTF_8), parts[1]);
    assertEquals("<a>x&#x3D;&quot;</a><b>x&#x3D;&quot;</b>", SignedInPages.join(parts, SignedInPages.escaped("x=\"")));
    assertEquals("<a></a><b></b>", SignedInPages.join(parts, SignedInPages.escaped(null)));

    SignedInPages.Shell shell = shared.cutShell("<p>" + shared.marker('n') + "</p>" + shared.marker(SignedInPages.POSTS)
        + "|" + shared.marker(SignedInPages.SECOND_POST) + "<i>" + shared.marker('c') + "ế", "cn");
    assertEquals("n" + SignedInPages.POSTS + "c", new String(shell.slots()));
    assertEquals("|", new String(shell.separator(), StandardCharsets.UTF_8));
    assertEquals("ế", new String(shell.parts()[3], StandardCharsets.UTF_8));
    assertNull(shared.cutShell("<p>" + shared.marker('x') + shared.marker(SignedInPages.POSTS)
        + shared.marker(SignedInPages.SECOND_POST), "cn"), "a marker for no known value: no shell");
    assertNull(shared.cutShell("<p>" + shared.marker(SignedInPages.POSTS), "cn"), "posts not there twice: no shell");

    long mark = shared.mark();
    shared.putPosts("t1 1", "t1", "3:1", List.of(), mark);
    shared.putParts("t1 1", "3:1", "p1 vi -", parts, mark);
    assertNotNull(shared.parts("t1 1", "3:1", "p1 vi -"));
    assertNull(shared.parts("t1 1", "3:2", "p1 vi -"), "not at another version");
    shared.drop("t1");
    assertNull(shared.posts("t1 1", "3:1"), "dropped");
    shared.putPosts("t1 1", "t1", "3:1", List.of(), mark);
    assertNull(shared.posts("t1 1", "3:1"), "what was read before a drop is not kept");

    String big = "x".repeat(2 * 1024 * 1024);
    for (int i = 0; i < 20; i++) {
      long now = shared.mark();
      shared.putPosts("t" + i + " 1", "t" + i, "1:0", List.of(), now);
      shared.putParts("t" + i + " 1", "1:0", "p vi -", new byte[][] {big.getBytes(StandardCharsets.UTF_8)}, now);
      assertTrue(shared.bytes() <= SignedInPages.MAX_BYTES, "bounded: " + shared.bytes());
    }
    assertNotNull(shared.parts("t19 1", "1:0", "p vi -"), "the latest stays");
    assertNull(shared.posts("t0 1", "1:0"), "the least recently used went");
  }

  /**
   * The page from the shared parts (filled, then served) equals, byte for byte, the page rendered whole. Compared
   * once the thread stays still meanwhile (the whole page the same before and after): a reaction's count is
   * announced with an event number of its own a moment after it is counted.
   */
  private static void assertSameAsTemplate(Browser browser, String threadId) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      String whole = withoutSubmissionKey(whole(browser, threadId));
      String first = withoutSubmissionKey(page(browser, threadId));
      String again = withoutSubmissionKey(page(browser, threadId));
      boolean still = whole.equals(withoutSubmissionKey(whole(browser, threadId)));
      if (still || System.nanoTime() > deadline) {
        assertTrue(still, "the thread stays still long enough to compare");
        assertEquals(whole, first, "the page made from shared parts");
        assertEquals(whole, again, "and again");
        return;
      }
    }
  }

  /**
   * Each reader's own values (CSRF token, submission key, id where the page names its reader) appear in no other
   * reader's page; each browser is a session of its own (two are the same person: their id is theirs in both).
   */
  private static void assertOwnValuesOnly(List<Browser> browsers, String threadId) {
    List<String> pages = browsers.stream().map(browser -> page(browser, threadId)).toList();
    for (int i = 0; i < pages.size(); i++) {
      String token = value(pages.get(i), "name=\"_csrf\" value=\"");
      String person = value(pages.get(i), "data-user-id=\"");
      String submission = pages.get(i).contains("name=\"_submission\"")
          ? value(pages.get(i), "name=\"_submission\" value=\"") : null;
      for (int j = 0; j < pages.size(); j++) {
        if (i == j) {
          continue;
        }
        assertFalse(pages.get(j).contains(token), "another's CSRF token in page " + j);
        assertTrue(submission == null || !pages.get(j).contains(submission), "another's submission key in page " + j);
        if (!person.equals(value(pages.get(j), "data-user-id=\""))) {
          // Where the page names its reader (a post names its author by id in the author's link, for everyone).
          assertFalse(pages.get(j).contains("data-user-id=\"" + person + "\"")
              || pages.get(j).contains("data-viewer=\"" + person + "\""), "another's id in page " + j);
        }
      }
    }
  }

  private static String value(String page, String before) {
    int at = page.indexOf(before);
    assertTrue(at >= 0, before);
    int start = at + before.length();
    return page.substring(start, page.indexOf('"', start));
  }

  /**
   * A member named with every character HTML escapes, signed in. The realm's user profile forbids some of them in
   * names, so its check on the last name is lifted for the rename and the sign-in, and put back after.
   */
  private static Browser oddlyNamed() {
    String username = People.create("member");
    TestServers servers = TestServers.get();
    Map<String, String> auth = Map.of("Authorization", "Bearer " + servers.adminToken());
    String realm = servers.keycloakUrl() + "/admin/realms/" + TestServers.REALM;
    Browser admin = new Browser();
    String profile = admin.get(realm + "/users/profile", auth).body();
    JsonObject lifted = new JsonObject(profile);
    lifted.getJsonArray("attributes").forEach(item -> {
      JsonObject attribute = (JsonObject) item;
      if ("lastName".equals(attribute.getString("name"))) {
        attribute.remove("validations");
      }
    });
    ok(admin.sendJson("PUT", realm + "/users/profile", lifted.encode(), auth));
    try {
      JsonObject user = new JsonArray(admin.get(realm + "/users?exact=true&username=" + username, auth).body())
          .getJsonObject(0);
      ok(admin.sendJson("PUT", realm + "/users/" + user.getString("id"), user.put("lastName", ODD_NAME).encode(),
          auth));
      // Signing in checks the profile too (a name it forbids asks the person to correct it first).
      return signedIn(username);
    } finally {
      ok(admin.sendJson("PUT", realm + "/users/profile", profile, auth));
    }
  }

  /** The page as the template renders it whole, posts read and rendered for this request. */
  private static String whole(Browser browser, String threadId) {
    SignedInPages.share = false;
    try {
      return page(browser, threadId);
    } finally {
      SignedInPages.share = true;
    }
  }

  /** The reply form's per-render key differs at every render, by design. */
  private static String withoutSubmissionKey(String page) {
    return page.replaceAll("name=\"_submission\" value=\"[^\"]*\"", "name=\"_submission\" value=\"\"");
  }

  private static Browser signedIn(String username) {
    Browser browser = new Browser();
    browser.signIn(forum.base(), username, TestServers.PASSWORD);
    return browser;
  }

  private static String page(Browser browser, String threadId) {
    Browser.Page page = browser.get(forum.base() + "/t/" + threadId);
    assertEquals(200, page.status(), page.body());
    assertTrue(page.body().contains("name=\"_csrf\""), "a signed-in page");
    return page.body();
  }

  private static JsonObject ok(Browser.Page answer) {
    assertTrue(answer.status() / 100 == 2, answer.uri() + " answered " + answer.status() + ": " + answer.body());
    return answer.body().isEmpty() ? new JsonObject() : new JsonObject(answer.body());
  }
}
