package vn.ngoforum.qa.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser.Page;

/** Per-person limits on asking and voting: 429 with Retry-After, and nothing stored beyond the limit. */
class QaLimitsTest {

  @RegisterExtension
  static final QaClient qa = QaClient.perClass("qa-limits");

  @Test
  @DisplayName("a person asking too fast gets 429 with Retry-After and the extra question is not stored")
  void askLimit() {
    String session = qa.as("moderator").newSession("pre", "public");
    QaClient member = qa.as("member");
    Page last = null;
    int stored = 0;
    for (int i = 0; i < 30 && (last == null || last.status() == 201); i++) {
      last = member.post("/api/v1/sessions/" + session + "/questions", new JsonObject().put("text", "Question " + i));
      if (last.status() == 201) {
        stored++;
      }
    }
    assertEquals(429, last.status(), last.body());
    assertEquals("too_many_requests", Api.json(last).getString("error"));
    assertTrue(last.header("retry-after").isPresent());
    assertTrue(Integer.parseInt(last.header("retry-after").orElseThrow()) >= 1);
    assertEquals(stored, qa.as("moderator").questions(session, null).getJsonArray("questions").size());
  }

  @Test
  @DisplayName("a person voting too fast gets 429 with Retry-After")
  void voteLimit() {
    String session = qa.as("moderator").newSession("post", "public");
    String id = qa.as("attendee").askId(session, "Popular");
    QaClient admin = qa.as("admin");
    Page last = null;
    for (int i = 0; i < 400 && (last == null || last.status() == 200); i++) {
      last = i % 2 == 0 ? admin.post("/api/v1/questions/" + id + "/vote")
          : admin.delete("/api/v1/questions/" + id + "/vote");
    }
    assertEquals(429, last.status(), last.body());
    assertTrue(last.header("retry-after").isPresent());
  }
}
