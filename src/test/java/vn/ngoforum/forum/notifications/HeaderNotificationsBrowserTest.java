package vn.ngoforum.forum.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.HeadlessChromium;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestServers;

/** The notification counter in the header, in a real browser signed in through Keycloak's page. */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class HeaderNotificationsBrowserTest {

  private static String base;
  private static WebDriver browser;

  @BeforeAll
  static void start(Vertx vertx) {
    TestServers servers = TestServers.get();
    ForumUnderTest.deploy(vertx, servers.forumConfig("header-notifications"));
    base = servers.forumUrl();
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @DisplayName("a member's header counter rises live when someone replies to their thread, and clears when read")
  void counterRisesAndClears() {
    String author = People.create("member");
    String authorToken = People.token(author);
    browser.get(base + "/login");
    browser.findElement(By.id("username")).sendKeys(author);
    browser.findElement(By.id("password")).sendKeys(TestServers.PASSWORD);
    browser.findElement(By.id("kc-login")).click();
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> driver.getCurrentUrl().startsWith(base));

    Page created = new Browser().postJson(base + "/api/v1/threads", new JsonObject().put("category", "field-reports")
        .put("title", "Báo cáo tuần tra").put("body", "Mở đầu.").encode(), Map.of("Authorization", "Bearer "
        + authorToken));
    assertEquals(201, created.status(), created.body());
    String threadId = new JsonObject(created.body()).getString("id");
    browser.get(base + "/");
    WebElement badge = browser.findElement(By.cssSelector("[data-notification-count]"));

    // The bridge does not acknowledge a registration: reply until the counter shows one (bounded).
    String replier = People.newMember();
    int replies = 0;
    Instant deadline = Instant.now().plusSeconds(30);
    while (!badge.isDisplayed() && Instant.now().isBefore(deadline)) {
      Page reply = new Browser().postJson(base + "/api/v1/threads/" + threadId + "/posts",
          new JsonObject().put("body", "Trả lời " + (++replies)).encode(), Map.of("Authorization", "Bearer "
          + replier));
      assertEquals(201, reply.status(), reply.body());
      Instant wait = Instant.now().plusSeconds(6);
      while (!badge.isDisplayed() && Instant.now().isBefore(wait)) {
        Thread.onSpinWait();
      }
    }
    assertTrue(badge.isDisplayed(), "the counter appeared without a reload");
    int shown = Integer.parseInt(badge.getText().trim());
    assertTrue(shown >= 1 && shown <= replies, "shows the unread count: " + shown + " of " + replies);

    Page read = new Browser().postJson(base + "/api/v1/notifications/read", "{}",
        Map.of("Authorization", "Bearer " + authorToken));
    assertEquals(200, read.status(), read.body());
    new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> !badge.isDisplayed());
  }
}
