package vn.ngoforum.forum.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/**
 * Moderators' actions on a person's content are stored notifications for that person (issue 18, point 1): a post
 * hidden or shown again, a thread locked, unlocked or moved; pinning tells nobody, and a moderator acting on their
 * own content is not told. The notifications page marks one read, or all.
 */
class ModerationNotificationsTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-moderation-notices");

  private static final Pattern MARK_ONE = Pattern.compile(
      "name=\"_csrf\" value=\"([^\"]+)\">\\s*<input type=\"hidden\" name=\"id\" value=\"([^\"]+)\"");

  @Test
  @DisplayName("the author is told when a moderator hides or shows their post (with the reason) and locks, unlocks"
      + " or moves their thread; pinning tells nobody")
  void authorIsTold() {
    Author written = Author.withThread("Bị điều phối");
    String author = written.token();
    String thread = written.thread().getString("id");
    String post = written.thread().getString("postId");
    String moderator = People.token("moderator");

    moderate(moderator, "/api/v1/posts/" + post, new JsonObject().put("action", "hide").put("reason", "Quảng cáo"));
    JsonObject hidden = items(author, 1).get(0);
    assertEquals("post.hidden", hidden.getString("kind"));
    assertEquals("Quảng cáo", hidden.getString("reason"));
    assertEquals("Bị điều phối", hidden.getString("title"));
    assertEquals(thread, hidden.getString("threadId"));
    assertEquals("/t/" + thread + "#post-" + post, hidden.getString("url"));

    moderate(moderator, "/api/v1/posts/" + post, new JsonObject().put("action", "show"));
    moderate(moderator, "/api/v1/threads/" + thread, new JsonObject().put("action", "pin"));
    moderate(moderator, "/api/v1/threads/" + thread, new JsonObject().put("action", "lock").put("reason", "Đủ rồi"));
    moderate(moderator, "/api/v1/threads/" + thread, new JsonObject().put("action", "unlock"));
    moderate(moderator, "/api/v1/threads/" + thread, new JsonObject().put("action", "move")
        .put("category", "policy-and-law"));
    List<JsonObject> items = items(author, 5);
    assertEquals(List.of("thread.moved", "thread.unlocked", "thread.locked", "post.shown", "post.hidden"),
        items.stream().map(item -> item.getString("kind")).toList(), "newest first, nothing for the pin");
    assertEquals("policy-and-law", items.get(0).getString("category"));

    Page page = forum.signedIn(written.username()).get(forum.base() + "/notifications");
    assertTrue(page.body().contains("Điều phối viên đã ẩn bài viết của bạn trong “Bị điều phối”"), page.body());
    assertTrue(page.body().contains("Lý do: Quảng cáo"), "the reason is shown");
  }

  @Test
  @DisplayName("a moderator acting on their own post or thread is not told")
  void notToldOfOwnActions() {
    String moderator = People.token("moderator");
    long before = inbox(moderator).getLong("unread");
    JsonObject created = start(moderator, "Của điều phối viên");
    String thread = created.getString("id");
    moderate(moderator, "/api/v1/posts/" + created.getString("postId"),
        new JsonObject().put("action", "hide").put("reason", "Thử"));
    moderate(moderator, "/api/v1/threads/" + thread, new JsonObject().put("action", "lock"));
    String member = People.newMember();
    JsonObject other = start(member, "Của thành viên");
    moderate(moderator, "/api/v1/threads/" + other.getString("id"),
        new JsonObject().put("action", "lock"));
    items(member, 1);
    assertEquals(before, inbox(moderator).getLong("unread"), "nothing for the moderator's own content");
  }

  @Test
  @DisplayName("the notifications page marks one notification read with its button, and all with the other")
  void pageMarksOneOrAll() {
    Author written = Author.withThread("Đánh dấu");
    String author = written.token();
    for (String action : List.of("lock", "unlock")) {
      moderate(People.token("moderator"), "/api/v1/threads/" + written.thread().getString("id"),
          new JsonObject().put("action", action));
    }
    List<JsonObject> items = items(author, 2);

    Browser browser = forum.signedIn(written.username());
    Matcher form = MARK_ONE.matcher(browser.get(forum.base() + "/notifications").body());
    assertTrue(form.find(), "each unread notification has its own button");
    Page marked = browser.postForm(forum.base() + "/notifications/read", Map.of("_csrf", form.group(1),
        "id", form.group(2)));
    assertEquals(302, marked.status(), marked.body());
    JsonObject inbox = inbox(author);
    assertEquals(1L, inbox.getLong("unread"), inbox.encode());
    assertEquals(items.get(0).getString("id"), form.group(2));
    assertTrue(inbox.getJsonArray("items").getJsonObject(0).getBoolean("read"));
    assertFalse(inbox.getJsonArray("items").getJsonObject(1).getBoolean("read"));

    assertEquals(302, browser.postForm(forum.base() + "/notifications/read", Map.of("_csrf", form.group(1)))
        .status());
    assertEquals(0L, inbox(author).getLong("unread"));
    assertFalse(browser.get(forum.base() + "/notifications").body().contains("name=\"id\""), "nothing left to mark");
  }

  private static void moderate(String token, String target, JsonObject body) {
    Page answer = forum.as(token).post(target + "/moderate", body);
    assertEquals(200, answer.status(), answer.body());
  }

  private static JsonObject inbox(String token) {
    return new JsonObject(forum.as(token).get("/api/v1/notifications").body());
  }


  private static List<JsonObject> items(String token, int expected) {
    return forum.as(token).awaitNotifications(expected).getJsonArray("items").stream().map(JsonObject.class::cast)
        .toList();
  }

  /** A thread started by {@code token} in field reports: {@code {id, postId, ...}}. */
  private static JsonObject start(String token, String title) {
    Page created = forum.as(token).post("/api/v1/threads", new JsonObject().put("category", "field-reports")
        .put("title", title).put("body", "Nội dung."));
    assertEquals(201, created.status(), created.body());
    return new JsonObject(created.body());
  }

  /** A new member and the thread they started ({@code {id, postId, ...}}). */
  private record Author(String username, String token, JsonObject thread) {

    static Author withThread(String title) {
      String username = People.create("member");
      String token = People.token(username);
      return new Author(username, token, start(token, title));
    }
  }
}
