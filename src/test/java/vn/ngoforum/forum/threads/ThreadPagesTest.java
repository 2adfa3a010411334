package vn.ngoforum.forum.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
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

/** The category, thread and search pages, read and used without JavaScript, as a browser would. */
class ThreadPagesTest {

  private static final Pattern HIDDEN = Pattern.compile("name=\"(_csrf|_submission)\" value=\"([^\"]+)\"");

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-pages");

  @Test
  @DisplayName("a member starts a thread and replies through the page forms, and lands on their post")
  void postThroughPages() {
    Browser member = forum.signedIn("member");
    Page category = member.get(forum.base() + "/c/policy-and-law");
    assertEquals(200, category.status());
    assertTrue(category.body().contains("Chính sách và pháp luật"));
    Map<String, String> hidden = hiddenFields(category.body());
    assertTrue(hidden.containsKey("_csrf"), "the new-thread form carries the CSRF token");

    Page created = member.postForm(forum.base() + "/c/policy-and-law/threads", Map.of("_csrf", hidden.get("_csrf"),
        "_submission", hidden.get("_submission"), "title", "Góp ý dự thảo Nghị định",
        "body", "Đề xuất **tăng mức phạt** với hành vi buôn bán ngà voi."));
    assertEquals(302, created.status(), created.body());
    String location = created.header("location").orElseThrow();
    assertTrue(location.startsWith("/t/"), location);
    String threadId = location.substring(3);

    Page thread = member.get(forum.base() + location);
    assertEquals(200, thread.status());
    assertTrue(thread.body().contains("<h1>Góp ý dự thảo Nghị định</h1>"));
    assertTrue(thread.body().contains("<strong>tăng mức phạt</strong>"));
    assertTrue(thread.body().contains("id=\"reply-form\""), "a member sees the reply form");

    Map<String, String> replyHidden = hiddenFields(thread.body());
    Page replied = member.postForm(forum.base() + "/t/" + threadId + "/posts", Map.of("_csrf", replyHidden.get("_csrf"),
        "_submission", replyHidden.get("_submission"), "body", "Bổ sung: cần *kiểm lâm* phối hợp."));
    assertEquals(302, replied.status(), replied.body());
    assertTrue(replied.header("location").orElseThrow().matches("/t/" + threadId + "#post-[A-Za-z0-9_-]+"));
    Page again = member.get(forum.base() + "/t/" + threadId);
    assertTrue(again.body().contains("<em>kiểm lâm</em>"));
    assertTrue(again.body().contains("id=\"" + replied.header("location").orElseThrow().split("#")[1] + "\""),
        "the permalink's target is on the page");

    Page listing = new Browser().get(forum.base() + "/c/policy-and-law");
    assertTrue(listing.body().contains("href=\"/t/" + threadId + "\""), "the category lists the thread");
  }

  @Test
  @DisplayName("an author edits and deletes their post through the page forms, and a moderator locks the thread")
  void editDeleteAndLockThroughPages() {
    String username = People.create("member");
    Browser member = forum.signedIn(username);
    String token = People.token(username);
    String threadId = new JsonObject(member.postJson(forum.base() + "/api/v1/threads", new JsonObject()
        .put("category", "field-reports").put("title", "Sửa và xóa qua trang").put("body", "Bản đầu.").encode(),
        Map.of("Authorization", "Bearer " + token)).body()).getString("id");
    String postId = new JsonObject(new Browser().get(forum.base() + "/api/v1/threads/" + threadId).body())
        .getJsonArray("posts").getJsonObject(0).getString("id");

    Page editPage = member.get(forum.base() + "/p/" + postId + "/edit");
    assertEquals(200, editPage.status(), editPage.body());
    assertTrue(editPage.body().contains(">Bản đầu.</textarea>"));
    Page edited = member.postForm(forum.base() + "/p/" + postId + "/edit", Map.of("_csrf",
        hiddenFields(editPage.body()).get("_csrf"), "version", "1", "body", "Bản *hai*."));
    assertEquals(302, edited.status(), edited.body());
    Page stale = member.postForm(forum.base() + "/p/" + postId + "/edit", Map.of("_csrf",
        hiddenFields(editPage.body()).get("_csrf"), "version", "1", "body", "Bản ba, từ trang cũ."));
    assertEquals(409, stale.status());
    assertTrue(stale.body().contains(">Bản ba, từ trang cũ.</textarea>"), "the losing text is given back");

    Page thread = member.get(forum.base() + "/t/" + threadId);
    assertTrue(thread.body().contains("<em>hai</em>"));
    Matcher deleteForm = Pattern.compile("action=\"/p/" + postId + "/delete\"[^>]*>\\s*<input type=\"hidden\""
        + " name=\"_csrf\" value=\"([^\"]+)\"").matcher(thread.body());
    assertTrue(deleteForm.find(), "the delete form carries the CSRF token");
    Page deleted = member.postForm(forum.base() + "/p/" + postId + "/delete", Map.of("_csrf", deleteForm.group(1)));
    assertEquals(302, deleted.status(), deleted.body());
    assertTrue(new Browser().get(forum.base() + "/t/" + threadId).body().contains("tác giả đã xóa bài này"));

    Browser moderator = forum.signedIn("moderator");
    Page moderatorView = moderator.get(forum.base() + "/t/" + threadId);
    assertTrue(moderatorView.body().contains("action=\"/t/" + threadId + "/moderate\""));
    Page locked = moderator.postForm(forum.base() + "/t/" + threadId + "/moderate", Map.of("_csrf",
        hiddenFields(moderatorView.body()).get("_csrf"), "action", "lock", "reason", "Thử khóa"));
    assertEquals(302, locked.status(), locked.body());
    Page afterLock = member.get(forum.base() + "/t/" + threadId);
    assertTrue(afterLock.body().contains("Đã khóa"));
    assertFalse(afterLock.body().contains("id=\"reply-form\""), "no reply form on a locked thread");
    assertEquals(403, member.postForm(forum.base() + "/t/" + threadId + "/moderate", Map.of("_csrf",
        hiddenFields(afterLock.body()).get("_csrf"), "action", "unlock")).status());
  }

  @Test
  @DisplayName("a new-thread form with a missing title comes back with a message and the text already typed")
  void formErrorsKeepTheText() {
    String username = People.create("member");
    Browser member = forum.signedIn(username);
    Page category = member.get(forum.base() + "/c/field-reports");
    Map<String, String> hidden = hiddenFields(category.body());
    Page refused = member.postForm(forum.base() + "/c/field-reports/threads", Map.of("_csrf", hidden.get("_csrf"),
        "_submission", hidden.get("_submission"), "title", "  ", "body", "Nội dung dài <em>đã gõ</em>"));
    assertEquals(400, refused.status());
    assertTrue(refused.body().contains("Vui lòng đặt tiêu đề"), "the message names what to fix");
    assertTrue(refused.body().contains("Nội dung dài &lt;em&gt;đã gõ&lt;/em&gt;</textarea>"),
        "the text is kept, as text");
  }

  @Test
  @DisplayName("a form post without the CSRF token is refused and stores nothing")
  void csrf() {
    Browser member = forum.signedIn("member");
    Page refused = member.postForm(forum.base() + "/c/field-reports/threads", Map.of("title", "Không có mã",
        "body", "x"));
    assertEquals(403, refused.status());
    Page listing = new Browser().get(forum.base() + "/c/field-reports");
    assertFalse(listing.body().contains("Không có mã"));
  }

  @Test
  @DisplayName("anonymous readers see threads but no forms, and are offered to sign in")
  void anonymousReader() {
    String threadId = new JsonObject(new Browser().postJson(forum.base() + "/api/v1/threads",
        new JsonObject().put("category", "announcements").put("title", "Thông báo hội thảo").put("body", "Xin mời.")
            .encode(), Map.of("Authorization", "Bearer " + People.newMember())).body()).getString("id");
    Page thread = new Browser().get(forum.base() + "/t/" + threadId);
    assertEquals(200, thread.status());
    assertTrue(thread.body().contains("Thông báo hội thảo"));
    assertFalse(thread.body().contains("id=\"reply-form\""));
    assertTrue(thread.body().contains("/login?next="));
    assertTrue(thread.body().contains("src=\"/static/js/thread.js\""));
    assertEquals(404, new Browser().get(forum.base() + "/t/no-such-thread").status());
    assertEquals(404, new Browser().get(forum.base() + "/c/no-such-category").status());
    Page english = new Browser().get(forum.base() + "/c/announcements", Map.of("Cookie", "forum.lang=en"));
    assertEquals(200, english.status());
  }

  @Test
  @DisplayName("the home page links each category to its page")
  void homeLinks() {
    Page home = new Browser().get(forum.base() + "/");
    assertTrue(home.body().contains("href=\"/c/csos-role-and-achievements\""));
    assertTrue(home.body().contains("href=\"/search\""));
  }

  private static Map<String, String> hiddenFields(String html) {
    Map<String, String> fields = new java.util.HashMap<>();
    Matcher matcher = HIDDEN.matcher(html);
    while (matcher.find()) {
      fields.putIfAbsent(matcher.group(1), matcher.group(2));
    }
    return fields;
  }
}
