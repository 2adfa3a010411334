package vn.ngoforum.consultations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.ngoforum.consultations.text.DecreeDocx;
import vn.ngoforum.consultations.text.SplitterTest;
import vn.ngoforum.support.Accessibility;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.HeadlessChromium;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** The reading page in a real browser: accessible, no horizontal scrolling on a phone, a permalink that lands. */
@Tag("browser")
class ConsultationPagesTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("consultation-pages");
  @RegisterExtension
  static final HeadlessChromium.PerClass chromium = HeadlessChromium.perClass();

  @Test
  @DisplayName("a guest opens a clause's permalink on a phone and on a desktop: the page is accessible and fits")
  void readingPage() {
    Api moderator = forum.as(People.token("moderator"));
    String id = Api.expect(201, moderator.post("/api/v1/consultations",
        ConsultationsTest.draft("public", SplitterTest.DECREE))).getString("id");
    Api.expect(200, moderator.post("/api/v1/consultations/" + id + "/open", null));
    Api.expect(201, forum.as(People.token("member")).post("/api/v1/consultations/" + id
        + "/clauses/d3-k1-pdd/comments", new JsonObject().put("body", "Đề nghị bỏ Mẫu số 16.")));

    WebDriver driver = chromium.driver();
    driver.get(forum.base() + "/consultations/" + id + "#clause-d3-k1-pdd");
    assertTrue(driver.findElement(By.id("clause-d3-k1-pdd")).getText().contains("Có sổ theo dõi nuôi"));
    Accessibility.assertNoSeriousViolations(driver, "consultation");
    for (HeadlessChromium.Screen screen : HeadlessChromium.Screen.values()) {
      HeadlessChromium.show(driver, screen);
      assertNull(HeadlessChromium.sidewaysScroll(driver, false), "no sideways scrolling on " + screen);
    }
    HeadlessChromium.screenshots(driver, "consultation", "#clause-d3-k1-pdd");

    // Live: once the page follows consultation.{id}, another member's comment and an amendment arrive unasked.
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    wait.until(d -> "live".equals(d.findElement(By.cssSelector("[data-live-status]")).getAttribute("data-state")));
    Api.expect(201, forum.as(People.token("moderator")).post("/api/v1/consultations/" + id
        + "/clauses/d3-k1-pdd/comments", new JsonObject().put("body", "Đồng ý, <b>bỏ</b> mẫu này.")));
    Api.expect(201, moderator.post("/api/v1/consultations/" + id + "/clauses/d3-k1-pdd/amendments",
        new JsonObject().put("kind", "delete").put("justification", "Trùng.")));
    WebElement clause = driver.findElement(By.id("clause-d3-k1-pdd"));
    wait.until(d -> clause.getText().contains("Đồng ý, <b>bỏ</b> mẫu này.") && clause.getText().contains("2 góp ý")
        && clause.getText().contains("1 đề xuất sửa đổi"));
    assertTrue(driver.findElement(By.cssSelector("[data-new-activity]")).isDisplayed(), "a reload is offered");
    Accessibility.assertNoSeriousViolations(driver, "consultation, live");
    HeadlessChromium.screenshots(driver, "consultation-live", "#clause-d3-k1-pdd");

    driver.get(forum.base() + "/consultations");
    Accessibility.assertNoSeriousViolations(driver, "consultations");
    HeadlessChromium.screenshots(driver, "consultations", null);
  }

  @Test
  @DisplayName("a moderator uploads a Word draft from the new-consultation page and checks the split: accessible")
  void importPage() throws IOException {
    Path docx = Files.createTempFile("du-thao", ".docx");
    Files.write(docx, DecreeDocx.decree());
    WebDriver driver = HeadlessChromium.start();
    try {
      HeadlessChromium.signIn(driver, forum.base(), "moderator");
      driver.get(forum.base() + "/consultations/new");
      Accessibility.assertNoSeriousViolations(driver, "new consultation");
      driver.findElement(By.id("title-vi")).sendKeys("Dự thảo Nghị định về động vật rừng");
      driver.findElement(By.id("authority")).sendKeys("Bộ Nông nghiệp và Môi trường");
      ((JavascriptExecutor) driver).executeScript("document.getElementById('deadline').value = arguments[0];",
          "2027-01-31T17:00");
      driver.findElement(By.id("file")).sendKeys(docx.toAbsolutePath().toString());
      HeadlessChromium.screenshots(driver, "consultation-new", "#file");
      driver.findElement(By.cssSelector(".consultation-form button[type=submit]")).click();
      new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.findElements(By.id("clause-d5-k2-pb")).size() == 1);
      assertTrue(driver.findElement(By.id("clause-d2-k2")).getText().contains("khoản 2 Điều 5"));
      Accessibility.assertNoSeriousViolations(driver, "draft consultation");
      HeadlessChromium.screenshots(driver, "consultation-draft", ".consultation-draft");
    } finally {
      driver.quit();
      Files.deleteIfExists(docx);
    }
  }

  @Test
  @DisplayName("an organisation's profile lists its part in consultations, linking to each; accessible, screenshots")
  void profile() {
    AmendmentsTest.OrgAdmin org = AmendmentsTest.orgAdmin(forum, true);
    String id = RecognitionTest.takePart(new DemoPeople(forum), org);
    WebDriver driver = chromium.driver();
    driver.get(forum.base() + "/orgs/" + org.slug());
    WebElement section = driver.findElement(By.cssSelector("[aria-labelledby=recent-consultations-title]"));
    assertEquals(3, section.findElements(By.cssSelector("a[href^='/consultations/" + id + "']")).size(),
        section.getText());
    Accessibility.assertNoSeriousViolations(driver, "organisation profile");
    HeadlessChromium.screenshots(driver, "organisation-consultations", "#recent-consultations-title");
  }
}
