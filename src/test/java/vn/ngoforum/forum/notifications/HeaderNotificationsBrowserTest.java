package vn.ngoforum.forum.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.ngoforum.support.Accessibility;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.HeadlessChromium;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/**
 * The notification counter in the header, in a real browser signed in through Keycloak's page; and issue 18's
 * journey: a member watches a category with the page's button, another member starts a thread there, the first sees
 * their count rise and opens the notification; the pages it passes (category, notifications, Latest with an unread
 * count, thread) are axe-clean in Vietnamese and English, on a phone too.
 */
@Tag("browser")
class HeaderNotificationsBrowserTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("header-notifications");
  @RegisterExtension
  static final HeadlessChromium.PerClass chromium = HeadlessChromium.perClass();

  @Test
  @DisplayName("a member's header counter rises live when someone replies to their thread, and clears when read")
  void counterRisesAndClears() {
    String author = People.create("member");
    String authorToken = People.token(author);
    HeadlessChromium.signIn(chromium.driver(), forum.base(), author);

    Page created = new Browser().postJson(forum.base() + "/api/v1/threads", new JsonObject().put("category",
        "field-reports")
        .put("title", "Báo cáo tuần tra").put("body", "Mở đầu.").encode(), Map.of("Authorization", "Bearer "
        + authorToken));
    assertEquals(201, created.status(), created.body());
    String threadId = new JsonObject(created.body()).getString("id");
    chromium.driver().get(forum.base() + "/");
    WebElement badge = chromium.driver().findElement(By.cssSelector("[data-notification-count]"));

    // The bridge does not acknowledge a registration: reply until the counter shows one (bounded).
    String replier = People.newMember();
    int replies = 0;
    Instant deadline = Instant.now().plusSeconds(30);
    while (!badge.isDisplayed() && Instant.now().isBefore(deadline)) {
      Page reply = new Browser().postJson(forum.base() + "/api/v1/threads/" + threadId + "/posts",
          new JsonObject().put("body", "Trả lời " + (++replies)).encode(), Map.of("Authorization", "Bearer "
          + replier));
      assertEquals(201, reply.status(), reply.body());
      Eventually.holds(badge::isDisplayed, Duration.ofSeconds(6));
    }
    assertTrue(badge.isDisplayed(), "the counter appeared without a reload");
    int shown = Integer.parseInt(badge.getText().trim());
    assertTrue(shown >= 1 && shown <= replies, "shows the unread count: " + shown + " of " + replies);

    Page read = new Browser().postJson(forum.base() + "/api/v1/notifications/read", "{}",
        Map.of("Authorization", "Bearer " + authorToken));
    assertEquals(200, read.status(), read.body());
    new WebDriverWait(chromium.driver(), Duration.ofSeconds(15)).until(driver -> !badge.isDisplayed());
  }

  @Test
  @DisplayName("a member watches a category, another starts a thread there: the count rises, the notification"
      + " leads to the thread, and a later reply shows as one unread post")
  void watchAndBeTold() {
    String slug = forum.as(People.token("admin")).newCategory("watch-journey", "public");
    WebDriver driver = chromium.driver();
    // The other test of the class left this browser signed in, at the forum and at Keycloak: start afresh.
    ((ChromeDriver) driver).executeCdpCommand("Network.clearBrowserCookies", Map.of());
    HeadlessChromium.signIn(driver, forum.base(), People.create("member"));

    driver.get(forum.base() + "/c/" + slug);
    driver.findElement(By.cssSelector("form.watch-form button")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(at -> !at.findElements(
        By.cssSelector("[data-watching]")).isEmpty());
    checkPage(driver, "category-watched", ".watch-form");
    WebElement badge = driver.findElement(By.cssSelector("[data-notification-count]"));

    // The bridge does not acknowledge a registration: start threads until the counter shows one (bounded).
    String thread = null;
    Instant deadline = Instant.now().plusSeconds(30);
    while (!badge.isDisplayed() && Instant.now().isBefore(deadline)) {
      Page started = forum.as(People.newMember()).post("/api/v1/threads", new JsonObject().put("category", slug)
          .put("title", "Phát hiện bẫy mới ở khu C").put("body", "Cần người hỗ trợ."));
      assertEquals(201, started.status(), started.body());
      thread = new JsonObject(started.body()).getString("id");
      Eventually.holds(badge::isDisplayed, Duration.ofSeconds(6));
    }
    assertTrue(badge.isDisplayed(), "the counter rose without a reload");

    driver.findElement(By.cssSelector("a.notifications-link")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(at -> at.getCurrentUrl().endsWith("/notifications"));
    checkPage(driver, "notifications-watched", null);
    WebElement item = driver.findElement(By.cssSelector(".notification-list a[href^='/t/']"));
    assertTrue(item.getText().contains("Phát hiện bẫy mới ở khu C"), item.getText());
    item.click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(at -> at.getCurrentUrl().contains("/t/"));
    String opened = driver.getCurrentUrl().replaceAll(".*/t/([^?#/]+).*", "$1");

    Page reply = forum.as(People.newMember()).post("/api/v1/threads/" + opened + "/posts",
        new JsonObject().put("body", "Tôi đến ngay."));
    assertEquals(201, reply.status(), reply.body());
    driver.get(forum.base() + "/latest");
    assertEquals("1", driver.findElement(By.cssSelector("#thread-" + opened + " [data-unread-count]"))
        .getAttribute("data-unread-count"));
    checkPage(driver, "latest-unread", "#thread-" + opened);
    driver.findElement(By.cssSelector("#thread-" + opened + " a[data-unread-count]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(at -> at.getCurrentUrl().contains("#post-"));
    checkPage(driver, "thread-watched", ".watch-form");
    assertTrue(thread != null && !thread.isEmpty());
  }

  /** axe in both languages, then screenshots (desktop and phone) of the Vietnamese page. */
  private static void checkPage(WebDriver driver, String name, String focus) {
    String page = driver.getCurrentUrl().replace(forum.base(), "").split("#")[0];
    for (String lang : List.of("en", "vi")) {
      driver.get(forum.base() + "/lang/" + lang + "?next=" + URLEncoder.encode(page, StandardCharsets.UTF_8));
      Accessibility.assertNoSeriousViolations(driver, name + ", " + lang);
      HeadlessChromium.show(driver, HeadlessChromium.Screen.SMALL_PHONE);
      Accessibility.assertNoSeriousViolations(driver, name + ", " + lang + ", phone");
      HeadlessChromium.show(driver, HeadlessChromium.Screen.DESKTOP);
    }
    HeadlessChromium.screenshots(driver, "watching-" + name, focus);
  }
}
