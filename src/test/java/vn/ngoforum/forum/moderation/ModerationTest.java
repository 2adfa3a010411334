package vn.ngoforum.forum.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** Editing and deleting one's own posts, and moderators hiding posts and locking, pinning, moving threads. */
class ModerationTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-moderation");

  @Test
  @DisplayName("two concurrent edits of one version: one succeeds, the other gets 409 with its text back; the"
      + " earlier text is kept as a revision")
  void concurrentEdits() throws Exception {
    String author = People.newMember();
    JsonObject thread = createThread(author, "field-reports", "Sửa bài cùng lúc", "Bản gốc.");
    String postId = firstPost(thread.getString("id")).getString("id");

    CompletableFuture<HttpResponse<String>> first = edit(author, postId, "Bản sửa A.", 1);
    CompletableFuture<HttpResponse<String>> second = edit(author, postId, "Bản sửa B.", 1);
    List<HttpResponse<String>> answers = List.of(first.get(), second.get());
    HttpResponse<String> won = answers.stream().filter(a -> a.statusCode() == 200).findFirst().orElseThrow(
        () -> new AssertionError(answers.get(0).body() + " / " + answers.get(1).body()));
    HttpResponse<String> lost = answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow(
        () -> new AssertionError(answers.get(0).body() + " / " + answers.get(1).body()));
    JsonObject conflict = new JsonObject(lost.body());
    assertEquals("conflict", conflict.getString("error"));
    String winnerText = new JsonObject(won.body()).getString("html");
    assertTrue(conflict.getString("yourText").startsWith("Bản sửa"), conflict.encode());
    assertFalse(winnerText.contains(conflict.getString("yourText")), "the loser's text is the other one");
    assertEquals(2L, conflict.getJsonObject("current").getLong("version"));

    JsonObject post = firstPost(thread.getString("id"));
    assertEquals(winnerText, post.getString("html"));
    assertEquals(2L, post.getLong("version"));
    JsonObject revisions = new JsonObject(forum.api().get("/api/v1/posts/" + postId + "/revisions").body());
    JsonArray earlier = revisions.getJsonArray("revisions");
    assertEquals(1, earlier.size());
    assertTrue(earlier.getJsonObject(0).getString("html").contains("Bản gốc."));

    Page history = new Browser().get(forum.base() + "/p/" + postId + "/revisions");
    assertEquals(200, history.status());
    assertTrue(history.body().contains("Bản gốc.") && history.body().contains(winnerText.strip()), history.body());
    assertEquals(409, edit(author, postId, "Bản cũ quá.", 1).get().statusCode(), "a stale version is refused");
    assertEquals(403, edit(People.newMember(), postId, "Không phải bài của tôi.", 2).get().statusCode());
  }

  @Test
  @DisplayName("an author deletes their post: it keeps its place as \"deleted by author\", and nobody else can")
  void softDelete() {
    String author = People.newMember();
    JsonObject thread = createThread(author, "field-reports", "Bài sẽ bị xóa", "Nội dung bí mật.");
    String postId = firstPost(thread.getString("id")).getString("id");
    assertEquals(403, forum.as(People.newMember()).delete("/api/v1/posts/" + postId).status());
    Page deleted = forum.as(author).delete("/api/v1/posts/" + postId);
    assertEquals(200, deleted.status(), deleted.body());
    JsonObject post = firstPost(thread.getString("id"));
    assertTrue(post.getBoolean("deleted"));
    assertEquals("", post.getString("html"));
    String page = new Browser().get(forum.base() + "/t/" + thread.getString("id")).body();
    assertFalse(page.contains("Nội dung bí mật."));
    assertTrue(page.contains("tác giả đã xóa bài này"));
  }

  @Test
  @DisplayName("a moderator hides a post with a reason: readers lose its text, its author still sees it marked,"
      + " and the audit log records who, what and why; members cannot moderate")
  void hidePost() {
    String author = People.newMember();
    JsonObject thread = createThread(author, "field-reports", "Bài cần ẩn", "Số điện thoại người bán: 0900.");
    String postId = firstPost(thread.getString("id")).getString("id");
    JsonObject hide = new JsonObject().put("action", "hide").put("reason", "Thông tin cá nhân");
    assertEquals(403, forum.as(People.newMember()).post("/api/v1/posts/" + postId + "/moderate", hide).status());
    assertEquals(400, forum.as(People.token("moderator")).post("/api/v1/posts/" + postId + "/moderate",
        new JsonObject().put("action", "hide")).status(), "hiding needs a reason");
    Page hidden = forum.as(People.token("moderator")).post("/api/v1/posts/" + postId + "/moderate", hide);
    assertEquals(200, hidden.status(), hidden.body());

    JsonObject forReaders = firstPost(thread.getString("id"));
    assertTrue(forReaders.getBoolean("hidden"));
    assertEquals("", forReaders.getString("html"));
    JsonObject forAuthor = new JsonObject(forum.as(author).get("/api/v1/threads/" + thread.getString("id"))
        .body()).getJsonArray("posts").getJsonObject(0);
    assertTrue(forAuthor.getString("html").contains("0900"));
    assertEquals("Thông tin cá nhân", forAuthor.getString("hiddenReason"));
    assertFalse(new Browser().get(forum.base() + "/t/" + thread.getString("id")).body().contains("0900"));

    List<JsonObject> entries = ForumUnderTest.await(forum.mongo().find("audit",
        new JsonObject().put("target.id", postId)));
    assertEquals(1, entries.size());
    assertEquals("post.hide", entries.get(0).getString("action"));
    assertEquals("moderator", entries.get(0).getJsonObject("actor").getString("username"));
    assertEquals("Thông tin cá nhân", entries.get(0).getString("reason"));
  }

  @Test
  @DisplayName("members flag a post once each; moderators see it in the review queue, and hiding it closes every"
      + " flag of that post and is audited")
  void flags() {
    JsonObject thread = createThread(People.newMember(), "field-reports", "Bài bị báo cáo",
        "Quảng cáo bán sừng tê giác.");
    String postId = firstPost(thread.getString("id")).getString("id");
    String first = People.newMember();
    JsonObject reason = new JsonObject().put("reason", "Rao bán động vật hoang dã");
    assertEquals(201, forum.as(first).post("/api/v1/posts/" + postId + "/flag", reason).status());
    assertEquals(409, forum.as(first).post("/api/v1/posts/" + postId + "/flag", reason).status(), "once per person");
    assertEquals(201, forum.as(People.newMember()).post("/api/v1/posts/" + postId + "/flag", reason).status());
    assertEquals(400, forum.as(first).post("/api/v1/posts/" + postId + "/flag", new JsonObject()).status());
    assertEquals(403, forum.as(People.token("attendee")).post("/api/v1/posts/" + postId + "/flag", reason).status());
    assertEquals(403, forum.as(first).get("/api/v1/flags").status(), "the queue is for moderators");

    String moderator = People.token("moderator");
    JsonArray queue = new JsonObject(forum.as(moderator).get("/api/v1/flags").body()).getJsonArray("flags");
    List<JsonObject> mine = queue.stream().map(JsonObject.class::cast)
        .filter(flag -> postId.equals(flag.getString("postId"))).toList();
    assertEquals(2, mine.size(), queue.encode());
    assertTrue(mine.get(0).getJsonObject("post").getString("html").contains("sừng tê giác"));
    assertEquals("Bài bị báo cáo", mine.get(0).getString("threadTitle"));

    Page resolved = forum.as(moderator).post("/api/v1/flags/" + mine.get(0).getString("id") + "/resolve",
        new JsonObject().put("action", "hide"));
    assertEquals(200, resolved.status(), resolved.body());
    assertTrue(firstPost(thread.getString("id")).getBoolean("hidden"));
    JsonArray after = new JsonObject(forum.as(moderator).get("/api/v1/flags").body()).getJsonArray("flags");
    assertTrue(after.stream().map(JsonObject.class::cast).noneMatch(flag -> postId.equals(flag.getString("postId"))),
        "every flag of the post is closed");
    List<JsonObject> entries = ForumUnderTest.await(forum.mongo().find("audit",
        new JsonObject().put("target.id", postId)));
    assertEquals("Rao bán động vật hoang dã", entries.get(0).getString("reason"), "the flag's reason by default");
  }

  @Test
  @DisplayName("a moderator locks, pins and moves a thread: a locked thread takes no replies, a pinned one is"
      + " listed first, a moved one lives in its new category; each action is audited")
  void moderateThread() {
    String moderator = People.token("moderator");
    JsonObject older = createThread(People.newMember(), "announcements", "Ghim tôi", "Một.");
    JsonObject newer = createThread(People.newMember(), "announcements", "Chủ đề mới hơn", "Hai.");
    String id = older.getString("id");

    assertEquals(200, forum.as(moderator).post("/api/v1/threads/" + id + "/moderate",
        new JsonObject().put("action", "lock").put("reason", "Đã đủ ý kiến")).status());
    Page refused = forum.as(People.newMember()).post("/api/v1/threads/" + id + "/posts",
        new JsonObject().put("body", "Muộn rồi."));
    assertEquals(409, refused.status(), refused.body());

    assertEquals(200, forum.as(moderator).post("/api/v1/threads/" + id + "/moderate",
        new JsonObject().put("action", "pin")).status());
    JsonArray listed = new JsonObject(forum.api().get("/api/v1/categories/announcements/threads").body())
        .getJsonArray("threads");
    assertEquals(id, listed.getJsonObject(0).getString("id"), "pinned first, though " + newer.getString("id")
        + " is newer");
    assertTrue(listed.getJsonObject(0).getBoolean("pinned"));

    assertEquals(400, forum.as(moderator).post("/api/v1/threads/" + id + "/moderate",
        new JsonObject().put("action", "move").put("category", "nowhere")).status());
    assertEquals(200, forum.as(moderator).post("/api/v1/threads/" + id + "/moderate",
        new JsonObject().put("action", "move").put("category", "policy-and-law")).status());
    JsonObject moved = new JsonObject(forum.api().get("/api/v1/threads/" + id).body());
    assertEquals("policy-and-law", moved.getJsonObject("category").getString("slug"));
    assertTrue(moved.getBoolean("locked"));

    assertEquals(403, forum.as(People.newMember()).post("/api/v1/threads/" + id + "/moderate",
        new JsonObject().put("action", "unlock")).status());
    List<JsonObject> entries = ForumUnderTest.await(forum.mongo().find("audit",
        new JsonObject().put("target.id", id)));
    assertEquals(java.util.Set.of("thread.lock", "thread.pin", "thread.move"),
        entries.stream().map(entry -> entry.getString("action")).collect(java.util.stream.Collectors.toSet()));
    assertEquals(3, entries.size());
  }

  @Test
  @DisplayName("a reader following the thread is told of edits (with the new text) and of hidden posts (without)")
  void liveChanges() throws Exception {
    String author = People.newMember();
    JsonObject thread = createThread(author, "field-reports", "Theo dõi thay đổi", "Trước khi sửa.");
    String threadId = thread.getString("id");
    String postId = firstPost(threadId).getString("id");
    try (BridgeClient reader = BridgeClient.connect(forum.vertx(), forum.port(), null)) {
      reader.register(Addresses.thread(threadId));
      reader.awaitProbe(forum.vertx(), Addresses.thread(threadId));
      assertEquals(200, edit(author, postId, "Sau khi **sửa**.", 1).get().statusCode());
      JsonObject edited = reader.next(10_000);
      assertNotNull(edited);
      assertEquals("post.edited", edited.getJsonObject("body").getString("type"));
      assertTrue(edited.getJsonObject("body").getJsonObject("post").getString("html").contains("<strong>sửa</strong>"));
      long editSeq = edited.getJsonObject("body").getLong("seq");

      assertEquals(200, forum.as(People.token("moderator")).post("/api/v1/posts/" + postId + "/moderate",
          new JsonObject().put("action", "hide").put("reason", "Thử")).status());
      JsonObject hidden = reader.next(10_000);
      assertNotNull(hidden);
      assertEquals("post.hidden", hidden.getJsonObject("body").getString("type"));
      assertFalse(hidden.getJsonObject("body").containsKey("post"), "no text of a hidden post goes out");
      assertEquals(editSeq + 1, hidden.getJsonObject("body").getLong("seq"));
    }
    JsonObject changes = new JsonObject(forum.api().get("/api/v1/threads/" + threadId + "/events?since=1")
        .body());
    assertEquals(1, changes.getJsonArray("posts").size());
    assertTrue(changes.getJsonArray("posts").getJsonObject(0).getBoolean("hidden"));
  }

  @Test
  @DisplayName("an author who edits too often (each edit is pushed to every reader) is stopped with 429 and"
      + " Retry-After; the refused edit changes nothing")
  void editLimit() throws Exception {
    String author = People.newMember();
    JsonObject thread = createThread(author, "field-reports", "Sửa liên tục", "Bản 1.");
    String postId = firstPost(thread.getString("id")).getString("id");
    HttpResponse<String> refused = null;
    long version = 1;
    for (int i = 0; i < 81 && refused == null; i++) {
      HttpResponse<String> answer = edit(author, postId, "Bản " + (version + 1) + ".", version).get();
      if (answer.statusCode() == 429) {
        refused = answer;
      } else {
        assertEquals(200, answer.statusCode(), answer.body());
        version++;
      }
    }
    assertTrue(refused != null, "81 edits in a row are not all taken");
    assertTrue(version > 5, "ordinary editing is not stopped: " + version);
    assertTrue(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1);
    assertEquals(version, firstPost(thread.getString("id")).getLong("version"), "the refused edit changed nothing");
  }

  /** An edit sent without waiting for its answer, so that two can race ({@link vn.ngoforum.support.Api} waits). */
  private static CompletableFuture<HttpResponse<String>> edit(String token, String postId, String body,
      long version) {
    return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(forum.base() + "/api/v1/posts/" + postId))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(new JsonObject().put("body", body).put("version", version).encode()))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject createThread(String token, String category, String title, String body) {
    Page created = forum.as(token).post("/api/v1/threads", new JsonObject().put("category", category)
        .put("title", title).put("body", body));
    assertEquals(201, created.status(), created.body());
    return new JsonObject(created.body());
  }

  private static JsonObject firstPost(String threadId) {
    Page thread = forum.api().get("/api/v1/threads/" + threadId);
    assertEquals(200, thread.status(), thread.body());
    return new JsonObject(thread.body()).getJsonArray("posts").getJsonObject(0);
  }
}
