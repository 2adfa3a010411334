package vn.ngoforum.qa.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.People;

/**
 * The workshop report (issue 16, point 9): a session's or a whole event's report as Word and PDF, in Vietnamese and
 * English, with the agenda, questions by votes and their answers, the unanswered ones, poll results, rapporteurs'
 * notes, the participating organisations with their badge and the counts; an anonymous asker is never named.
 */
class QaReportTest {

  @RegisterExtension
  static final QaClient qa = QaClient.perClass("qa-report");

  /** The reported session's title in both languages, and the agenda's other session. */
  private static final String SESSION_VI = "Phiên thảo luận về tê giác và ngà voi";
  private static final String SESSION_EN = "Rhino and ivory discussion";
  private static final String OTHER_VI = "Phiên bế mạc: khuyến nghị chính sách";

  /** What was asked (by name, and anonymously), answered and noted. */
  private static final String NAMED_QUESTION = "Ai tài trợ cho lực lượng kiểm lâm?";
  private static final String ANONYMOUS_QUESTION = "Vì sao chợ ngà voi ở biên giới vẫn mở?";
  private static final String ANSWER = "Quỹ bảo tồn và ngân sách tỉnh cùng tài trợ.";
  private static final String NOTE = "Kết luận: tăng cường tuần tra liên ngành.";

  /** The workshop made once for the class, and the names its report must show, or must not. */
  private record Workshop(String event, String session, String anonymousName, String verifiedName,
      String unverifiedName) {
  }

  private static Workshop made;

  @BeforeAll
  static void workshop() {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    // Short names: a table cell that wraps in the PDF interleaves its lines with the next cells' in the text.
    String verified = organisation("Voọc " + unique, "Langur " + unique, true);
    String unverified = organisation("Sông Đà " + unique, "Da River " + unique, false);
    QaClient mod = qa.as("moderator");
    String event = Api.expect(201, mod.post("/api/v1/events", new JsonObject()
        .put("title", new JsonObject().put("vi", "Hội thảo chống buôn bán động vật hoang dã")
            .put("en", "Workshop against wildlife trade"))
        .put("startsAt", "2026-09-29T08:30:00+07:00").put("endsAt", "2026-09-29T17:00:00+07:00")
        .put("location", new JsonObject().put("vi", "Hà Nội").put("en", "Hanoi"))
        .put("organisers", new JsonArray().add(unverified).add("WWF Việt Nam")))).getString("id");
    String session = Api.expect(201, mod.post("/api/v1/events/" + event + "/sessions", new JsonObject()
        .put("title", new JsonObject().put("vi", SESSION_VI).put("en", SESSION_EN))
        .put("moderation", "post").put("startsAt", "2026-09-29T09:00:00+07:00")
        .put("endsAt", "2026-09-29T10:30:00+07:00").put("speakers", new JsonArray().add("Nguyễn Thị Lan | " + verified))
        .put("rapporteurs", new JsonArray().add("member")))).getString("id");
    Api.expect(201, mod.post("/api/v1/events/" + event + "/sessions", new JsonObject()
        .put("title", new JsonObject().put("vi", OTHER_VI).put("en", "Closing: policy recommendations"))));

    String named = Api.expect(201, qa.as("member").post("/api/v1/sessions/" + session + "/questions",
        new JsonObject().put("text", NAMED_QUESTION).put("anonymous", false).put("organisation", verified)))
        .getString("id");
    People.Person shy = People.person("member");
    String anonymousName = Api.json(qa.forum().as(shy.token()).get("/api/v1/me")).getString("name");
    String anonymous = Api.expect(201, qa.forum().as(shy.token()).post("/api/v1/sessions/" + session + "/questions",
        new JsonObject().put("text", ANONYMOUS_QUESTION).put("anonymous", true))).getString("id");
    Api.expect(200, qa.as("member").post("/api/v1/questions/" + anonymous + "/vote"));
    Api.expect(200, qa.as("attendee").post("/api/v1/questions/" + anonymous + "/vote"));
    Api.expect(200, qa.as("moderator").post("/api/v1/questions/" + named + "/moderate",
        new JsonObject().put("action", "answer").put("answer", ANSWER)));
    String poll = Api.expect(201, mod.post("/api/v1/sessions/" + session + "/polls", new JsonObject()
        .put("question", new JsonObject().put("vi", "Ưu tiên hàng đầu?").put("en", "Top priority?"))
        .put("options", new JsonArray()
            .add(new JsonObject().put("vi", "Tuần tra").put("en", "Patrols"))
            .add(new JsonObject().put("vi", "Truyền thông").put("en", "Outreach"))))).getString("id");
    Api.expect(200, qa.as("attendee").post("/api/v1/polls/" + poll + "/vote",
        new JsonObject().put("choices", new JsonArray().add(0))));
    Api.expect(201, qa.as("member").post("/api/v1/sessions/" + session + "/notes",
        new JsonObject().put("text", NOTE)));
    made = new Workshop(event, session, anonymousName, "Voọc " + unique, "Sông Đà " + unique);
  }

  /** A new organisation registered by the demo member (its admin), verified by the demo admin when asked. */
  private static String organisation(String vi, String en, boolean verified) {
    String slug = Api.expect(201, qa.as("member").post("/api/v1/orgs", new JsonObject()
        .put("name", new JsonObject().put("vi", vi).put("en", en))
        .put("province", "Hà Nội").put("focusAreas", new JsonArray().add("rescue")))).getString("slug");
    if (verified) {
      Api.expect(200, qa.as("admin").post("/api/v1/orgs/" + slug + "/verify", new JsonObject()));
    }
    return slug;
  }

  @Test
  @DisplayName("a session's report in Word and PDF, in Vietnamese and English: questions by votes with the answer, the"
      + " unanswered one, the poll, the rapporteur's note, the organisations with their badge, the counts; the"
      + " anonymous asker is not named")
  void sessionReport() throws IOException {
    for (String format : List.of("docx", "pdf")) {
      String vi = text(format, report("moderator", "sessions/" + made.session(), "format=" + format
          + "&lang=vi"));
      assertTrue(vi.contains("Báo cáo hội thảo: " + SESSION_VI), format + ": the Vietnamese title\n" + vi);
      assertTrue(vi.contains("Câu hỏi đã trả lời"), vi);
      assertTrue(vi.contains(NAMED_QUESTION) && vi.contains(ANSWER), vi);
      assertTrue(vi.contains("Câu hỏi chưa trả lời") && vi.contains(ANONYMOUS_QUESTION), vi);
      assertTrue(vi.contains("một người tham dự ẩn danh"), vi);
      assertFalse(vi.contains(made.anonymousName()), format + " names the anonymous asker\n" + vi);
      assertTrue(vi.contains("Ưu tiên hàng đầu?") && vi.contains("Tuần tra"), vi);
      assertTrue(vi.contains(NOTE), vi);
      assertTrue(vi.contains(made.verifiedName()) && vi.contains("Đã xác minh"), vi);
      assertTrue(vi.contains(made.unverifiedName()) && vi.contains("Chưa xác minh"), vi);
      assertTrue(vi.contains("WWF Việt Nam"), "an organiser the registry does not know, as typed\n" + vi);
      assertTrue(vi.contains("Số câu hỏi: 2") && vi.contains("Đã trả lời: 1"), vi);
      assertTrue(vi.contains("Nguyễn Thị Lan"), "the speaker\n" + vi);

      String en = text(format, report("moderator", "sessions/" + made.session(), "format=" + format
          + "&lang=en"));
      assertTrue(en.contains("Workshop report: " + SESSION_EN), format + ": the English title\n" + en);
      assertTrue(en.contains("Answered questions") && en.contains("Questions not answered"), en);
      assertTrue(en.contains("an anonymous participant") && !en.contains(made.anonymousName()), en);
      assertTrue(en.contains("Top priority?") && en.contains("Patrols"), en);
      assertTrue(en.contains("Langur ") && en.contains("Verified"), en);
      assertTrue(en.contains("Questions asked: 2"), en);
    }
  }

  @Test
  @DisplayName("an event's report holds every session of its agenda")
  void eventReport() throws IOException {
    String vi = text("pdf", report("moderator", "events/" + made.event(), "format=pdf&lang=vi"));
    assertTrue(vi.contains(SESSION_VI) && vi.contains(OTHER_VI), vi);
    assertTrue(vi.contains("Hội thảo chống buôn bán động vật hoang dã"), vi);
    assertTrue(vi.contains("Số phiên: 2"), vi);
    assertFalse(vi.contains(made.anonymousName()), vi);
  }

  @Test
  @DisplayName("the report is for moderators (401, 403), in docx or pdf and vi or en (400), of what exists (404)")
  void refusals() {
    assertEquals(401, report(null, "sessions/" + made.session(), "format=pdf").statusCode());
    assertEquals(403, report("member", "sessions/" + made.session(), "format=pdf").statusCode());
    assertEquals(403, report("member", "events/" + made.event(), "format=docx").statusCode());
    assertEquals(400, report("moderator", "sessions/" + made.session(), "format=xlsx").statusCode());
    assertEquals(400, report("moderator", "sessions/" + made.session(), "lang=vi").statusCode(), "no format");
    assertEquals(400, report("moderator", "events/" + made.event(), "format=pdf&lang=fr").statusCode());
    assertEquals(404, report("moderator", "sessions/no-such-session", "format=pdf").statusCode());
    assertEquals(404, report("moderator", "events/no-such-event", "format=docx").statusCode());
  }

  @Test
  @DisplayName("the moderation page and the event page link to the report in both formats and languages")
  void links() {
    Browser moderator = Browser.signedIn(qa.forum().base(), "moderator");
    Page moderate = moderator.get(qa.forum().base() + "/qa/" + made.session() + "/moderate");
    assertTrue(moderate.body().contains("/api/v1/sessions/" + made.session() + "/report?format=pdf&amp;lang=en"),
        moderate.body());
    Page agenda = moderator.get(qa.forum().base() + "/events/" + made.event());
    assertTrue(agenda.body().contains("/api/v1/events/" + made.event() + "/report?format=docx&amp;lang=vi"),
        agenda.body());
    assertFalse(new Browser().get(qa.forum().base() + "/events/" + made.event()).body().contains("/report?"),
        "no link for a visitor");
  }

  /** The report's text, from the Word file by POI or from the PDF by PDFBox. */
  private static String text(String format, HttpResponse<byte[]> answer) throws IOException {
    assertEquals(200, answer.statusCode(), new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
    String disposition = answer.headers().firstValue("Content-Disposition").orElseThrow();
    assertTrue(disposition.startsWith("attachment") && disposition.contains("." + format), disposition);
    Path dir = Files.createDirectories(Path.of("target", "exports"));
    Files.write(dir.resolve(disposition.replaceAll(".*filename=\"(.*)\"", "$1")), answer.body());
    if ("docx".equals(format)) {
      try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(answer.body()));
          XWPFWordExtractor extractor = new XWPFWordExtractor(docx)) {
        return extractor.getText();
      }
    }
    try (PDDocument pdf = Loader.loadPDF(answer.body())) {
      return new PDFTextStripper().getText(pdf).replaceAll("\\s*\\R\\s*", " ");
    }
  }

  private static HttpResponse<byte[]> report(String username, String what, String query) {
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create(qa.forum().base() + "/api/v1/" + what + "/report?" + query));
    if (username != null) {
      request.header("Authorization", "Bearer " + People.token(username));
    }
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
