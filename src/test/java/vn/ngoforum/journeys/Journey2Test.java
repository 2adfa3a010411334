package vn.ngoforum.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import vn.ngoforum.support.TestForum;

/**
 * Journey 2, a workshop's live Q&amp;A in three browsers (the moderator's has a second window for the projector):
 * an attendee with no account follows a public session; a member asks; the moderator approves; the attendee's page
 * and the projector show it without reloading; the attendee signs in and votes, and every page shows the new count;
 * the moderator highlights the question and then marks it answered. At each step the moderator is offered only the
 * actions that make sense for the question's status, live and after a reload.
 */
@Tag("browser")
class Journey2Test {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("journey-2");

  @Test
  @DisplayName("a question asked by a member, approved by the moderator, reaches the attendee and the projector"
      + " live; the attendee's vote, the highlight and the answer show everywhere")
  void liveQuestionToProjector() {
    String session = Setup.publicSession("Hội thảo vai trò của các tổ chức xã hội",
        "Phiên 2: Chính sách bảo vệ động vật hoang dã");
    String question = "Làm sao để các tổ chức địa phương góp ý dự thảo nghị định về buôn bán động vật hoang dã?";
    String qa = "/qa/" + session;
    try (Person attendee = new Person("attendee", forum.base()); Person member = new Person("member", forum.base());
         Person moderator = new Person("moderator", forum.base())) {
      attendee.open(qa);
      attendee.waitUntilLive();
      attendee.markPage();

      moderator.open(qa + "/moderate");
      moderator.signInHere("moderator");
      moderator.waitFor("#pending-title");
      moderator.waitUntilLive();
      String moderatorWindow = moderator.browser.getWindowHandle();
      moderator.browser.switchTo().newWindow(WindowType.WINDOW);
      String projectorWindow = moderator.browser.getWindowHandle();
      moderator.open(qa + "/present");
      moderator.waitUntilLive();
      moderator.markPage();
      moderator.browser.switchTo().window(moderatorWindow);

      member.open(qa);
      member.signInHere("member");
      member.type("#qa-text", question);
      member.click(".qa-ask button[type=submit]");
      member.waitForText("[data-list=mine]", question);
      member.screenshots("journey2-member-asked", "[data-list=mine]");

      String item = "[data-list=pending] li";
      moderator.waitForText(item, question);
      String id = moderator.find(item).getAttribute("data-id");
      moderator.screenshots("journey2-moderator-queue", item);
      assertEquals(List.of("approve", "hide"), actions(moderator, id), "a pending question, arrived live");
      moderator.click("#q-" + id + " button[data-action=approve]");
      moderator.waitFor("[data-list=live] #q-" + id);
      assertEquals(List.of("highlight", "answer", "hide"), actions(moderator, id), "an approved question");

      attendee.waitForText("[data-list=open] #q-" + id, question);
      attendee.assertNotReloaded();
      attendee.screenshots("journey2-attendee-guest", "#q-" + id);
      moderator.browser.switchTo().window(projectorWindow);
      moderator.waitForText("[data-list=top] #q-" + id, question);
      moderator.assertNotReloaded();
      moderator.browser.switchTo().window(moderatorWindow);

      attendee.signInHere("attendee");
      assertTrue(attendee.browser.getCurrentUrl().endsWith(qa), attendee.browser.getCurrentUrl());
      attendee.waitUntilLive();
      attendee.markPage();
      WebElement vote = attendee.waitFor("#q-" + id + " .qa-votes button");
      assertEquals("false", vote.getAttribute("aria-pressed"));
      vote.click();
      attendee.waitUntil("the vote is counted", driver -> "1".equals(count(driver.findElement(By.id("q-" + id)))));
      attendee.waitUntil("the button shows the vote", driver -> "true".equals(
          driver.findElement(By.cssSelector("#q-" + id + " .qa-votes button")).getAttribute("aria-pressed")));
      member.waitUntil("the member sees the count", driver -> "1".equals(count(driver.findElement(By.id("q-" + id)))));
      moderator.waitUntil("the moderator sees the count", driver -> "1".equals(
          count(driver.findElement(By.id("q-" + id)))));
      moderator.browser.switchTo().window(projectorWindow);
      moderator.waitUntil("the projector shows the count", driver -> "1".equals(
          count(driver.findElement(By.id("q-" + id)))));
      moderator.browser.switchTo().window(moderatorWindow);

      moderator.click("#q-" + id + " button[data-action=highlight]");
      moderator.waitUntil("the highlighted question is no longer offered a highlight",
          driver -> List.of("answer", "hide").equals(actions(moderator, id)));
      moderator.browser.switchTo().window(projectorWindow);
      moderator.waitForText("[data-list=highlighted] #q-" + id, question);
      moderator.screenshots("journey2-projector", null);
      moderator.browser.switchTo().window(moderatorWindow);
      attendee.waitFor("[data-list=highlighted] #q-" + id);
      attendee.screenshots("journey2-attendee-voted", "[data-list=highlighted]");

      moderator.click("#q-" + id + " button[data-action=answer]");
      moderator.waitFor("[data-list=answered] #q-" + id);
      assertEquals(List.of("reopen", "hide"), actions(moderator, id), "an answered question, changed live");
      moderator.screenshots("journey2-moderator-answered", "[data-list=answered]");
      attendee.waitFor("[data-list=answered] #q-" + id);
      attendee.assertNotReloaded();
      moderator.browser.switchTo().window(projectorWindow);
      moderator.waitUntil("the projector no longer shows the answered question",
          driver -> driver.findElements(By.id("q-" + id)).isEmpty());
      moderator.assertNotReloaded();
      assertEquals(List.of(), moderator.browser.findElements(By.cssSelector("[data-list=highlighted] li")));

      moderator.browser.switchTo().window(moderatorWindow);
      moderator.browser.navigate().refresh();
      moderator.waitFor("[data-list=answered] #q-" + id);
      assertEquals(List.of("reopen", "hide"), actions(moderator, id), "an answered question, rendered by the server");
    }
  }

  /** The moderation actions the moderator's page offers for question {@code id}, in order. */
  private static List<String> actions(Person moderator, String id) {
    return moderator.browser.findElements(By.cssSelector("#q-" + id + " .qa-actions button")).stream()
        .map(button -> button.getAttribute("data-action")).toList();
  }

  private static String count(WebElement question) {
    return question.findElement(By.cssSelector(".qa-vote-count")).getText().trim();
  }
}
