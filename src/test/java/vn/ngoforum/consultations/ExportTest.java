package vn.ngoforum.consultations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.consultations.AmendmentsTest.OrgAdmin;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** Moderators export the joint submission for the authority (Word, PDF) and the secretariat's CSV. */
class ExportTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("export");
  private static final DemoPeople people = new DemoPeople(forum);
  private static final String PROPOSED = "đ) Có sổ theo dõi nuôi điện tử, cập nhật hằng tháng;";
  private static final String WHY = "Sổ giấy không kiểm tra được, theo \"báo cáo\" của Cục Kiểm lâm, năm 2025.";
  private static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"bấm\")";

  private static String id;
  private static OrgAdmin first;
  private static OrgAdmin second;

  /** An open consultation with an adopted amendment on point đ) of Điều 3, endorsed and signed by two orgs. */
  @BeforeAll
  static void submission() {
    id = AmendmentsTest.open(people.moderator());
    String clauses = "/api/v1/consultations/" + id + "/clauses/";
    String amendment = Api.expect(201, people.member().post(clauses + "d3-k1-pdd/amendments", new JsonObject()
        .put("kind", "replace").put("text", PROPOSED).put("justification", WHY))).getString("id");
    Api.expect(201, people.member().post(clauses + "d2-k1/amendments", new JsonObject()
        .put("kind", "delete").put("justification", "-1 thừa")));
    Api.expect(201, people.member().post(clauses + "d3-k1-pdd/comments", new JsonObject().put("body", FORMULA)));
    Api.expect(201, people.member().post(clauses + "d2-k1/comments",
        new JsonObject().put("body", "Đồng ý, nhưng\ncần \"rõ\" hơn")));
    first = AmendmentsTest.orgAdmin(forum, true);
    second = AmendmentsTest.orgAdmin(forum, true);
    for (OrgAdmin admin : List.of(first, second)) {
      Api.expect(200, admin.api().post("/api/v1/amendments/" + amendment + "/endorse",
          new JsonObject().put("org", admin.slug())));
    }
    Api.expect(200, people.moderator().post("/api/v1/amendments/" + amendment + "/decide",
        new JsonObject().put("decision", "adopted")));
    String statement = "/api/v1/consultations/" + id + "/statement";
    Api.expect(200, people.moderator().put(statement, StatementTest.texts()));
    for (OrgAdmin admin : List.of(first, second)) {
      Api.expect(200, admin.api().post(statement + "/sign", new JsonObject().put("org", admin.slug())));
    }
  }

  private static String name(OrgAdmin admin, String lang) {
    JsonObject profile = Api.expect(200, forum.api().get("/api/v1/orgs/" + admin.slug()));
    return profile.getJsonObject("name").getString(lang);
  }

  @Test
  @DisplayName("the Word submission in Vietnamese has the statement, the amendment's two wordings, why, who endorses"
      + " it, and the signatories with their province and badge")
  void docx() throws IOException {
    HttpResponse<byte[]> answer = export("moderator", "format=docx&lang=vi");
    assertEquals(200, answer.statusCode());
    assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        answer.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("attachment; filename=\"consultation-" + id + "-vi.docx\"",
        answer.headers().firstValue("Content-Disposition").orElseThrow());
    String text;
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(answer.body()));
        XWPFWordExtractor extractor = new XWPFWordExtractor(docx)) {
      text = extractor.getText();
    }
    assertSubmission(text, "vi");
  }

  @Test
  @DisplayName("the PDF submission prints the same in Vietnamese, and in English when asked")
  void pdf() throws IOException {
    HttpResponse<byte[]> vi = export("moderator", "format=pdf&lang=vi");
    assertEquals(200, vi.statusCode());
    assertEquals("application/pdf", vi.headers().firstValue("Content-Type").orElseThrow());
    assertSubmission(pdfText(vi.body()), "vi");
    String en = pdfText(export("moderator", "format=pdf&lang=en").body());
    assertSubmission(en, "en");
    assertTrue(en.contains("Draft decree on forest animals"), en);
    assertTrue(en.contains("The undersigned organisations recommend:"), en);
    assertFalse(en.contains("Các tổ chức ký tên dưới đây kiến nghị"), en);
  }

  @Test
  @DisplayName("in English, the clauses are quoted in the version's English wording, and the document says so; a"
      + " draft without an English text is quoted in Vietnamese, and the document says that")
  void englishWording() throws IOException {
    String bilingual = EnglishTextTest.openBilingual(people.moderator());
    String amendment = Api.expect(201, people.member().post("/api/v1/consultations/" + bilingual
        + "/clauses/d3-k1-pdd/amendments", new JsonObject().put("kind", "replace").put("text", PROPOSED)
        .put("justification", WHY))).getString("id");
    Api.expect(200, people.moderator().post("/api/v1/amendments/" + amendment + "/decide",
        new JsonObject().put("decision", "adopted")));
    Api.expect(200, people.moderator().put("/api/v1/consultations/" + bilingual + "/statement", StatementTest.texts()));

    String en = docxText(export(bilingual, "moderator", "format=docx&lang=en").body()).replaceAll("\\s+", " ");
    assertTrue(en.contains(EnglishTextTest.REGISTER_EN), "the English wording: " + en);
    assertFalse(en.contains(EnglishTextTest.REGISTER_VI), "not the Vietnamese one: " + en);
    assertTrue(en.contains("Point đ of clause 1 of Article 3"), en);
    assertTrue(en.contains("Clauses are quoted in their English wording"), en);
    assertTrue(en.contains(PROPOSED), "the proposed wording, as written: " + en);
    String vi = docxText(export(bilingual, "moderator", "format=docx&lang=vi").body()).replaceAll("\\s+", " ");
    assertTrue(vi.contains(EnglishTextTest.REGISTER_VI), vi);
    assertFalse(vi.contains(EnglishTextTest.REGISTER_EN), vi);

    String noEnglish = docxText(export("moderator", "format=docx&lang=en").body());
    assertTrue(noEnglish.contains("The draft has no English text: the clauses are quoted in their Vietnamese"
        + " wording."), noEnglish);
    assertTrue(noEnglish.contains(EnglishTextTest.REGISTER_VI), noEnglish);
  }

  private static String docxText(byte[] bytes) throws IOException {
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(bytes));
        XWPFWordExtractor extractor = new XWPFWordExtractor(docx)) {
      return extractor.getText();
    }
  }

  private static void assertSubmission(String text, String lang) {
    String flat = text.replaceAll("\\s+", " ");
    boolean vi = "vi".equals(lang);
    assertTrue(flat.contains(vi ? "Điểm đ khoản 1 Điều 3" : "Point đ of clause 1 of Article 3"), flat);
    assertTrue(flat.contains("Có sổ theo dõi nuôi theo Mẫu số 16"), "the draft's wording: " + flat);
    assertTrue(flat.contains(PROPOSED), "the proposed wording: " + flat);
    assertTrue(flat.contains(WHY), "the justification: " + flat);
    assertTrue(flat.contains(vi ? "Trân trọng." : "Respectfully."), flat);
    for (OrgAdmin admin : List.of(first, second)) {
      assertTrue(flat.contains(name(admin, lang)), "signatory and endorser " + admin.slug() + ": " + flat);
    }
    assertTrue(flat.contains(vi ? "✓ Đã xác minh" : "✓ Verified"), "badge: " + flat);
    assertTrue(flat.contains(vi ? "Hà Nội" : "Hanoi"), "province: " + flat);
    assertFalse(flat.contains("-1 thừa"), "an amendment not adopted is not submitted");
    assertFalse(flat.contains("HYPERLINK"), "comments are not submitted");
  }

  @Test
  @DisplayName("the secretariat's CSV has every comment and amendment, UTF-8 with a BOM, quoted by RFC 4180, and a"
      + " text that starts like a formula neutralised")
  void csv() {
    HttpResponse<byte[]> answer = export("moderator", "format=csv");
    assertEquals(200, answer.statusCode());
    assertEquals("text/csv; charset=utf-8", answer.headers().firstValue("Content-Type").orElseThrow());
    byte[] bytes = answer.body();
    assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]), "BOM");
    String csv = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    assertTrue(csv.startsWith("type,id,clause,clause_label,kind,status,author,at,text,current_wording,"
        + "justification,supports,endorsed_by,reason\r\n"), csv);
    assertTrue(csv.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"bấm\"\")\","), "formula guarded: " + csv);
    assertFalse(csv.contains(",=HYPERLINK"), csv);
    assertTrue(csv.contains(",\"Đồng ý, nhưng\ncần \"\"rõ\"\" hơn\","), "quoted with its line break: " + csv);
    assertTrue(csv.contains(",'-1 thừa,"), "justification guarded: " + csv);
    assertTrue(csv.contains("amendment," + id + ":d3-k1-pdd:a1,d3-k1-pdd,điểm đ khoản 1 Điều 3,replace,adopted,"),
        csv);
    assertTrue(csv.contains(first.slug() + " " + second.slug()), "endorsers: " + csv);
    assertEquals(5, csv.split("\r\n").length, "a header, two comments, two amendments: " + csv);
  }

  @Test
  @DisplayName("only moderators export (403 for a member, 401 for a guest); 400 for an unknown format or language,"
      + " 404 for an unknown consultation, 409 for a submission without its statement")
  void refusals() {
    assertEquals(403, export("member", "format=pdf&lang=vi").statusCode());
    assertEquals(403, export("member", "format=csv").statusCode());
    assertEquals(401, people.guest().get("/api/v1/consultations/" + id + "/export?format=csv").status());
    assertEquals(400, export("moderator", "format=odt&lang=vi").statusCode());
    assertEquals(400, export("moderator", "lang=vi").statusCode());
    assertEquals(400, export("moderator", "format=pdf&lang=fr").statusCode());
    assertEquals(404, people.moderator().get("/api/v1/consultations/nope/export?format=pdf").status());
    assertEquals(404, people.moderator().get("/api/v1/consultations/nope/export?format=csv").status());
    String unwritten = AmendmentsTest.open(people.moderator());
    Browser.Page none = people.moderator().get("/api/v1/consultations/" + unwritten + "/export?format=docx");
    assertEquals(409, none.status(), none.body());
    assertEquals(200, people.moderator().get("/api/v1/consultations/" + unwritten + "/export?format=csv").status(),
        "the CSV needs no statement");
  }

  @Test
  @DisplayName("the statement page links the exports for moderators only")
  void links() {
    String link = "/api/v1/consultations/" + id + "/export?format=pdf&amp;lang=en";
    String page = "/consultations/" + id + "/statement";
    assertTrue(forum.signedIn("moderator").get(forum.base() + page).body().contains(link));
    assertFalse(forum.signedIn("member").get(forum.base() + page).body().contains("/export?"));
    assertFalse(forum.api().get(page).body().contains("/export?"));
  }

  /** The answer to an export; a 200's file is also kept in target/exports/ for a person to open. */
  private static HttpResponse<byte[]> export(String username, String query) {
    return export(id, username, query);
  }

  private static HttpResponse<byte[]> export(String consultation, String username, String query) {
    try {
      HttpResponse<byte[]> answer = fetch(consultation, username, query);
      if (answer.statusCode() == 200) {
        Path dir = Files.createDirectories(Path.of("target", "exports"));
        Files.write(dir.resolve(answer.headers().firstValue("Content-Disposition").orElseThrow()
            .replaceAll(".*filename=\"(.*)\"", "$1")), answer.body());
      }
      return answer;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static HttpResponse<byte[]> fetch(String consultation, String username, String query) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create(forum.base() + "/api/v1/consultations/" + consultation + "/export?" + query))
          .header("Authorization", "Bearer " + People.token(username)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String pdfText(byte[] bytes) throws IOException {
    try (PDDocument pdf = Loader.loadPDF(bytes)) {
      return new PDFTextStripper().getText(pdf);
    }
  }
}
