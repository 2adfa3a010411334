package vn.ngoforum.consultations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.consultations.text.DecreeDocx;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Multipart;
import vn.ngoforum.support.TestForum;

/**
 * The authority publishes a revised draft: moderators import it as a new version, readers see what changed clause
 * by clause, comments and amendments stay on their clause where it still exists, and the old version stays readable.
 */
class VersionsTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("consultation-versions");
  private static final DemoPeople people = new DemoPeople(forum);
  private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  /** An open consultation on the first draft, with comments on an unchanged, a changed and a removed clause. */
  private static String consultation() {
    String id = Api.expect(201, DocxImportTest.upload(people.moderator(), DocxImportTest.form(DecreeDocx.decree())))
        .getString("id");
    String path = "/api/v1/consultations/" + id;
    Api.expect(200, people.moderator().post(path + "/open", null));
    comment(path, "d1", "Phạm vi rõ ràng.");
    comment(path, "d2-k2", "Nên bỏ thực vật khỏi định nghĩa.");
    comment(path, "d3-k2", "Khoản này trùng với Luật.");
    Api.expect(201, people.member().post(path + "/clauses/d3-k2/amendments", new JsonObject()
        .put("kind", "delete").put("justification", "Trùng với Luật Lâm nghiệp.")));
    return id;
  }

  @Test
  @DisplayName("a revised draft becomes version 2: changed, added and removed clauses are named, version 1 stays")
  void api() {
    String id = consultation();
    String path = "/api/v1/consultations/" + id;
    Multipart revised = new Multipart().file("file", "du-thao-2.docx", DOCX, DecreeDocx.decree(true));
    Page sent = people.moderator().postBytes(path + "/versions", revised.contentType(), revised.body());
    JsonObject revision = Api.expect(201, sent);
    assertEquals(2, revision.getInteger("version"));
    JsonObject changes = revision.getJsonObject("changes");
    assertTrue(changes.getJsonArray("changed").contains("d2-k2"), changes.encode());
    assertFalse(changes.getJsonArray("changed").contains("d1"), "an unchanged article is not changed");
    assertTrue(changes.getJsonArray("removed").contains("d3-k2"), changes.encode());
    assertTrue(changes.getJsonArray("added").contains("d4-pe"), changes.encode());
    assertTrue(changes.getJsonArray("added").contains("d6"), changes.encode());

    JsonObject current = Api.expect(200, people.guest().get(path));
    assertEquals(2, current.getInteger("version"));
    assertEquals(1, ConsultationsTest.find(current.getJsonArray("structure"), "d2-k2").getInteger("comments"),
        "the comment stays on the clause that still exists");
    assertTrue(ConsultationsTest.find(current.getJsonArray("structure"), "d2-k2").getString("text")
        .startsWith("Mẫu vật là động vật còn sống"));
    assertNull(ConsultationsTest.find(current.getJsonArray("structure"), "d3-k2"));
    JsonObject first = Api.expect(200, people.guest().get(path + "?version=1"));
    assertEquals(1, first.getInteger("version"));
    assertEquals(2, first.getInteger("latest"));
    assertNotNull(ConsultationsTest.find(first.getJsonArray("structure"), "d3-k2"), "the old version stays readable");
    assertEquals(404, people.guest().get(path + "?version=3").status());
    assertEquals(404, people.guest().get(path + "?version=two").status());

    assertEquals(404, people.member().post(path + "/clauses/d3-k2/comments",
        new JsonObject().put("body", "?")).status(), "no new comments on a removed clause");
    Api.expect(201, people.member().post(path + "/clauses/d6/comments", new JsonObject().put("body", "Sớm quá.")));
    assertEquals(400, people.moderator().post(path + "/versions", new JsonObject().put("text", "Chương I\nKHÔNG"))
        .status());
    assertEquals(403, people.member().post(path + "/versions", new JsonObject().put("text", "Điều 1. A")).status());
    assertEquals(2, Api.expect(200, people.guest().get(path)).getInteger("version"), "a refused import changes nothing");

    String draft = Api.expect(201, DocxImportTest.upload(people.moderator(), DocxImportTest.form(DecreeDocx.decree())))
        .getString("id");
    assertEquals(409, people.moderator().post("/api/v1/consultations/" + draft + "/versions",
        new JsonObject().put("text", "Điều 1. A")).status(), "a draft is corrected instead");
  }

  @Test
  @DisplayName("the page shows each clause's changes on request, and comments on a removed clause as on an earlier version")
  void page() {
    String id = consultation();
    String base = forum.base();
    Browser moderator = Browser.signedIn(base, "moderator");
    String before = moderator.get(base + "/consultations/" + id).body();
    assertTrue(before.contains("action=\"/consultations/" + id + "/versions\""), "the moderators' import form");
    assertFalse(people.guest().get("/consultations/" + id).body().contains("/versions\""), "not for guests");

    Page imported = moderator.postMultipart(base + "/consultations/" + id + "/versions", new Multipart()
        .field("_csrf", moderator.cookie(base, "XSRF-TOKEN").orElseThrow())
        .file("file", "du-thao-2.docx", DOCX, DecreeDocx.decree(true)));
    assertEquals(302, imported.status(), imported.body());
    assertTrue(imported.header("location").orElseThrow().endsWith("/consultations/" + id + "?compare=1"));

    String page = people.guest().get("/consultations/" + id).body();
    assertTrue(page.contains("Phiên bản 2 / 2"), "which version is read");
    assertTrue(page.contains("Góp ý và đề xuất trên phiên bản trước"), "the earlier version's section");
    String earlier = page.substring(page.indexOf("class=\"consultation-earlier\""));
    assertTrue(earlier.contains("Khoản này trùng với Luật."), "the comment on the removed clause, kept");
    assertTrue(earlier.contains("Trùng với Luật Lâm nghiệp."), "the amendment on it, kept");
    assertTrue(earlier.contains("trên phiên bản trước"));
    assertFalse(earlier.contains("Nên bỏ thực vật"), "a comment on a clause that still exists stays on it");
    String clause = page.substring(page.indexOf("id=\"clause-d2-k2\""), page.indexOf("id=\"clause-d3\""));
    assertTrue(clause.contains("Nên bỏ thực vật khỏi định nghĩa."));
    assertFalse(page.contains("<ins>"), "the changes only when asked");

    String compared = people.guest().get("/consultations/" + id + "?compare=1").body();
    String changed = compared.substring(compared.indexOf("id=\"clause-d2-k2\""), compared.indexOf("id=\"clause-d3\""));
    assertTrue(changed.contains("<del>"), "words removed from the clause");
    assertTrue(changed.contains("<ins>"), "words added");
    int pointE = compared.indexOf("id=\"clause-d4-pe\"");
    assertTrue(pointE > 0 && compared.substring(pointE, compared.indexOf("</section>", pointE))
        .contains("Mới trong phiên bản này"), "the new point e), marked");
    String removed = compared.substring(compared.indexOf("class=\"version-removed\""));
    assertTrue(removed.contains("Tổ chức, cá nhân nuôi có trách nhiệm"), "the removed clause, struck through");
    Page english = people.guest().get("/consultations/" + id, Map.of("Cookie", "lang=en"));
    assertTrue(english.body().contains("on an earlier version"));

    String first = people.guest().get("/consultations/" + id + "?version=1").body();
    assertTrue(first.contains("Phiên bản 1 / 2"));
    assertTrue(first.contains("id=\"clause-d3-k2\"") && first.contains("Tổ chức, cá nhân nuôi có trách nhiệm"));
    assertFalse(first.contains("class=\"consultation-earlier\""));
    assertEquals(404, people.guest().get("/consultations/" + id + "?version=9").status());
  }

  private static void comment(String path, String clause, String body) {
    Api.expect(201, people.member().post(path + "/clauses/" + clause + "/comments",
        new JsonObject().put("body", body)));
  }
}
