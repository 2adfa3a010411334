package vn.ngoforum.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/**
 * Journey 5, issue 17's consultation run from the browser by six people, each with their own chromium: a moderator
 * pastes a draft circular on /consultations/new, reads how it was split and opens it; two members comment on the same
 * clause and each sees the other's comment arrive without reloading; one proposes new wording with a justification
 * and reads the word diff; the admins of two verified organisations endorse it; the moderator adopts it and writes
 * the joint statement; both admins sign it; the moderator downloads the submission as Word and PDF, which name both
 * signatories and carry the proposed wording. Only the organisations (and their verification) are made through the
 * API: registering and verifying them is not this journey.
 */
@Tag("browser")
class Journey5Test {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("journey-5");

  /** A draft circular as a ministry publishes it: chapters, sections, articles, clauses, points a) to đ). */
  static final String DRAFT = """
      BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG
      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
      Độc lập - Tự do - Hạnh phúc

      DỰ THẢO THÔNG TƯ
      Quy định về cứu hộ, chăm sóc và tái thả động vật hoang dã

      Căn cứ Luật Lâm nghiệp ngày 15 tháng 11 năm 2017;
      Căn cứ Luật Đa dạng sinh học ngày 13 tháng 11 năm 2008;

      Chương I
      QUY ĐỊNH CHUNG

      Điều 1. Phạm vi điều chỉnh
      Thông tư này quy định về cứu hộ, chăm sóc và tái thả động vật hoang dã bị thương, bị tịch thu hoặc tự nguyện
      giao nộp.

      Điều 2. Giải thích từ ngữ
      1. Cơ sở cứu hộ là nơi tiếp nhận, chăm sóc và phục hồi động vật hoang dã.
      2. Tái thả là việc đưa động vật đã phục hồi về môi trường sống tự nhiên theo quy định tại
      khoản 1 Điều 4 của Thông tư này.

      Chương II
      CỨU HỘ VÀ TÁI THẢ

      Mục 1. TIẾP NHẬN ĐỘNG VẬT

      Điều 3. Tiếp nhận động vật
      1. Cơ sở cứu hộ tiếp nhận động vật trong thời hạn 72 giờ kể từ khi nhận được thông báo của cơ quan kiểm lâm.
      2. Khi tiếp nhận, cơ sở cứu hộ phải:
      a) Lập biên bản tiếp nhận có chữ ký của bên giao;
      b) Kiểm tra sức khỏe động vật;
      c) Cách ly động vật mới tiếp nhận;
      d) Báo cáo cơ quan kiểm lâm sở tại;
      đ) Lưu hồ sơ theo quy định tại điểm a khoản này.

      Mục 2. TÁI THẢ

      Điều 4. Điều kiện tái thả
      1. Động vật chỉ được tái thả khi đủ sức khỏe theo kết luận của bác sĩ thú y.
      2. Nơi tái thả phải nằm trong vùng phân bố tự nhiên của loài.
      """;

  private static final String CLAUSE = "d3-k1";
  private static final String FIRST_COMMENT = "72 giờ là quá lâu với động vật bị thương nặng.";
  private static final String SECOND_COMMENT = "Đồng ý, các trung tâm cứu hộ ở Cúc Phương làm được trong 24 giờ.";
  private static final String PROPOSED = "Cơ sở cứu hộ tiếp nhận động vật trong thời hạn 24 giờ kể từ khi nhận được"
      + " thông báo của cơ quan kiểm lâm.";
  private static final String WHY = "Động vật bị thương cần được chăm sóc ngay trong ngày đầu.";

  @Test
  @DisplayName("a moderator imports a draft circular, two members comment live on one clause, an amendment with its"
      + " word diff is endorsed by two verified organisations, adopted, written into the statement that both sign,"
      + " and exported as Word and PDF naming both signatories and the proposed wording")
  void consultationFromTheBrowser() throws IOException {
    String base = forum.base();
    Org first = verifiedOrg("Trung tâm Cứu hộ Cúc Phương", "Cuc Phuong Rescue Centre");
    Org second = verifiedOrg("Hội Bảo tồn Sông Đà", "Da River Conservation Society");
    String otherMember = People.create("member");
    try (Person moderator = new Person("moderator", base); Person member = new Person("member", base);
         Person other = new Person("other-member", base); Person firstAdmin = new Person("first-admin", base);
         Person secondAdmin = new Person("second-admin", base)) {
      String page = "/consultations/" + importDraft(moderator.signInFromHome("moderator"));

      moderator.waitFor(".consultation-draft");
      String toc = moderator.find(".consultation-toc").getText();
      for (String heading : new String[] {"Chương I", "Chương II", "Mục 1", "Mục 2", "Điều 3. Tiếp nhận động vật",
          "Điều 4. Điều kiện tái thả"}) {
        assertTrue(toc.contains(heading), "the split shows " + heading + ": " + toc);
      }
      assertTrue(moderator.find("#clause-d3-k2-pdd").getText().contains("Lưu hồ sơ"), "point đ) is its own part");
      assertTrue(moderator.find("#clause-d2-k2").getText().contains("khoản 1 Điều 4"),
          "a cross-reference stays in its clause");
      assertTrue(moderator.browser.findElements(By.cssSelector("#clause-d2-k3")).isEmpty(),
          "a cross-reference starts no clause");
      moderator.screenshots("journey5-draft-split", ".consultation-toc");
      moderator.click("form[action='" + page + "/open'] button[type=submit]");
      moderator.waitFor("form[action='" + page + "/close']");

      member.open(page);
      member.signInHere("member");
      other.open(page);
      other.signInHere(otherMember);
      comment(member, CLAUSE, FIRST_COMMENT, other);
      comment(other, CLAUSE, SECOND_COMMENT, member);
      member.waitForText("#clause-" + CLAUSE + " .comment-count", "2");
      member.screenshots("journey5-live-comments", "#clause-" + CLAUSE + " .clause-comments");

      member.click("#clause-" + CLAUSE + " .clause-amendment-form summary");
      member.click("#clause-" + CLAUSE + " input[name=kind][value=replace]");
      member.type("#amend-text-" + CLAUSE, PROPOSED).type("#amend-why-" + CLAUSE, WHY);
      member.click("#clause-" + CLAUSE + " .clause-amendment-form button[type=submit]");
      String amendment = "#clause-" + CLAUSE + " li.amendment";
      member.waitForText(amendment + " .amendment-diff ins", "24");
      member.waitForText(amendment + " .amendment-diff del", "72");
      member.waitForText(amendment + " .amendment-justification", WHY);
      member.screenshots("journey5-amendment-diff", amendment);
      String anchor = member.find(amendment).getAttribute("id");

      for (Person admin : new Person[] {firstAdmin, secondAdmin}) {
        Org org = admin == firstAdmin ? first : second;
        admin.open(page);
        admin.signInHere(org.admin());
        admin.click("#" + anchor + " form.amendment-endorse button[type=submit]");
        admin.waitForText("#" + anchor + " .endorser", org.vi());
        assertTrue(admin.browser.findElements(By.cssSelector("#" + anchor + " form.amendment-endorse")).isEmpty(),
            "endorsed once: no second button");
      }

      moderator.open(page);
      moderator.waitForText("#" + anchor + " .endorsement-count", "2");
      moderator.click("#" + anchor + " .amendment-decide summary");
      moderator.click("#" + anchor + " input[name=decision][value=adopted]");
      moderator.type("#" + anchor + " textarea[name=reason]", "Các tổ chức đồng thuận.");
      moderator.click("#" + anchor + " .amendment-decide button[type=submit]");
      moderator.waitFor("#" + anchor + ".amendment-adopted");

      moderator.open(page + "/statement");
      moderator.type("#statement-intro-vi", "Các tổ chức ký tên dưới đây cùng kiến nghị rút ngắn thời hạn tiếp nhận.")
          .type("#statement-intro-en", "The undersigned organisations jointly ask for a shorter intake time.")
          .type("#statement-conclusion-vi", "Trân trọng kính gửi Bộ.")
          .type("#statement-conclusion-en", "Respectfully submitted to the Ministry.");
      moderator.click(".statement-write button[type=submit]");
      moderator.waitForText(".statement-amendments", WHY);
      moderator.waitForText(".statement-amendments ins", "24");
      moderator.waitForText(".statement-amendments a[href$='#clause-" + CLAUSE + "']", "khoản 1 Điều 3");

      // The moderator's statement page stays open: the signatories arrive there live, each with its province.
      moderator.waitUntilLive();
      moderator.markPage();
      for (Person admin : new Person[] {firstAdmin, secondAdmin}) {
        Org org = admin == firstAdmin ? first : second;
        admin.open(page + "/statement");
        admin.click("form.statement-sign button[type=submit]");
        admin.waitForText(".signatories", org.vi());
        admin.find("form.statement-sign input[name=action][value=withdraw]");
      }
      secondAdmin.screenshots("journey5-statement-signed", ".statement-signatories");

      moderator.waitForText(".signatories", first.vi());
      moderator.waitForText(".signatories", second.vi());
      moderator.waitForText(".signatories .signatory-province", "Ninh Bình");
      moderator.assertNotReloaded();
      String word = Exports.docx(moderator.download(exportLink(moderator, "docx", "vi")),
          "journey5-submission-vi.docx");
      assertTrue(word.contains(first.vi()) && word.contains(second.vi()), "both signatories: " + word);
      assertTrue(word.contains(PROPOSED) && word.contains(WHY), "the amendment's wording and reason: " + word);
      String pdf = Exports.pdf(moderator.download(exportLink(moderator, "pdf", "en")), "journey5-submission-en.pdf");
      assertTrue(pdf.contains(first.en()) && pdf.contains(second.en()), "both signatories: " + pdf);
      assertTrue(pdf.contains(PROPOSED), "the proposed wording: " + pdf);
      assertFalse(pdf.contains(FIRST_COMMENT), "comments are for the secretariat's CSV, not the submission");
    }
  }

  /** The moderator fills in /consultations/new with {@link #DRAFT} pasted; answers the new consultation's id. */
  private static String importDraft(Person moderator) {
    moderator.open("/consultations/new");
    moderator.type("#title-vi", "Dự thảo Thông tư về cứu hộ động vật hoang dã")
        .type("#title-en", "Draft circular on wildlife rescue")
        .type("#summary-vi", "Bộ lấy ý kiến về thời hạn tiếp nhận và điều kiện tái thả.")
        .type("#authority", "Bộ Nông nghiệp và Môi trường")
        .setValue("#deadline", "2027-01-31T17:00")
        .type("#text", DRAFT);
    moderator.click(".consultation-form button[type=submit]");
    return moderator.idInAddress("/consultations/([a-z2-9]{12})$");
  }

  /**
   * {@code writer} comments on the clause from its form (their page reloads, as a form does); {@code reader}, whose
   * page is open and live, sees the comment and the clause's count arrive without reloading.
   */
  private static void comment(Person writer, String clause, String body, Person reader) {
    reader.waitUntilLive();
    reader.markPage();
    writer.click("#clause-" + clause + " .clause-comment-form summary");
    writer.type("#body-" + clause, body);
    writer.click("#clause-" + clause + " .clause-comment-form button[type=submit]");
    writer.waitForText("#clause-" + clause + " .clause-comments", body);
    reader.waitForText("#clause-" + clause + " .clause-comments", body);
    reader.assertNotReloaded();
  }

  /** The path of the statement page's export link in {@code format} and {@code lang}. */
  private static String exportLink(Person moderator, String format, String lang) {
    String href = moderator.find(".statement-export a[href*='format=" + format + "&lang=" + lang + "']")
        .getAttribute("href");
    return href.substring(href.indexOf("/api/"));
  }

  /** An organisation, its admin's username, and its names. */
  record Org(String slug, String admin, String vi, String en) {
  }

  /** A new person registers an organisation (they become its admin), and the forum admin verifies it. */
  static Org verifiedOrg(String vi, String en) {
    String admin = People.create(null);
    String slug = Setup.post(admin, "/api/v1/orgs", new JsonObject()
        .put("name", new JsonObject().put("vi", vi).put("en", en))
        .put("acronym", en.replaceAll("[^A-Z]", ""))
        .put("province", "ninh-binh").put("focusAreas", new JsonArray().add("rescue"))
        .put("description", new JsonObject().put("vi", "Cứu hộ động vật hoang dã.").put("en", "Wildlife rescue.")))
        .getString("slug");
    Setup.post("admin", "/api/v1/orgs/" + slug + "/verify", new JsonObject(), 200);
    return new Org(slug, admin, vi, en);
  }
}
