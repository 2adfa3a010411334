package vn.ngoforum.consultations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.consultations.text.SplitterTest;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** Moderators put a draft policy up for comment; people read it clause by clause and members comment on clauses. */
class ConsultationsTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("consultations");
  private static final DemoPeople people = new DemoPeople(forum);

  static JsonObject draft(String visibility, String text) {
    return new JsonObject()
        .put("title", new JsonObject().put("vi", "Dự thảo Nghị định về động vật rừng")
            .put("en", "Draft decree on forest animals"))
        .put("summary", new JsonObject().put("vi", "Lấy ý kiến").put("en", "For comment"))
        .put("authority", "Bộ Nông nghiệp và Môi trường")
        .put("deadline", "2027-01-31T17:00:00+07:00")
        .put("visibility", visibility)
        .put("text", text);
  }

  static String create(String visibility) {
    return Api.expect(201, people.moderator().post("/api/v1/consultations", draft(visibility, SplitterTest.DECREE)))
        .getString("id");
  }

  @Test
  @DisplayName("a moderator imports a decree as a draft, opens it, members comment on a point, the counts follow")
  void lifecycle() {
    JsonObject created = Api.expect(201, people.moderator().post("/api/v1/consultations",
        draft("public", SplitterTest.DECREE)));
    String id = created.getString("id");
    assertEquals("draft", created.getString("status"));
    assertEquals(List.of("c1", "c2", "c3"), ids(created.getJsonArray("structure")));
    String path = "/api/v1/consultations/" + id;

    assertEquals(404, people.guest().get(path).status(), "a draft is for moderators");
    assertEquals(404, people.member().get(path).status(), "a draft is for moderators");
    assertFalse(Api.json(people.guest().get("/api/v1/consultations")).encode().contains(id));
    assertEquals(409, people.moderator().post(path + "/clauses/d3-k1-pdd/comments", body("Chưa mở")).status(),
        "no comments on a draft");
    assertEquals(403, people.member().post(path + "/open", null).status());

    assertFalse(people.moderator().get("/").body().contains("href=\"/consultations/" + id + "\""),
        "a draft is not on the home page");
    assertEquals("open", Api.expect(200, people.moderator().post(path + "/open", null)).getString("status"));
    assertEquals(409, people.moderator().post(path + "/open", null).status(), "open only once");
    assertTrue(people.guest().get("/").body().contains("href=\"/consultations/" + id + "\""),
        "an open consultation is on the home page");

    JsonObject comment = Api.expect(201, people.member().post(path + "/clauses/d3-k1-pdd/comments",
        body("Đề nghị bỏ yêu cầu sổ theo dõi theo Mẫu số 16.")));
    assertEquals("d3-k1-pdd", comment.getString("clause"));
    Api.expect(201, people.moderator().post(path + "/clauses/d3-k1-pdd/comments", body("Đồng ý.")));
    Api.expect(201, people.member().post(path + "/clauses/d5/comments", body("Cả điều này cần rõ hơn.")));
    assertEquals(404, people.member().post(path + "/clauses/d99-k1/comments", body("?")).status(), "no such clause");
    assertEquals(403, people.attendee().post(path + "/clauses/d5/comments", body("Tôi chưa có quyền")).status());
    assertEquals(401, people.guest().post(path + "/clauses/d5/comments", body("?")).status());
    Page empty = people.member().post(path + "/clauses/d5/comments", body("   "));
    assertEquals(400, empty.status());
    assertTrue(empty.body().contains("'body'"), empty.body());
    assertEquals(400, people.member().post(path + "/clauses/d5/comments", body("x").put("extra", 1)).status());
    assertEquals(404, people.member().post("/api/v1/consultations/nope/clauses/d5/comments", body("?")).status());

    JsonObject read = Api.expect(200, people.guest().get(path));
    assertEquals("open", read.getString("status"));
    assertTrue(read.getString("preamble").startsWith("CHÍNH PHỦ"));
    assertEquals(2, find(read.getJsonArray("structure"), "d3-k1-pdd").getInteger("comments"));
    assertEquals(1, find(read.getJsonArray("structure"), "d5").getInteger("comments"));
    assertEquals(0, find(read.getJsonArray("structure"), "d3-k1-pa").getInteger("comments"));
    assertEquals("Tịch thu và xử lý mẫu vật", find(read.getJsonArray("structure"), "d5").getString("title"));
    assertTrue(Api.json(people.guest().get("/api/v1/consultations")).getJsonArray("items").encode().contains(id));

    assertEquals("closed", Api.expect(200, people.moderator().post(path + "/close", null)).getString("status"));
    assertEquals(409, people.member().post(path + "/clauses/d5/comments", body("Muộn rồi")).status());
    assertEquals(404, people.moderator().post("/api/v1/consultations/nope/open", null).status());
  }

  @Test
  @DisplayName("bad input is refused naming the field, and a text that cannot be split stores nothing")
  void badInput() {
    long before = count();
    Page noTitle = people.moderator().post("/api/v1/consultations",
        draft("public", SplitterTest.DECREE).put("title", null));
    assertEquals(400, noTitle.status());
    assertTrue(noTitle.body().contains("'title'"), noTitle.body());
    assertEquals(400, people.moderator().post("/api/v1/consultations", draft("everyone", "Điều 1. A")).status());
    assertEquals(400, people.moderator().post("/api/v1/consultations", draft("public", "x").put("deadline", "soon"))
        .status());
    assertEquals(400, people.moderator().post("/api/v1/consultations", draft("public", "x").put("roles", "admin"))
        .status());
    Page headless = people.moderator().post("/api/v1/consultations",
        draft("public", "Chương I\nQUY ĐỊNH CHUNG\n\nChương II\nĐiều 1. A\nText."));
    assertEquals(400, headless.status());
    assertTrue(Api.json(headless).getString("message").contains("(line 1) has no article"), headless.body());
    assertEquals(400, people.moderator().post("/api/v1/consultations", draft("public", " \n ")).status());
    assertEquals(403, people.member().post("/api/v1/consultations", draft("public", SplitterTest.DECREE)).status());
    assertEquals(401, people.guest().post("/api/v1/consultations", draft("public", SplitterTest.DECREE)).status());
    assertEquals(before, count(), "nothing stored");
  }

  @Test
  @DisplayName("a members-only consultation is hidden from guests and from people without member rights")
  void membersOnly() {
    String id = create("members");
    String path = "/api/v1/consultations/" + id;
    Api.expect(200, people.moderator().post(path + "/open", null));

    assertEquals(404, people.guest().get(path).status());
    assertEquals(404, people.attendee().get(path).status());
    assertEquals(200, people.member().get(path).status());
    assertFalse(Api.json(people.guest().get("/api/v1/consultations")).encode().contains(id));
    assertTrue(Api.json(people.member().get("/api/v1/consultations")).encode().contains(id));
    assertEquals(404, people.guest().get("/consultations/" + id).status());
    assertFalse(people.guest().get("/").body().contains("/consultations/" + id + "\""), "nor on a guest's home page");
    assertTrue(people.member().get("/").body().contains("href=\"/consultations/" + id + "\""));
  }

  @Test
  @DisplayName("the reading page shows the contents, a permalink on every clause and the comments, in both languages")
  void readingPage() {
    String id = create("public");
    Api.expect(200, people.moderator().post("/api/v1/consultations/" + id + "/open", null));
    Api.expect(201, people.member().post("/api/v1/consultations/" + id + "/clauses/d2-k2/comments",
        body("Định nghĩa <b>mẫu vật</b> quá rộng.")));

    Page vi = people.guest().get("/consultations/" + id);
    assertEquals(200, vi.status());
    String html = vi.body();
    assertTrue(html.contains("id=\"clause-d3-k1-pdd\""), "a permalink anchor on the point đ)");
    assertTrue(html.contains("href=\"#clause-d3\""), "the contents link to the article");
    assertTrue(html.contains("Điều 3."), "Vietnamese labels");
    assertTrue(html.contains("Định nghĩa &lt;b&gt;mẫu vật&lt;/b&gt; quá rộng."), "the comment, escaped");
    assertTrue(html.contains("1 góp ý"), "the clause's count");
    assertFalse(html.contains("style="), "no inline styles (the CSP forbids them)");
    assertFalse(html.contains("<form method=\"post\" action=\"/consultations/"), "no comment form for a guest");

    Page en = people.guest().get("/consultations/" + id, Map.of("Cookie", "lang=en"));
    assertTrue(en.body().contains("Article 3."), "English labels");
    assertTrue(en.body().contains("1 comment"));
    assertTrue(people.guest().get("/consultations").body().contains("href=\"/consultations/" + id + "\""));
    assertEquals(404, people.guest().get("/consultations/no-such-one").status());
  }

  @Test
  @DisplayName("without JavaScript a member comments on a clause from the page and lands back on it")
  void commentForm() {
    String id = create("public");
    Api.expect(200, people.moderator().post("/api/v1/consultations/" + id + "/open", null));
    String base = forum.base();
    Browser browser = Browser.signedIn(base, "member");
    String page = browser.get(base + "/consultations/" + id).body();
    assertTrue(page.contains("action=\"/consultations/" + id + "/clauses/d4-pb/comments\""), "a form per clause");
    String token = browser.cookie(base, "XSRF-TOKEN").orElseThrow();
    assertTrue(page.contains("name=\"_csrf\" value=\"" + token + "\""), "each form carries the CSRF token");
    Page sent = browser.postForm(base + "/consultations/" + id + "/clauses/d4-pb/comments",
        Map.of("body", "Cần thêm hành vi quảng cáo trên mạng.",
            "_csrf", browser.cookie(base, "XSRF-TOKEN").orElseThrow()));
    assertEquals(302, sent.status(), sent.body());
    assertTrue(sent.header("location").orElseThrow().endsWith("/consultations/" + id + "#clause-d4-pb"));
    assertTrue(browser.get(base + "/consultations/" + id).body().contains("Cần thêm hành vi quảng cáo trên mạng."));

    Page empty = browser.postForm(base + "/consultations/" + id + "/clauses/d4-pa/comments",
        Map.of("body", "  ", "_csrf", token));
    assertEquals(400, empty.status());
    assertTrue(empty.body().contains("Góp ý cần từ 1 đến 10.000 ký tự."), "the message at the form");
    assertTrue(empty.body().contains("<details class=\"clause-comment-form\" open>"), "that clause's form open");
    Page unknown = browser.postForm(base + "/consultations/" + id + "/clauses/d99/comments",
        Map.of("body", "?", "_csrf", token));
    assertEquals(404, unknown.status());
  }

  private static long count() {
    return ForumUnderTest.await(forum.mongo().count("consultations", new JsonObject()))
        + ForumUnderTest.await(forum.mongo().count("consultation_texts", new JsonObject()));
  }

  private static JsonObject body(String text) {
    return new JsonObject().put("body", text);
  }

  private static List<String> ids(JsonArray parts) {
    return parts.stream().map(p -> ((JsonObject) p).getString("id")).toList();
  }

  static JsonObject find(JsonArray parts, String id) {
    for (Object p : parts) {
      JsonObject part = (JsonObject) p;
      if (id.equals(part.getString("id"))) {
        return part;
      }
      JsonObject found = find(part.getJsonArray("children"), id);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
