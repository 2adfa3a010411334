package vn.ngoforum.qa.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.support.Accessibility;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.HeadlessChromium;
import vn.ngoforum.support.TestForum;

/**
 * The live pages in Debian's headless chromium: the attendee page's script renders what it loads (highlighted on
 * top, answered apart) and then shows what happens in the session without a reload; issue 16's parts as the scripts
 * draw them (a guest joining and asking on a phone, the asker's own tools, the moderators' page with a written
 * answer, a redaction, a guest's question and who moderates), each axe-clean, with screenshots (desktop and phone)
 * under {@code target/screenshots/}.
 */
@Tag("browser")
class QaBrowserTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  @RegisterExtension
  static final TestForum forum = TestForum.perClass("qa-browser");
  private static final QaClient qa = QaClient.on(forum);
  @RegisterExtension
  static final HeadlessChromium.PerClass chromium = HeadlessChromium.perClass();

  @Test
  @DisplayName("an attendee's page shows the session's questions and then, live, a newly approved one and new votes")
  void attendeePageIsLive() throws Exception {
    QaClient moderator = qa.as("moderator");
    String session = moderator.newSession("pre", "public");
    String plain = qa.as("member").askId(session, "Plain question");
    String highlighted = qa.as("member").askId(session, "Highlighted question");
    String answered = qa.as("member").askId(session, "Answered question");
    moderator.moderate(plain, "approve");
    moderator.moderate(highlighted, "highlight");
    moderator.moderate(answered, "answer");

    chromium.driver().get(forum.base() + "/qa/" + session);
    {
      Page page = new Page();
      page.waitFor("document.querySelectorAll('[data-rev]').length", n -> ((Number) n).intValue() == 3, PATIENCE);
      assertEquals("q-" + highlighted, page.evaluate("document.querySelector('[data-list=highlighted] li').id"));
      assertEquals("q-" + plain, page.evaluate("document.querySelector('[data-list=open] li').id"));
      assertEquals("q-" + answered, page.evaluate("document.querySelector('[data-list=answered] li').id"));
      page.waitFor("document.querySelector('[data-live-status]').getAttribute('data-state')", "live"::equals,
          PATIENCE);

      String late = qa.as("attendee").askId(session, "Asked while the page was open");
      page.waitFor("document.querySelector('[data-count=pending]').textContent", "1"::equals, PATIENCE);
      assertEquals(Boolean.FALSE, page.evaluate("!!document.getElementById('q-" + late + "')"),
          "a pending question is not shown");
      moderator.moderate(late, "approve");
      page.waitFor("!!document.querySelector('[data-list=open] #q-" + late + "')", Boolean.TRUE::equals, PATIENCE);
      qa.as("member").post("/api/v1/questions/" + late + "/vote");
      qa.as("moderator").post("/api/v1/questions/" + late + "/vote");
      page.waitFor("document.querySelector('#q-" + late + " .qa-vote-count').textContent", "2"::equals, PATIENCE);
      assertEquals("q-" + late, page.evaluate("document.querySelector('[data-list=open] li').id"),
          "sorted by votes, the voted question comes first");
      assertTrue(((String) page.evaluate("document.querySelector('#q-" + late + " .qa-text').textContent"))
          .contains("Asked while the page was open"));
    }
  }

  @Test
  @DisplayName("a guest joins and asks on a phone; the moderators' page shows answers, redactions and guests")
  void guestAndModeratorPages() {
    QaClient moderator = qa.as("moderator");
    String session = moderator.newSession("pre", "public");
    Api.expect(200, moderator.patch("/api/v1/sessions/" + session, new JsonObject().put("guests", "ask-and-vote")));
    String redacted = qa.as("attendee").askId(session, "Ông Nguyễn Văn A, số 0912345678, buôn tê tê ở đâu?");
    String answered = qa.as("member").askId(session, "Khi nào có báo cáo của hội thảo?");
    qa.as("member").askId(session, "Câu hỏi còn chờ duyệt");
    Api.expect(200, moderator.post("/api/v1/questions/" + redacted + "/moderate", new JsonObject()
        .put("action", "approve").put("expect", "pending")));
    Api.expect(200, moderator.post("/api/v1/questions/" + redacted + "/moderate", new JsonObject()
        .put("action", "redact").put("expect", "approved").put("reason", "personal-data")
        .put("text", "Một người buôn tê tê ở đâu?")));
    Api.expect(200, moderator.post("/api/v1/questions/" + answered + "/moderate", new JsonObject()
        .put("action", "answer").put("expect", "pending").put("answer", "Trong tháng Mười, trên trang diễn đàn.")));

    WebDriver driver = chromium.driver();
    driver.manage().deleteAllCookies();
    HeadlessChromium.show(driver, HeadlessChromium.Screen.PHONE);
    driver.get(forum.base() + "/qa/" + session);
    waitUntil("document.querySelectorAll('[data-rev]').length >= 2");
    Accessibility.assertNoSeriousViolations(driver, "Q&A session, a visitor where guests are welcome");
    HeadlessChromium.screenshots(driver, "qa-guest-join", ".qa-guest-form");
    HeadlessChromium.show(driver, HeadlessChromium.Screen.PHONE);
    driver.findElement(By.id("qa-guest-name")).sendKeys("Hoa");
    driver.findElement(By.cssSelector(".qa-guest-form button")).click();
    waitUntil("!!document.getElementById('qa-text')");
    driver.findElement(By.id("qa-text")).sendKeys("Khách hỏi: ai tài trợ hội thảo?");
    driver.findElement(By.cssSelector(".qa-ask form button[type=submit]")).click();
    waitUntil("!!document.querySelector('[data-list=mine] .qa-mine-tools')");
    waitUntil("document.querySelectorAll('[data-rev]').length >= 3");
    assertTrue(driver.getPageSource().contains("đã được người điều phối chỉnh sửa"), "the redaction is marked");
    assertTrue(driver.getPageSource().contains("Trong tháng Mười, trên trang diễn đàn."), "the written answer");
    Accessibility.assertNoSeriousViolations(driver, "Q&A session, a guest with a question waiting");
    HeadlessChromium.screenshots(driver, "qa-guest-asked", "[data-list=mine]");

    HeadlessChromium.signIn(driver, forum.base(), "moderator");
    driver.get(forum.base() + "/qa/" + session + "/moderate");
    waitUntil("document.querySelectorAll('[data-rev]').length >= 4");
    waitUntil("document.querySelector('[data-moderators]').textContent.indexOf('Minh') >= 0");
    assertEquals(Boolean.TRUE, new Page().evaluate("document.querySelector('#q-" + redacted + " .qa-original')"
        + ".textContent.indexOf('0912345678') >= 0"), "moderators keep the original");
    assertEquals(Boolean.TRUE, new Page().evaluate("document.body.textContent.indexOf('[khách]') >= 0"),
        "the guest's question is marked");
    Accessibility.assertNoSeriousViolations(driver, "Q&A moderation with answers, redactions and guests");
    HeadlessChromium.screenshots(driver, "qa-moderate-issue16", "#q-" + redacted);
    driver.manage().deleteAllCookies();
  }

  @Test
  @DisplayName("a rapporteur's note and its edit appear live on an attendee's open page (phone-sized), axe-clean;"
      + " the rapporteur's page offers the note form")
  void notesAppearLive() {
    String session = qa.as("moderator").newSessionWithRapporteur("member");
    WebDriver driver = chromium.driver();
    driver.manage().deleteAllCookies();
    HeadlessChromium.show(driver, HeadlessChromium.Screen.PHONE);
    driver.get(forum.base() + "/qa/" + session);
    waitUntil("document.querySelector('[data-live-status]').getAttribute('data-state') === 'live'");
    String note = Api.expect(201, qa.as("member").post("/api/v1/sessions/" + session + "/notes",
        new JsonObject().put("text", "**Ý chính:** tăng cường tuần tra ở Cúc Phương"))).getString("id");
    waitUntil("!!document.querySelector('#note-" + note + " strong')");
    assertTrue(((String) new Page().evaluate("document.querySelector('#note-" + note + "').textContent"))
        .contains("tăng cường tuần tra ở Cúc Phương"));
    Api.expect(200, qa.as("member").patch("/api/v1/notes/" + note,
        new JsonObject().put("text", "**Ý chính:** tăng cường tuần tra ở Cúc Phương và Pù Mát")));
    waitUntil("document.querySelector('#note-" + note + "').textContent.indexOf('Pù Mát') >= 0");
    waitUntil("!document.querySelector('#note-" + note + " [data-note-edited]').hidden");
    Accessibility.assertNoSeriousViolations(driver, "Q&A session with a rapporteur's live notes");
    HeadlessChromium.screenshots(driver, "qa-notes-live", ".qa-notes");

    HeadlessChromium.signIn(driver, forum.base(), "member");
    driver.get(forum.base() + "/qa/" + session);
    waitUntil("!!document.querySelector('[data-note-form] textarea')");
    Accessibility.assertNoSeriousViolations(driver, "Q&A session, a rapporteur's note form");
    HeadlessChromium.screenshots(driver, "qa-notes-rapporteur", ".qa-notes");
    driver.manage().deleteAllCookies();
  }

  /** Waits (bounded) until {@code condition}, a script expression, is true in the page. */
  private static void waitUntil(String condition) {
    new Page().waitFor("!!(" + condition + ")", Boolean.TRUE::equals, PATIENCE);
  }

  /** Script expressions evaluated in the page, and bounded waits on them. */
  private static final class Page {

    Object evaluate(String expression) {
      return ((JavascriptExecutor) chromium.driver()).executeScript("return " + expression + ";");
    }

    Object waitFor(String expression, Predicate<Object> test, Duration timeout) {
      return new WebDriverWait(chromium.driver(), timeout).withMessage(() -> "in the page, " + expression + " stayed "
          + evaluate(expression)).until(driver -> {
            Object value = evaluate(expression);
            return value != null && test.test(value) ? value : null;
          });
    }
  }
}
