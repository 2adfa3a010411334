package vn.ngoforum.qa.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.TestServers;

/** Moderators change events and sessions after creating them. */
@ExtendWith(VertxExtension.class)
class QaEditTest {

  @BeforeAll
  static void deploy(Vertx vertx) {
    ForumUnderTest.deploy(vertx, TestServers.get().forumConfig("qa-edit"));
  }

  private static QaClient.Answer patch(String who, String path, JsonObject body) {
    return QaClient.as(who).patch(path, body);
  }

  @Test
  @DisplayName("a moderator changes an event's title and dates and a session's title, moderation and visibility")
  void editEventAndSession() {
    QaClient moderator = QaClient.as("moderator");
    String session = moderator.newSession("pre", "public");
    String event = moderator.get("/api/v1/sessions/" + session).json().getString("eventId");

    QaClient.Answer edited = patch("moderator", "/api/v1/events/" + event, new JsonObject()
        .put("title", new JsonObject().put("vi", "Hội thảo đã đổi tên").put("en", "Renamed workshop"))
        .put("endsAt", "2026-09-30T17:00:00+07:00"));
    assertEquals(200, edited.status(), edited.body());
    JsonObject agenda = QaClient.anonymous().get("/api/v1/events/" + event).json().getJsonObject("event");
    assertEquals("Renamed workshop", agenda.getJsonObject("title").getString("en"));
    assertEquals(400, patch("moderator", "/api/v1/events/" + event, new JsonObject()
        .put("endsAt", "2020-01-01T00:00:00+07:00")).status(), "an event cannot end before it starts");
    assertEquals(400, patch("moderator", "/api/v1/events/" + event, new JsonObject()).status(), "nothing to change");
    assertEquals(403, patch("member", "/api/v1/events/" + event, new JsonObject().put("title", "Mine")).status());
    assertEquals(404, patch("moderator", "/api/v1/events/no-such-event", new JsonObject().put("title", "X"))
        .status());

    long before = moderator.get("/api/v1/sessions/" + session).json().getLong("seq");
    QaClient.Answer changed = patch("moderator", "/api/v1/sessions/" + session, new JsonObject()
        .put("title", "Phiên mới").put("moderation", "post").put("visibility", "members")
        .put("startsAt", "2026-09-29T09:00:00+07:00").put("endsAt", "2026-09-29T10:00:00+07:00"));
    assertEquals(200, changed.status(), changed.body());
    assertEquals("post", changed.json().getString("moderation"));
    assertEquals("members", changed.json().getString("visibility"));
    assertTrue(changed.json().getLong("seq") > before, "the change takes a seq");
    assertEquals(401, QaClient.anonymous().get("/api/v1/sessions/" + session).status(),
        "a members-only session is no longer open to visitors");
    assertEquals("approved", QaClient.as("member").ask(session, "Appears at once now").getString("status"),
        "post-moderation applies to new questions");
    assertEquals(400, patch("moderator", "/api/v1/sessions/" + session, new JsonObject()
        .put("moderation", "sometimes")).status());
    assertEquals(403, patch("attendee", "/api/v1/sessions/" + session, new JsonObject().put("title", "X")).status());
  }

  @Test
  @DisplayName("without JavaScript a moderator edits the session from the moderation page")
  void editSessionWithForm() {
    String session = QaClient.as("moderator").newSession("pre", "public");
    String base = TestServers.get().forumUrl();
    Browser moderator = new Browser();
    moderator.signIn(base, "moderator", TestServers.PASSWORD);
    assertTrue(moderator.get(base + "/qa/" + session + "/moderate").body()
        .contains("action=\"/qa/" + session + "/edit\""));
    Browser.Page saved = moderator.postForm(base + "/qa/" + session + "/edit", Map.of("title_vi", "Tên mới",
        "title_en", "New name", "moderation", "post", "visibility", "public",
        "_csrf", moderator.cookie(base, "XSRF-TOKEN").orElseThrow()));
    assertEquals(302, saved.status(), saved.body());
    JsonObject now = QaClient.anonymous().get("/api/v1/sessions/" + session).json();
    assertEquals("New name", now.getJsonObject("title").getString("en"));
    assertEquals("post", now.getString("moderation"));
  }
}
