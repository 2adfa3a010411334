package vn.ngoforum.forum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** Search finds Q&amp;A questions and organisations next to threads, narrows by filters, and pages by cursor. */
class SearchKindsTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-search-kinds");

  @Test
  @DisplayName("an approved question is found by its words without diacritics and links to its session; a pending"
      + " or hidden one is not")
  void questions() {
    QaClient qa = QaClient.on(forum);
    String session = qa.as("moderator").newSession("pre", "public");
    String word = unique("cauhoi");
    String approved = qa.as("member").ask(session, "Tê giác " + word + " có được bảo vệ không?").getString("id");
    String pending = qa.as("member").ask(session, "Còn " + word + " chờ duyệt thì sao?").getString("id");
    String hidden = qa.as("member").ask(session, "Một câu " + word + " bị ẩn").getString("id");
    qa.as("moderator").moderate(approved, "approve");
    qa.as("moderator").moderate(hidden, "approve");
    qa.as("moderator").moderate(hidden, "hide");

    JsonArray results = search(forum.api(), "te giac " + word, "");
    JsonObject found = only(results, "question", approved);
    assertEquals("/qa/" + session, found.getString("url"));
    assertEquals("Phiên hỏi đáp", found.getString("title"));
    assertTrue(found.getJsonArray("snippetParts").stream().map(JsonObject.class::cast)
        .anyMatch(part -> part.getBoolean("match") && part.getString("text").equals("Tê")), found.encode());
    Set<String> ids = ids(search(forum.api(), word, ""));
    assertFalse(ids.contains(pending), "a pending question is not findable");
    assertFalse(ids.contains(hidden), "a hidden question is not findable");
  }

  @Test
  @DisplayName("a question of a members-only session is found by a member, never by a guest; a public session made"
      + " members-only takes its questions out of guests' results")
  void membersOnlyQuestions() {
    String[] closed = asked("members");
    assertTrue(ids(search(forum.as(People.token("member")), closed[2], "")).contains(closed[1]));
    assertFalse(ids(search(forum.api(), closed[2], "")).contains(closed[1]));

    String[] madeClosed = asked("public");
    assertTrue(ids(search(forum.api(), madeClosed[2], "")).contains(madeClosed[1]));
    Api.expect(200, QaClient.on(forum).as("moderator").patch("/api/v1/sessions/" + madeClosed[0],
        new JsonObject().put("visibility", "members")));
    assertFalse(ids(search(forum.api(), madeClosed[2], "")).contains(madeClosed[1]));
    assertTrue(ids(search(forum.as(People.token("member")), madeClosed[2], "")).contains(madeClosed[1]));
  }

  /** A question asked in a new post-moderated session of this visibility: {session, question, its unique word}. */
  private static String[] asked(String visibility) {
    QaClient qa = QaClient.on(forum);
    String session = qa.as("moderator").newSession("post", visibility);
    String word = unique("noibo");
    return new String[] {session, qa.as("member").ask(session, "Câu hỏi nội bộ " + word).getString("id"), word};
  }

  @Test
  @DisplayName("a registered organisation is found by its name without diacritics, its acronym and description,"
      + " links to its profile, and shows its verification once verified")
  void organisations() {
    String word = unique("baoton");
    String slug = Api.expect(201, forum.as(People.token(People.create(null))).post("/api/v1/orgs", new JsonObject()
        .put("name", new JsonObject().put("vi", "Hội Bảo tồn Rùa " + word).put("en", "Turtle Society " + word))
        .put("acronym", "TS" + word.toUpperCase())
        .put("province", "Quảng Trị")
        .put("focusAreas", new JsonArray().add("rescue"))
        .put("description", new JsonObject().put("vi", "Cứu hộ rùa biển.").put("en", "Sea turtle rescue."))))
        .getString("slug");
    JsonObject found = only(search(forum.api(), "hoi bao ton rua " + word, ""), "organisation", slug);
    assertEquals("/orgs/" + slug, found.getString("url"));
    assertTrue(found.getString("title").contains("Hội Bảo tồn Rùa"), found.encode());
    assertTrue(ids(search(forum.api(), "TS" + word, "")).contains(slug), "by acronym");
    assertTrue(ids(search(forum.api(), "cuu ho rua bien " + word, "")).contains(slug), "by description");
    assertFalse(found.getBoolean("verified"));
    Api.expect(200, forum.as(People.token("admin")).post("/api/v1/orgs/" + slug + "/verify", new JsonObject()));
    assertTrue(only(search(forum.api(), word, "&kind=organisation"), "organisation", slug).getBoolean("verified"),
        "a verified organisation's result shows it at once");
  }

  @Test
  @DisplayName("filters narrow the results: kind, category, author, organisation and the days written")
  void filters() {
    String word = unique("loc");
    String author = People.newMember();
    String authorId = Api.expect(200, forum.as(author).get("/api/v1/me")).getString("id");
    String policy = thread(author, "policy-and-law", "Chính sách " + word);
    String field = thread(People.newMember(), "field-reports", "Thực địa " + word);
    QaClient qa = QaClient.on(forum);
    String session = qa.as("moderator").newSession("post", "public");
    String question = qa.as("member").ask(session, "Hỏi về " + word).getString("id");

    assertEquals(Set.of(policy, field, question), ids(search(forum.api(), word, "")));
    assertEquals(Set.of(question), ids(search(forum.api(), word, "&kind=question")));
    assertEquals(Set.of(policy, field), ids(search(forum.api(), word, "&kind=thread")));
    assertEquals(Set.of(policy), ids(search(forum.api(), word, "&category=policy-and-law")));
    assertEquals(Set.of(policy), ids(search(forum.api(), word, "&author=" + authorId)));
    assertEquals(Set.of(), ids(search(forum.api(), word, "&organisation=no-such-organisation")));
    String today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString();
    String yesterday = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(1).toString();
    assertEquals(Set.of(policy, field, question), ids(search(forum.api(), word, "&from=" + today + "&to=" + today)));
    assertEquals(Set.of(), ids(search(forum.api(), word, "&to=" + yesterday)));

    // The page: categories to choose from, the author by username.
    String username = Api.expect(200, forum.as(author).get("/api/v1/me")).getString("username");
    Page page = forum.api().get("/search?q=" + word + "&category=policy-and-law&by=" + username,
        java.util.Map.of("Accept", "text/html"));
    assertEquals(200, page.status());
    assertTrue(page.body().contains("<option value=\"policy-and-law\" selected>"), "a drop-down of categories");
    assertTrue(page.body().contains("<option value=\"field-reports\">"));
    assertTrue(page.body().contains("/t/" + policy), "the author's thread, found by username");
    assertFalse(page.body().contains("/t/" + field), "another author's thread is not");
    Page nobody = forum.api().get("/search?q=" + word + "&by=no.such.person",
        java.util.Map.of("Accept", "text/html"));
    assertEquals(400, nobody.status());
    assertTrue(nobody.body().contains("id=\"search-error\""), nobody.body());
  }

  @Test
  @DisplayName("a filter that cannot be one is refused: 400 about it from the API, the form with the message on the"
      + " page")
  void badFilters() {
    for (String bad : List.of("kind=poem", "from=29-09-2026", "category=Not%20A%20Slug", "from=2026-09-30&to=2026-09-01",
        "after=%25%25%25", "after=bm90LWEtY3Vyc29y")) {
      Page answer = forum.api().get("/api/v1/search?q=te+giac&" + bad);
      assertEquals(400, answer.status(), bad + " → " + answer.body());
      assertEquals("invalid", new JsonObject(answer.body()).getString("error"), answer.body());
    }
    Page page = forum.api().get("/search?q=te+giac&kind=poem", java.util.Map.of("Accept", "text/html"));
    assertEquals(400, page.status());
    assertTrue(page.body().contains("id=\"search-error\""), page.body());
    assertTrue(page.body().contains("name=\"q\" type=\"search\" value=\"te giac\""), "the words stay in the form");
  }

  private static String unique(String prefix) {
    return prefix + Long.toString(System.nanoTime(), 36);
  }

  private static String thread(String token, String category, String title) {
    Page created = forum.as(token).post("/api/v1/threads", new JsonObject().put("category", category)
        .put("title", title).put("body", "Nội dung."));
    assertEquals(201, created.status(), created.body());
    return new JsonObject(created.body()).getString("id");
  }

  private static JsonArray search(Api as, String query, String filters) {
    return Api.expect(200, as.get("/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + filters))
        .getJsonArray("results");
  }

  /** The ids found: a thread's, a question's, an organisation's slug. */
  private static Set<String> ids(JsonArray results) {
    Set<String> ids = new HashSet<>();
    results.stream().map(JsonObject.class::cast).forEach(result -> ids.add(result.containsKey("threadId")
        ? result.getString("threadId") : result.containsKey("slug") ? result.getString("slug") : result.getString("id")));
    return ids;
  }

  private static JsonObject only(JsonArray results, String kind, String id) {
    JsonObject found = results.stream().map(JsonObject.class::cast)
        .filter(result -> kind.equals(result.getString("kind")) && ids(new JsonArray().add(result)).contains(id))
        .findFirst().orElse(null);
    assertNotNull(found, kind + " " + id + " in " + results.encode());
    return found;
  }
}
