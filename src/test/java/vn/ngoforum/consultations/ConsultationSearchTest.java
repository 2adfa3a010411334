package vn.ngoforum.consultations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.TestForum;

/** Consultations in search: their title and summary, and each part of their current text, for who may read them. */
class ConsultationSearchTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("consultation-search");
  private static final DemoPeople people = new DemoPeople(forum);

  private static String unique(String prefix) {
    return prefix + Long.toString(System.nanoTime(), 36);
  }

  private static String decree(String word) {
    return """
        Điều 1. Phạm vi điều chỉnh
        Nghị định này quy định về quản lý động vật rừng.
        Điều 2. Bảo vệ loài %s
        1. Nghiêm cấm săn bắt loài %s trong rừng đặc dụng.
        2. Cơ quan kiểm lâm kiểm tra định kỳ.
        """.formatted(word, word);
  }

  /** An open consultation of this visibility on a text holding {@code word}; answers its id. */
  private static String open(String visibility, String word) {
    JsonObject draft = ConsultationsTest.draft(visibility, decree(word));
    draft.getJsonObject("summary").put("en", "For comment " + word + "summary");
    String id = Api.expect(201, people.moderator().post("/api/v1/consultations", draft)).getString("id");
    Api.expect(200, people.moderator().post("/api/v1/consultations/" + id + "/open", null));
    return id;
  }

  private static JsonArray search(Api as, String query, String filters) {
    return Api.expect(200, as.get("/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + filters))
        .getJsonArray("results");
  }

  private static List<String> urls(JsonArray results) {
    return results.stream().map(JsonObject.class::cast).filter(r -> "consultation".equals(r.getString("kind")))
        .map(r -> r.getString("url")).toList();
  }

  @Test
  @DisplayName("a consultation is found by a word of a clause (linking to the clause) and by its summary (linking to"
      + " it), in either language's page with its kind; a draft is not found")
  void foundByClauseAndSummary() {
    String word = unique("tegiac");
    String draft = Api.expect(201, people.moderator().post("/api/v1/consultations",
        ConsultationsTest.draft("public", decree(word + "draft")))).getString("id");
    String id = open("public", word);
    assertEquals(List.of("/consultations/" + id + "#clause-d2-k1"), urls(search(people.guest(), word + " san bat",
        "")), "the clause, found without diacritics");
    JsonObject clause = search(people.guest(), word + " san bat", "&kind=consultation").getJsonObject(0);
    assertEquals("Dự thảo Nghị định về động vật rừng", clause.getString("title"));
    assertEquals(List.of("/consultations/" + id), urls(search(people.guest(), word + "summary", "")));
    assertTrue(urls(search(people.moderator(), word + "draft", "")).isEmpty(), "drafts are not findable");
    assertFalse(urls(search(people.guest(), word, "")).stream().anyMatch(url -> url.contains(draft)));

    String vi = people.guest().get("/search?q=" + word + "+san+bat").body();
    assertTrue(vi.contains("href=\"/consultations/" + id + "#clause-d2-k1\""), vi);
    assertTrue(vi.contains("Góp ý chính sách"), "the kind, in Vietnamese");
    String en = people.guest().get("/search?q=" + word + "+san+bat", Map.of("Cookie", "lang=en")).body();
    assertTrue(en.contains("Policy consultation") && en.contains("Draft decree on forest animals"), en);
  }

  @Test
  @DisplayName("a members-only consultation is found by a member, never by a guest")
  void membersOnly() {
    String word = unique("noibo");
    String id = open("members", word);
    assertEquals(List.of("/consultations/" + id + "#clause-d2-k1"), urls(search(people.member(), word + " san bat",
        "")));
    assertEquals(List.of(), urls(search(people.guest(), word, "")));
    assertEquals(List.of(), urls(search(people.attendee(), word, "")), "signed in without member rights");
  }

  @Test
  @DisplayName("after a new version its new words are found and the removed ones are not")
  void newVersion() {
    String old = unique("cu");
    String id = open("public", old);
    String added = unique("moi");
    String revised = """
        Điều 1. Phạm vi điều chỉnh
        Nghị định này quy định về quản lý động vật rừng và %s.
        Điều 2. Kiểm tra
        1. Cơ quan kiểm lâm kiểm tra định kỳ.
        """.formatted(added);
    Api.expect(201, people.moderator().post("/api/v1/consultations/" + id + "/versions",
        new JsonObject().put("text", revised)));
    assertEquals(List.of("/consultations/" + id + "#clause-d1"), urls(search(people.guest(), added, "")));
    assertEquals(List.of(), urls(search(people.guest(), old + " san bat", "")), "the removed clause");
    assertEquals(List.of(), urls(search(people.guest(), old, "")), "no part holds the old word now");
  }
}
