package vn.ngoforum.consultations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.consultations.text.AlignmentTest;
import vn.ngoforum.consultations.text.DecreeDocx;
import vn.ngoforum.consultations.text.SplitterTest;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.Multipart;
import vn.ngoforum.support.TestForum;

/**
 * A version's optional English text: imported with the Vietnamese one (API and page, pasted or Word), refused with
 * the parts that do not align when it does not (nothing stored), corrected on the draft page, brought by a new
 * version, and read side by side with the Vietnamese text.
 */
class EnglishTextTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("consultation-english");
  private static final DemoPeople people = new DemoPeople(forum);
  static final String REGISTER_EN = "A farming register kept in Form No. 16 of the Appendix to this Decree;";
  static final String REGISTER_VI = "Có sổ theo dõi nuôi theo Mẫu số 16 tại Phụ lục ban hành kèm theo Nghị"
      + " định này;";
  /** The English text with a clause the Vietnamese one lacks (Article 5 clause 3). */
  static final String EXTRA_CLAUSE = AlignmentTest.DECREE_ENGLISH.replace("b) Transfer to a rescue centre.",
      "b) Transfer to a rescue centre.\n3. Confiscated specimens are recorded.");

  /** An open consultation on the decree, with its English text. */
  static String openBilingual(Api moderator) {
    String id = Api.expect(201, moderator.post("/api/v1/consultations", ConsultationsTest.draft("public",
        SplitterTest.DECREE).put("textEn", AlignmentTest.DECREE_ENGLISH))).getString("id");
    Api.expect(200, moderator.post("/api/v1/consultations/" + id + "/open", null));
    return id;
  }

  @Test
  @DisplayName("the API takes the English text with the Vietnamese one; both splits have the same ids")
  void apiAligned() {
    JsonObject created = Api.expect(201, people.moderator().post("/api/v1/consultations",
        ConsultationsTest.draft("public", SplitterTest.DECREE).put("textEn", AlignmentTest.DECREE_ENGLISH)));
    assertEquals(ids(created.getJsonArray("structure")),
        ids(created.getJsonObject("english").getJsonArray("structure")));
    JsonObject read = Api.expect(200, people.moderator().get("/api/v1/consultations/" + created.getString("id")));
    JsonObject english = read.getJsonObject("english");
    assertTrue(english.getString("preamble").startsWith("GOVERNMENT"), english.encode());
    assertEquals(ids(read.getJsonArray("structure")), ids(english.getJsonArray("structure")));
    assertEquals(REGISTER_EN, ConsultationsTest.find(english.getJsonArray("structure"), "d3-k1-pdd")
        .getString("text"));
    assertEquals(REGISTER_VI, ConsultationsTest.find(read.getJsonArray("structure"), "d3-k1-pdd")
        .getString("text"));

    JsonObject without = Api.expect(201, people.moderator().post("/api/v1/consultations",
        ConsultationsTest.draft("public", SplitterTest.DECREE)));
    assertFalse(without.containsKey("english"));
    assertFalse(Api.expect(200, people.moderator().get("/api/v1/consultations/" + without.getString("id")))
        .containsKey("english"), "no English text: the answer is as before");
  }

  @Test
  @DisplayName("an English text that does not align, or cannot be split, is a 400 naming the parts; nothing stored")
  void apiMisaligned() {
    long before = count();
    Page extra = people.moderator().post("/api/v1/consultations",
        ConsultationsTest.draft("public", SplitterTest.DECREE).put("textEn", EXTRA_CLAUSE));
    assertEquals(400, extra.status(), extra.body());
    assertTrue(Api.json(extra).getString("message").contains("Article 5 clause 3 has no Vietnamese counterpart"),
        extra.body());
    String missing = AlignmentTest.DECREE_ENGLISH.replace("e) Registration with the local forest protection office.\n",
        "");
    Page lacking = people.moderator().post("/api/v1/consultations",
        ConsultationsTest.draft("public", SplitterTest.DECREE).put("textEn", missing));
    assertEquals(400, lacking.status());
    assertTrue(Api.json(lacking).getString("message").contains("Article 3 clause 1 point e has no English"
        + " counterpart"), lacking.body());
    Page unsplittable = people.moderator().post("/api/v1/consultations",
        ConsultationsTest.draft("public", SplitterTest.DECREE).put("textEn", "Chapter I\nNO ARTICLE"));
    assertEquals(400, unsplittable.status());
    assertTrue(Api.json(unsplittable).getString("message").startsWith("The English text: Chapter I (line 1)"),
        unsplittable.body());
    assertEquals(before, count(), "nothing stored");

    String id = Api.expect(201, people.moderator().post("/api/v1/consultations",
        ConsultationsTest.draft("public", SplitterTest.DECREE).put("textEn", AlignmentTest.DECREE_ENGLISH)))
        .getString("id");
    Page corrected = people.moderator().put("/api/v1/consultations/" + id + "/text",
        new JsonObject().put("text", SplitterTest.DECREE).put("textEn", EXTRA_CLAUSE));
    assertEquals(400, corrected.status());
    assertEquals(REGISTER_EN, english(id, "d3-k1-pdd"), "the stored English text is unchanged");
    assertNull(english(id, "d5-k3"));
  }

  @Test
  @DisplayName("without JavaScript: the English Word file with the draft, both splits shown, corrected on the draft"
      + " page; a misaligned one is shown again with the parts named in Vietnamese, nothing stored")
  void page() {
    Browser moderator = forum.signedIn("moderator");
    assertTrue(moderator.get(forum.base() + "/consultations/new").body().matches("(?s).*name=\"fileEn\".*"
        + "name=\"textEn\".*"), "the English fields");
    String base = forum.base();
    String csrf = moderator.cookie(base, "XSRF-TOKEN").orElseThrow();

    long before = count();
    Page misaligned = moderator.postMultipart(base + "/consultations/new",
        pageForm(csrf).field("textEn", EXTRA_CLAUSE));
    assertEquals(400, misaligned.status());
    assertTrue(misaligned.body().contains("Bản tiếng Anh không khớp với bản tiếng Việt"), misaligned.body());
    assertTrue(misaligned.body().contains("Chỉ có trong bản tiếng Anh: khoản 3 Điều 5."), misaligned.body());
    assertTrue(misaligned.body().contains("3. Confiscated specimens are recorded."), "what was typed is kept");
    assertEquals(before, count(), "nothing stored");

    Page created = moderator.postMultipart(base + "/consultations/new", pageForm(csrf).file("fileEn", "draft-en.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        DecreeDocx.paragraphs(AlignmentTest.DECREE_ENGLISH.lines().toList())));
    assertEquals(302, created.status(), created.body());
    String path = created.header("location").orElseThrow();
    String id = path.substring(path.lastIndexOf('/') + 1);
    String draft = moderator.get(base + path).body();
    assertTrue(draft.contains("<textarea id=\"source-en\""), "the English text in the correction form");
    assertTrue(draft.contains(REGISTER_EN) && draft.contains(REGISTER_VI), "both splits shown");

    Page wrong = moderator.postForm(base + path + "/text",
        Map.of("text", SplitterTest.DECREE, "textEn", EXTRA_CLAUSE, "_csrf", csrf));
    assertEquals(400, wrong.status());
    assertTrue(wrong.body().contains("Chỉ có trong bản tiếng Anh: khoản 3 Điều 5."), wrong.body());
    assertTrue(wrong.body().contains("<details class=\"consultation-correct\" open>"));
    String better = AlignmentTest.DECREE_ENGLISH.replace(REGISTER_EN, "A register kept in Form No. 16;");
    Page corrected = moderator.postForm(base + path + "/text",
        Map.of("text", SplitterTest.DECREE, "textEn", better, "_csrf", csrf));
    assertEquals(302, corrected.status(), corrected.body());
    assertEquals("A register kept in Form No. 16;", english(id, "d3-k1-pdd"));
    Page removed = moderator.postForm(base + path + "/text",
        Map.of("text", SplitterTest.DECREE, "textEn", "", "_csrf", csrf));
    assertEquals(302, removed.status());
    assertFalse(Api.expect(200, people.moderator().get("/api/v1/consultations/" + id)).containsKey("english"),
        "an empty English text removes it");
  }

  @Test
  @DisplayName("the reading page shows each clause in both languages, the page's language first, ids unchanged")
  void sideBySide() {
    String id = openBilingual(people.moderator());
    String vi = people.guest().get("/consultations/" + id).body();
    String clause = section(vi, "d3-k1-pdd");
    assertTrue(clause.contains("lang=\"vi\"") && clause.contains("lang=\"en\""), clause);
    assertTrue(clause.indexOf(REGISTER_VI) < clause.indexOf(REGISTER_EN), "Vietnamese first: " + clause);
    assertEquals(1, occurrences(vi, "id=\"clause-d3-k1-pdd\""));
    assertEquals(1, occurrences(vi, "id=\"label-d3-k1-pdd\""), "the label's id once");
    assertTrue(vi.contains("href=\"#clause-d3-k1-pdd\""), "the permalink");
    assertTrue(section(vi, "d3").contains("Conditions for farming"), "the article's English title");
    assertTrue(vi.contains("GOVERNMENT"), "the English preamble");

    String en = people.guest().get("/consultations/" + id, Map.of("Cookie", "lang=en")).body();
    String english = section(en, "d3-k1-pdd");
    assertTrue(english.indexOf(REGISTER_EN) < english.indexOf(REGISTER_VI), "English first: " + english);
    assertTrue(en.contains("Conditions for farming</a>"), "the contents in English");
    assertFalse(vi.contains("Conditions for farming</a>"), "the contents in Vietnamese");

    String plain = people.guest().get("/consultations/" + AmendmentsTest.open(people.moderator())).body();
    assertFalse(plain.contains("part-langs"), "without an English text the page is as before");
    assertTrue(plain.contains("<span class=\"part-body\">" + REGISTER_VI + "</span>"), "as before");
  }

  @Test
  @DisplayName("a new version brings its English text, or none; earlier versions keep theirs")
  void versions() {
    String id = openBilingual(people.moderator());
    String revisedVi = SplitterTest.DECREE.replace("Thả về môi trường tự nhiên;", "Thả về rừng;");
    String revisedEn = AlignmentTest.DECREE_ENGLISH.replace("Release into the wild;", "Release into the forest;");
    Page misaligned = people.moderator().post("/api/v1/consultations/" + id + "/versions",
        new JsonObject().put("text", revisedVi).put("textEn", EXTRA_CLAUSE));
    assertEquals(400, misaligned.status());
    Api.expect(201, people.moderator().post("/api/v1/consultations/" + id + "/versions",
        new JsonObject().put("text", revisedVi).put("textEn", revisedEn)));
    assertEquals("Release into the forest;", english(id, "d5-k2-pa"));
    Api.expect(201, people.moderator().post("/api/v1/consultations/" + id + "/versions",
        new JsonObject().put("text", revisedVi)));
    assertFalse(Api.expect(200, people.guest().get("/api/v1/consultations/" + id)).containsKey("english"));
    assertFalse(people.guest().get("/consultations/" + id).body().contains("part-langs"));
    JsonObject second = Api.expect(200, people.guest().get("/api/v1/consultations/" + id + "?version=2"));
    assertEquals("Release into the forest;", ConsultationsTest.find(second.getJsonObject("english")
        .getJsonArray("structure"), "d5-k2-pa").getString("text"));
    assertTrue(section(people.guest().get("/consultations/" + id + "?version=1").body(), "d5-k2-pa")
        .contains("Release into the wild;"), "the first version, with its English text");
  }

  private static Multipart pageForm(String csrf) {
    return new Multipart().field("titleVi", "Dự thảo Nghị định về động vật rừng")
        .field("titleEn", "Draft decree on forest animals").field("authority", "Bộ Nông nghiệp và Môi trường")
        .field("deadline", "2027-01-31T17:00").field("visibility", "public").field("text", SplitterTest.DECREE)
        .field("_csrf", csrf);
  }

  /** The stored English text of a part of the current version, or null. */
  private static String english(String id, String partId) {
    JsonObject english = Api.expect(200, people.moderator().get("/api/v1/consultations/" + id))
        .getJsonObject("english");
    JsonObject part = english == null ? null : ConsultationsTest.find(english.getJsonArray("structure"), partId);
    return part == null ? null : part.getString("text");
  }

  /** A part's section of a reading page, up to the next part. */
  static String section(String page, String partId) {
    int start = page.indexOf("id=\"clause-" + partId + "\"");
    assertTrue(start >= 0, partId + " on the page");
    int end = page.indexOf("<section class=\"part ", start);
    return page.substring(start, end < 0 ? page.length() : end);
  }

  private static int occurrences(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  private static List<String> ids(JsonArray parts) {
    List<String> ids = new ArrayList<>();
    parts.forEach(p -> {
      ids.add(((JsonObject) p).getString("id"));
      ids.addAll(ids(((JsonObject) p).getJsonArray("children")));
    });
    return ids;
  }

  private static long count() {
    return ForumUnderTest.await(forum.mongo().count("consultations", new JsonObject()))
        + ForumUnderTest.await(forum.mongo().count("consultation_texts", new JsonObject()));
  }
}
