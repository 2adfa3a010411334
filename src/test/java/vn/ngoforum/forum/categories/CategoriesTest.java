package vn.ngoforum.forum.categories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** Categories: the workshop's seeded list, forum admins managing them, and members-only categories. */
class CategoriesTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-categories");

  @Test
  @DisplayName("the workshop's two topics come first, then policy, field reports and announcements")
  void seededOrder() {
    JsonArray categories = new JsonArray(forum.api().get("/api/v1/categories").body());
    assertEquals(List.of("csos-role-and-achievements", "csos-in-wildlife-policy", "policy-and-law", "field-reports",
            "announcements"),
        categories.stream().map(JsonObject.class::cast).map(c -> c.getString("slug")).limit(5).toList());
  }

  @Test
  @DisplayName("only forum admins create and change categories, with a valid, unused slug")
  void adminsManage() {
    String admin = People.token("admin");
    String slug = "workshop-" + System.nanoTime();
    JsonObject category = new JsonObject().put("slug", slug)
        .put("name", new JsonObject().put("vi", "Hội thảo 2026").put("en", "2026 workshop")).put("position", 50);
    assertEquals(403, forum.as(People.token("moderator")).post("/api/v1/categories", category).status());
    assertEquals(400, forum.as(admin).post("/api/v1/categories", category.copy().put("slug", "Bad Slug!")).status());
    assertEquals(400, forum.as(admin).post("/api/v1/categories", category.copy().put("verified", true)).status());
    Page created = forum.as(admin).post("/api/v1/categories", category);
    assertEquals(201, created.status(), created.body());
    assertEquals(409, forum.as(admin).post("/api/v1/categories", category).status());
    Page renamed = forum.as(admin).put("/api/v1/categories/" + slug,
        new JsonObject().put("name", new JsonObject().put("vi", "Hội thảo").put("en", "Workshop")));
    assertEquals(200, renamed.status(), renamed.body());
    assertEquals("Workshop", new JsonObject(renamed.body()).getJsonObject("name").getString("en"));
    assertEquals(404, forum.as(admin).put("/api/v1/categories/nothing-here",
        new JsonObject().put("position", 1)).status());
  }

  @Test
  @DisplayName("a members-only category: others cannot post there (403) and its threads read as 404, are not"
      + " found by search and cannot be followed live")
  void membersOnly() {
    String slug = "members-" + System.nanoTime();
    assertEquals(201, forum.as(People.token("admin")).post("/api/v1/categories", new JsonObject().put("slug", slug)
        .put("name", new JsonObject().put("vi", "Nội bộ").put("en", "Members only"))
        .put("visibility", "members")).status());
    String member = People.newMember();
    String word = "noibo" + System.nanoTime();
    Page created = forum.as(member).post("/api/v1/threads", new JsonObject().put("category", slug)
        .put("title", "Bàn riêng " + word).put("body", "Chỉ thành viên đọc."));
    assertEquals(201, created.status(), created.body());
    String threadId = new JsonObject(created.body()).getString("id");

    assertEquals(403, forum.as(People.token("attendee")).post("/api/v1/threads", new JsonObject()
        .put("category", slug).put("title", "x").put("body", "x")).status());
    assertEquals(200, forum.as(member).get("/api/v1/threads/" + threadId).status());
    assertEquals(404, forum.api().get("/api/v1/threads/" + threadId).status());
    assertEquals(404, forum.as(People.token("attendee")).get("/api/v1/threads/" + threadId).status());
    assertEquals(404, new Browser().get(forum.base() + "/t/" + threadId).status());
    assertEquals(404, new Browser().get(forum.base() + "/c/" + slug).status());
    String query = "/api/v1/search?q=" + URLEncoder.encode(word, StandardCharsets.UTF_8);
    assertEquals(0, new JsonObject(new Browser().get(forum.base() + query).body()).getJsonArray("results").size());
    assertEquals(1, new JsonObject(forum.as(member).get(query).body()).getJsonArray("results").size());
    try (BridgeClient anonymous = BridgeClient.connect(forum.vertx(), forum.port(), null)) {
      anonymous.register(Addresses.thread(threadId));
      JsonObject frame = anonymous.next(5000);
      assertNotNull(frame);
      assertEquals("err", frame.getString("type"));
    }
    assertTrue(forum.as(People.token("moderator")).get("/api/v1/threads/" + threadId).status() == 200,
        "moderators read every category");
  }
}
