package vn.ngoforum.qa.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.BridgeClient;

/** Askers own their questions (issue 16, point 5): they edit one while it waits for review, withdraw it any time. */
class QaOwnQuestionsTest {

  /** The forum of this class; "attendee" asks, "member" is somebody else. */
  @RegisterExtension
  static final QaClient qa = QaClient.perClass("qa-own-questions");

  private static JsonObject moderatorsView(String session, String id) {
    return QaClient.byId(qa.as("moderator").questions(session, null).getJsonArray("questions"), id);
  }

  @Test
  @DisplayName("the asker edits a pending question; anyone else gets 403; once approved, editing is 409")
  void editWhilePending() {
    String session = qa.as("moderator").newSession("pre", "public");
    String id = qa.as("attendee").askId(session, "Có bao nhiêu cơ sở nuôi gấu?");
    Page edited = qa.as("attendee").patch("/api/v1/questions/" + id,
        new JsonObject().put("text", "Có bao nhiêu cơ sở nuôi gấu ở Việt Nam?"));
    assertEquals(200, edited.status(), edited.body());
    assertEquals("Có bao nhiêu cơ sở nuôi gấu ở Việt Nam?", moderatorsView(session, id).getString("text"),
        "moderators review the new text");
    assertEquals(403, qa.as("member").patch("/api/v1/questions/" + id, new JsonObject().put("text", "Của tôi"))
        .status(), "someone else's question");
    assertEquals(403, qa.as("moderator").patch("/api/v1/questions/" + id, new JsonObject().put("text", "Sửa"))
        .status(), "a moderator edits through moderation, not as the asker");
    assertEquals(400, qa.as("attendee").patch("/api/v1/questions/" + id, new JsonObject().put("text", ""))
        .status(), "an empty text");
    assertEquals(404, qa.as("attendee").patch("/api/v1/questions/nope", new JsonObject().put("text", "x"))
        .status());
    qa.as("moderator").moderate(id, "approve");
    Page late = qa.as("attendee").patch("/api/v1/questions/" + id, new JsonObject().put("text", "Đổi sau khi duyệt"));
    assertEquals(409, late.status(), late.body());
    assertEquals("Có bao nhiêu cơ sở nuôi gấu ở Việt Nam?", moderatorsView(session, id).getString("text"));
  }

  @Test
  @DisplayName("the asker withdraws a public question: the room sees it go, the export leaves it out; others get 403")
  void withdraw() {
    String session = qa.as("moderator").newSession("post", "public");
    String id = qa.as("attendee").askId(session, "Câu hỏi sẽ được rút lại");
    assertEquals(403, qa.as("member").delete("/api/v1/questions/" + id).status(), "someone else's question");
    try (BridgeClient room = qa.room(session)) {
      Page withdrawn = qa.as("attendee").delete("/api/v1/questions/" + id);
      assertEquals(200, withdrawn.status(), withdrawn.body());
      JsonObject gone = QaClient.nextQuestion(room, id);
      assertNotNull(gone, "the room hears it is gone");
      assertEquals("withdrawn", gone.getString("status"));
      assertFalse(gone.containsKey("text"), "without its text: " + gone.encode());
    }
    assertEquals(200, qa.as("attendee").delete("/api/v1/questions/" + id).status(), "withdrawing again is harmless");
    JsonObject visitor = QaClient.byId(qa.questions(session, 0L).getJsonArray("questions"), id);
    assertFalse(visitor != null && visitor.containsKey("text"), "a catching-up page learns it is gone");
    assertFalse(new Browser().get(qa.forum().base() + "/qa/" + session).body().contains("Câu hỏi sẽ được rút lại"));
    assertFalse(qa.as("moderator").get("/api/v1/sessions/" + session + "/export?format=csv").body()
        .contains("Câu hỏi sẽ được rút lại"), "not in the export");
    assertEquals(409, qa.as("moderator").post("/api/v1/questions/" + id + "/moderate",
        new JsonObject().put("action", "approve")).status(), "moderators cannot bring it back");
  }

  @Test
  @DisplayName("the session page offers the asker plain forms to edit and withdraw; another person's post is refused")
  void plainForms() {
    String session = qa.as("moderator").newSession("pre", "public");
    Browser attendee = qa.forum().signedIn("attendee");
    Page asked = attendee.postForm(qa.forum().base() + "/qa/" + session + "/ask",
        Map.of("text", "Hỏi qua biểu mẫu", "_csrf", csrf(attendee)));
    assertEquals(302, asked.status(), asked.body());
    String id = asked.header("location").orElseThrow().replaceFirst(".*#q-", "");
    String page = attendee.get(qa.forum().base() + "/qa/" + session).body();
    assertTrue(page.contains("/qa/" + session + "/mine/" + id + "/edit"), "an edit form for the asker");
    assertTrue(page.contains("Rút câu hỏi"), "and a withdraw button, in Vietnamese");
    Browser member = qa.forum().signedIn("member");
    assertFalse(member.get(qa.forum().base() + "/qa/" + session).body().contains("/mine/" + id),
        "nobody else is offered them");
    assertEquals(403, member.postForm(qa.forum().base() + "/qa/" + session + "/mine/" + id + "/edit",
        Map.of("text", "Không phải của tôi", "_csrf", csrf(member))).status());
    assertEquals(302, attendee.postForm(qa.forum().base() + "/qa/" + session + "/mine/" + id + "/edit",
        Map.of("text", "Hỏi qua biểu mẫu, đã sửa", "_csrf", csrf(attendee))).status());
    assertEquals("Hỏi qua biểu mẫu, đã sửa", moderatorsView(session, id).getString("text"));
    assertEquals(302, attendee.postForm(qa.forum().base() + "/qa/" + session + "/mine/" + id + "/withdraw",
        Map.of("_csrf", csrf(attendee))).status());
    assertEquals("withdrawn", Api.json(qa.as("moderator").get("/api/v1/sessions/" + session + "/questions?since=0"))
        .getJsonArray("questions").stream().map(JsonObject.class::cast).filter(q -> id.equals(q.getString("id")))
        .findFirst().orElseThrow().getString("status"));
  }

  private static String csrf(Browser browser) {
    return browser.cookie(qa.forum().base(), "XSRF-TOKEN").orElseThrow();
  }
}
