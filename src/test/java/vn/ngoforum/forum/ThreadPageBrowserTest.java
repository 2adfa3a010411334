package vn.ngoforum.forum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.HeadlessChromium;
import vn.ngoforum.support.TestServers;

/** The thread page in a real (headless) browser: replies appear without a reload. */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class ThreadPageBrowserTest {

  private static String base;
  private static WebDriver browser;

  @BeforeAll
  static void start(Vertx vertx) {
    TestServers servers = TestServers.get();
    ForumUnderTest.deploy(vertx, servers.forumConfig("forum-browser"));
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
  @DisplayName("an anonymous reader with a thread open sees new replies appear without reloading")
  void repliesAppearLive() {
    String threadId = create(People.newMember(), "Theo dõi trong trình duyệt");
    browser.get(base + "/t/" + threadId);
    assertTrue(browser.getPageSource().contains("Theo dõi trong trình duyệt"));
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver ->
        "live".equals(driver.findElement(By.cssSelector("[data-live-status]")).getAttribute("data-state")));

    // The bridge accepts a registration without acknowledging it: reply until one arrives live (bounded). A reply
    // sent before the page was registered is then fetched by the page itself, because the sequence has a gap.
    List<String> replies = new ArrayList<>();
    Instant deadline = Instant.now().plusSeconds(30);
    boolean appeared = false;
    while (!appeared && Instant.now().isBefore(deadline)) {
      replies.add(reply(threadId, "Tin mới số " + (replies.size() + 1)));
      Instant wait = Instant.now().plusSeconds(3);
      while (!appeared && Instant.now().isBefore(wait)) {
        appeared = !browser.findElements(By.id("post-" + replies.get(replies.size() - 1))).isEmpty();
      }
    }
    assertTrue(appeared, "a reply appeared without a reload");
    for (int i = 0; i < replies.size(); i++) {
      String text = browser.findElement(By.id("post-" + replies.get(i))).getText();
      assertTrue(text.contains("Tin mới số " + (i + 1)), text);
    }
    assertEquals(1 + replies.size(), browser.findElements(By.cssSelector("article.post")).size());
  }

  private static String reply(String threadId, String body) {
    Page answer = new Browser().postJson(base + "/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", body).encode(), Map.of("Authorization", "Bearer " + People.newMember()));
    assertEquals(201, answer.status(), answer.body());
    return new JsonObject(answer.body()).getString("id");
  }

  private static String create(String token, String title) {
    Page created = new Browser().postJson(base + "/api/v1/threads", new JsonObject().put("category", "field-reports")
        .put("title", title).put("body", "Mở đầu.").encode(), Map.of("Authorization", "Bearer " + token));
    assertEquals(201, created.status(), created.body());
    return new JsonObject(created.body()).getString("id");
  }
}
