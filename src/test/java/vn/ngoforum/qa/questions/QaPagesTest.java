package vn.ngoforum.qa.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Browser;

/** The Q&amp;A pages work without JavaScript: reading, asking, voting and moderating with plain forms. */
class QaPagesTest {

  @RegisterExtension
  static final QaClient qa = QaClient.perClass("qa-pages");

  @Test
  @DisplayName("the home page links the 2022 workshop, whose page lists its two sessions with links to follow them")
  void eventAgenda() {
    Page home = new Browser().get(qa.forum().base() + "/");
    assertTrue(home.body().contains("href=\"/events/hanoi-2022-wildlife-trade\""), "home links the event");
    Page event = new Browser().get(qa.forum().base() + "/events/hanoi-2022-wildlife-trade");
    assertEquals(200, event.status());
    assertTrue(event.body().contains("href=\"/qa/hanoi-2022-wildlife-trade-topic-1\""));
    assertTrue(event.body().contains("href=\"/qa/hanoi-2022-wildlife-trade-topic-2\""));
    assertTrue(event.body().contains("Chủ đề 1"), "Vietnamese by default");
    assertEquals(404, new Browser().get(qa.forum().base() + "/events/no-such-event").status());
    assertEquals(404, new Browser().get(qa.forum().base() + "/qa/no-such-session").status());
  }

  @Test
  @DisplayName("an attendee asks with the page's form, sees it waiting for review, and the public sees it once approved")
  void askWithForm() {
    String session = qa.as("moderator").newSession("pre", "public");
    Browser member = qa.forum().signedIn("member");
    Page page = member.get(qa.forum().base() + "/qa/" + session);
    assertEquals(200, page.status());
    assertTrue(page.body().contains("action=\"/qa/" + session + "/ask\""), "the ask form is there");
    String csrf = member.cookie(qa.forum().base(), "XSRF-TOKEN").orElseThrow();

    Page refused = member.postForm(qa.forum().base() + "/qa/" + session + "/ask", Map.of("text", "Without token"));
    assertEquals(403, refused.status(), "a form without its CSRF token is refused");

    Page asked = member.postForm(qa.forum().base() + "/qa/" + session + "/ask",
        Map.of("text", "Tê tê có được bảo vệ <b>đầy đủ</b>?", "_csrf", csrf));
    assertEquals(302, asked.status(), asked.body());
    assertTrue(asked.header("location").orElseThrow().startsWith("/qa/" + session + "#q-"));
    Page mine = member.get(qa.forum().base() + "/qa/" + session);
    assertTrue(mine.body().contains("Tê tê có được bảo vệ &lt;b&gt;đầy đủ&lt;/b&gt;?"), "escaped, never raw HTML");
    assertTrue(mine.body().contains("<strong class=\"qa-badge\">đang chờ duyệt</strong>"),
        "marked as waiting for review");
    assertTrue(new Browser().get(qa.forum().base() + "/qa/"
        + session).body().contains("<strong data-count=\"pending\">1</strong>"),
        "everyone sees how many questions wait for review");
    Page visitor = new Browser().get(qa.forum().base() + "/qa/" + session);
    assertFalse(visitor.body().contains("Tê tê có được"), "pending questions are not shown to others");

    Browser moderator = qa.forum().signedIn("moderator");
    Page queue = moderator.get(qa.forum().base() + "/qa/" + session + "/moderate");
    assertEquals(200, queue.status());
    assertTrue(queue.body().contains("Tê tê có được"), "the moderator's queue shows it");
    String questionId = asked.header("location").orElseThrow().replaceFirst(".*#q-", "");
    Page approved = moderator.postForm(qa.forum().base() + "/qa/" + session + "/moderate/" + questionId,
        Map.of("action", "approve", "_csrf", moderator.cookie(qa.forum().base(), "XSRF-TOKEN").orElseThrow()));
    assertEquals(302, approved.status(), approved.body());
    assertTrue(new Browser().get(qa.forum().base() + "/qa/" + session).body().contains("Tê tê có được"));
    Page projector = new Browser().get(qa.forum().base() + "/qa/" + session + "/present");
    assertEquals(200, projector.status());
    assertTrue(projector.body().contains("Tê tê có được"));
    assertTrue(projector.body().contains("/qa/" + session + "</strong>"), "the join link in big letters");
  }

  @Test
  @DisplayName("an ask the person can fix shows the page again with what they typed and why, in their language")
  void askFormShowsWhatWentWrong() {
    String session = qa.as("moderator").newSession("pre", "public");
    Browser member = qa.forum().signedIn("member");
    member.get(qa.forum().base() + "/qa/" + session);
    String csrf = member.cookie(qa.forum().base(), "XSRF-TOKEN").orElseThrow();
    String ask = qa.forum().base() + "/qa/" + session + "/ask";

    Page empty = member.postForm(ask, Map.of("text", "", "_csrf", csrf));
    assertEquals(400, empty.status(), empty.body());
    assertTrue(empty.body().contains("id=\"qa-error\">Câu hỏi cần từ 1 đến "), "why, at the form");

    Page both = member.postForm(ask, Map.of("text", "Ẩn danh mà thay mặt?", "anonymous", "true",
        "organisation", "no-such-org", "_csrf", csrf));
    assertEquals(400, both.status(), both.body());
    assertTrue(both.body().contains("Câu hỏi ẩn danh không thể được gửi thay mặt một tổ chức."), both.body());
    assertTrue(both.body().contains(">Ẩn danh mà thay mặt?</textarea>"), "what they typed is still there");
    assertTrue(both.body().contains("name=\"anonymous\" value=\"true\" checked"), "and the box they ticked");

    Page stranger = member.postForm(ask, Map.of("text", "Thay mặt ai?", "organisation", "no-such-org",
        "_csrf", csrf));
    assertEquals(403, stranger.status(), stranger.body());
    assertTrue(stranger.body().contains("Bạn chỉ có thể hỏi thay mặt một tổ chức đã được xác minh"), stranger.body());
    assertTrue(stranger.body().contains(">Thay mặt ai?</textarea>"));

    assertEquals(200, qa.as("moderator").post("/api/v1/sessions/" + session + "/qa",
        new JsonObject().put("open", false)).status());
    Page closed = member.postForm(ask, Map.of("text", "Còn mở không?", "_csrf", csrf));
    assertEquals(409, closed.status(), closed.body());
    assertTrue(closed.body().contains("Phiên này đã đóng nhận câu hỏi."), closed.body());
  }

  @Test
  @DisplayName("voting with the page's button counts once and the button then offers to withdraw")
  void voteWithForm() {
    String session = qa.as("moderator").newSession("post", "public");
    String id = qa.as("attendee").askId(session, "Vote for me");
    Browser member = qa.forum().signedIn("member");
    member.get(qa.forum().base() + "/qa/" + session);
    String csrf = member.cookie(qa.forum().base(), "XSRF-TOKEN").orElseThrow();
    assertEquals(302, member.postForm(qa.forum().base() + "/qa/" + session + "/vote/" + id, Map.of("_csrf", csrf)).status());
    assertEquals(302, member.postForm(qa.forum().base() + "/qa/" + session + "/vote/" + id, Map.of("_csrf", csrf)).status());
    JsonObject seen = QaClient.byId(qa.questions(session, null).getJsonArray("questions"), id);
    assertEquals(1, seen.getInteger("votes"));
    assertTrue(member.get(qa.forum().base() + "/qa/" + session).body().contains("name=\"vote\" value=\"withdraw\""));
    assertEquals(302, member.postForm(qa.forum().base() + "/qa/" + session + "/vote/" + id,
        Map.of("_csrf", csrf, "vote", "withdraw")).status());
    assertEquals(0, QaClient.byId(qa.questions(session, null).getJsonArray("questions"), id)
        .getInteger("votes"));
  }

  @Test
  @DisplayName("a moderator closes and reopens a session's questions from the moderator page")
  void closeAndReopen() {
    String session = qa.as("moderator").newSession("pre", "public");
    Browser moderator = qa.forum().signedIn("moderator");
    assertTrue(moderator.get(qa.forum().base() + "/qa/" + session
        + "/moderate").body().contains("name=\"open\" value=\"false\""));
    String csrf = moderator.cookie(qa.forum().base(), "XSRF-TOKEN").orElseThrow();
    assertEquals(302, moderator.postForm(qa.forum().base() + "/qa/" + session + "/open", Map.of("open", "false", "_csrf",
        csrf))
        .status());
    assertEquals(409, qa.as("member").post("/api/v1/sessions/" + session + "/questions",
        new JsonObject().put("text", "Still open?")).status(), "closed: nothing more can be asked");
    assertTrue(new Browser().get(qa.forum().base() + "/qa/" + session).body().contains("Phiên này đã đóng nhận câu hỏi."));
    assertEquals(302, moderator.postForm(qa.forum().base() + "/qa/" + session + "/open", Map.of("open", "true", "_csrf",
        csrf))
        .status());
    qa.as("member").ask(session, "Open again");
  }

  @Test
  @DisplayName("the moderator page is for moderators: visitors are sent to sign in, members are refused")
  void moderatorPageGuarded() {
    String session = qa.as("moderator").newSession("pre", "public");
    Page visitor = new Browser().get(qa.forum().base() + "/qa/" + session + "/moderate");
    assertEquals(302, visitor.status());
    assertTrue(visitor.header("location").orElseThrow().startsWith("/login"));
    Browser member = qa.forum().signedIn("member");
    assertEquals(403, member.get(qa.forum().base() + "/qa/" + session + "/moderate").status());
  }

  @Test
  @DisplayName("the attendee page speaks English when the person chooses it")
  void english() {
    String session = qa.as("moderator").newSession("pre", "public");
    Browser visitor = new Browser();
    visitor.open(qa.forum().base() + "/lang/en?next=/qa/" + session);
    Page page = visitor.get(qa.forum().base() + "/qa/" + session);
    assertTrue(page.body().contains("Ask a question"), "English UI text");
    assertTrue(page.body().contains("Sign in to ask and vote"));
  }
}
