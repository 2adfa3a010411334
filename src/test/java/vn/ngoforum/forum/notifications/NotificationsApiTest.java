package vn.ngoforum.forum.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/**
 * The notifications contract: {@code GET /api/v1/notifications} answers {@code {unread, items:[{id, kind, at,
 * read, ...}]}}; {@code POST /api/v1/notifications/read} marks the caller's own {@code ids} read (or all of them),
 * and the unread count follows.
 */
class NotificationsApiTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-notifications-api");

  @Test
  @DisplayName("the inbox answers {unread, items} with each item's id, kind, at and read")
  void contract() {
    String author = People.newMember();
    String thread = create(author, "Hình dạng hộp thư");
    reply(thread, People.newMember());
    JsonObject inbox = forum.as(author).awaitNotifications(1);
    assertEquals(1L, inbox.getLong("unread"));
    JsonObject item = inbox.getJsonArray("items").getJsonObject(0);
    assertEquals("reply", item.getString("kind"));
    assertFalse(item.getBoolean("read"));
    assertTrue(item.getString("id").length() > 0);
    Instant.parse(item.getString("at"));
    assertEquals(thread, item.getString("threadId"));
    assertFalse(inbox.containsKey("notifications"), "the old field is gone: " + inbox.encode());
  }

  @Test
  @DisplayName("marking some ids read marks only those of one's own: someone else's and unknown ids change"
      + " nothing, marking twice counts once, and the unread count follows")
  void marksIdsRead() {
    String lan = People.newMember();
    String minh = People.newMember();
    String lansThread = create(lan, "Chủ đề của Lan");
    String minhsThread = create(minh, "Chủ đề của Minh");
    reply(lansThread, People.newMember());
    reply(lansThread, People.newMember());
    reply(lansThread, People.newMember());
    reply(minhsThread, People.newMember());
    List<String> lans = ids(forum.as(lan).awaitNotifications(3));
    List<String> minhs = ids(forum.as(minh).awaitNotifications(1));

    JsonObject marked = read(lan, new JsonObject().put("ids", new JsonArray().add(lans.get(0)).add(minhs.get(0))
        .add("no-such-notification")), 200);
    assertEquals(2L, marked.getLong("unread"));
    assertEquals(2L, read(lan, new JsonObject().put("ids", new JsonArray().add(lans.get(0))), 200)
        .getLong("unread"), "marking it again counts once");
    JsonObject inbox = inbox(lan);
    assertEquals(2L, inbox.getLong("unread"));
    for (JsonObject item : items(inbox)) {
      assertEquals(item.getString("id").equals(lans.get(0)), item.getBoolean("read"), inbox.encode());
    }

    JsonObject minhsInbox = inbox(minh);
    assertEquals(1L, minhsInbox.getLong("unread"), "Minh's notification is not Lan's to mark");
    assertFalse(items(minhsInbox).get(0).getBoolean("read"));

    assertEquals(0L, read(lan, new JsonObject().put("ids", new JsonArray(lans.subList(1, 3))), 200)
        .getLong("unread"));
    assertTrue(items(inbox(lan)).stream().allMatch(item -> item.getBoolean("read")));

    reply(minhsThread, People.newMember());
    forum.as(minh).awaitNotifications(2);
    assertEquals(0L, read(minh, new JsonObject().put("all", true), 200).getLong("unread"));
    assertTrue(items(inbox(minh)).stream().allMatch(item -> item.getBoolean("read")));
  }

  @Test
  @DisplayName("a malformed body is refused with 400 and marks nothing; {} and no body mark all read; anonymous 401")
  void badInput() {
    String author = People.newMember();
    String thread = create(author, "Đầu vào sai");
    reply(thread, People.newMember());
    forum.as(author).awaitNotifications(1);
    Map<String, String> auth = Map.of("Authorization", "Bearer " + author);
    String url = forum.base() + "/api/v1/notifications/read";
    for (String body : List.of("{", "[]", "\"ids\"", "{\"ids\":\"x\"}", "{\"ids\":[1]}", "{\"ids\":[{\"$ne\":1}]}",
        "{\"all\":\"yes\"}", "{\"all\":false}", "{\"ids\":[],\"all\":true}", "{\"ids\":[],\"admin\":true}",
        "{\"ids\":[\"" + "x".repeat(65) + "\"]}")) {
      Page answer = new Browser().postJson(url, body, auth);
      assertEquals(400, answer.status(), body + " → " + answer.body());
    }
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i <= NotificationRoutes.MAX_IDS; i++) {
      tooMany.add("n" + i);
    }
    read(author, new JsonObject().put("ids", tooMany), 400);
    assertEquals(1L, inbox(author).getLong("unread"), "nothing was marked");

    assertEquals(0L, read(author, new JsonObject(), 200).getLong("unread"));
    reply(thread, People.newMember());
    forum.as(author).awaitNotifications(2);
    Page noBody = forum.as(author).post("/api/v1/notifications/read", null);
    assertEquals(200, noBody.status(), noBody.body());
    assertEquals(0L, new JsonObject(noBody.body()).getLong("unread"));
    assertEquals(401, new Browser().postJson(url, "{\"all\":true}", Map.of()).status());
  }

  private static JsonObject read(String token, JsonObject body, int status) {
    Page answer = forum.as(token).post("/api/v1/notifications/read", body);
    assertEquals(status, answer.status(), answer.body());
    return new JsonObject(answer.body());
  }

  private static JsonObject inbox(String token) {
    Page page = forum.as(token).get("/api/v1/notifications");
    assertEquals(200, page.status(), page.body());
    return new JsonObject(page.body());
  }

  private static List<JsonObject> items(JsonObject inbox) {
    return inbox.getJsonArray("items").stream().map(JsonObject.class::cast).toList();
  }

  private static List<String> ids(JsonObject inbox) {
    return items(inbox).stream().map(item -> item.getString("id")).toList();
  }


  private static void reply(String thread, String token) {
    Page reply = forum.as(token).post("/api/v1/threads/" + thread + "/posts",
        new JsonObject().put("body", "Trả lời " + System.nanoTime()));
    assertEquals(201, reply.status(), reply.body());
  }

  private static String create(String token, String title) {
    Page created = forum.as(token).post("/api/v1/threads", new JsonObject().put("category", "field-reports")
        .put("title", title).put("body", "Nội dung."));
    assertEquals(201, created.status(), created.body());
    return new JsonObject(created.body()).getString("id");
  }
}
