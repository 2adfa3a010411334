package vn.ngoforum.qa.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.TestForum;

/** Moderators create workshops and their sessions in pages, with plain forms; bad input comes back on the form. */
class QaEventPagesTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("qa-event-pages");
  private static final QaClient qa = QaClient.on(forum);

  private static Page post(Browser browser, String path, Map<String, String> fields) {
    Map<String, String> form = new HashMap<>(fields);
    form.put("_csrf", browser.cookie(forum.base(), "XSRF-TOKEN").orElseThrow());
    return browser.postForm(forum.base() + path, form);
  }

  private static Instant instant(JsonObject json, String field) {
    return Instant.parse(json.getJsonObject(field).getString("$date"));
  }

  @Test
  @DisplayName("a moderator creates a workshop and a session in the pages, in Hanoi time; an end before the start, a "
      + "time that is not one or no title come back on the form with what was typed")
  void createEventAndSessionInPages() {
    String base = forum.base();
    Browser moderator = Browser.signedIn(base, "moderator");
    Browser member = Browser.signedIn(base, "member");
    assertEquals(403, member.get(base + "/events/new").status(), "moderators only");
    assertTrue(moderator.get(base + "/").body().contains("href=\"/events/new\""), "the home page links the form");
    Page form = moderator.get(base + "/events/new");
    assertEquals(200, form.status());
    assertTrue(form.body().contains("action=\"/events/new\""));

    Map<String, String> event = new HashMap<>(Map.of("title_vi", "Hội thảo buôn bán tê tê",
        "title_en", "Pangolin trade workshop", "place_vi", "Hà Nội", "place_en", "Hanoi",
        "startsAt", "2026-10-01T08:30", "endsAt", "2026-10-01T07:00", "organisers", "CNREC\r\nWWF Vietnam\r\n"));
    Page tooEarly = post(moderator, "/events/new", event);
    assertEquals(400, tooEarly.status());
    assertTrue(tooEarly.body().contains("Thời gian kết thúc không được trước thời gian bắt đầu"), tooEarly.body());
    assertTrue(tooEarly.body().contains("value=\"Pangolin trade workshop\""), "what was typed stays");
    event.put("endsAt", "2026-10-01T17:00");
    Page untitled = post(moderator, "/events/new", Map.of("startsAt", "2026-10-01T08:30",
        "endsAt", "2026-10-01T17:00"));
    assertEquals(400, untitled.status());
    assertTrue(untitled.body().contains("Hãy nhập tiêu đề"));
    assertEquals(403, post(member, "/events/new", event).status());

    Page created = post(moderator, "/events/new", event);
    assertEquals(302, created.status(), created.body());
    String eventId = created.header("location").orElseThrow().replace("/events/", "");
    JsonObject stored = Api.json(qa.get("/api/v1/events/" + eventId)).getJsonObject("event");
    assertEquals("Pangolin trade workshop", stored.getJsonObject("title").getString("en"));
    assertEquals(Instant.parse("2026-10-01T01:30:00Z"), instant(stored, "startsAt"), "typed in Hanoi time");
    assertEquals(new JsonArray().add("CNREC").add("WWF Vietnam"), stored.getJsonArray("organisers"));
    assertTrue(moderator.get(base + "/events/" + eventId).body()
        .contains("href=\"/events/" + eventId + "/sessions/new\""), "the agenda links the session form");

    String sessionPath = "/events/" + eventId + "/sessions/new";
    assertEquals(200, moderator.get(base + sessionPath).status());
    assertEquals(404, moderator.get(base + "/events/no-such-event/sessions/new").status());
    Map<String, String> session = new HashMap<>(Map.of("title_vi", "Phiên 1", "title_en", "Session 1",
        "speakers", "Nguyễn Văn A\r\nTrần Thị B", "startsAt", "2026-10-01T09:00", "endsAt", "2026-10-01T08:00",
        "moderation", "post", "visibility", "public"));
    Page sessionTooEarly = post(moderator, sessionPath, session);
    assertEquals(400, sessionTooEarly.status());
    assertTrue(sessionTooEarly.body().contains("Thời gian kết thúc không được trước"));
    assertTrue(sessionTooEarly.body().contains("<option value=\"post\" selected>"), "the choice stays");
    session.put("endsAt", "tomorrow");
    Page notATime = post(moderator, sessionPath, session);
    assertEquals(400, notATime.status());
    assertTrue(notATime.body().contains("Hãy nhập ngày và giờ"));
    session.put("endsAt", "2026-10-01T10:30");
    Page added = post(moderator, sessionPath, session);
    assertEquals(302, added.status(), added.body());
    String sessionId = added.header("location").orElseThrow().replaceAll("^/qa/|/moderate$", "");
    JsonObject agenda = Api.json(qa.get("/api/v1/events/" + eventId));
    JsonObject listed = agenda.getJsonArray("sessions").getJsonObject(0);
    assertEquals(sessionId, listed.getString("id"), "listed in its event");
    assertEquals(new JsonArray().add(new JsonObject().put("name", "Nguyễn Văn A").putNull("organisation"))
        .add(new JsonObject().put("name", "Trần Thị B").putNull("organisation")), listed.getJsonArray("speakers"));
    assertEquals("post", listed.getString("moderation"));
    assertEquals(Instant.parse("2026-10-01T03:30:00Z"), instant(listed, "endsAt"));
    assertTrue(listed.getString("code").matches("\\d{6}"), "with its join code");
  }

  @Test
  @DisplayName("the API refuses a session that ends before it starts")
  void apiRefusesSessionEndingEarly() {
    String eventId = Api.json(qa.get("/api/v1/sessions/" + qa.as("moderator").newSession("pre", "public")))
        .getString("eventId");
    Page refused = qa.as("moderator").post("/api/v1/events/" + eventId + "/sessions", new JsonObject()
        .put("title", "Backwards").put("startsAt", "2026-09-29T10:00:00+07:00")
        .put("endsAt", "2026-09-29T09:00:00+07:00"));
    assertEquals(400, refused.status(), refused.body());
    assertEquals(1, Api.json(qa.get("/api/v1/events/" + eventId)).getJsonArray("sessions").size(),
        "nothing was added");
  }
}
