package vn.ngoforum.consultations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.consultations.AmendmentsTest.OrgAdmin;
import vn.ngoforum.consultations.text.DecreeDocx;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Multipart;
import vn.ngoforum.support.TestForum;

/**
 * An amendment whose clause the revised draft no longer has is shown "on an earlier version": what it changes is
 * gone, so nobody supports, endorses or adopts it any more (409, and no such buttons), but a moderator can still
 * decline it with a reason, from the page without JavaScript, so it does not stay "proposed" for ever. Amendments on
 * clauses that remain are untouched.
 */
class EarlierAmendmentsTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("consultation-earlier-amendments");
  private static final DemoPeople people = new DemoPeople(forum);

  @Test
  @DisplayName("an amendment on a removed clause: support, endorse and adopt are 409 and have no buttons; the page"
      + " offers moderators a decline with a reason, and declining works")
  void onlyDeclined() {
    String id = Api.expect(201, DocxImportTest.upload(people.moderator(), DocxImportTest.form(DecreeDocx.decree())))
        .getString("id");
    String path = "/api/v1/consultations/" + id;
    Api.expect(200, people.moderator().post(path + "/open", null));
    String gone = Api.expect(201, people.member().post(path + "/clauses/d3-k2/amendments", new JsonObject()
        .put("kind", "delete").put("justification", "Trùng với Luật Lâm nghiệp."))).getString("id");
    String kept = Api.expect(201, people.member().post(path + "/clauses/d2-k2/amendments", new JsonObject()
        .put("kind", "replace").put("text", "Mẫu vật là động vật sống.").put("justification", "Gọn hơn.")))
        .getString("id");
    Multipart revised = new Multipart().file("file", "du-thao-2.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", DecreeDocx.decree(true));
    JsonObject revision = Api.expect(201, people.moderator().postBytes(path + "/versions", revised.contentType(),
        revised.body()));
    assertTrue(revision.getJsonObject("changes").getJsonArray("removed").contains("d3-k2"), revision.encode());

    OrgAdmin org = AmendmentsTest.orgAdmin(forum, true);
    JsonObject endorsement = new JsonObject().put("org", org.slug());
    assertEquals(409, org.api().post("/api/v1/amendments/" + gone + "/endorse", endorsement).status(),
        "no endorsing what is gone");
    assertEquals(409, people.member().post("/api/v1/amendments/" + gone + "/support", null).status());
    Page adopt = people.moderator().post("/api/v1/amendments/" + gone + "/decide",
        new JsonObject().put("decision", "adopted"));
    assertEquals(409, adopt.status());
    assertTrue(adopt.body().contains("earlier version"), adopt.body());
    Api.expect(200, org.api().post("/api/v1/amendments/" + kept + "/endorse", endorsement));

    String base = forum.base();
    String page = base + "/consultations/" + id;
    String decide = "/consultations/" + id + "/amendments/" + gone + "/decide";
    Browser admin = Browser.signedIn(base, org.username());
    String seen = admin.get(page).body();
    assertTrue(seen.contains("id=\"amendment-" + gone.replace(':', '-') + "\""), "shown on an earlier version");
    assertFalse(seen.contains("/amendments/" + gone + "/endorse"), "no endorse button for it");
    Browser moderator = Browser.signedIn(base, "moderator");
    String token = moderator.cookie(base, "XSRF-TOKEN").orElseThrow();
    String form = section(moderator.get(page).body(), "action=\"" + decide + "\"");
    assertFalse(form.contains("value=\"adopted\""), "no adopting it: " + form);
    assertTrue(form.contains("value=\"declined\" checked required") && form.contains("name=\"reason\""), form);
    assertTrue(moderator.get(page).body().contains("action=\"/consultations/" + id + "/amendments/" + kept
        + "/decide\""), "the kept clause's amendment is decided as before");

    assertEquals(400, moderator.postForm(base + decide, Map.of("decision", "declined", "_csrf", token)).status(),
        "declining needs a reason");
    Page declined = moderator.postForm(base + decide, Map.of("decision", "declined",
        "reason", "Khoản này đã bị bỏ ở dự thảo 2.", "_csrf", token));
    assertEquals(302, declined.status(), declined.body());
    String after = people.guest().get("/consultations/" + id).body();
    assertTrue(after.contains("Khoản này đã bị bỏ ở dự thảo 2."), "the reason is shown");
    assertFalse(moderator.get(page).body().contains("action=\"" + decide + "\""), "decided: no form");
  }

  /** The HTML from {@code marker} to the end of its form. */
  private static String section(String html, String marker) {
    int start = html.indexOf(marker);
    assertTrue(start >= 0, "the page has " + marker);
    return html.substring(start, html.indexOf("</form>", start));
  }
}
