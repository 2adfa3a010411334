package vn.ngoforum.forum.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.HeadlessChromium;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** The thread page's extras in a real browser: live lock and pin, relative times, @mention completion. */
@Tag("browser")
class ThreadExtrasBrowserTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-browser-extras");
  @RegisterExtension
  static final HeadlessChromium.PerClass chromium = HeadlessChromium.perClass("--lang=vi");

  @Test
  @DisplayName("a member writing a reply types @ and the start of a name, picks the person from the list, sees"
      + " relative times next to exact ones, and sees a moderator's lock and pin without reloading")
  void mentionRelativeTimesAndLiveLock() {
    String mentioned = People.create("member");
    String threadId = create(People.token(mentioned), "Ai theo dõi điểm nóng?");
    String writer = People.create("member");
    HeadlessChromium.signIn(chromium.driver(), forum.base(), writer);
    chromium.driver().get(forum.base() + "/t/" + threadId);

    WebElement exact = chromium.driver().findElement(By.cssSelector("article.post time[datetime]"));
    assertFalse(exact.getText().isBlank(), "the exact time stays");
    WebElement relative = new WebDriverWait(chromium.driver(), Duration.ofSeconds(10))
        .until(driver -> driver.findElement(By.cssSelector("article.post .relative-time")));
    assertTrue(relative.getText().startsWith("("), relative.getText());

    WebElement body = chromium.driver().findElement(By.id("reply-body"));
    body.sendKeys("Cảm ơn @" + mentioned.substring(0, mentioned.length() - 2));
    WebElement suggestion = new WebDriverWait(chromium.driver(),
        Duration.ofSeconds(10)).until(driver -> driver.findElement(
        By.cssSelector(".mention-suggestion[data-username='" + mentioned + "']")));
    suggestion.click();
    assertEquals("Cảm ơn @" + mentioned + " ", body.getAttribute("value"));

    new WebDriverWait(chromium.driver(), Duration.ofSeconds(30)).until(driver ->
        "live".equals(driver.findElement(By.cssSelector("[data-live-status]")).getAttribute("data-state")));
    WebElement locked = chromium.driver().findElement(By.cssSelector("[data-state='locked']"));
    WebElement pinned = chromium.driver().findElement(By.cssSelector("[data-state='pinned']"));
    assertFalse(locked.isDisplayed());
    // The bridge does not acknowledge a registration: repeat the change until the page shows it (bounded).
    String moderator = People.token("moderator");
    Instant deadline = Instant.now().plusSeconds(30);
    boolean shown = false;
    boolean lock = true;
    while (!shown && Instant.now().isBefore(deadline)) {
      moderate(moderator, threadId, lock ? "lock" : "unlock");
      moderate(moderator, threadId, lock ? "pin" : "unpin");
      boolean locking = lock;
      shown = Eventually.holds(() -> locking && locked.isDisplayed() && pinned.isDisplayed(), Duration.ofSeconds(3));
      lock = shown || !lock;
    }
    assertTrue(shown, "the lock and the pin appear without a reload");
    assertFalse(chromium.driver().findElement(By.id("reply-form")).isDisplayed(), "a locked thread takes no reply");
    assertTrue(chromium.driver().findElement(By.cssSelector("[data-state='locked-text']")).isDisplayed());
  }

  private static void moderate(String token, String threadId, String action) {
    Page answer = new Browser().postJson(forum.base() + "/api/v1/threads/" + threadId + "/moderate",
        new JsonObject().put("action", action).encode(), Map.of("Authorization", "Bearer " + token));
    assertEquals(200, answer.status(), answer.body());
  }

  /** A new thread in field reports by the holder of {@code token}; answers its id. */
  private static String create(String token, String title) {
    return Api.expect(201, forum.as(token).post("/api/v1/threads", new JsonObject()
        .put("category", "field-reports").put("title", title).put("body", "Mở đầu."))).getString("id");
  }
}
