package vn.ngoforum.qa.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.support.HeadlessChromium;
import vn.ngoforum.support.TestForum;

/**
 * The live pages in Debian's headless chromium: the attendee page's script renders what it loads (highlighted on
 * top, answered apart) and then shows what happens in the session without a reload.
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
