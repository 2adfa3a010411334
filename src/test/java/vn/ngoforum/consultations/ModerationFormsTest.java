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
import vn.ngoforum.consultations.text.SplitterTest;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.TestForum;

/**
 * A consultation's whole run from the pages, without JavaScript: a moderator opens it, an admin of a verified
 * organisation endorses an amendment, the moderator adopts it (declining needs a reason), writes the joint statement
 * and closes the consultation; others get no such forms and are refused.
 */
class ModerationFormsTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("consultation-moderation-forms");
  private static final DemoPeople people = new DemoPeople(forum);

  @Test
  @DisplayName("open, endorse, adopt, decline without a reason, write the statement and close: all from the pages")
  void wholeRunFromPages() {
    String base = forum.base();
    String id = Api.expect(201, people.moderator().post("/api/v1/consultations", ConsultationsTest.draft("public",
        SplitterTest.DECREE))).getString("id");
    String page = base + "/consultations/" + id;
    Browser moderator = Browser.signedIn(base, "moderator");
    String modToken = moderator.cookie(base, "XSRF-TOKEN").orElseThrow();

    assertTrue(moderator.get(page).body().contains("action=\"/consultations/" + id + "/open\""), "a draft: open");
    assertFalse(people.guest().get("/consultations/" + id).body().contains("/open\""), "no button for guests");
    Page opened = moderator.postForm(page + "/open", Map.of("_csrf", modToken));
    assertEquals(302, opened.status(), opened.body());
    assertTrue(Api.expect(200, people.guest().get("/api/v1/consultations/" + id)).encode()
        .contains("\"status\":\"open\""), "opened");
    String reading = moderator.get(page).body();
    assertTrue(reading.contains("action=\"/consultations/" + id + "/close\""), "open: close");
    assertFalse(reading.contains("action=\"/consultations/" + id + "/open\""));

    JsonObject structure = Api.expect(200, people.guest().get("/api/v1/consultations/" + id));
    String clause = firstClause(structure);
    String first = Api.expect(201, people.member().post("/api/v1/consultations/" + id + "/clauses/" + clause
        + "/amendments", new JsonObject().put("kind", "replace").put("text", "Cấm tuyệt đối mọi hành vi.")
        .put("justification", "Rõ ràng hơn."))).getString("id");
    String second = Api.expect(201, people.member().post("/api/v1/consultations/" + id + "/clauses/" + clause
        + "/amendments", new JsonObject().put("kind", "delete").put("justification", "Thừa."))).getString("id");

    OrgAdmin verified = AmendmentsTest.orgAdmin(forum, true);
    OrgAdmin unverified = AmendmentsTest.orgAdmin(forum, false);
    Browser admin = Browser.signedIn(base, verified.username());
    String adminToken = admin.cookie(base, "XSRF-TOKEN").orElseThrow();
    String endorse = "/consultations/" + id + "/amendments/" + first + "/endorse";
    assertTrue(admin.get(page).body().contains("action=\"" + endorse + "\""), "a form to endorse for the org");
    Browser other = Browser.signedIn(base, unverified.username());
    assertFalse(other.get(page).body().contains("action=\"" + endorse + "\""), "none for an unverified admin");
    assertEquals(403, other.postForm(base + endorse, Map.of("org", unverified.slug(),
        "_csrf", other.cookie(base, "XSRF-TOKEN").orElseThrow())).status());
    Page endorsed = admin.postForm(base + endorse, Map.of("org", verified.slug(), "_csrf", adminToken));
    assertEquals(302, endorsed.status(), endorsed.body());
    assertFalse(admin.get(page).body().contains("action=\"" + endorse + "\""), "endorsed: no second form");
    assertTrue(people.guest().get("/consultations/" + id).body().contains("class=\"endorser\""),
        "the endorsement is shown to everyone");

    String decide = "/consultations/" + id + "/amendments/" + second + "/decide";
    assertFalse(admin.get(page).body().contains("action=\"" + decide + "\""), "only moderators decide");
    assertEquals(403, admin.postForm(base + decide, Map.of("decision", "adopted", "_csrf", adminToken)).status());
    Page noReason = moderator.postForm(base + decide, Map.of("decision", "declined", "_csrf", modToken));
    assertEquals(400, noReason.status(), "declining needs a reason");
    assertTrue(noReason.body().contains("id=\"page-error\""), "said on the page: " + noReason.body());
    Page noChoice = moderator.postForm(base + decide, Map.of("_csrf", modToken));
    assertEquals(400, noChoice.status());
    assertEquals(302, moderator.postForm(base + decide, Map.of("decision", "declined", "reason", "Không cần thiết.",
        "_csrf", modToken)).status());
    assertEquals(302, moderator.postForm(base + "/consultations/" + id + "/amendments/" + first + "/decide",
        Map.of("decision", "adopted", "_csrf", modToken)).status());

    String statementPage = page + "/statement";
    assertTrue(moderator.get(statementPage).body().contains("action=\"/consultations/" + id + "/statement\""));
    assertFalse(admin.get(statementPage).body().contains("action=\"/consultations/" + id + "/statement\""),
        "only moderators write it");
    Page empty = moderator.postForm(statementPage, Map.of("intro_vi", " ", "intro_en", "", "conclusion_vi", "Hết.",
        "_csrf", modToken));
    assertEquals(400, empty.status());
    Page written = moderator.postForm(statementPage, Map.of("intro_vi", "Các tổ chức cùng kiến nghị.",
        "intro_en", "The organisations jointly propose.", "conclusion_vi", "Trân trọng.",
        "conclusion_en", "Respectfully.", "_csrf", modToken));
    assertEquals(302, written.status(), written.body());
    String statement = people.guest().get("/consultations/" + id + "/statement").body();
    assertTrue(statement.contains("Các tổ chức cùng kiến nghị."), "the introduction");
    assertTrue(statement.contains("Rõ ràng hơn."), "the adopted amendment, with its justification");
    assertFalse(statement.contains("Thừa."), "not the declined one");

    assertEquals(302, moderator.postForm(page + "/close", Map.of("_csrf", modToken)).status());
    Page again = moderator.postForm(page + "/close", Map.of("_csrf", modToken));
    assertEquals(409, again.status(), "closing twice: nothing to fix on a form, so the error page says why");
  }

  /** The id of the first clause of the first article. */
  private static String firstClause(JsonObject consultation) {
    return find(consultation.getJsonArray("structure"));
  }

  private static String find(io.vertx.core.json.JsonArray parts) {
    for (Object item : parts) {
      JsonObject part = (JsonObject) item;
      if ("clause".equals(part.getString("kind"))) {
        return part.getString("id");
      }
      String inside = find(part.getJsonArray("children", new io.vertx.core.json.JsonArray()));
      if (inside != null) {
        return inside;
      }
    }
    return null;
  }
}
