package vn.ngoforum.registry.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.ngoforum.support.Accessibility;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.HeadlessChromium;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/**
 * The forum admins' registry pages in Chromium (issue 18, point 6): an admin imports a small spreadsheet through the
 * page and sees the organisations in the directory; the import, audit, suspended-organisation and edit pages are axe
 * clean in Vietnamese and English and fit a 360 px phone.
 */
@Tag("browser")
class AdminPagesBrowserTest {

  private static final List<String> LANGUAGES = List.of("vi", "en");
  @RegisterExtension
  static final TestForum forum = TestForum.perClass("admin-pages");

  /** The admin pages are then axe clean in both languages and fit a small phone. */
  @Test
  @DisplayName("an admin imports a spreadsheet through the page and finds the organisations in the directory")
  void importThenAdminPages() throws IOException {
    WebDriver browser = HeadlessChromium.start();
    try {
      HeadlessChromium.signIn(browser, forum.base(), "admin");
      journey(browser);
    } finally {
      browser.quit();
    }
  }

  private static void journey(WebDriver browser) throws IOException {
    String word = "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Path file = Files.createTempFile("network-members", ".csv");
    Files.writeString(file, "name_vi,name_en,province,focus_areas,website\n"
        + "Hội Bảo vệ Rùa " + word + ",Turtle Guardians " + word + ",Quảng Bình,rescue,https://turtles.example\n"
        + "Nhóm Chim " + word + ",,Cần Thơ,research,\n"
        + "Nhóm không tỉnh " + word + ",,Atlantis,,\n", StandardCharsets.UTF_8);

    browser.get(forum.base() + "/admin/orgs/import");
    browser.findElement(By.id("import-file")).sendKeys(file.toString());
    browser.findElement(By.cssSelector("form[action='/admin/orgs/import'] button[type=submit]")).click();
    waitFor(browser, ".import-table");
    assertTrue(browser.getPageSource().contains("Vui lòng chọn một trong 34 tỉnh"), "the bad row says why");
    Accessibility.assertNoSeriousViolations(browser, "import preview");
    HeadlessChromium.screenshots(browser, "admin-import-preview", ".import-table");
    browser.findElement(By.cssSelector("form[action='/admin/orgs/import/confirm'] button")).click();
    waitFor(browser, ".notice[role=status]");
    assertTrue(browser.getPageSource().contains("Đã nhập 2 tổ chức."), browser.getPageSource());

    browser.get(forum.base() + "/orgs?q=" + word);
    assertEquals(2, browser.findElements(By.cssSelector(".org-card")).size(), "both in the directory");
    HeadlessChromium.screenshots(browser, "admin-import-directory", null);

    JsonArray found = Api.expect(200, forum.api().get("/api/v1/orgs?q=" + word)).getJsonArray("results");
    String slug = found.getJsonObject(0).getString("slug");
    Api.expect(200, forum.as(People.token("admin")).post("/api/v1/orgs/" + slug + "/suspend",
        new JsonObject().put("reason", "Kiểm tra lại giấy phép")));

    List<String> pages = List.of("/admin/orgs/import", "/admin/audit?what=org", "/orgs/" + slug,
        "/orgs/" + slug + "/edit");
    List<String> wide = new ArrayList<>();
    for (String lang : LANGUAGES) {
      browser.get(forum.base() + "/lang/" + lang + "?next=/");
      for (String page : pages) {
        browser.get(forum.base() + page);
        Accessibility.assertNoSeriousViolations(browser, page + ", " + lang);
        if ("vi".equals(lang)) {
          HeadlessChromium.screenshots(browser, "admin" + page.replaceAll("[^A-Za-z]+", "-"), null);
        }
        HeadlessChromium.show(browser, HeadlessChromium.Screen.SMALL_PHONE);
        String overflow = HeadlessChromium.sidewaysScroll(browser, true);
        if (overflow != null) {
          wide.add(page + " (" + lang + ") by " + overflow);
        }
        HeadlessChromium.show(browser, HeadlessChromium.Screen.DESKTOP);
      }
    }
    assertEquals(List.of(), wide, "pages that scroll sideways on a 360 px phone");
    browser.get(forum.base() + "/lang/vi?next=/");
  }

  private static void waitFor(WebDriver browser, String css) {
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> !driver.findElements(By.cssSelector(css))
        .isEmpty());
  }
}
