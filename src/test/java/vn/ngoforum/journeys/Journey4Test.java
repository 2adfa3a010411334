package vn.ngoforum.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.HeadlessChromium;
import vn.ngoforum.support.TestForum;

/**
 * Journey 4, issue 16's workshop run from the browser by five people, each with their own chromium: the moderator
 * creates a workshop with two sessions in the pages (naming a rapporteur and letting guests ask and vote) and opens
 * the projector (QR code and join code); a guest on a phone types the code and asks; the moderator approves; a
 * signed-in attendee votes; a second moderator, on a page without scripts (so it still shows the question as
 * approved), meets a conflict when the first has highlighted it meanwhile; the rapporteur writes a note that the
 * attendee's and the guest's open pages show live; the moderator downloads the report, as Word and PDF, in Vietnamese
 * and English.
 */
@Tag("browser")
class Journey4Test {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("journey-4");

  /** What the guest asks and the rapporteur notes. */
  private static final String QUESTION = "Làm sao để nhóm tình nguyện nhỏ tham gia tuần tra rừng?";
  private static final String NOTE = "Các tổ chức đề nghị lập mạng lưới tuần tra chung ở Cúc Phương.";

  @Test
  @DisplayName("a moderator runs a workshop from the browser: event and sessions in the pages, the projector's QR and"
      + " code, a guest joining by code on a phone, an attendee's vote, a second moderator's conflict, a rapporteur's"
      + " live note, and the report in Word and PDF, in both languages")
  void workshopFromTheBrowser() throws IOException {
    String base = forum.base();
    String sessionVi = "Phiên 1: Thành tựu của các tổ chức địa phương";
    String sessionEn = "Session 1: What local organisations achieved";
    String secondVi = "Phiên 2: Góp ý chính sách bảo vệ động vật hoang dã";
    try (Person moderator = new Person("moderator", base); Person guest = new Person("guest", base);
         Person attendee = new Person("attendee", base); Person rapporteur = new Person("rapporteur", base);
         Person second = new Person("second-moderator", base)) {
      moderator.signInFromHome("moderator");
      moderator.open("/events/new");
      moderator.type("#f-title-vi", "Hội thảo vai trò của tổ chức xã hội trong bảo tồn")
          .type("#f-title-en", "Civil society in conservation")
          .type("#f-place-vi", "Hà Nội").setValue("#f-starts", "2026-09-29T08:30")
          .setValue("#f-ends", "2026-09-29T17:00").type("#f-organisers", "WWF Việt Nam");
      moderator.screenshots("journey4-event-form", "#f-title-vi");
      moderator.click(".qa-form button[type=submit]");
      String event = moderator.idInAddress("/events/([a-z0-9]{16})$");

      String session = addSession(moderator, event, sessionVi, sessionEn, "member");
      addSession(moderator, event, secondVi, "Session 2: Policy comments", "");
      moderator.open("/events/" + event);
      moderator.waitForText(".qa-agenda", secondVi);
      moderator.screenshots("journey4-agenda", ".qa-agenda");

      String moderation = moderator.browser.getWindowHandle();
      moderator.browser.switchTo().newWindow(WindowType.WINDOW);
      moderator.open("/qa/" + session + "/present");
      moderator.waitUntil("the QR code is drawn", driver -> (Boolean) ((JavascriptExecutor) driver).executeScript(
          "const qr = document.querySelector('img.qa-qr'); return !!qr && qr.complete && qr.naturalWidth > 0;"));
      String code = moderator.find(".qa-join-code").getAttribute("data-join-code");
      assertTrue(code.matches("[0-9]{6}"), code);
      assertTrue(moderator.find(".qa-join-code").isDisplayed(), "the join code is on the projector");
      moderator.screenshots("journey4-projector", ".qa-join");
      moderator.browser.switchTo().window(moderation);
      moderator.open("/qa/" + session + "/moderate");
      moderator.waitUntilLive();

      HeadlessChromium.show(guest.browser, HeadlessChromium.Screen.PHONE);
      guest.open("/");
      guest.type("#join-code", code.substring(0, 3) + " " + code.substring(3));
      guest.click(".join-form button[type=submit]");
      guest.waitUntil("on the session's page", driver -> driver.getCurrentUrl().endsWith("/qa/" + session));
      guest.type("#qa-guest-name", "Hoa");
      guest.click(".qa-guest-form button[type=submit]");
      guest.type("#qa-text", QUESTION);
      guest.click(".qa-ask button[type=submit]");
      guest.waitForText("[data-list=mine]", QUESTION);
      guest.waitUntilLive();
      guest.markPage();
      HeadlessChromium.show(guest.browser, HeadlessChromium.Screen.PHONE);

      String pending = "[data-list=pending] li";
      moderator.waitForText(pending, QUESTION);
      String id = moderator.find(pending).getAttribute("data-id");
      moderator.click("#q-" + id + " button[data-action=approve]");
      moderator.waitFor("[data-list=live] #q-" + id);

      attendee.open("/qa/" + session);
      attendee.signInHere("attendee");
      attendee.waitUntilLive();
      attendee.waitForText("[data-list=open] #q-" + id, QUESTION);
      attendee.click("#q-" + id + " .qa-votes button[aria-pressed=false]");
      attendee.waitForText("#q-" + id + " .qa-vote-count", "1");
      attendee.markPage();
      moderator.waitForText("#q-" + id + " [data-votes], #q-" + id + " .qa-vote-count", "1");

      second.signInFromHome("admin");
      second.withoutScripts();
      second.open("/qa/" + session + "/moderate");
      second.find("#q-" + id + " input[name=expect][value=approved]");
      moderator.click("#q-" + id + " button[data-action=highlight]");
      moderator.waitFor("[data-list=live] #q-" + id + ".status-highlighted");
      second.click("#q-" + id + " button[data-action=hide]");
      second.waitForText(".form-error", "Một người điều phối khác đã thay đổi câu hỏi này trước");
      second.screenshots("journey4-conflict", ".form-error");
      assertEquals("highlighted", Api.json(forum.as(null).get("/api/v1/sessions/" + session + "/questions"))
          .getJsonArray("questions").getJsonObject(0).getString("status"), "the second moderator hid nothing");

      rapporteur.open("/qa/" + session);
      rapporteur.signInHere("member");
      rapporteur.type("#qa-note", NOTE);
      rapporteur.click("[data-note-form] button[type=submit]");
      rapporteur.waitForText("[data-note-list]", NOTE);
      attendee.waitForText("[data-note-list]", NOTE);
      attendee.assertNotReloaded();
      guest.waitForText("[data-note-list]", NOTE);
      guest.assertNotReloaded();
      guest.screenshots("journey4-guest-note", ".qa-notes");

      String report = moderator.find("a[href*='/report?format=docx&lang=vi']").getAttribute("href");
      assertTrue(report.contains("/api/v1/sessions/" + session + "/report"), report);
      moderator.screenshots("journey4-report-links", ".qa-report");
      String word = Exports.docx(moderator.download("/api/v1/sessions/" + session + "/report?format=docx&lang=vi"),
          "journey4-report-vi.docx");
      assertTrue(word.contains("Báo cáo hội thảo: " + sessionVi), word);
      assertTrue(word.contains(QUESTION) && word.contains("Hoa (khách)") && word.contains(NOTE), word);
      assertTrue(word.contains("WWF Việt Nam"), word);
      String pdf = Exports.pdf(moderator.download("/api/v1/sessions/" + session + "/report?format=pdf&lang=en"),
          "journey4-report-en.pdf");
      assertTrue(pdf.contains("Workshop report: " + sessionEn), pdf);
      assertTrue(pdf.contains(QUESTION) && pdf.contains("Hoa (guest)"), pdf);
      String wholeVi = Exports.pdf(moderator.download("/api/v1/events/" + event + "/report?format=pdf&lang=vi"),
          "journey4-event-report-vi.pdf");
      assertTrue(wholeVi.contains(sessionVi) && wholeVi.contains(secondVi), wholeVi);
      String wholeEn = Exports.docx(moderator.download("/api/v1/events/" + event + "/report?format=docx&lang=en"),
          "journey4-event-report-en.docx");
      assertTrue(wholeEn.contains("Workshop report: Civil society in conservation"), wholeEn);
      assertFalse(second.browser.findElements(By.cssSelector("[data-list=hidden] #q-" + id)).size() > 0);
    }
  }

  /** Adds a session on the event's form, with rapporteurs and guests who ask and vote; answers its id. */
  private static String addSession(Person moderator, String event, String vi, String en, String rapporteurs) {
    moderator.open("/events/" + event + "/sessions/new");
    moderator.type("#f-title-vi", vi).type("#f-title-en", en).type("#f-rapporteurs", rapporteurs)
        .type("#f-speakers", "Nguyễn Thị Lan").setValue("#f-starts", "2026-09-29T09:00")
        .setValue("#f-ends", "2026-09-29T10:30");
    new Select(moderator.find("#f-guests")).selectByValue("ask-and-vote");
    moderator.screenshots("journey4-session-form", "#f-rapporteurs");
    moderator.click(".qa-form button[type=submit]");
    return moderator.idInAddress("/qa/([a-z0-9]{16})/moderate");
  }
}
