package vn.ngoforum.registry.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/**
 * Forum admins keep the registry clean (issue 18, point 6): they edit any organisation, suspend it (out of the
 * directory and search, no rights for its members; undone by reinstating) or remove it, each with a reason in the
 * audit log; nobody else can.
 */
class StandingTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("registry-standing");

  /** Its page is gone for all but forum admins, who see it marked suspended. */
  @Test
  @DisplayName("a suspended organisation leaves directory, search and its members' rights; reinstating undoes it")
  void suspendAndReinstate() {
    Org org = verifiedOrganisation("Rùa");
    String thread = Api.expect(201, org.founder().post("/api/v1/threads", thread(org.word()))).getString("id");

    assertEquals(403, forum.as(People.token("member")).post(org.path("/suspend"), reason("spam")).status(),
        "a member cannot suspend");
    assertEquals(403, org.founder().post(org.path("/suspend"), reason("spam")).status(), "nor its own admin");
    Page noReason = admin().post(org.path("/suspend"), new JsonObject());
    assertEquals(400, noReason.status(), noReason.body());
    assertTrue(Api.json(noReason).getString("message").contains("'reason' is required"), noReason.body());
    assertEquals(400, admin().post(org.path("/suspend"), reason("  ")).status(), "a blank reason is none");
    assertTrue(directory(org.word()).contains(org.slug()), "nothing changed without a reason");
    assertEquals(List.of(org.slug()), searchFinds(org.word()), "found before it is suspended");

    assertEquals("suspended", Api.expect(200, admin().post(org.path("/suspend"), reason("Spam links")))
        .getString("state"));
    assertFalse(directory(org.word()).contains(org.slug()), "out of the directory");
    assertTrue(searchFinds(org.word()).isEmpty(), "out of search");
    assertEquals(404, forum.api().get("/api/v1/orgs/" + org.slug()).status(), "gone for visitors");
    assertEquals(404, org.founder().get("/api/v1/orgs/" + org.slug()).status(), "and for its own admin");
    assertFalse(memberships(org.founder()).contains(org.slug()));
    assertEquals(403, org.founder().post("/api/v1/threads/" + thread + "/posts", reply()).status(),
        "its membership gives no rights");
    JsonObject seen = Api.expect(200, admin().get("/api/v1/orgs/" + org.slug()));
    assertEquals("suspended", seen.getJsonObject("standing").getString("state"));
    assertEquals("Spam links", seen.getJsonObject("standing").getString("reason"));
    Browser adminBrowser = Browser.signedIn(forum.base(), "admin");
    String page = adminBrowser.get(forum.base() + "/orgs/" + org.slug()).body();
    assertTrue(page.contains("Tổ chức này đang bị đình chỉ"), "its page says suspended to admins");
    assertTrue(page.contains("action=\"/orgs/" + org.slug() + "/reinstate\""));
    assertEquals(409, admin().post(org.path("/suspend"), reason("again")).status(), "suspended already");

    Api.expect(200, admin().post(org.path("/reinstate"), reason("The links were removed")));
    assertTrue(directory(org.word()).contains(org.slug()));
    assertEquals(List.of(org.slug()), searchFinds(org.word()));
    assertTrue(memberships(org.founder()).contains(org.slug()));
    Api.expect(201, org.founder().post("/api/v1/threads/" + thread + "/posts", reply()));
    assertEquals(List.of("Spam links", "The links were removed"), List.of(audit("org.suspend", org.slug()),
        audit("org.reinstate", org.slug())));
  }

  @Test
  @DisplayName("a removed organisation is kept for the audit log, gone for everyone but forum admins, and cannot be"
      + " reinstated")
  void remove() {
    Org org = verifiedOrganisation("Voọc");
    assertEquals(400, admin().post(org.path("/remove"), new JsonObject()).status());
    Api.expect(200, admin().post(org.path("/remove"), reason("A duplicate of another organisation")));
    assertFalse(directory(org.word()).contains(org.slug()));
    assertTrue(searchFinds(org.word()).isEmpty());
    assertEquals(404, forum.api().get("/api/v1/orgs/" + org.slug()).status());
    assertEquals(404, new Browser().get(forum.base() + "/orgs/" + org.slug()).status());
    assertEquals(404, org.founder().post(org.path("/join"), new JsonObject()).status(), "nobody joins it");
    assertEquals("removed", Api.expect(200, admin().get("/api/v1/orgs/" + org.slug())).getJsonObject("standing")
        .getString("state"));
    assertEquals(409, admin().post(org.path("/reinstate"), reason("oops")).status());
    assertEquals(409, admin().post(org.path("/remove"), reason("twice")).status());
    assertEquals("A duplicate of another organisation", audit("org.remove", org.slug()));
  }

  @Test
  @DisplayName("a forum admin edits any organisation's registry fields with a reason for the audit log; without one"
      + " it is 400 and nothing changes; others get 403")
  void adminEdit() {
    Org org = verifiedOrganisation("Sao la");
    JsonObject fields = new JsonObject()
        .put("name", new JsonObject().put("vi", "Hội Sao la " + org.word()).put("en", "Saola Society " + org.word()))
        .put("province", "Huế").put("focusAreas", new JsonArray().add("research"));
    Page noReason = admin().put("/api/v1/orgs/" + org.slug(), fields);
    assertEquals(400, noReason.status(), noReason.body());
    assertEquals(403, forum.as(People.token("attendee")).put("/api/v1/orgs/" + org.slug(),
        fields.copy().put("reason", "I want to")).status());
    assertFalse(Api.json(forum.api().get("/api/v1/orgs/" + org.slug())).getJsonObject("name").encode()
        .contains("Hội Sao la"), "nothing changed");
    Api.expect(200, admin().put("/api/v1/orgs/" + org.slug(), fields.copy().put("reason", "Name as registered")));
    JsonObject profile = Api.json(forum.api().get("/api/v1/orgs/" + org.slug()));
    assertEquals("Hội Sao la " + org.word(), profile.getJsonObject("name").getString("vi"));
    assertEquals("hue", profile.getJsonObject("province").getString("code"));
    assertEquals("Name as registered", audit("org.admin_edit", org.slug()));
    Api.expect(200, org.founder().put("/api/v1/orgs/" + org.slug(), fields)); // its own admin needs no reason

    Browser browser = Browser.signedIn(forum.base(), "admin");
    Page form = browser.get(forum.base() + "/orgs/" + org.slug() + "/edit");
    assertEquals(200, form.status());
    assertTrue(form.body().contains("name=\"reason\""), "the form asks a forum admin for a reason");
    String csrf = browser.cookie(forum.base(), "XSRF-TOKEN").orElseThrow();
    Page refused = browser.postForm(forum.base() + "/orgs/" + org.slug() + "/edit", Map.of("_csrf", csrf,
        "nameVi", "Khác " + org.word(), "province", "hue", "reason", ""));
    assertEquals(400, refused.status());
    assertTrue(refused.body().contains("Vui lòng nêu lý do"), "the form says why");
  }

  @Test
  @DisplayName("the profile page's forms suspend and reinstate; a missing reason shows the form again with the "
      + "message; the page's suspend form is for forum admins only")
  void pageForms() {
    Org org = verifiedOrganisation("Gấu");
    Browser browser = Browser.signedIn(forum.base(), "admin");
    String page = browser.get(forum.base() + "/orgs/" + org.slug()).body();
    assertTrue(page.contains("action=\"/orgs/" + org.slug() + "/suspend\""), page);
    String csrf = browser.cookie(forum.base(), "XSRF-TOKEN").orElseThrow();
    Page missing = browser.postForm(forum.base() + "/orgs/" + org.slug() + "/suspend", Map.of("_csrf", csrf));
    assertEquals(400, missing.status());
    assertTrue(missing.body().contains("<p class=\"form-error\" role=\"alert\">Vui lòng nêu lý do"), missing.body());
    Page done = browser.postForm(forum.base() + "/orgs/" + org.slug() + "/suspend", Map.of("_csrf", csrf,
        "reason", "Under review"));
    assertEquals(302, done.status(), done.body());
    assertEquals("/orgs/" + org.slug() + "?done=suspended", done.header("location").orElseThrow());
    assertFalse(directory(org.word()).contains(org.slug()));
    Api.expect(200, admin().post(org.path("/reinstate"), reason("Reviewed")));

    Browser member = Browser.signedIn(forum.base(), "member");
    assertFalse(member.get(forum.base() + "/orgs/" + org.slug()).body().contains("/suspend\""));
    String memberCsrf = member.cookie(forum.base(), "XSRF-TOKEN").orElseThrow();
    assertEquals(403, member.postForm(forum.base() + "/orgs/" + org.slug() + "/suspend", Map.of("_csrf", memberCsrf,
        "reason", "x")).status());
  }

  // ---- helpers

  /** An organisation registered by a person without the realm's member role, verified by a forum admin. */
  private record Org(String slug, String word, Api founder) {

    String path(String action) {
      return "/api/v1/orgs/" + slug + action;
    }
  }

  private static Org verifiedOrganisation(String kind) {
    String word = "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Api founder = forum.as(People.token(People.create(null)));
    String slug = Api.expect(201, founder.post("/api/v1/orgs", new JsonObject()
        .put("name", new JsonObject().put("vi", "Hội Bảo tồn " + kind + " " + word).put("en", "Society " + word))
        .put("province", "Quảng Trị").put("focusAreas", new JsonArray().add("rescue")))).getString("slug");
    Api.expect(200, admin().post("/api/v1/orgs/" + slug + "/verify", new JsonObject()));
    return new Org(slug, word, founder);
  }

  private static Api admin() {
    return forum.as(People.token("admin"));
  }

  private static JsonObject reason(String text) {
    return new JsonObject().put("reason", text);
  }

  private static JsonObject thread(String word) {
    return new JsonObject().put("category", "field-reports").put("title", "Báo cáo " + word)
        .put("body", "Ghi chép thực địa.");
  }

  private static JsonObject reply() {
    return new JsonObject().put("body", "Bổ sung ghi chép.");
  }

  private static List<String> directory(String word) {
    return slugs(Api.expect(200, forum.api().get("/api/v1/orgs?q=" + word)).getJsonArray("results"));
  }

  private static List<String> searchFinds(String word) {
    return slugs(Api.expect(200, forum.api().get("/api/v1/search?kind=organisation&q=" + word))
        .getJsonArray("results"));
  }

  private static List<String> memberships(Api person) {
    return slugs(Api.expect(200, person.get("/api/v1/me")).getJsonArray("organisations"));
  }

  private static List<String> slugs(JsonArray items) {
    return items.stream().map(JsonObject.class::cast).map(item -> item.getString("slug")).toList();
  }

  /** The reason of the organisation's one audit entry of {@code action}. */
  private static String audit(String action, String slug) {
    return ForumUnderTest.await(forum.mongo().findOne("audit", new JsonObject().put("action", action)
        .put("target.id", slug), null)).getString("reason");
  }
}
