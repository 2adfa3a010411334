package vn.ngoforum.registry.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Multipart;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/**
 * Forum admins import organisations from the spreadsheets networks keep (issue 18, point 6): a preview names every
 * row's problems and stores nothing; confirming stores the good rows; importing the same file again changes nothing.
 */
class ImportTest {

  private static final String CSV = "text/csv";
  private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("registry-import");

  @Test
  @DisplayName("a CSV with Vietnamese headers: the preview names each bad row's problems (missing name, bad province,"
      + " bad e-mail and website, a duplicate in the file, one already registered) and stores nothing; confirming"
      + " imports the good rows; the same file again changes nothing")
  void csvPreviewConfirmTwice() {
    String word = registeredBefore();
    Api admin = forum.as(People.token("admin"));
    byte[] file = csv(word);

    assertEquals(403, forum.as(People.token("member")).postBytes("/api/v1/orgs/import", CSV, file).status());
    assertEquals(401, forum.api().postBytes("/api/v1/orgs/import", CSV, file).status());
    JsonObject preview = Api.expect(200, admin.postBytes("/api/v1/orgs/import", CSV, file));
    JsonArray rows = preview.getJsonArray("rows");
    assertEquals(7, rows.size(), preview.encode());
    assertEquals(List.of("new", "invalid", "invalid", "invalid", "invalid", "exists", "new"), statuses(rows));
    assertEquals(List.of(List.of(), List.of("name"), List.of("province"), List.of("website", "contactEmail"),
        List.of("name"), List.of("name"), List.of()), problemFields(rows));
    assertEquals("duplicate", rows.getJsonObject(4).getJsonArray("problems").getJsonObject(0).getString("code"));
    assertEquals(2, rows.getJsonObject(4).getJsonArray("problems").getJsonObject(0).getInteger("line"),
        "the duplicate names the line it repeats");
    assertEquals(2, preview.getInteger("good"));
    assertEquals(1, directory(word).size(), "nothing stored by the preview: only the one registered before");

    JsonObject imported = Api.expect(200, admin.postBytes("/api/v1/orgs/import?confirm=true", CSV, file));
    assertEquals(2, imported.getJsonArray("imported").size(), imported.encode());
    List<String> found = directory(word);
    assertEquals(3, found.size(), found.toString());
    assertTrue(found.containsAll(imported.getJsonArray("imported").getList()));
    JsonObject profile = Api.expect(200, forum.api().get("/api/v1/orgs/" + imported.getJsonArray("imported")
        .getString(1)));
    assertEquals("quang-tri", profile.getJsonObject("province").getString("code"), "Quảng Bình is in Quảng Trị");
    assertEquals(new JsonArray().add("rescue").add("research"), profile.getJsonArray("focusAreas"));
    assertFalse(profile.getBoolean("verified"), "imported organisations start unverified");

    JsonObject again = Api.expect(200, admin.postBytes("/api/v1/orgs/import?confirm=true", CSV, file));
    assertEquals(new JsonArray(), again.getJsonArray("imported"), "importing the same file again changes nothing");
    List<String> twice = statuses(again.getJsonArray("rows"));
    assertEquals(List.of("exists", "exists"), List.of(twice.get(0), twice.get(6)), "the imported rows are there");
    assertEquals(3, directory(word).size());
  }

  @Test
  @DisplayName("an XLSX with English headers imports the same way, and the templates (CSV and XLSX, vi and en) are"
      + " files the import reads")
  void xlsxAndTemplates() throws IOException {
    String word = word();
    Api admin = forum.as(People.token("admin"));
    byte[] file = xlsx(List.of(List.of("name_vi", "name_en", "province", "focus_areas", "contact_email"),
        List.of("Hội Chim " + word, "Bird Society " + word, "Hà Nội", "research", "birds@example.org"),
        List.of("", "Nameless " + word, "Narnia", "", "")));
    JsonArray rows = Api.expect(200, admin.postBytes("/api/v1/orgs/import", XLSX, file)).getJsonArray("rows");
    assertEquals(List.of("new", "invalid"), statuses(rows));
    assertEquals(List.of(List.of(), List.of("province")), problemFields(rows));
    assertEquals(1, Api.expect(200, admin.postBytes("/api/v1/orgs/import?confirm=true", XLSX, file))
        .getJsonArray("imported").size());
    assertEquals(1, directory(word).size());

    for (String template : List.of("template.csv", "template.csv?lang=vi", "template.xlsx", "template.xlsx?lang=vi")) {
      byte[] bytes = bytes("/admin/orgs/import/" + template);
      JsonArray example = Api.expect(200, admin.postBytes("/api/v1/orgs/import", template.contains("xlsx") ? XLSX
          : CSV, bytes)).getJsonArray("rows");
      assertEquals(1, example.size(), template);
      assertEquals("Trung tâm Bảo tồn Ví dụ", example.getJsonObject(0).getJsonObject("name").getString("vi"));
      assertEquals(List.of(), problemFields(example).get(0), template + ": " + example.encode());
    }
    assertEquals(400, admin.postBytes("/api/v1/orgs/import", CSV, "just,some\nwords,here\n"
        .getBytes(StandardCharsets.UTF_8)).status(), "no name column");
    assertEquals(400, admin.postBytes("/api/v1/orgs/import", XLSX, new byte[] {'P', 'K', 3, 4, 0, 0}).status(),
        "not a workbook");
  }

  @Test
  @DisplayName("the import page: upload, the preview lists every row and its problems in the page's language,"
      + " confirm imports the good rows; members get 403; no file is a message at the form")
  void pages() {
    String word = registeredBefore();
    Browser admin = Browser.signedIn(forum.base(), "admin");
    Page form = admin.get(forum.base() + "/admin/orgs/import");
    assertEquals(200, form.status());
    assertTrue(form.body().contains("enctype=\"multipart/form-data\""));
    String csrf = admin.cookie(forum.base(), "XSRF-TOKEN").orElseThrow();
    Page preview = admin.postMultipart(forum.base() + "/admin/orgs/import", new Multipart().field("_csrf", csrf)
        .file("file", "members.csv", CSV, csv(word)));
    assertEquals(200, preview.status(), preview.body());
    assertTrue(preview.body().contains("Vui lòng chọn một trong 34 tỉnh, thành phố"), "the bad province is named");
    assertTrue(preview.body().contains("Trang web phải là một địa chỉ bắt đầu"), "and the bad website");
    assertTrue(preview.body().contains("Trùng với một tổ chức ở dòng trước trong tệp."));
    assertTrue(preview.body().contains("Sẵn sàng nhập: 2. Có lỗi (không nhập): 5."), preview.body());
    assertEquals(1, directory(word).size(), "nothing stored by the preview");
    Matcher rows = Pattern.compile("name=\"rows\" value=\"([^\"]*)\"").matcher(preview.body());
    assertTrue(rows.find(), "the confirmation carries the good rows");
    String rowsJson = rows.group(1).replace("&quot;", "\"").replace("&#x3D;", "=").replace("&amp;", "&")
        .replace("&#x27;", "'").replace("&#x60;", "`");
    Page done = admin.postForm(forum.base() + "/admin/orgs/import/confirm", Map.of("_csrf", csrf, "rows", rowsJson));
    assertEquals(200, done.status(), done.body());
    assertTrue(done.body().contains("Đã nhập 2 tổ chức."), done.body());
    assertEquals(3, directory(word).size());

    Page none = admin.postMultipart(forum.base() + "/admin/orgs/import", new Multipart().field("_csrf", csrf));
    assertEquals(400, none.status());
    assertTrue(none.body().contains("Hãy chọn tệp CSV hoặc XLSX"), none.body());
    Browser member = Browser.signedIn(forum.base(), "member");
    assertEquals(403, member.get(forum.base() + "/admin/orgs/import").status());
    assertEquals(403, member.postForm(forum.base() + "/admin/orgs/import/confirm", Map.of("_csrf",
        member.cookie(forum.base(), "XSRF-TOKEN").orElseThrow(), "rows", rowsJson)).status());
  }

  // ---- helpers

  /**
   * A network's list with Vietnamese headers (semicolons, as spreadsheet programs in Vietnam write it): line 2 good,
   * 3 without a name, 4 in no province, 5 with a bad e-mail and website, 6 repeating line 2, 7 already registered
   * (the acronym AH+word), 8 good (a pre-2025 province name).
   */
  private static byte[] csv(String word) {
    String text = "\uFEFFTên tiếng Việt;Tên tiếng Anh;Tên viết tắt;Tỉnh/thành;Lĩnh vực;Email liên hệ;Website\n"
        + "Hội Rùa " + word + ";Turtle Society " + word + ";;Hà Nội;rescue;;\n"
        + ";;;Huế;;;\n"
        + "Nhóm Voọc " + word + ";;;Atlantis;;;\n"
        + "Nhóm Sao la " + word + ";;;Huế;;not-an-address;ftp://example.org\n"
        + "hoi rua " + word + ";;;Đà Nẵng;;;\n"
        + "Đã có " + word + ";;AH" + word + ";Huế;;;\n"
        + "Trung tâm Gấu " + word + ";Bear Centre " + word + ";;Quảng Bình;rescue, research;;https://bears.example\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] xlsx(List<List<String>> cells) throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = workbook.createSheet("Members");
      for (int r = 0; r < cells.size(); r++) {
        XSSFRow row = sheet.createRow(r);
        for (int c = 0; c < cells.get(r).size(); c++) {
          row.createCell(c).setCellValue(cells.get(r).get(c));
        }
      }
      workbook.write(out);
      return out.toByteArray();
    }
  }

  /** A file the admin downloads (bytes as sent: a workbook is no text). */
  private static byte[] bytes(String path) {
    try {
      java.net.http.HttpResponse<byte[]> file = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(forum.base() + path))
              .header("Authorization", "Bearer " + People.token("admin")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, file.statusCode(), path);
      return file.body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A fresh word, and an organisation already registered with it (the acronym AH+word: line 7 of the file). */
  private static String registeredBefore() {
    String word = word();
    Api.expect(201, forum.as(People.token("member")).post("/api/v1/orgs", new JsonObject()
        .put("name", new JsonObject().put("vi", "Đã có " + word).put("en", "Already here " + word))
        .put("acronym", "AH" + word).put("province", "Huế")));
    return word;
  }

  private static String word() {
    return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  private static List<String> directory(String word) {
    return Api.expect(200, forum.api().get("/api/v1/orgs?q=" + word)).getJsonArray("results").stream()
        .map(JsonObject.class::cast).map(org -> org.getString("slug")).toList();
  }

  private static List<String> statuses(JsonArray rows) {
    return rows.stream().map(JsonObject.class::cast).map(row -> row.getString("status")).toList();
  }

  private static List<List<String>> problemFields(JsonArray rows) {
    return rows.stream().map(JsonObject.class::cast).map(row -> row.getJsonArray("problems").stream()
        .map(JsonObject.class::cast).map(problem -> problem.getString("field")).toList()).toList();
  }
}
