package vn.ngoforum.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.ngoforum.support.TestForum;

/**
 * Journey 3, in two browsers: a member registers an organisation; another person asks to join; the organisation's
 * admin is told on their open page, approves the request there; and the new member's posts carry the organisation.
 */
@Tag("browser")
class Journey3Test {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("journey-3");

  @Test
  @DisplayName("an organisation registered by one member, joined by another with the admin's approval, shows"
      + " beside the new member's name in a thread")
  void registerJoinApprovePost() {
    String suffix = String.valueOf(System.nanoTime() % 100000);
    String name = "Trung tâm Bảo tồn Rừng Trường Sơn " + suffix;
    try (Person admin = new Person("org-admin", forum.base());
         Person joiner = new Person("joiner", forum.base())) {
      admin.open("/orgs");
      admin.signInHere("journey-org-admin");
      admin.click("a[href='/orgs/new']");
      admin.type("#f-name-vi", name);
      admin.type("#f-name-en", "Truong Son Forest Conservation Centre " + suffix);
      admin.type("#f-acronym", "TSFC");
      new Select(admin.find("#f-province")).selectByVisibleText("Quảng Trị");
      admin.find(".registry-form fieldset input[type=checkbox]").click();
      admin.type("#f-desc-vi", "Bảo vệ rừng và động vật hoang dã ở dãy Trường Sơn, cùng cộng đồng địa phương.");
      admin.screenshots("journey3-register-form", "#f-province");
      admin.click(".registry-form button[type=submit]");
      admin.waitForText("h1", name);
      String orgPath = admin.browser.getCurrentUrl().substring(forum.base().length()).replaceFirst("[?#].*$", "");
      assertTrue(orgPath.startsWith("/orgs/"), orgPath);
      admin.waitFor("#pending-title");
      admin.waitUntilLive();
      admin.markPage();

      joiner.open("/orgs");
      joiner.signInHere("journey-joiner");
      joiner.type("#org-q", "Truong Son " + suffix);
      joiner.click(".registry-filters button[type=submit]");
      // The directory before the search may list the organisation too: wait for the results page itself.
      joiner.waitUntil("the search results", driver -> driver.getCurrentUrl().contains("q="));
      joiner.click("a[href='" + orgPath + "']");
      joiner.waitForText("h1", name);
      joiner.click("form[action='" + orgPath + "/join'] button");
      joiner.waitFor("#main .notice");
      joiner.screenshots("journey3-join-requested", "#main .notice");

      admin.waitForText("#live-requests", "Khoa Đặng");
      admin.assertNotReloaded();
      admin.click("#live-requests a");
      WebElement request = admin.waitUntil("the request is listed", driver -> driver.findElements(
          By.cssSelector("li[id^=request-]")).stream().filter(li -> li.getText().contains("Khoa Đặng")).findFirst()
          .orElse(null));
      admin.screenshots("journey3-admin-approves", "li[id^=request-]");
      request.findElement(By.cssSelector("button[value=approve]")).click();
      admin.waitForText(".member-list", "Khoa Đặng");
      assertEquals(0, admin.browser.findElements(By.cssSelector("li[id^=request-]")).size());

      joiner.open("/c/field-reports");
      joiner.type("#thread-title", "Kinh nghiệm tuần tra chung với kiểm lâm " + suffix);
      joiner.type("#thread-body", "Chúng tôi vừa tham gia trung tâm, xin chia sẻ cách phối hợp tuần tra.");
      joiner.click("#thread-title ~ button[type=submit]");
      joiner.waitForText("#posts .post-author", "Khoa Đặng");
      joiner.waitForText("#posts .post-org", name);
      joiner.screenshots("journey3-member-with-organisation", "#posts article.post");
    }
  }
}
