package vn.ngoforum.qa.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.TestServers;

/** After a session, its open questions go on in the forum. */
@ExtendWith(VertxExtension.class)
class QaToForumTest {

  @BeforeAll
  static void deploy(Vertx vertx) {
    ForumUnderTest.deploy(vertx, TestServers.get().forumConfig("qa-to-forum"));
  }

  @Test
  @DisplayName("a moderator carries the approved, unanswered questions into forum threads that link back, once")
  void carryIntoForum() {
    QaClient moderator = QaClient.as("moderator");
    String session = moderator.newSession("post", "public");
    String open = QaClient.as("member").ask(session, "Làm sao để cộng đồng góp ý dự thảo Luật Lâm nghiệp?")
        .getString("id");
    String answered = QaClient.as("attendee").ask(session, "Câu hỏi đã được trả lời").getString("id");
    moderator.moderate(answered, "answer");
    String hidden = QaClient.as("admin").ask(session, "Câu hỏi bị ẩn").getString("id");
    moderator.moderate(hidden, "hide");
    String path = "/api/v1/sessions/" + session + "/to-forum";

    assertEquals(403, QaClient.as("member").post(path, new JsonObject().put("category", "policy-and-law"))
        .status(), "only moderators");
    assertEquals(400, moderator.post(path, new JsonObject().put("category", "no-such-category")).status());
    assertEquals(400, moderator.post(path, new JsonObject()).status(), "the category is required");

    QaClient.Answer carried = moderator.post(path, new JsonObject().put("category", "policy-and-law"));
    assertEquals(200, carried.status(), carried.body());
    JsonArray created = carried.json().getJsonArray("created");
    assertEquals(1, created.size(), "only the approved, unanswered question: " + created.encode());
    assertEquals(open, created.getJsonObject(0).getString("questionId"));

    JsonObject thread = QaClient.anonymous().get("/api/v1/threads/" + created.getJsonObject(0).getString("threadId"))
        .json();
    assertTrue(thread.getString("title").startsWith("Làm sao để cộng đồng góp ý"), thread.getString("title"));
    String html = thread.getJsonArray("posts").getJsonObject(0).getString("html");
    assertTrue(html.contains("/qa/" + session), "the thread links back to the session: " + html);

    QaClient.Answer again = moderator.post(path, new JsonObject().put("category", "policy-and-law"));
    assertEquals(200, again.status());
    assertTrue(again.json().getJsonArray("created").isEmpty(), "a question is carried once");
  }
}
