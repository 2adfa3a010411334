package vn.ngoforum.forum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** Search in Vietnamese, with or without diacritics, over titles and posts. */
class SearchTest {

  private static final String TITLE = "Tê giác và ngà voi: đường dây buôn lậu";
  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-search");
  private static String threadId;

  @BeforeAll
  static void setUp() {
    threadId = create(People.newMember(), "policy-and-law", TITLE,
        "Báo cáo của đội điều tra về **Kiểm lâm** Quảng Trị và các cửa khẩu.");
  }

  @Test
  @DisplayName("\"duong day buon lau\" and \"te giac nga voi\" find the thread titled with them, diacritics and all")
  void withoutDiacritics() {
    for (String query : List.of("duong day buon lau", "te giac nga voi", "TÊ GIÁC", "Đường dây")) {
      JsonArray results = search(query);
      assertTrue(results.stream().map(JsonObject.class::cast)
          .anyMatch(result -> threadId.equals(result.getString("threadId")) && TITLE.equals(result.getString("title"))),
          query + " → " + results.encode());
    }
  }

  @Test
  @DisplayName("words of a post find its thread, with a snippet around the match")
  void postText() {
    JsonObject result = search("kiem lam quang tri").stream().map(JsonObject.class::cast)
        .filter(r -> threadId.equals(r.getString("threadId"))).findFirst().orElseThrow();
    assertTrue(result.getString("snippet").contains("Kiểm lâm Quảng Trị"), result.encode());
    assertTrue(result.getJsonArray("snippetParts").stream().map(JsonObject.class::cast)
        .anyMatch(part -> part.getBoolean("match") && part.getString("text").equals("Kiểm")));
  }

  @Test
  @DisplayName("a thread with the words in its title ranks before one that has them only in a post")
  void titleFirst() {
    String word = "loaiquy" + System.nanoTime();
    String inTitle = create(People.newMember(), "field-reports", "Về " + word + " ở Pù Mát", "Nội dung.");
    String inPost = create(People.newMember(), "field-reports", "Ghi chép hiện trường",
        "Chúng tôi gặp " + word + " hôm qua.");
    JsonArray results = search(word);
    assertEquals(2, results.size(), results.encode());
    assertEquals(inTitle, results.getJsonObject(0).getString("threadId"));
    assertEquals(inPost, results.getJsonObject(1).getString("threadId"));
  }

  @Test
  @DisplayName("the search page shows results with the matches highlighted, and empty queries show a hint")
  void page() {
    Page found = new Browser().get(forum.base() + "/search?q=" + URLEncoder.encode("te giac", StandardCharsets.UTF_8));
    assertEquals(200, found.status());
    assertTrue(found.body().contains("href=\"/t/" + threadId), found.body());
    Page empty = new Browser().get(forum.base() + "/search");
    assertEquals(200, empty.status());
    Page hostile = new Browser().get(forum.base() + "/search?q=" + URLEncoder.encode("<script>x</script>",
        StandardCharsets.UTF_8));
    assertEquals(200, hostile.status());
    assertTrue(!hostile.body().contains("<script>x</script>"));
    assertEquals(0, search("").size());
  }

  @Test
  @DisplayName("an edited post is found by its new words, and a deleted post's text never shows in a snippet")
  void editsAndDeletes() throws Exception {
    String token = People.newMember();
    String secret = "bimat" + System.nanoTime();
    String fresh = "moituvung" + System.nanoTime();
    String thread = create(token, "field-reports", "Sửa rồi tìm", "Ban đầu có " + secret + " ở đây.");
    String postId = new JsonObject(forum.api().get("/api/v1/threads/" + thread).body())
        .getJsonArray("posts").getJsonObject(0).getString("id");
    assertEquals(200, forum.as(token).put("/api/v1/posts/" + postId,
        new JsonObject().put("body", "Bây giờ có " + fresh + ".").put("version", 1)).status());
    assertTrue(search(fresh).stream().map(JsonObject.class::cast)
        .anyMatch(result -> thread.equals(result.getString("threadId"))), "found by the edited text");
    assertEquals(200, forum.as(token).delete("/api/v1/posts/" + postId).status());
    assertTrue(search(fresh).stream().map(JsonObject.class::cast)
        .noneMatch(result -> result.getString("snippet").contains(fresh)), "no snippet from a deleted post");
  }

  @Test
  @DisplayName("words only in a hidden, deleted or edited-out post no longer find the thread; the words still"
      + " shown do")
  void removedTextIsForgotten() throws Exception {
    String moderator = People.token("moderator");
    String kept = "conlai" + System.nanoTime();
    String hiddenWord = "bian" + System.nanoTime();
    String deletedWord = "daxoa" + System.nanoTime();
    String editedWord = "dasua" + System.nanoTime();
    String thread = create(People.newMember(), "field-reports", "Ghi chép về " + kept, "Mở đầu " + kept + ".");
    String hidden = reply(People.newMember(), thread, "Số điện thoại người bán " + hiddenWord + ".");
    String deleter = People.newMember();
    String deleted = reply(deleter, thread, "Lỡ tay viết " + deletedWord + ".");
    String editor = People.newMember();
    String edited = reply(editor, thread, "Bản nháp có " + editedWord + ".");
    for (String word : List.of(kept, hiddenWord, deletedWord, editedWord)) {
      assertTrue(found(word, thread), word + " finds the thread while it is shown");
    }

    assertEquals(200, forum.as(moderator).post("/api/v1/posts/" + hidden + "/moderate",
        new JsonObject().put("action", "hide").put("reason", "Thông tin cá nhân")).status());
    assertEquals(200, forum.as(deleter).delete("/api/v1/posts/" + deleted).status());
    assertEquals(200, forum.as(editor).put("/api/v1/posts/" + edited,
        new JsonObject().put("body", "Bản cuối, đã bỏ chữ kia.").put("version", 1)).status());

    assertFalse(found(hiddenWord, thread), "a hidden post's words");
    assertFalse(found(deletedWord, thread), "a deleted post's words");
    assertFalse(found(editedWord, thread), "words edited out of a post");
    assertTrue(found(kept, thread), "the title and the posts still shown");
    assertTrue(found("ban cuoi " + kept, thread), "words of the edited post and of the title, together");

    assertEquals(200, forum.as(moderator).post("/api/v1/posts/" + hidden + "/moderate",
        new JsonObject().put("action", "show")).status());
    assertTrue(found(hiddenWord, thread), "a post shown again is found again");
  }

  @Test
  @DisplayName("a thread is found by words spread over its title and several of its posts")
  void wordsAcrossPosts() {
    String inTitle = "tieude" + System.nanoTime();
    String inFirst = "baidau" + System.nanoTime();
    String inReply = "traloi" + System.nanoTime();
    String thread = create(People.newMember(), "field-reports", "Về " + inTitle, "Có " + inFirst + ".");
    reply(People.newMember(), thread, "Thêm " + inReply + ".");
    assertTrue(found(inTitle + " " + inFirst + " " + inReply, thread));
    JsonObject result = search(inReply).stream().map(JsonObject.class::cast)
        .filter(r -> thread.equals(r.getString("threadId"))).findFirst().orElseThrow();
    assertTrue(result.getString("snippet").contains(inReply), result.encode());
    assertTrue(result.getString("url").contains("#post-"), "the link goes to the post: " + result.encode());
  }

  @Test
  @DisplayName("a moved thread's posts are found by who may read its new category, and no longer by who may read"
      + " only its old one")
  void movedThreadsPosts() {
    String moderator = People.token("moderator");
    String members = "noibo-" + System.nanoTime();
    assertEquals(201, forum.as(People.token("admin")).post("/api/v1/categories", new JsonObject().put("slug", members)
        .put("name", new JsonObject().put("vi", "Nội bộ").put("en", "Members only"))
        .put("visibility", "members")).status());
    String member = People.newMember();

    String outWord = "chuyendi" + System.nanoTime();
    String out = create(People.newMember(), "field-reports", "Chuyển đi", "Mở đầu.");
    reply(People.newMember(), out, "Ghi chép " + outWord + " ở đây.");
    assertTrue(found(outWord, out), "a guest finds it while it is public");
    move(moderator, out, members);
    assertFalse(found(outWord, out), "a guest no longer finds a post of a thread moved into a members' category");
    assertTrue(foundAs(member, outWord, out), "a member finds it in its new category");

    String inWord = "chuyenvao" + System.nanoTime();
    String in = create(People.newMember(), members, "Chuyển vào", "Mở đầu.");
    reply(People.newMember(), in, "Báo cáo " + inWord + ".");
    assertFalse(found(inWord, in), "a guest does not find what is in a members' category");
    move(moderator, in, "field-reports");
    assertTrue(found(inWord, in), "a guest finds a post of a thread moved out of a members' category");
  }

  private static void move(String moderator, String threadId, String category) {
    Page moved = forum.as(moderator).post("/api/v1/threads/" + threadId + "/moderate",
        new JsonObject().put("action", "move").put("category", category));
    assertEquals(200, moved.status(), moved.body());
  }

  private static boolean foundAs(String token, String query, String threadId) {
    Page answer = forum.as(token).get("/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    assertEquals(200, answer.status(), answer.body());
    return new JsonObject(answer.body()).getJsonArray("results").stream().map(JsonObject.class::cast)
        .anyMatch(result -> threadId.equals(result.getString("threadId")));
  }

  private static boolean found(String query, String threadId) {
    return search(query).stream().map(JsonObject.class::cast)
        .anyMatch(result -> threadId.equals(result.getString("threadId")));
  }

  private static String reply(String token, String threadId, String body) {
    Page created = forum.as(token).post("/api/v1/threads/" + threadId + "/posts", new JsonObject().put("body", body));
    assertEquals(201, created.status(), created.body());
    return new JsonObject(created.body()).getString("id");
  }

  private static JsonArray search(String query) {
    Page answer = forum.api().get("/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    assertEquals(200, answer.status(), answer.body());
    return new JsonObject(answer.body()).getJsonArray("results");
  }

  private static String create(String token, String category, String title, String body) {
    Page created = forum.as(token).post("/api/v1/threads", new JsonObject().put("category", category)
        .put("title", title).put("body", body));
    assertEquals(201, created.status(), created.body());
    return new JsonObject(created.body()).getString("id");
  }
}
