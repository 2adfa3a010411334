package vn.ngoforum.signin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.ngoforum.support.Accessibility;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.HeadlessChromium;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** A person downloads their data and closes their account in a real browser; the pages are accessible. */
@Tag("browser")
class CloseAccountBrowserTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("close-account-browser");
  @RegisterExtension
  static final HeadlessChromium.PerClass chromium = HeadlessChromium.perClass();

  @Test
  @DisplayName("from their profile a person reaches the download and the closing page, confirms, and their thread"
      + " then shows a former member")
  void closeFromTheProfile() {
    People.Person person = People.person("member");
    String thread = Api.expect(201, forum.as(person.token()).post("/api/v1/threads", new JsonObject()
        .put("category", "field-reports").put("title", "Rùa biển ở Côn Đảo " + System.nanoTime())
        .put("body", "Mùa làm tổ năm nay sớm hơn."))).getString("id");
    WebDriver driver = chromium.driver();
    HeadlessChromium.signIn(driver, forum.base(), person.username());
    driver.get(forum.base() + "/u/" + person.username());
    assertTrue(driver.findElement(By.cssSelector("a[href='/api/v1/me/data']")).isDisplayed());
    Accessibility.assertNoSeriousViolations(driver, "own profile");
    HeadlessChromium.screenshots(driver, "profile-own", "#data-title");

    driver.findElement(By.cssSelector("a[href='/settings/account/close']")).click();
    Accessibility.assertNoSeriousViolations(driver, "close account");
    HeadlessChromium.screenshots(driver, "account-close", null);
    driver.findElement(By.cssSelector("form[action='/settings/account/close'] button")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> !d.findElements(By.cssSelector("[role=status]")).isEmpty());
    HeadlessChromium.screenshots(driver, "account-closed", null);

    new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
      d.get(forum.base() + "/t/" + thread);
      return d.findElement(By.cssSelector(".post-author")).getText().equals("Thành viên cũ");
    });
    Accessibility.assertNoSeriousViolations(driver, "thread of a former member");
    HeadlessChromium.screenshots(driver, "thread-former-member", ".post-author");
  }
}
