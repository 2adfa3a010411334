package vn.ngoforum.forum.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.HeadlessChromium;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** The notification counter in the header, in a real browser signed in through Keycloak's page. */
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
      Instant wait = Instant.now().plusSeconds(6);
      while (!badge.isDisplayed() && Instant.now().isBefore(wait)) {
        Thread.onSpinWait();
      }
    }
    assertTrue(badge.isDisplayed(), "the counter appeared without a reload");
    int shown = Integer.parseInt(badge.getText().trim());
    assertTrue(shown >= 1 && shown <= replies, "shows the unread count: " + shown + " of " + replies);

    Page read = new Browser().postJson(forum.base() + "/api/v1/notifications/read", "{}",
        Map.of("Authorization", "Bearer " + authorToken));
    assertEquals(200, read.status(), read.body());
    new WebDriverWait(chromium.driver(), Duration.ofSeconds(15)).until(driver -> !badge.isDisplayed());
  }
}
