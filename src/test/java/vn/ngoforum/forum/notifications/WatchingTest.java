package vn.ngoforum.forum.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/**
 * Watching (issue 18, point 3): {@code POST|DELETE /api/v1/watch {thread}|{category}} and the pages' buttons; a new
 * post in a watched thread, or a new thread in a watched category, is a stored notification for every watcher but
 * its author; authors and repliers watch their threads by default.
 */
class WatchingTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-watching");

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @Test
  @DisplayName("a watcher of a category is told of each new thread there, a watcher of a thread of each post, never"
      + " of their own; authors and repliers watch by default, and one who stops watching stays so")
  void watchersAreTold() {
    String slug = category("public");
    String watcher = People.newMember();
    String author = People.newMember();
    String replier = People.newMember();
    assertEquals(true, watch(watcher, new JsonObject().put("category", slug), 200).getBoolean("watching"));
    assertTrue(watching(watcher, "category=" + slug));

    String thread = start(author, slug, "Chủ đề theo dõi");
    JsonObject told = forum.as(watcher).awaitNotifications(1).getJsonArray("items").getJsonObject(0);
    assertEquals("watched.thread", told.getString("kind"));
    assertEquals(thread, told.getString("threadId"));
    assertTrue(watching(author, "thread=" + thread), "the author watches their thread");
    assertFalse(watching(watcher, "thread=" + thread), "watching the category is not watching each thread");

    reply(replier, thread);
    JsonObject authors = forum.as(author).awaitNotifications(1);
    assertEquals(List.of("reply"), kinds(authors), "the author is told once, as the thread's author");
    assertTrue(watching(replier, "thread=" + thread), "a replier watches the thread");

    watch(watcher, new JsonObject().put("thread", thread), 200);
    reply(author, thread);
    assertEquals(List.of("watched.post", "watched.thread"), kinds(forum.as(watcher).awaitNotifications(2)));
    assertEquals(List.of("watched.post"), kinds(forum.as(replier).awaitNotifications(1)));
    assertEquals(1, items(author).size(), "not told of their own post");

    assertEquals(false, unwatch(replier, new JsonObject().put("thread", thread), 200).getBoolean("watching"));
    reply(replier, thread);
    forum.as(author).awaitNotifications(2);
    assertFalse(watching(replier, "thread=" + thread), "writing again does not make them watch again");
    assertEquals(3, items(watcher).size(), "the watcher is told of the second reply");

    unwatch(watcher, new JsonObject().put("thread", thread), 200);
    reply(replier, thread);
    forum.as(author).awaitNotifications(3);
    assertEquals(3, items(watcher).size(), "nothing after they stopped watching");
  }

  @Test
  @DisplayName("watching what one may not read is a 404, an unknown thread or category a 404, a body naming neither"
      + " or both a 400, a guest a 401")
  void badInput() {
    String member = People.newMember();
    assertEquals(400, forum.as(member).get("/api/v1/watch").status());
    String members = category("members");
    String hidden = start(member, members, "Nội bộ");
    String outsider = People.token(People.create(null));
    watch(outsider, new JsonObject().put("thread", hidden), 404);
    watch(outsider, new JsonObject().put("category", members), 404);
    assertEquals(404, forum.as(outsider).get("/api/v1/watch?thread=" + hidden).status());
    watch(member, new JsonObject().put("thread", "no-such-thread"), 404);
    watch(member, new JsonObject().put("thread", "../etc"), 404);
    watch(member, new JsonObject().put("category", "no-such-category"), 404);
    unwatch(member, new JsonObject().put("category", "NOT A SLUG"), 404);
    watch(member, new JsonObject(), 400);
    watch(member, new JsonObject().put("thread", hidden).put("category", members), 400);
    watch(member, new JsonObject().put("thread", 7), 400);
    watch(member, new JsonObject().put("thread", hidden).put("admin", true), 400);
    assertEquals(401, new Browser().postJson(forum.base() + "/api/v1/watch", new JsonObject().put("thread", hidden)
        .encode(), Map.of()).status());
    assertFalse(watching(member, "category=" + members), "nothing was changed");
  }

  @Test
  @DisplayName("a watcher of a members-only category who loses their membership is told nothing more; a member"
      + " watching alongside is")
  void formerMembersAreNotTold() {
    String members = category("members");
    String formerName = People.create("member");
    String stays = People.newMember();
    watch(People.token(formerName), new JsonObject().put("category", members), 200);
    watch(stays, new JsonObject().put("category", members), 200);

    People.removeRole(formerName, "member");
    Browser former = forum.signedIn(formerName);
    start(People.newMember(), members, "Sau khi rời đi");
    assertEquals("watched.thread", kinds(forum.as(stays).awaitNotifications(1)).get(0));
    JsonObject inbox = new JsonObject(former.get(forum.base() + "/api/v1/notifications").body());
    assertEquals(0L, inbox.getLong("unread"), inbox.encode());
    assertTrue(inbox.getJsonArray("items").isEmpty(), inbox.encode());
  }

  @Test
  @DisplayName("the thread and category pages have a watch button that works without JavaScript")
  void pageButtons() {
    String slug = category("public");
    String username = People.create("member");
    String thread = start(People.newMember(), slug, "Nút theo dõi");
    Browser browser = forum.signedIn(username);
    for (String page : List.of("/t/" + thread, "/c/" + slug)) {
      Page before = browser.get(forum.base() + page);
      assertEquals(200, before.status(), before.body());
      assertTrue(before.body().contains("action=\"" + page + "/watch\""), before.body());
      assertFalse(before.body().contains("data-watching"), page);
      Page pressed = browser.postForm(forum.base() + page + "/watch", Map.of("_csrf", csrf(before.body()),
          "watch", "on"));
      assertEquals(302, pressed.status(), pressed.body());
      assertEquals(page, pressed.header("location").orElseThrow());
      Page after = browser.get(forum.base() + page);
      assertTrue(after.body().contains("data-watching"), page + " shows that it is watched");
      assertTrue(after.body().contains("name=\"watch\" value=\"off\""), page);
      assertEquals(302, browser.postForm(forum.base() + page + "/watch", Map.of("_csrf", csrf(after.body()),
          "watch", "off")).status());
      assertFalse(browser.get(forum.base() + page).body().contains("data-watching"), page);
    }
    Page unknown = browser.postForm(forum.base() + "/t/no-such-thread/watch", Map.of("_csrf",
        csrf(browser.get(forum.base() + "/t/" + thread).body()), "watch", "on"));
    assertEquals(404, unknown.status());
    assertFalse(new Browser().get(forum.base() + "/t/" + thread).body().contains("/watch\""), "no button for guests");
  }

  @Test
  @DisplayName("a thread watched by hundreds is told of a new post in bulk: every watcher gets one notification,"
      + " counted in their inbox")
  void manyWatchers() {
    String author = People.newMember();
    String thread = start(author, category("public"), "Rất nhiều người theo dõi");
    reply(People.newMember(), thread);
    forum.as(author).awaitNotifications(1);
    List<String> watchers = new ArrayList<>();
    for (int i = 0; i < 450; i++) {
      watchers.add("watcher-" + System.nanoTime() + "-" + i);
    }
    for (String watcher : watchers) {
      ForumUnderTest.await(forum.mongo().updateCollectionWithOptions(WatchRepository.BUCKET_LISTS,
          new JsonObject().put("_id", WatchRepository.bucket(watcher, WatchRepository.Watched.thread(thread))),
          new JsonObject().put("$addToSet", new JsonObject().put("people", watcher)),
          new UpdateOptions().setUpsert(true)));
    }
    reply(People.newMember(), thread);
    Instant deadline = Instant.now().plusSeconds(20);
    long stored = Eventually.value(() -> ForumUnderTest.await(forum.mongo().count(NotificationRepository.NOTIFICATIONS,
        new JsonObject().put("threadId", thread).put("type", "watched.post"))), told -> told >= watchers.size() + 1,
        Duration.between(Instant.now(), deadline));
    assertEquals(watchers.size() + 1, stored, "the 450 and the first replier, who watches by default");
    for (String id : List.of(watchers.get(0), watchers.get(449))) {
      // A batch's notifications are stored first, then its inboxes are counted: wait for the count too.
      JsonObject inbox = Eventually.value(() -> ForumUnderTest.await(forum.mongo().findOne(
          NotificationRepository.INBOXES, new JsonObject().put("_id", id), null)),
          found -> found != null && found.getLong("unread", 0L) >= 1, Duration.between(Instant.now(), deadline));
      assertNotNull(inbox, "the watcher's inbox");
      assertEquals(1L, inbox.getLong("unread"), inbox.encode());
      assertEquals(1, inbox.getJsonArray("recent").size(), inbox.encode());
    }
  }

  /** A new category, public or for members only ({@code visibility}). */
  private static String category(String visibility) {
    return forum.as(People.token("admin")).newCategory("watch-" + visibility, visibility);
  }

  private static String start(String token, String slug, String title) {
    return forum.as(token).newThread(slug, title);
  }

  /** A reply; one person replying again within the forum's interval waits for it (bounded). */
  private static void reply(String token, String thread) {
    Instant deadline = Instant.now().plusSeconds(15);
    Page reply;
    do {
      reply = forum.as(token).post("/api/v1/threads/" + thread + "/posts",
          new JsonObject().put("body", "Trả lời " + System.nanoTime()));
    } while (reply.status() == 429 && Instant.now().isBefore(deadline));
    assertEquals(201, reply.status(), reply.body());
  }

  private static JsonObject watch(String token, JsonObject body, int status) {
    return expect(forum.as(token).post("/api/v1/watch", body), status);
  }

  private static JsonObject unwatch(String token, JsonObject body, int status) {
    return expect(forum.as(token).send("DELETE", "/api/v1/watch", body), status);
  }

  private static JsonObject expect(Page answer, int status) {
    assertEquals(status, answer.status(), answer.body());
    return new JsonObject(answer.body());
  }

  private static boolean watching(String token, String query) {
    return expect(forum.as(token).get("/api/v1/watch?" + query), 200).getBoolean("watching");
  }

  private static List<JsonObject> items(String token) {
    return new JsonObject(forum.as(token).get("/api/v1/notifications").body()).getJsonArray("items").stream()
        .map(JsonObject.class::cast).toList();
  }

  private static List<String> kinds(JsonObject inbox) {
    return inbox.getJsonArray("items").stream().map(item -> ((JsonObject) item).getString("kind")).toList();
  }


  private static String csrf(String html) {
    Matcher matcher = CSRF.matcher(html);
    assertTrue(matcher.find(), "the page has a form");
    return matcher.group(1);
  }
}
