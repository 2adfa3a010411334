package vn.ngoforum.qa.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser.Page;

/** After a session, its open questions go on in the qa.forum(). */
class QaToForumTest {

  @RegisterExtension
  static final QaClient qa = QaClient.perClass("qa-to-forum");

  @Test
  @DisplayName("a moderator carries the approved, unanswered questions into forum threads that link back, once")
  void carryIntoForum() {
    QaClient moderator = qa.as("moderator");
    String session = moderator.newSession("post", "public");
    String open = qa.as("member").ask(session, "Làm sao để cộng đồng góp ý dự thảo Luật Lâm nghiệp?")
        .getString("id");
    String answered = qa.as("attendee").askId(session, "Câu hỏi đã được trả lời");
    moderator.moderate(answered, "answer");
    String hidden = qa.as("admin").askId(session, "Câu hỏi bị ẩn");
    moderator.moderate(hidden, "hide");
    String path = "/api/v1/sessions/" + session + "/to-forum";

    assertEquals(403, qa.as("member").post(path, new JsonObject().put("category", "policy-and-law"))
        .status(), "only moderators");
    assertEquals(400, moderator.post(path, new JsonObject().put("category", "no-such-category")).status());
    assertEquals(400, moderator.post(path, new JsonObject()).status(), "the category is required");

    Page carried = moderator.post(path, new JsonObject().put("category", "policy-and-law"));
    assertEquals(200, carried.status(), carried.body());
    JsonArray created = Api.json(carried).getJsonArray("created");
    assertEquals(1, created.size(), "only the approved, unanswered question: " + created.encode());
    assertEquals(open, created.getJsonObject(0).getString("questionId"));

    JsonObject thread = Api.json(qa.get("/api/v1/threads/" + created.getJsonObject(0).getString("threadId")));
    assertTrue(thread.getString("title").startsWith("Làm sao để cộng đồng góp ý"), thread.getString("title"));
    String html = thread.getJsonArray("posts").getJsonObject(0).getString("html");
    assertTrue(html.contains("/qa/" + session), "the thread links back to the session: " + html);

    Page again = moderator.post(path, new JsonObject().put("category", "policy-and-law"));
    assertEquals(200, again.status());
    assertTrue(Api.json(again).getJsonArray("created").isEmpty(), "a question is carried once");
  }
}
