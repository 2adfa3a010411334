package vn.ngoforum.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import vn.ngoforum.support.TestForum;

/**
 * Journey 1, in two browsers at once: a member signs in on Keycloak's page and starts a thread; a second member
 * replies; the first member's open page shows the reply and a higher notification count without reloading; and a
 * search typed without diacritics finds the thread.
 */
@Tag("browser")
class Journey1Test {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("journey-1");

  @Test
  @DisplayName("a reply from a second member appears on the author's open thread page, the counter rises, and"
      + " 'tuan tra cuc phuong' finds 'Tuần tra Cúc Phương'")
  void threadReplyNotificationSearch() {
    String title = "Tuần tra Cúc Phương: bẫy thú tăng " + System.nanoTime() % 100000;
    try (Person author = new Person("author", forum.base());
         Person replier = new Person("replier", forum.base())) {
      author.signInFromHome("journey-author");
      author.click("a[href='/c/field-reports']");
      author.waitFor("#thread-title");
      author.type("#thread-title", title);
      author.type("#thread-body", "Tuần này đội tuần tra gỡ được 14 bẫy dây ở phân khu bảo vệ nghiêm ngặt.");
      author.screenshots("journey1-new-thread-form", "#thread-title");
      author.click("#thread-title ~ button[type=submit]");
      author.waitForText("h1", title);
      String threadPath = author.browser.getCurrentUrl().substring(forum.base().length());
      assertTrue(threadPath.startsWith("/t/"), threadPath);
      author.waitUntilLive();
      author.markPage();
      WebElement badge = author.find("[data-notification-count]");
      assertTrue(!badge.isDisplayed(), "no unread notifications yet");

      replier.open(threadPath);
      replier.signInHere("journey-replier");
      replier.waitForText("h1", title);
      replier.type("#reply-body", "Cảm ơn chị! Bên em ở Pù Mát cũng thấy bẫy tăng từ tháng 9.");
      replier.click("#reply-form button[type=submit]");
      replier.waitForText("#posts", "Bên em ở Pù Mát");

      author.waitForText("#posts", "Bên em ở Pù Mát");
      author.assertNotReloaded();
      assertEquals(2, author.browser.findElements(By.cssSelector("#posts article.post")).size());
      author.waitUntil("the notification counter rises", driver -> badge.isDisplayed()
          && Integer.parseInt(badge.getText().trim()) >= 1);
      author.screenshots("journey1-thread-reply", "#posts article.post:last-of-type");

      author.click(".main-nav a[href='/search']");
      author.type("#search-q", "tuan tra cuc phuong");
      author.click(".search-form button[type=submit]");
      author.waitForText(".search-results", title);
      author.screenshots("journey1-search", null);
      author.click(".search-results a");
      author.waitForText("h1", title);
    }
  }
}
