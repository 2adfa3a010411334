package vn.ngoforum.consultations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.consultations.text.SplitterTest;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** Members propose amendments to clauses, people support them, verified organisations endorse, moderators decide. */
class AmendmentsTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("amendments");
  private static final DemoPeople people = new DemoPeople(forum);

  /** An open consultation on the test decree; answers its id. */
  static String open(Api moderator) {
    String id = Api.expect(201, moderator.post("/api/v1/consultations", ConsultationsTest.draft("public",
        SplitterTest.DECREE))).getString("id");
    Api.expect(200, moderator.post("/api/v1/consultations/" + id + "/open", null));
    return id;
  }

  /** A new person who registered an organisation (so is its admin), verified by a forum admin when asked. */
  record OrgAdmin(Api api, String slug, String username) {
  }

  static OrgAdmin orgAdmin(TestForum forum, boolean verified) {
    String username = People.create(null);
    Api founder = forum.as(People.token(username));
    String unique = Long.toString(System.nanoTime(), 36);
    String slug = Api.expect(201, founder.post("/api/v1/orgs", new JsonObject()
        .put("name", new JsonObject().put("vi", "Hội Bảo tồn " + unique).put("en", "Conservation Society " + unique))
        .put("acronym", "CS" + unique.toUpperCase())
        .put("province", "Hà Nội")
        .put("focusAreas", new JsonArray().add("policy"))
        .put("description", new JsonObject().put("vi", "Một hội.").put("en", "A society.")))).getString("slug");
    if (verified) {
      Api.expect(200, forum.as(People.token("admin")).post("/api/v1/orgs/" + slug + "/verify", new JsonObject()));
    }
    return new OrgAdmin(founder, slug, username);
  }

  private static JsonObject proposal(String kind, String text, String justification) {
    return new JsonObject().put("kind", kind).put("text", text).put("justification", justification);
  }

  @Test
  @DisplayName("a member proposes new wording and gets a word diff; people support once; verified orgs endorse;"
      + " a moderator adopts it")
  void lifecycle() {
    String id = open(people.moderator());
    String clause = "/api/v1/consultations/" + id + "/clauses/d2-k1/amendments";
    JsonObject created = Api.expect(201, people.member().post(clause, proposal("replace",
        "Động vật rừng là mọi loài động vật sống trong hệ sinh thái rừng tự nhiên.", "Rõ hơn về phạm vi.")));
    String amendment = created.getString("id");
    assertEquals(id + ":d2-k1:a1", amendment);
    String diff = created.getJsonArray("diff").encode();
    assertTrue(diff.startsWith("[{\"op\":\"equal\",\"text\":\"Động vật rừng là \"},{\"op\":\"delete\",\"text\":\"các\"},"
        + "{\"op\":\"insert\",\"text\":\"mọi\"}"), diff);
    assertEquals(id + ":d2-k1:a2", Api.expect(201, people.moderator().post(clause, proposal("delete", null, "Thừa.")))
        .getString("id"));
    JsonObject inserted = Api.expect(201,
        people.member().post(clause, proposal("insert-after", "Điều mới.", "Thiếu.")));
    assertEquals(new JsonArray().add(new JsonObject().put("op", "insert").put("text", "Điều mới.")),
        inserted.getJsonArray("diff"));

    JsonArray structure = Api.expect(200, people.guest().get("/api/v1/consultations/" + id))
        .getJsonArray("structure");
    assertEquals(3, ConsultationsTest.find(structure, "d2-k1").getInteger("amendments"), "the clause's count");
    assertEquals(0, ConsultationsTest.find(structure, "d3-k1").getInteger("amendments"));
    assertEquals(0, ConsultationsTest.find(structure, "d2-k1").getInteger("comments"));
    String api = "/api/v1/amendments/" + amendment;
    assertEquals(1, Api.expect(200, people.member().post(api + "/support", null)).getInteger("supports"));
    Page again = people.member().post(api + "/support", null);
    assertEquals(409, again.status(), "a person supports once");
    assertEquals(2, Api.expect(200, people.moderator().post(api + "/support", null)).getInteger("supports"));
    assertEquals(403, people.attendee().post(api + "/support", null).status(), "supporting needs member rights");
    assertEquals(401, people.guest().post(api + "/support", null).status());

    OrgAdmin first = orgAdmin(forum, true);
    OrgAdmin second = orgAdmin(forum, true);
    OrgAdmin unverified = orgAdmin(forum, false);
    assertEquals(403, unverified.api().post(api + "/endorse", new JsonObject().put("org", unverified.slug()))
        .status(), "an unverified organisation endorses nothing");
    assertEquals(403, people.member().post(api + "/endorse", new JsonObject().put("org", first.slug())).status(),
        "only the organisation's admin");
    Api.expect(200, first.api().post(api + "/endorse", new JsonObject().put("org", first.slug())));
    assertEquals(409, first.api().post(api + "/endorse", new JsonObject().put("org", first.slug())).status());
    JsonObject endorsed = Api.expect(200, second.api().post(api + "/endorse",
        new JsonObject().put("org", second.slug())));
    assertEquals(2, endorsed.getInteger("endorsementCount"));

    assertEquals(403, people.member().post(api + "/decide", new JsonObject().put("decision", "adopted")).status());
    assertEquals(400, people.moderator().post(api + "/decide", new JsonObject().put("decision", "declined")).status(),
        "a decline needs its reason");
    assertEquals(400, people.moderator().post(api + "/decide", new JsonObject().put("decision", "maybe")).status());
    JsonObject adopted = Api.expect(200, people.moderator().post(api + "/decide",
        new JsonObject().put("decision", "adopted").put("reason", "Đồng thuận")));
    assertEquals("adopted", adopted.getString("status"));
    assertEquals(2, adopted.getInteger("supports"));
    JsonObject declined = Api.expect(200, people.moderator().post("/api/v1/amendments/" + id + ":d2-k1:a2/decide",
        new JsonObject().put("decision", "declined").put("reason", "Cần giữ định nghĩa.")));
    assertEquals("Cần giữ định nghĩa.", declined.getString("reason"));

    Api.expect(200, people.moderator().post("/api/v1/consultations/" + id + "/close", null));
    Page late = forum.as(People.token(People.create("member"))).post(api + "/support", null);
    assertEquals(409, late.status(), "no support once closed");
    assertTrue(late.body().contains("not open"), late.body());
    assertEquals(409, people.member().post(clause, proposal("delete", null, "Muộn.")).status());
  }

  @Test
  @DisplayName("bad proposals are refused: unknown clause 404, empty justification or wording 400, unknown 404")
  void badInput() {
    String id = open(people.moderator());
    String base = "/api/v1/consultations/" + id + "/clauses/";
    assertEquals(404, people.member().post(base + "d99-k1/amendments", proposal("replace", "x", "y")).status());
    assertEquals(404, people.member().post("/api/v1/consultations/nope/clauses/d2-k1/amendments",
        proposal("replace", "x", "y")).status());
    Page noWhy = people.member().post(base + "d2-k1/amendments", proposal("replace", "x", "  "));
    assertEquals(400, noWhy.status());
    assertTrue(noWhy.body().contains("'justification'"), noWhy.body());
    assertEquals(400, people.member().post(base + "d2-k1/amendments", proposal("replace", "", "y")).status());
    assertEquals(400, people.member().post(base + "d2-k1/amendments", proposal("rewrite", "x", "y")).status());
    assertEquals(400, people.member().post(base + "d2-k1/amendments", proposal("replace", "x", "y").put("extra", 1))
        .status());
    assertEquals(403, people.attendee().post(base + "d2-k1/amendments", proposal("replace", "x", "y")).status());
    assertEquals(401, people.guest().post(base + "d2-k1/amendments", proposal("replace", "x", "y")).status());
    assertEquals(404, people.member().post("/api/v1/amendments/" + id + ":d2-k1:a9/support", null).status());
    assertEquals(404, people.moderator().post("/api/v1/amendments/nope:d2-k1:a1/decide",
        new JsonObject().put("decision", "adopted")).status());
  }

  @Test
  @DisplayName("the page shows each amendment under its clause as <ins>/<del>, with its counts; without JavaScript"
      + " a member proposes and supports")
  void page() {
    String id = open(people.moderator());
    Api.expect(201, people.moderator().post("/api/v1/consultations/" + id + "/clauses/d2-k1/amendments",
        proposal("replace", "Động vật rừng là mọi loài động vật sống trong hệ sinh thái rừng.", "Rõ <b>hơn</b>.")));
    String base = forum.base();
    Page vi = people.guest().get("/consultations/" + id);
    String html = vi.body();
    assertTrue(html.contains("id=\"amendment-" + id + "-d2-k1-a1\""), html);
    assertTrue(html.contains("<del>các</del><ins>mọi</ins>"), "the diff as ins/del");
    assertTrue(html.contains("Rõ &lt;b&gt;hơn&lt;/b&gt;."), "the justification, escaped");
    assertTrue(html.contains("1 đề xuất sửa đổi"), "the clause's count");
    assertTrue(html.contains("chưa có người ủng hộ"));
    assertFalse(html.contains("style="), "no inline styles");
    assertFalse(html.contains("/amendments/" + id + ":d2-k1:a1/support"), "no support button for a guest");
    String en = people.guest().get("/consultations/" + id, Map.of("Cookie", "lang=en")).body();
    assertTrue(en.contains("1 amendment"));
    assertTrue(html.contains("<a href=\"/consultations\">Tham vấn</a>"), "in the header");
    assertTrue(en.contains("<a href=\"/consultations\">Consultations</a>"));

    Browser browser = Browser.signedIn(base, "member");
    String token = browser.cookie(base, "XSRF-TOKEN").orElseThrow();
    String page = browser.get(base + "/consultations/" + id).body();
    String support = "/consultations/" + id + "/amendments/" + id + ":d2-k1:a1/support";
    assertTrue(page.contains("action=\"" + support + "\""), page);
    assertTrue(page.contains("action=\"/consultations/" + id + "/clauses/d3-k1-pa/amendments\""));
    assertTrue(page.contains("name=\"_csrf\" value=\"" + token + "\""));
    Page supported = browser.postForm(base + support, Map.of("_csrf", token));
    assertEquals(302, supported.status(), supported.body());
    assertTrue(supported.header("location").orElseThrow().endsWith("#amendment-" + id + "-d2-k1-a1"));
    assertEquals(302, browser.postForm(base + support, Map.of("_csrf", token)).status(), "twice: the same page");
    assertTrue(browser.get(base + "/consultations/" + id).body().contains("1 người ủng hộ"), "counted once");

    Page proposed = browser.postForm(base + "/consultations/" + id + "/clauses/d3-k1-pa/amendments",
        Map.of("kind", "delete", "text", "", "justification", "Trùng điểm b).", "_csrf", token));
    assertEquals(302, proposed.status(), proposed.body());
    assertTrue(proposed.header("location").orElseThrow().endsWith("#amendment-" + id + "-d3-k1-pa-a1"));
    assertTrue(browser.get(base + "/consultations/" + id).body().contains("Trùng điểm b)."));
    assertEquals(400, browser.postForm(base + "/consultations/" + id + "/clauses/d3-k1-pa/amendments",
        Map.of("kind", "replace", "text", "x", "justification", " ", "_csrf", token)).status());
  }

  @Test
  @DisplayName("a mistake on the amendment form shows the reading page again: that clause's form open, the message,"
      + " and what was typed")
  void formMistakes() {
    Browser browser = Browser.signedIn(forum.base(), "member");
    String base = forum.base();
    String id = open(people.moderator());
    String token = browser.cookie(base, "XSRF-TOKEN").orElseThrow();
    String action = base + "/consultations/" + id + "/clauses/d3-k1-pa/amendments";

    Page noWhy = browser.postForm(action, Map.of("kind", "insert-after", "text", "Điểm mới: <b>nuôi</b> nhốt.",
        "justification", " ", "_csrf", token));
    assertEquals(400, noWhy.status());
    String html = noWhy.body();
    assertTrue(html.contains("role=\"alert\">Lý do cần từ 1 đến 10.000 ký tự.</p>"), html);
    assertTrue(html.contains(">Điểm mới: &lt;b&gt;nuôi&lt;/b&gt; nhốt.</textarea>"), "the typed wording, escaped");
    assertTrue(html.contains("value=\"insert-after\" checked>"), "the chosen kind");
    assertEquals(1, html.split("<details class=\"clause-amendment-form\" open>", -1).length - 1,
        "only that clause's form is open");
    assertTrue(html.contains("<form method=\"post\" action=\"/consultations/" + id
        + "/clauses/d3-k1-pa/amendments\">"), "the form posts to the same clause");

    Page noKind = browser.postForm(action, Map.of("text", "Chữ mới", "justification", "Vì rõ hơn", "_csrf", token));
    assertEquals(400, noKind.status());
    assertTrue(noKind.body().contains("Chọn đề xuất sửa đổi làm gì: thay thế, bổ sung hay bãi bỏ."));
    assertTrue(noKind.body().contains(">Vì rõ hơn</textarea>"), "the typed justification");

    Page noText = browser.postForm(action, Map.of("kind", "replace", "text", " ", "justification", "Vì rõ hơn",
        "_csrf", token));
    assertEquals(400, noText.status());
    assertTrue(noText.body().contains("Câu chữ đề xuất cần từ 1 đến 10.000 ký tự."));

    assertEquals(404, browser.postForm(base + "/consultations/" + id + "/clauses/d99/amendments",
        Map.of("kind", "replace", "text", "x", "justification", "y", "_csrf", token)).status(),
        "a clause that does not exist is an error page, not the form");
    assertFalse(browser.get(base + "/consultations/" + id).body().contains("Điểm mới"), "nothing was stored");
  }
}
