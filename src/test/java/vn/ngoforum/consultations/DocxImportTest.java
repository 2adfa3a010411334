package vn.ngoforum.consultations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.consultations.text.DecreeDocx;
import vn.ngoforum.consultations.text.DocxText;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.Multipart;
import vn.ngoforum.support.TestForum;

/** A moderator imports a Word draft (API and page), checks the split, corrects it, and opens it. */
class DocxImportTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("consultation-docx");
  private static final DemoPeople people = new DemoPeople(forum);
  private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  static Multipart form(byte[] docx) {
    return new Multipart().field("titleVi", "Dự thảo Nghị định về động vật rừng")
        .field("titleEn", "Draft decree on forest animals").field("authority", "Bộ Nông nghiệp và Môi trường")
        .field("deadline", "2027-01-31T17:00").field("visibility", "public")
        .file("file", "du-thao.docx", DOCX, docx);
  }

  static Page upload(Api as, Multipart form) {
    return as.postBytes("/api/v1/consultations", form.contentType(), form.body());
  }

  @Test
  @DisplayName("a Word draft sent to the API is split like pasted text, automatic clause numbers included")
  void api() {
    JsonObject created = Api.expect(201, upload(people.moderator(), form(DecreeDocx.decree())));
    assertEquals("draft", created.getString("status"));
    JsonArray structure = created.getJsonArray("structure");
    assertEquals(List.of("c1", "c2"), structure.stream().map(p -> ((JsonObject) p).getString("id")).toList());
    assertNotNull(ConsultationsTest.find(structure, "d2-k2"), "a clause numbered by Word");
    assertNotNull(ConsultationsTest.find(structure, "d4-pdd"), "a typed point đ)");
    assertNotNull(ConsultationsTest.find(structure, "d5-k2-pb"), "a point numbered by Word");
    assertTrue(ConsultationsTest.find(structure, "d2-k2").getString("text").contains("khoản 2 Điều 5"));
    assertNull(ConsultationsTest.find(structure, "d2-k3"), "the cross-reference started no clause");

    JsonObject read = Api.expect(200, people.moderator().get("/api/v1/consultations/" + created.getString("id")));
    assertEquals("Draft decree on forest animals", read.getJsonObject("title").getString("en"));
    assertEquals("2027-01-31T10:00:00Z", read.getString("deadline"), "a local time is Vietnam's");
  }

  @Test
  @DisplayName("a file that is not a readable Word draft is a 400 that says why, and nothing is stored")
  void badFiles() {
    long before = count();
    Map<String, byte[]> files = Map.of(
        "empty", new byte[0],
        "not a Word document", "Điều 1. A".getBytes(StandardCharsets.UTF_8),
        "password", DecreeDocx.encrypted(DecreeDocx.decree()),
        "larger than 5 MB", new byte[DocxText.MAX_BYTES + 10],
        "no text", DecreeDocx.paragraphs(List.of(" ")));
    files.forEach((says, bytes) -> {
      Page refused = upload(people.moderator(), form(bytes));
      assertEquals(400, refused.status(), says);
      assertTrue(Api.json(refused).getString("message").contains(says), refused.body());
    });
    Page unsplittable = upload(people.moderator(), form(DecreeDocx.paragraphs(List.of("Chương I", "QUY ĐỊNH"))));
    assertEquals(400, unsplittable.status());
    assertTrue(Api.json(unsplittable).getString("message").contains("has no article"), unsplittable.body());
    Page noTitle = upload(people.moderator(), new Multipart().field("authority", "Bộ")
        .field("deadline", "2027-01-31T17:00").file("file", "d.docx", DOCX, DecreeDocx.decree()));
    assertEquals(400, noTitle.status());
    assertTrue(noTitle.body().contains("'title'"), noTitle.body());
    Page nothing = upload(people.moderator(), new Multipart().field("titleVi", "Dự thảo").field("authority", "Bộ")
        .field("deadline", "2027-01-31T17:00"));
    assertEquals(400, nothing.status());
    assertTrue(nothing.body().contains("'text'"), nothing.body());
    assertEquals(403, upload(people.member(), form(DecreeDocx.decree())).status());
    assertEquals(before, count(), "nothing stored");
  }

  @Test
  @DisplayName("without JavaScript a moderator uploads the draft, sees the split, corrects it and opens it")
  void page() {
    String base = forum.base();
    Browser moderator = Browser.signedIn(base, "moderator");
    Page form = moderator.get(base + "/consultations/new");
    assertEquals(200, form.status());
    assertTrue(form.body().contains("enctype=\"multipart/form-data\""), "an upload form");
    assertTrue(moderator.get(base + "/consultations").body().contains("href=\"/consultations/new\""));
    String csrf = moderator.cookie(base, "XSRF-TOKEN").orElseThrow();

    Page bad = moderator.postMultipart(base + "/consultations/new",
        form(DecreeDocx.encrypted(DecreeDocx.decree())).field("_csrf", csrf));
    assertEquals(400, bad.status());
    assertTrue(bad.body().contains("Tệp được đặt mật khẩu"), "the reason, in Vietnamese, at the form");
    assertTrue(bad.body().contains("value=\"Bộ Nông nghiệp và Môi trường\""), "what was typed is kept");

    Page created = moderator.postMultipart(base + "/consultations/new",
        form(DecreeDocx.decree()).field("_csrf", csrf));
    assertEquals(302, created.status(), created.body());
    String path = created.header("location").orElseThrow();
    String id = path.substring(path.lastIndexOf('/') + 1);
    String draft = moderator.get(base + path).body();
    assertTrue(draft.contains("id=\"clause-d5-k2-pb\""), "the split, shown");
    assertTrue(draft.contains("action=\"/consultations/" + id + "/text\""), "the correction form");
    assertTrue(draft.contains("2. Mẫu vật là động vật"), "the Word file's text, its numbers written out");

    String text = DocxText.read(DecreeDocx.decree()).replace("Điều 5. Tịch thu và xử lý mẫu vật", "Điều 5. Tịch thu, xử lý mẫu vật");
    Page unsplittable = moderator.postForm(base + "/consultations/" + id + "/text",
        Map.of("text", "Chương I\nKHÔNG CÓ ĐIỀU", "_csrf", csrf));
    assertEquals(400, unsplittable.status());
    assertTrue(unsplittable.body().contains("<details class=\"consultation-correct\" open>"));
    Page corrected = moderator.postForm(base + "/consultations/" + id + "/text", Map.of("text", text, "_csrf", csrf));
    assertEquals(302, corrected.status(), corrected.body());
    assertEquals("Tịch thu, xử lý mẫu vật", ConsultationsTest.find(Api.expect(200,
        people.moderator().get("/api/v1/consultations/" + id)).getJsonArray("structure"), "d5").getString("title"));

    assertEquals(403, Browser.signedIn(base, "member").get(base + "/consultations/new").status());
    Page opened = moderator.postForm(base + "/consultations/" + id + "/open", Map.of("_csrf", csrf));
    assertEquals(302, opened.status());
    assertEquals("open", Api.expect(200, people.guest().get("/api/v1/consultations/" + id)).getString("status"));
    assertFalse(moderator.get(base + path).body().contains("action=\"/consultations/" + id + "/text\""),
        "no correcting once open");
    assertEquals(409, people.moderator().put("/api/v1/consultations/" + id + "/text",
        new JsonObject().put("text", text)).status(), "people may have commented on its clauses");
  }

  @Test
  @DisplayName("a draft's text is corrected through the API until it opens")
  void correctApi() {
    String id = Api.expect(201, upload(people.moderator(), form(DecreeDocx.decree()))).getString("id");
    String path = "/api/v1/consultations/" + id + "/text";
    JsonObject corrected = Api.expect(200, people.moderator().put(path,
        new JsonObject().put("text", "Điều 1. Phạm vi\n1. Một.\n2. Hai.")));
    assertEquals(List.of("d1"), corrected.getJsonArray("structure").stream()
        .map(p -> ((JsonObject) p).getString("id")).toList());
    assertEquals(400, people.moderator().put(path, new JsonObject().put("text", " ")).status());
    assertEquals(403, people.member().put(path, new JsonObject().put("text", "Điều 1. A")).status());
    assertEquals(404, people.moderator().put("/api/v1/consultations/nope/text",
        new JsonObject().put("text", "Điều 1. A")).status());
  }

  @Test
  @DisplayName("a draft stored before its text was kept shows its parts written out in the correction form")
  void storedBefore() {
    String id = Api.expect(201, upload(people.moderator(), form(DecreeDocx.decree()))).getString("id");
    ForumUnderTest.await(forum.mongo().updateCollection("consultation_texts", new JsonObject().put("_id", id),
        new JsonObject().put("$unset", new JsonObject().put("source", ""))));
    String page = Browser.signedIn(forum.base(), "moderator").get(forum.base() + "/consultations/" + id).body();
    String form = page.substring(page.indexOf("<textarea id=\"source\""));
    assertTrue(form.contains("Điều 5. Tịch thu và xử lý mẫu vật"), form);
    assertTrue(form.contains("2. Thứ tự ưu tiên:"), "the clauses written with their numbers");
  }

  private static long count() {
    return ForumUnderTest.await(forum.mongo().count("consultations", new JsonObject()))
        + ForumUnderTest.await(forum.mongo().count("consultation_texts", new JsonObject()));
  }
}
