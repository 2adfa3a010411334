package vn.ngoforum.forum.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.HeadlessChromium;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/**
 * Drafts in a real browser: what a member types into the new-thread form or the reply form survives a reload and a
 * refused post, and is gone once the post went through (webroot/js/ui/drafts.js).
 */
@Tag("browser")
class DraftsBrowserTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-browser-drafts");
  private static final String CATEGORY = "field-reports";

  @Test
  @DisplayName("a member's new thread survives a reload of the category page, starts the thread, and the form is"
      + " empty afterwards; a thread refused as too soon keeps its text for the next visit")
  void newThreadDraft() {
    inChromium(DraftsBrowserTest::newThreadDraft);
  }

  private static void newThreadDraft(WebDriver driver) {
    String member = People.create("member");
    HeadlessChromium.signIn(driver, forum.base(), member);
    String title = "Bẫy thú ở Vườn quốc gia " + member;
    driver.get(forum.base() + "/c/" + CATEGORY);
    driver.findElement(By.id("thread-title")).sendKeys(title);
    driver.findElement(By.id("thread-body")).sendKeys("Tuần tra phát hiện 40 bẫy dây.");

    driver.navigate().refresh();
    assertEquals(title, value(driver, "thread-title"), "the title is back after a reload");
    assertEquals("Tuần tra phát hiện 40 bẫy dây.", value(driver, "thread-body"));
    HeadlessChromium.screenshots(driver, "draft-new-thread", "#new-thread-form");

    driver.findElement(By.cssSelector("#new-thread-form button[type=submit]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("/t/"));
    assertEquals(title, driver.findElement(By.cssSelector(".thread-header h1")).getText());
    assertNull(stored(driver, "forum.draft.thread." + CATEGORY), "the thread's page forgets the draft");
    driver.get(forum.base() + "/c/" + CATEGORY);
    assertEquals("", value(driver, "thread-title"), "the form is empty again");
    assertEquals("", value(driver, "thread-body"));

    // A second thread right away is refused (one thread per 15 s): the page says so and the draft stays.
    driver.findElement(By.id("thread-title")).sendKeys("Thêm một báo cáo " + member);
    driver.findElement(By.id("thread-body")).sendKeys("Chi tiết sau.");
    driver.findElement(By.cssSelector("#new-thread-form button[type=submit]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> !d.findElements(By.cssSelector(".form-error")).isEmpty());
    driver.get(forum.base() + "/c/" + CATEGORY);
    assertEquals("Thêm một báo cáo " + member, value(driver, "thread-title"), "the refused thread's title is kept");
    assertEquals("Chi tiết sau.", value(driver, "thread-body"));
  }

  @Test
  @DisplayName("a reply survives a reload and a refused post, and is forgotten once it is posted")
  void replyDraft() {
    inChromium(DraftsBrowserTest::replyDraft);
  }

  private static void replyDraft(WebDriver driver) {
    String member = People.create("member");
    String threadId = Api.expect(201, forum.as(People.token(People.create("member"))).post("/api/v1/threads",
        new JsonObject().put("category", CATEGORY).put("title", "Chim di cư " + member)
            .put("body", "Mùa này có nhiều không?"))).getString("id");
    HeadlessChromium.signIn(driver, forum.base(), member);
    String thread = forum.base() + "/t/" + threadId;
    driver.get(thread);
    driver.findElement(By.id("reply-body")).sendKeys("Có, ở Xuân Thủy.");
    driver.navigate().refresh();
    assertEquals("Có, ở Xuân Thủy.", value(driver, "reply-body"), "the reply is back after a reload");

    send(driver);
    awaitPost(driver, "Có, ở Xuân Thủy.");
    assertEquals("", value(driver, "reply-body"), "the posted reply is not offered again");
    assertNull(stored(driver, "forum.draft." + threadId));

    // A second reply right away is refused (one post per 5 s): the draft outlives the refusal and a fresh visit.
    driver.findElement(By.id("reply-body")).sendKeys("Và ở Tam Nông.");
    send(driver);
    assertFalse(driver.findElements(By.cssSelector(".form-error")).isEmpty(), "refused as too soon");
    driver.get(thread);
    assertEquals("Và ở Tam Nông.", value(driver, "reply-body"), "the refused reply is kept");
    // Sent again, once a second, until the five seconds are over (the form holds the text the server kept).
    new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofSeconds(1)).until(d -> {
      send(d);
      return d.findElements(By.cssSelector(".form-error")).isEmpty();
    });
    awaitPost(driver, "Và ở Tam Nông.");
    driver.get(thread);
    assertEquals("", value(driver, "reply-body"));
    assertNull(stored(driver, "forum.draft." + threadId));
  }

  /** Runs {@code steps} in a browser of its own (each test signs in as a new person), closed afterwards. */
  private static void inChromium(Consumer<WebDriver> steps) {
    WebDriver driver = HeadlessChromium.start("--lang=vi");
    try {
      steps.accept(driver);
    } finally {
      driver.quit();
    }
  }

  private static void send(WebDriver driver) {
    WebElement button = driver.findElement(By.cssSelector("#reply-form button[type=submit]"));
    button.click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
      try {
        button.isDisplayed();
        return false;
      } catch (org.openqa.selenium.StaleElementReferenceException gone) {
        return true;
      } catch (org.openqa.selenium.WebDriverException e) {
        // While the answer's page loads, Chromium may say of the old page's button "Node with given id does not
        // belong to the document" instead of "stale" (it failed a CI run so): that page is gone all the same.
        if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
          return true;
        }
        throw e;
      }
    });
  }

  private static void awaitPost(WebDriver driver, String text) {
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.findElements(By.cssSelector("article.post .post-body"))
        .stream().anyMatch(body -> body.getText().contains(text)));
    assertTrue(driver.findElements(By.cssSelector(".form-error")).isEmpty());
  }

  private static String value(WebDriver driver, String id) {
    return driver.findElement(By.id(id)).getAttribute("value");
  }

  private static Object stored(WebDriver driver, String key) {
    return ((JavascriptExecutor) driver).executeScript("return window.localStorage.getItem(arguments[0]);", key);
  }
}
