package vn.ngoforum.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import vn.ngoforum.consultations.text.AlignmentTest;
import vn.ngoforum.consultations.text.SplitterTest;
import vn.ngoforum.support.Accessibility;
import vn.ngoforum.support.HeadlessChromium;
import vn.ngoforum.support.HeadlessChromium.Screen;
import vn.ngoforum.support.TestForum;

/**
 * Issue 17's pages in Chromium as a visitor, a moderator and a verified organisation's admin see them, in Vietnamese
 * and English: the consultation's reading page, the same page at an amendment (its diff and the endorse, support and
 * decide forms) and the joint statement (signatories, the sign and write forms, the export links). axe-core finds
 * nothing serious or critical, the page has a skip link, one h1 and headings in order, nothing scrolls sideways on a
 * 360 px phone, and screenshots 1280 and 360 px wide are kept under target/screenshots/consultation-*.
 */
@Tag("browser")
class ConsultationScreensTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("consultation-screens");

  private static final List<Person> people = new ArrayList<>();
  private static final List<String[]> pages = new ArrayList<>();

  @BeforeAll
  static void consultation() {
    String id = Setup.post("moderator", "/api/v1/consultations", new JsonObject()
        .put("title", new JsonObject().put("vi", "Dự thảo Thông tư về cứu hộ động vật hoang dã")
            .put("en", "Draft circular on wildlife rescue"))
        .put("summary", new JsonObject().put("vi", "Bộ lấy ý kiến về thời hạn tiếp nhận và điều kiện tái thả.")
            .put("en", "The ministry asks for comments on intake times and release conditions."))
        .put("authority", "Bộ Nông nghiệp và Môi trường").put("deadline", "2027-01-31T17:00:00+07:00")
        .put("visibility", "public").put("text", Journey5Test.DRAFT)).getString("id");
    String api = "/api/v1/consultations/" + id;
    Setup.post("moderator", api + "/open", new JsonObject(), 200);
    Setup.post("member", api + "/clauses/d3-k1/comments", new JsonObject()
        .put("body", "72 giờ là quá lâu với động vật bị thương nặng; các trung tâm ở Cúc Phương làm được trong 24 giờ."));
    String adopted = Setup.post("member", api + "/clauses/d3-k1/amendments", new JsonObject().put("kind", "replace")
        .put("text", "Cơ sở cứu hộ tiếp nhận động vật trong thời hạn 24 giờ kể từ khi nhận được thông báo của cơ quan"
            + " kiểm lâm hoặc của người dân.")
        .put("justification", "Động vật bị thương cần được chăm sóc ngay trong ngày đầu.")).getString("id");
    String proposed = Setup.post("member", api + "/clauses/d3-k1/amendments", new JsonObject()
        .put("kind", "insert-after").put("text", "Cơ sở cứu hộ công bố số điện thoại tiếp nhận trên trang thông tin.")
        .put("justification", "Người dân cần biết gọi ai.")).getString("id");
    Journey5Test.Org first = Journey5Test.verifiedOrg("Trung tâm Cứu hộ Động vật Hoang dã Hà Nội",
        "Hanoi Wildlife Rescue Centre");
    Journey5Test.Org second = Journey5Test.verifiedOrg("Hội Bảo tồn Sông Đà", "Da River Conservation Society");
    for (Journey5Test.Org org : List.of(first, second)) {
      Setup.post(org.admin(), "/api/v1/amendments/" + adopted + "/endorse", new JsonObject().put("org", org.slug()),
          200);
    }
    Setup.post("moderator", "/api/v1/amendments/" + adopted + "/decide", new JsonObject().put("decision", "adopted"),
        200);
    Setup.send("moderator", "PUT", api + "/statement", new JsonObject()
        .put("intro", new JsonObject().put("vi", "Các tổ chức ký tên dưới đây cùng kiến nghị rút ngắn thời hạn tiếp"
            + " nhận.").put("en", "The undersigned organisations jointly ask for a shorter intake time."))
        .put("conclusion", new JsonObject().put("vi", "Trân trọng.").put("en", "Respectfully.")), 200);
    Setup.post(first.admin(), api + "/statement/sign", new JsonObject().put("org", first.slug()), 200);
    String bilingual = Setup.post("moderator", "/api/v1/consultations", new JsonObject()
        .put("title", new JsonObject().put("vi", "Dự thảo Nghị định về động vật rừng")
            .put("en", "Draft decree on forest animals"))
        .put("authority", "Bộ Nông nghiệp và Môi trường").put("deadline", "2027-01-31T17:00:00+07:00")
        .put("visibility", "public").put("text", SplitterTest.DECREE).put("textEn", AlignmentTest.DECREE_ENGLISH))
        .getString("id");
    Setup.post("moderator", "/api/v1/consultations/" + bilingual + "/open", new JsonObject(), 200);
    Setup.post(second.admin(), "/api/v1/consultations/" + bilingual + "/clauses/d3-k1-pdd/amendments",
        new JsonObject().put("kind", "replace").put("text", "đ) Có sổ theo dõi nuôi điện tử;")
            .put("justification", "Sổ giấy khó kiểm tra.").put("onBehalfOf", second.slug()));

    String base = forum.base();
    people.add(new Person("guest", base));
    for (String[] who : new String[][] {{"moderator", "moderator"}, {"org-admin", second.admin()}}) {
      Person person = new Person(who[0], base);
      person.signInFromHome(who[1]);
      people.add(person);
    }
    pages.add(new String[] {"reading", "/consultations/" + id, null});
    pages.add(new String[] {"amendment", "/consultations/" + id + "#amendment-" + proposed.replace(':', '-'),
        "#amendment-" + proposed.replace(':', '-')});
    pages.add(new String[] {"statement", "/consultations/" + id + "/statement", ".statement-signatories"});
    pages.add(new String[] {"bilingual", "/consultations/" + bilingual + "#clause-c2", "#clause-c2"});
  }

  @AfterAll
  static void stop() {
    people.forEach(Person::close);
  }

  @TestFactory
  @DisplayName("axe-core finds no serious or critical problem on the reading, amendment and statement pages, for a"
      + " visitor, a moderator and an organisation's admin, in Vietnamese and English; screenshots at 1280 and 360 px")
  Stream<DynamicTest> accessibility() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String lang : List.of("vi", "en")) {
      for (Person person : people) {
        for (String[] page : pages) {
          String label = page[0] + ", " + person.label + ", " + lang;
          tests.add(dynamicTest(label, () -> {
            MainPagesTest.show(person, lang, page[1]);
            Accessibility.assertNoSeriousViolations(person.browser, label);
            MainPagesTest.assertBasics(person, label, lang);
            String name = "consultation-" + page[0] + "-" + person.label + "-" + lang;
            HeadlessChromium.screenshot(person.browser, name, page[2], Screen.LAPTOP);
            HeadlessChromium.screenshot(person.browser, name, page[2], Screen.SMALL_PHONE);
            HeadlessChromium.show(person.browser, Screen.DESKTOP);
          }));
        }
      }
    }
    return tests.stream();
  }

  @Test
  @DisplayName("on a wide screen the text starts beside the table of contents (not under it), the live indicator"
      + " keeps its own size, and the organisations endorsing an amendment are named apart")
  void wideScreenLayout() {
    Person guest = people.get(0);
    MainPagesTest.show(guest, "en", pages.get(0)[1]);
    @SuppressWarnings("unchecked")
    List<Object> found = (List<Object>) ((JavascriptExecutor) guest.browser).executeScript(
        "var toc = document.querySelector('.consultation-toc').getBoundingClientRect();"
            + "var text = document.querySelector('.consultation-text').getBoundingClientRect();"
            + "var live = document.querySelector('[data-live-status]').getBoundingClientRect();"
            + "return [text.top < toc.bottom, text.left >= toc.right, live.height < 60, live.width < 300,"
            + " document.querySelector('.endorser').parentElement.textContent.replace(/\\s+/g, ' ')];");
    assertEquals(List.of(true, true, true, true), found.subList(0, 4), "text beside the contents; live indicator");
    assertTrue(String.valueOf(found.get(4)).contains("Hanoi Wildlife Rescue Centre, Da River Conservation Society"),
        String.valueOf(found.get(4)));
  }

  @Test
  @DisplayName("a version with an English text: each clause's two languages side by side on a wide screen, the"
      + " page's language first, and one under the other on a 360 px phone")
  void sideBySide() {
    Person guest = people.get(0);
    String page = pages.get(3)[1];
    String script = "var p = document.querySelectorAll('#clause-d3-k1-pdd .part-langs > .part-line');"
        + "var a = p[0].getBoundingClientRect(), b = p[1].getBoundingClientRect();"
        + "return [p[0].lang, p[1].lang, Math.abs(a.top - b.top) < 2, b.left > a.right, b.top >= a.bottom - 1];";
    MainPagesTest.show(guest, "en", page);
    assertEquals(List.of("en", "vi", true, true, false),
        ((JavascriptExecutor) guest.browser).executeScript(script), "side by side, English first");
    HeadlessChromium.show(guest.browser, Screen.SMALL_PHONE);
    try {
      MainPagesTest.show(guest, "vi", page);
      assertEquals(List.of("vi", "en", false, false, true),
          ((JavascriptExecutor) guest.browser).executeScript(script), "one under the other, Vietnamese first");
    } finally {
      HeadlessChromium.show(guest.browser, Screen.DESKTOP);
    }
  }

  @Test
  @DisplayName("nothing on the consultation pages scrolls sideways on a 360 px phone, in either language, with every"
      + " form opened")
  void nothingOverflowsOnSmallPhones() {
    List<String> wide = new ArrayList<>();
    for (Person person : people) {
      HeadlessChromium.show(person.browser, Screen.SMALL_PHONE);
      try {
        for (String lang : List.of("vi", "en")) {
          for (String[] page : pages) {
            MainPagesTest.show(person, lang, page[1]);
            String overflow = HeadlessChromium.sidewaysScroll(person.browser, true);
            if (overflow != null) {
              wide.add(page[0] + " (" + person.label + ", " + lang + ") by " + overflow);
            }
          }
        }
      } finally {
        HeadlessChromium.show(person.browser, Screen.DESKTOP);
      }
    }
    assertEquals(List.of(), wide);
  }
}
