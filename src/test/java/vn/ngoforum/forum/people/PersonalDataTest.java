package vn.ngoforum.forum.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** Issue 18, point 7: a person downloads what the forum holds about them. */
class PersonalDataTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-personal-data");

  @Test
  @DisplayName("a person's data file holds their account, their threads and posts with what they wrote, their"
      + " preferences and watches, and nothing of someone else's")
  void download() {
    String title = "Dữ liệu của tôi " + System.nanoTime();
    String mine = "Bài của tôi về tê giác " + System.nanoTime();
    String theirs = "Bài của người khác " + System.nanoTime();
    People.Person person = People.person("member");
    People.Person other = People.person("member");
    String thread = Api.expect(201, forum.as(person.token()).post("/api/v1/threads", new JsonObject()
        .put("category", "field-reports").put("title", title).put("body", mine))).getString("id");
    Api.expect(201, forum.as(other.token()).post("/api/v1/threads/" + thread + "/posts",
        new JsonObject().put("body", theirs)));
    String reply = "Trả lời thêm " + System.nanoTime();
    Api.expect(201, forum.as(person.token()).post("/api/v1/threads/" + thread + "/posts",
        new JsonObject().put("body", reply)));
    Api.expect(200, forum.as(person.token()).patch("/api/v1/notifications/settings",
        new JsonObject().put("topics", new JsonObject().put("replies", "digest"))));
    Api.expect(200, forum.as(person.token()).post("/api/v1/watch", new JsonObject().put("category", "policy-and-law")));

    Page answer = forum.as(person.token()).get("/api/v1/me/data");
    assertEquals(200, answer.status(), answer.body());
    assertTrue(answer.header("content-disposition").orElse("").startsWith("attachment; filename=\"ngo-forum-data-"),
        "a file: " + answer.header("content-disposition"));
    JsonObject data = new JsonObject(answer.body());
    assertEquals(person.username(), data.getJsonObject("account").getString("username"));
    assertEquals(person.username() + "@example.org", data.getJsonObject("account").getString("email"));
    assertTrue(data.getJsonObject("account").getJsonArray("roles").contains("member"));
    List<String> texts = data.getJsonArray("posts").stream().map(JsonObject.class::cast)
        .map(post -> post.getString("text")).toList();
    assertEquals(List.of(mine, reply), texts, "their posts, oldest first: " + data.encodePrettily());
    assertFalse(answer.body().contains(theirs), "someone else's post");
    JsonObject first = data.getJsonArray("posts").getJsonObject(0);
    assertEquals(thread, first.getString("threadId"));
    assertTrue(first.getString("url").startsWith("/t/" + thread), first.encode());
    assertEquals(new JsonArray().add(new JsonObject().put("id", thread).put("title", title).put("url", "/t/" + thread)),
        data.getJsonArray("threads"));
    assertEquals("digest", data.getJsonObject("preferences").getString("replies"));
    List<JsonObject> watches = data.getJsonArray("watches").stream().map(JsonObject.class::cast).toList();
    assertTrue(watches.contains(new JsonObject().put("kind", "thread").put("id", thread)), "the author's own thread");
    assertTrue(watches.contains(new JsonObject().put("kind", "category").put("id", "policy-and-law")), "" + watches);
    assertTrue(data.getJsonArray("notifications").stream().map(JsonObject.class::cast)
        .anyMatch(notice -> "reply".equals(notice.getString("kind"))), "the reply they were told of: " + data.encode());

    JsonObject others = Api.json(forum.as(other.token()).get("/api/v1/me/data"));
    assertEquals(List.of(theirs), others.getJsonArray("posts").stream().map(JsonObject.class::cast)
        .map(post -> post.getString("text")).toList());
  }

  @Test
  @DisplayName("a guest gets 401; a signed-in person finds the download on their own profile")
  void guestAndLink() {
    assertEquals(401, forum.api().get("/api/v1/me/data").status());
    People.Person person = People.person("member");
    Api.expect(201, forum.as(person.token()).post("/api/v1/threads", new JsonObject()
        .put("category", "field-reports").put("title", "Hồ sơ " + System.nanoTime()).put("body", "Xin chào.")));
    Browser browser = Browser.signedIn(forum.base(), person.username());
    Page own = browser.get(forum.base() + "/u/" + person.username());
    assertTrue(own.body().contains("href=\"/api/v1/me/data\""), own.body());
    Page file = browser.get(forum.base() + "/api/v1/me/data");
    assertEquals(200, file.status());
    assertEquals(person.username(), new JsonObject(file.body()).getJsonObject("account").getString("username"));
  }
}
