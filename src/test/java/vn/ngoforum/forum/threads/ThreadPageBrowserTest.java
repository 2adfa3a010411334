package vn.ngoforum.forum.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.ngoforum.support.Accessibility;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.HeadlessChromium;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/**
 * The thread page in a real (headless) browser: replies appear without a reload, with the reactions and actions
 * a reply rendered by the server has.
 */
@Tag("browser")
class ThreadPageBrowserTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-browser");
  @RegisterExtension
  static final HeadlessChromium.PerClass chromium = HeadlessChromium.perClass();

  @Test
  @DisplayName("a reader follows an author's name from Latest to their profile; both pages pass axe (screenshots"
      + " page-latest-*, page-profile-*)")
  void latestToProfile() {
    People.Person author = People.person("member");
    Api.expect(201, forum.as(author.token()).post("/api/v1/threads", new JsonObject().put("category",
        "field-reports").put("title", "Tuần tra rừng Pù Mát " + System.nanoTime()).put("body", "Ghi chép.")));
    chromium.driver().get(forum.base() + "/latest");
    HeadlessChromium.screenshots(chromium.driver(), "page-latest", null);
    Accessibility.assertNoSeriousViolations(chromium.driver(), "/latest");
    // The newest thread's author: the last link under its title (after the category).
    chromium.driver().findElement(By.cssSelector("tbody tr:first-child td .muted a:last-child")).click();
    assertEquals(forum.base() + "/u/" + author.username(), chromium.driver().getCurrentUrl());
    HeadlessChromium.screenshots(chromium.driver(), "page-profile", null);
    Accessibility.assertNoSeriousViolations(chromium.driver(), "/u/{username}");
  }

  @Test
  @DisplayName("an anonymous reader with a thread open sees new replies appear without reloading")
  void repliesAppearLive() {
    String threadId = create(People.newMember(), "Theo dõi trong trình duyệt");
    chromium.driver().get(forum.base() + "/t/" + threadId);
    assertTrue(chromium.driver().getPageSource().contains("Theo dõi trong trình duyệt"));
    new WebDriverWait(chromium.driver(), Duration.ofSeconds(30)).until(driver ->
        "live".equals(driver.findElement(By.cssSelector("[data-live-status]")).getAttribute("data-state")));

    List<String> replies = replyUntilShown(chromium.driver(), threadId);
    for (int i = 0; i < replies.size(); i++) {
      String text = chromium.driver().findElement(By.id("post-" + replies.get(i))).getText();
      assertTrue(text.contains("Tin mới số " + (i + 1)), text);
    }
    assertEquals(1 + replies.size(), chromium.driver().findElements(By.cssSelector("article.post")).size());
    List<WebElement> reactions = chromium.driver().findElements(
        By.cssSelector("#post-" + replies.get(0) + " .reactions button.reaction"));
    assertEquals(4, reactions.size(), "a live reply shows the reaction counts, as the first post does");
    assertTrue(reactions.stream().noneMatch(WebElement::isEnabled), "a reader who is not signed in cannot react");
  }

  @Test
  @DisplayName("a signed-in member gets a reply that arrives live with the reaction, quote and flag buttons of the"
      + " other posts, and reacting to it counts")
  void liveReplyTakesReactionsAndQuotes() {
    String threadId = create(People.newMember(), "Phản hồi trực tiếp cũng nhận được lời cảm ơn");
    String reader = People.create("member");
    WebDriver member = HeadlessChromium.start();
    try {
      HeadlessChromium.signIn(member, forum.base(), reader);
      member.get(forum.base() + "/t/" + threadId);
      wait(member).until(driver ->
          "live".equals(driver.findElement(By.cssSelector("[data-live-status]")).getAttribute("data-state")));
      List<String> replies = replyUntilShown(member, threadId);
      String post = "#post-" + replies.get(replies.size() - 1);

      List<WebElement> reactions = member.findElements(By.cssSelector(post + " .reactions button.reaction"));
      assertEquals(member.findElements(By.cssSelector("article.post")).get(0)
          .findElements(By.cssSelector(".reactions button.reaction")).size(), reactions.size());
      assertEquals(4, reactions.size());
      assertTrue(reactions.stream().allMatch(WebElement::isEnabled), "a member may react to a live reply");
      assertEquals(1, member.findElements(By.cssSelector(post + " details.flag")).size(), "and flag it");
      assertEquals(List.of(), member.findElements(By.cssSelector(post + " a[href$='/edit']")), "not edit it");

      member.findElement(By.cssSelector(post + " .quote-button")).click();
      String quoted = member.findElement(By.id("reply-body")).getAttribute("value");
      assertTrue(quoted.contains("> Tin mới số " + replies.size()), quoted);

      WebElement like = member.findElements(By.cssSelector(post + " .reactions form")).stream()
          .filter(form -> "like".equals(form.findElement(By.name("reaction")).getAttribute("value")))
          .findFirst().orElseThrow().findElement(By.tagName("button"));
      like.click();
      wait(member).ignoring(StaleElementReferenceException.class).until(driver -> driver.findElements(
              By.cssSelector(post + " .reactions button[aria-pressed='true'] .count")).stream()
          .anyMatch(count -> "1".equals(count.getText().trim())));
    } finally {
      member.quit();
    }
  }

  @Test
  @DisplayName("a reader with a thread open sees its reaction counts change without reloading")
  void reactionCountsChangeLive() {
    String threadId = create(People.newMember(), "Đếm lời cảm ơn trực tiếp");
    String postId = new JsonObject(new Browser().get(forum.base() + "/api/v1/threads/" + threadId).body())
        .getJsonArray("posts").getJsonObject(0).getString("id");
    chromium.driver().get(forum.base() + "/t/" + threadId);
    wait(chromium.driver()).until(driver ->
        "live".equals(driver.findElement(By.cssSelector("[data-live-status]")).getAttribute("data-state")));
    String count = "#post-" + postId + " .reactions form:has(input[name='reaction'][value='thanks']) .count";
    // The bridge does not acknowledge a registration: react (as more and more people) until the page shows it.
    int reactions = 0;
    boolean shown = false;
    Instant deadline = Instant.now().plusSeconds(30);
    while (!shown && Instant.now().isBefore(deadline)) {
      Page reacted = new Browser().postJson(forum.base() + "/api/v1/posts/" + postId + "/reactions/thanks", "",
          Map.of("Authorization", "Bearer " + People.newMember()));
      assertEquals(200, reacted.status(), reacted.body());
      String expected = String.valueOf(++reactions);
      shown = Eventually.holds(() -> chromium.driver().findElements(By.cssSelector(count)).stream()
          .anyMatch(element -> expected.equals(element.getText().trim())), Duration.ofSeconds(3));
    }
    assertTrue(shown, "the count reached " + reactions + " without a reload");
  }

  /**
   * Replies to the thread until a reply shows on {@code page} without a reload (bounded); answers the replies'
   * ids in order. The bridge accepts a registration without acknowledging it, so the first replies may come before
   * the page listens: the page then fetches them itself, because the sequence has a gap.
   */
  private static List<String> replyUntilShown(WebDriver page, String threadId) {
    List<String> replies = new ArrayList<>();
    Instant deadline = Instant.now().plusSeconds(30);
    boolean appeared = false;
    while (!appeared && Instant.now().isBefore(deadline)) {
      String id = reply(threadId, "Tin mới số " + (replies.size() + 1));
      replies.add(id);
      appeared = Eventually.holds(() -> !page.findElements(By.id("post-" + id)).isEmpty(), Duration.ofSeconds(3));
    }
    assertTrue(appeared, "a reply appeared without a reload");
    return replies;
  }

  private static WebDriverWait wait(WebDriver page) {
    return new WebDriverWait(page, Duration.ofSeconds(30));
  }

  private static String reply(String threadId, String body) {
    Page answer = new Browser().postJson(forum.base() + "/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", body).encode(), Map.of("Authorization", "Bearer " + People.newMember()));
    assertEquals(201, answer.status(), answer.body());
    return new JsonObject(answer.body()).getString("id");
  }

  /** A new thread in field reports by the holder of {@code token}; answers its id. */
  private static String create(String token, String title) {
    return Api.expect(201, forum.as(token).post("/api/v1/threads", new JsonObject()
        .put("category", "field-reports").put("title", title).put("body", "Mở đầu."))).getString("id");
  }
}
