package vn.ngoforum.consultations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.consultations.AmendmentsTest.OrgAdmin;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** Moderators write the joint statement; admins of verified organisations sign it and may withdraw until it closes. */
class StatementTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("statement");
  private static final DemoPeople people = new DemoPeople(forum);

  static JsonObject texts() {
    return new JsonObject()
        .put("intro", new JsonObject().put("vi", "Các tổ chức ký tên dưới đây kiến nghị:")
            .put("en", "The undersigned organisations recommend:"))
        .put("conclusion", new JsonObject().put("vi", "Trân trọng.").put("en", "Respectfully."));
  }

  private static JsonObject org(String slug) {
    return new JsonObject().put("org", slug);
  }

  private static List<String> signed(JsonObject answer) {
    return answer.getJsonArray("signatories").stream().map(s -> ((JsonObject) s).getString("org")).toList();
  }

  @Test
  @DisplayName("verified organisations sign the statement and may withdraw; unverified ones may not; after closing"
      + " nothing changes")
  void signing() {
    String id = AmendmentsTest.open(people.moderator());
    String api = "/api/v1/consultations/" + id + "/statement";
    OrgAdmin first = AmendmentsTest.orgAdmin(forum, true);
    OrgAdmin second = AmendmentsTest.orgAdmin(forum, true);
    OrgAdmin unverified = AmendmentsTest.orgAdmin(forum, false);

    assertEquals(409, first.api().post(api + "/sign", org(first.slug())).status(), "nothing to sign yet");
    assertEquals(403, people.member().put(api, texts()).status(), "moderators write it");
    assertEquals(400, people.moderator().put(api, texts().put("conclusion", null)).status());
    JsonObject written = Api.expect(200, people.moderator().put(api, texts()));
    assertEquals("Respectfully.", written.getJsonObject("conclusion").getString("en"));

    JsonObject firstSigned = Api.expect(200, first.api().post(api + "/sign", org(first.slug())));
    assertEquals(List.of(first.slug()), signed(firstSigned));
    assertEquals(new JsonObject().put("vi", "Hà Nội").put("en", "Hanoi"),
        firstSigned.getJsonArray("signatories").getJsonObject(0).getJsonObject("province"), "with its province");
    assertEquals(List.of(first.slug()), signed(Api.expect(200, first.api().post(api + "/sign", org(first.slug())))),
        "signing twice signs once");
    assertEquals(List.of(first.slug(), second.slug()),
        signed(Api.expect(200, second.api().post(api + "/sign", org(second.slug())))));
    assertEquals(403, unverified.api().post(api + "/sign", org(unverified.slug())).status(),
        "an unverified organisation cannot sign");
    assertEquals(403, people.member().post(api + "/sign", org(first.slug())).status(), "only its admin signs for it");
    assertEquals(401, people.guest().post(api + "/sign", org(first.slug())).status());
    Api.expect(200, people.moderator().put(api, texts()));
    assertEquals(List.of(second.slug()),
        signed(Api.expect(200, first.api().send("DELETE", api + "/sign", org(first.slug())))),
        "withdrawn, and rewriting the texts kept the signatures");
    assertEquals(List.of(second.slug()),
        signed(Api.expect(200, first.api().send("DELETE", api + "/sign", org(first.slug())))),
        "withdrawing twice changes nothing");
    Api.expect(200, first.api().post(api + "/sign", org(first.slug())));

    Api.expect(200, people.moderator().post("/api/v1/consultations/" + id + "/close", null));
    assertEquals(409, first.api().send("DELETE", api + "/sign", org(first.slug())).status(), "closed: final");
    assertEquals(409, second.api().post(api + "/sign", org(second.slug())).status());
    assertEquals(403, unverified.api().post(api + "/sign", org(unverified.slug())).status(), "still 403");
    assertEquals(409, people.moderator().put(api, texts()).status());
    assertEquals(404, first.api().post("/api/v1/consultations/nope/statement/sign", org(first.slug())).status());
  }

  @Test
  @DisplayName("the statement page shows the texts, the adopted amendments with their diff and the signatories")
  void page() {
    String id = AmendmentsTest.open(people.moderator());
    assertTrue(people.guest().get("/consultations/" + id + "/statement").body().contains("chưa soạn tuyên bố"));
    String adopted = Api.expect(201, people.member().post("/api/v1/consultations/" + id + "/clauses/d2-k1/amendments",
        new JsonObject().put("kind", "replace").put("text", "Động vật rừng là mọi loài động vật sống trong rừng.")
            .put("justification", "Gọn hơn."))).getString("id");
    String declined = Api.expect(201, people.member().post("/api/v1/consultations/" + id + "/clauses/d5/amendments",
        new JsonObject().put("kind", "delete").put("justification", "Bỏ điều 5 đi."))).getString("id");
    Api.expect(200, people.moderator().post("/api/v1/amendments/" + adopted + "/decide", new JsonObject()
        .put("decision", "adopted")));
    Api.expect(200, people.moderator().post("/api/v1/amendments/" + declined + "/decide", new JsonObject()
        .put("decision", "declined").put("reason", "Không phù hợp.")));
    Api.expect(200, people.moderator().put("/api/v1/consultations/" + id + "/statement", texts()));
    OrgAdmin signer = AmendmentsTest.orgAdmin(forum, true);
    Api.expect(200, signer.api().post("/api/v1/consultations/" + id + "/statement/sign", org(signer.slug())));

    Page vi = people.guest().get("/consultations/" + id + "/statement");
    assertEquals(200, vi.status());
    String html = vi.body();
    assertTrue(html.contains("Các tổ chức ký tên dưới đây kiến nghị:"));
    assertTrue(html.contains("<del>các</del><ins>mọi</ins>"), html);
    assertTrue(html.contains("Gọn hơn."));
    assertFalse(html.contains("Bỏ điều 5 đi."), "a declined amendment is not in the statement");
    assertTrue(html.contains("href=\"/orgs/" + signer.slug() + "\""), "the signatory");
    assertTrue(html.contains("badge-verified"));
    assertTrue(html.contains("<span class=\"muted signatory-province\">Hà Nội</span>"), "the province");
    assertTrue(html.contains("data-signatories=\"" + id + "\""), "the list follows signatures live");
    assertFalse(html.contains("style="));
    String en = people.guest().get("/consultations/" + id + "/statement", Map.of("Cookie", "lang=en")).body();
    assertTrue(en.contains("Respectfully.") && en.contains("Signed by"), en);
    assertTrue(en.contains("<span class=\"muted signatory-province\">Hanoi</span>"), "the province in English");
    assertEquals(404, people.guest().get("/consultations/nope/statement").status());
  }

  @Test
  @DisplayName("without JavaScript an admin of a verified organisation signs and withdraws on the page; others see no"
      + " form and are refused; after closing the form's 409 is shown on the page")
  void signingForm() {
    String id = AmendmentsTest.open(people.moderator());
    String base = forum.base();
    String page = base + "/consultations/" + id + "/statement";
    String action = "/consultations/" + id + "/statement/sign";
    OrgAdmin verified = AmendmentsTest.orgAdmin(forum, true);
    OrgAdmin unverified = AmendmentsTest.orgAdmin(forum, false);
    Browser admin = Browser.signedIn(base, verified.username());
    String token = admin.cookie(base, "XSRF-TOKEN").orElseThrow();
    assertFalse(admin.get(page).body().contains("action=\"" + action + "\""), "no form before the statement");
    Api.expect(200, people.moderator().put("/api/v1/consultations/" + id + "/statement", texts()));

    String html = admin.get(page).body();
    assertTrue(html.contains("action=\"" + action + "\""), html);
    assertTrue(html.contains("name=\"org\" value=\"" + verified.slug() + "\""));
    Page signed = admin.postForm(base + action, Map.of("org", verified.slug(), "action", "sign", "_csrf", token));
    assertEquals(302, signed.status(), signed.body());
    assertTrue(signed.header("location").orElseThrow().endsWith("/statement#signatories-title"));
    assertTrue(people.guest().get("/consultations/" + id + "/statement").body()
        .contains("<a href=\"/orgs/" + verified.slug() + "\">"), "listed as a signatory");
    assertTrue(admin.get(page).body().contains("name=\"action\" value=\"withdraw\""), "now offers to withdraw");
    Page blank = admin.postForm(base + action, Map.of("org", " ", "_csrf", token));
    assertEquals(400, blank.status());
    assertTrue(blank.body().contains("id=\"sign-error\" role=\"alert\""), "shown on the page, not an error page");
    assertEquals(302, admin.postForm(base + action, Map.of("org", verified.slug(), "action", "withdraw",
        "_csrf", token)).status());
    assertFalse(people.guest().get("/consultations/" + id + "/statement").body()
        .contains("<a href=\"/orgs/" + verified.slug() + "\">"), "withdrawn");

    Browser other = Browser.signedIn(base, unverified.username());
    String otherToken = other.cookie(base, "XSRF-TOKEN").orElseThrow();
    assertFalse(other.get(page).body().contains("action=\"" + action + "\""), "an unverified admin has no form");
    assertEquals(403, other.postForm(base + action, Map.of("org", unverified.slug(), "_csrf", otherToken))
        .status());

    Api.expect(200, people.moderator().post("/api/v1/consultations/" + id + "/close", null));
    assertFalse(admin.get(page).body().contains("action=\"" + action + "\""), "closed: no form");
    Page late = admin.postForm(base + action, Map.of("org", verified.slug(), "_csrf", token));
    assertEquals(409, late.status(), "closed: nothing to fix on the form, so the error page (FormErrors' rule)");
  }
}
