package vn.ngoforum.qa.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.TestForum;

/** Moderators change events and sessions after creating them. */
class QaEditTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("qa-edit");
  private static final QaClient qa = QaClient.on(forum);

  private static Page patch(String who, String path, JsonObject body) {
    return qa.as(who).patch(path, body);
  }

  @Test
  @DisplayName("a moderator changes an event's title and dates and a session's title, moderation and visibility")
  void editEventAndSession() {
    QaClient moderator = qa.as("moderator");
    String session = moderator.newSession("pre", "public");
    String event = Api.json(moderator.get("/api/v1/sessions/" + session)).getString("eventId");

    Page edited = patch("moderator", "/api/v1/events/" + event, new JsonObject()
        .put("title", new JsonObject().put("vi", "Hội thảo đã đổi tên").put("en", "Renamed workshop"))
        .put("endsAt", "2026-09-30T17:00:00+07:00"));
    assertEquals(200, edited.status(), edited.body());
    JsonObject agenda = Api.json(qa.get("/api/v1/events/" + event)).getJsonObject("event");
    assertEquals("Renamed workshop", agenda.getJsonObject("title").getString("en"));
    assertEquals(400, patch("moderator", "/api/v1/events/" + event, new JsonObject()
        .put("endsAt", "2020-01-01T00:00:00+07:00")).status(), "an event cannot end before it starts");
    assertEquals(400, patch("moderator", "/api/v1/events/" + event, new JsonObject()).status(), "nothing to change");
    assertEquals(403, patch("member", "/api/v1/events/" + event, new JsonObject().put("title", "Mine")).status());
    assertEquals(404, patch("moderator", "/api/v1/events/no-such-event", new JsonObject().put("title", "X"))
        .status());

    long before = Api.json(moderator.get("/api/v1/sessions/" + session)).getLong("seq");
    Page changed = patch("moderator", "/api/v1/sessions/" + session, new JsonObject()
        .put("title", "Phiên mới").put("moderation", "post").put("visibility", "members")
        .put("startsAt", "2026-09-29T09:00:00+07:00").put("endsAt", "2026-09-29T10:00:00+07:00"));
    assertEquals(200, changed.status(), changed.body());
    assertEquals("post", Api.json(changed).getString("moderation"));
    assertEquals("members", Api.json(changed).getString("visibility"));
    assertTrue(Api.json(changed).getLong("seq") > before, "the change takes a seq");
    assertEquals(401, qa.get("/api/v1/sessions/" + session).status(),
        "a members-only session is no longer open to visitors");
    assertEquals("approved", qa.as("member").ask(session, "Appears at once now").getString("status"),
        "post-moderation applies to new questions");
    assertEquals(400, patch("moderator", "/api/v1/sessions/" + session, new JsonObject()
        .put("moderation", "sometimes")).status());
    assertEquals(403, patch("attendee", "/api/v1/sessions/" + session, new JsonObject().put("title", "X")).status());
  }

  @Test
  @DisplayName("without JavaScript a moderator edits the session from the moderation page")
  void editSessionWithForm() {
    String session = qa.as("moderator").newSession("pre", "public");
    String base = forum.base();
    Browser moderator = Browser.signedIn(base, "moderator");
    assertTrue(moderator.get(base + "/qa/" + session + "/moderate").body()
        .contains("action=\"/qa/" + session + "/edit\""));
    Browser.Page saved = moderator.postForm(base + "/qa/" + session + "/edit", Map.of("title_vi", "Tên mới",
        "title_en", "New name", "moderation", "post", "visibility", "public",
        "_csrf", moderator.cookie(base, "XSRF-TOKEN").orElseThrow()));
    assertEquals(302, saved.status(), saved.body());
    JsonObject now = Api.json(qa.get("/api/v1/sessions/" + session));
    assertEquals("New name", now.getJsonObject("title").getString("en"));
    assertEquals("post", now.getString("moderation"));
  }
}
