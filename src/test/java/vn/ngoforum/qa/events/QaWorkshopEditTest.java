package vn.ngoforum.qa.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.TestForum;
import vn.ngoforum.support.TestServers;

/**
 * Moderators run a workshop's settings: edit and cancel an event, a session's speakers (with their registry
 * organisations), description, stream link and guests, the agenda's order, and delete only what is empty; in the API
 * and in plain pages alike.
 */
class QaWorkshopEditTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("qa-workshop-edit");
  private static final QaClient qa = QaClient.on(forum);
  private static String org;
  private static Browser moderator;
  private static Browser member;

  @BeforeAll
  static void setUp() {
    org = Api.json(qa.get("/api/v1/orgs")).getJsonArray("results").getJsonObject(0).getString("slug");
    moderator = new Browser();
    moderator.signIn(forum.base(), "moderator", TestServers.PASSWORD);
    member = new Browser();
    member.signIn(forum.base(), "member", TestServers.PASSWORD);
  }

  private static String eventOf(String session) {
    return Api.json(qa.get("/api/v1/sessions/" + session)).getString("eventId");
  }

  private static String addSession(String event, String title) {
    return Api.expect(201, qa.as("moderator").post("/api/v1/events/" + event + "/sessions",
        new JsonObject().put("title", title))).getString("id");
  }

  private static List<String> agenda(String event) {
    return Api.json(qa.get("/api/v1/events/" + event)).getJsonArray("sessions").stream()
        .map(s -> ((JsonObject) s).getString("id")).toList();
  }

  @Test
  @DisplayName("API: a session's speakers with registry organisations, description, https stream link and guests; "
      + "an unknown organisation, an http link, an unknown guests value and a non-moderator are refused")
  void sessionDetailsInApi() {
    QaClient mod = qa.as("moderator");
    String event = eventOf(mod.newSession("pre", "public"));
    JsonObject draft = new JsonObject().put("title", "Speakers")
        .put("speakers", new JsonArray().add("Lan | no-such-organisation-x"));
    Page unknown = mod.post("/api/v1/events/" + event + "/sessions", draft);
    assertEquals(400, unknown.status(), unknown.body());
    assertEquals("speakers", Api.json(unknown).getString("field", "speakers"));
    assertEquals(400, mod.post("/api/v1/events/" + event + "/sessions", new JsonObject().put("title", "Plain")
        .put("stream", "http://example.org/live")).status(), "http is not a stream link");

    String session = Api.expect(201, mod.post("/api/v1/events/" + event + "/sessions", new JsonObject()
        .put("title", "Speakers").put("speakers", new JsonArray().add("Lan | " + org).add("Minh"))
        .put("description", new JsonObject().put("vi", "Mô tả").put("en", "About"))
        .put("stream", "https://example.org/live"))).getString("id");
    JsonObject stored = Api.json(qa.get("/api/v1/sessions/" + session));
    assertEquals(new JsonArray().add(new JsonObject().put("name", "Lan").put("organisation", org))
        .add(new JsonObject().put("name", "Minh").putNull("organisation")), stored.getJsonArray("speakers"));
    assertEquals("About", stored.getJsonObject("description").getString("en"));
    assertEquals("https://example.org/live", stored.getString("stream"));
    assertEquals("off", stored.getString("guests"), "guests are off by default");

    Page changed = mod.patch("/api/v1/sessions/" + session, new JsonObject().put("guests", "ask-and-vote")
        .put("stream", "https://example.org/other"));
    assertEquals(200, changed.status(), changed.body());
    assertEquals("ask-and-vote", Api.json(changed).getString("guests"));
    assertEquals(400, mod.patch("/api/v1/sessions/" + session, new JsonObject().put("guests", "everyone")).status());
    assertEquals(400, mod.patch("/api/v1/sessions/" + session, new JsonObject()
        .put("stream", "javascript:alert(1)")).status());
    assertEquals(400, mod.patch("/api/v1/sessions/" + session, new JsonObject()
        .put("speakers", new JsonArray().add("Lan | not-registered-org"))).status());
    assertEquals(400, mod.patch("/api/v1/sessions/" + session, new JsonObject()
        .put("startsAt", "2026-09-29T10:00:00+07:00").put("endsAt", "2026-09-29T09:00:00+07:00")).status(),
        "an end before the start");
    assertEquals("https://example.org/other", Api.json(qa.get("/api/v1/sessions/" + session)).getString("stream"),
        "refused changes leave it as it was");
    assertEquals(403, qa.as("member").patch("/api/v1/sessions/" + session, new JsonObject().put("guests", "ask"))
        .status());
  }

  @Test
  @DisplayName("API: an event is described and cancelled (kept, shown as cancelled), its agenda reordered; a session "
      + "or event with questions is not deleted (409), an empty one is, and its join code goes with it")
  void cancelReorderDeleteInApi() {
    QaClient mod = qa.as("moderator");
    String first = mod.newSession("pre", "public");
    String event = eventOf(first);
    String second = addSession(event, "Second");
    String third = addSession(event, "Third");
    List<String> before = agenda(event);
    assertEquals(3, before.size());

    Page cancelled = mod.patch("/api/v1/events/" + event, new JsonObject().put("cancelled", true)
        .put("description", new JsonObject().put("vi", "Mô tả").put("en", "About it")));
    assertEquals(200, cancelled.status(), cancelled.body());
    JsonObject kept = Api.json(qa.get("/api/v1/events/" + event)).getJsonObject("event");
    assertTrue(kept.getBoolean("cancelled"));
    assertEquals("About it", kept.getJsonObject("description").getString("en"));
    assertTrue(new Browser().get(forum.base() + "/events/" + event).body().contains("qa-cancelled"),
        "the agenda page shows it cancelled");

    String last = before.get(2);
    Page moved = mod.post("/api/v1/sessions/" + last + "/move", new JsonObject().put("direction", "up"));
    assertEquals(200, moved.status(), moved.body());
    assertEquals(List.of(before.get(0), last, before.get(1)), agenda(event));
    mod.post("/api/v1/sessions/" + before.get(0) + "/move", new JsonObject().put("direction", "up"));
    assertEquals(List.of(before.get(0), last, before.get(1)), agenda(event), "the first stays first");
    assertEquals(400, mod.post("/api/v1/sessions/" + last + "/move", new JsonObject().put("direction", "left"))
        .status());
    assertEquals(403, qa.as("member").post("/api/v1/sessions/" + last + "/move",
        new JsonObject().put("direction", "up")).status());

    qa.as("member").ask(first, "Keep this session, please");
    Page full = mod.delete("/api/v1/sessions/" + first);
    assertEquals(409, full.status(), full.body());
    assertTrue(Api.json(full).getString("message").contains("questions or polls"));
    assertEquals(409, mod.delete("/api/v1/events/" + event).status(), "nor its event");
    assertEquals(403, qa.as("member").delete("/api/v1/sessions/" + second).status());

    String code = Api.json(qa.get("/api/v1/sessions/" + second)).getString("code");
    assertEquals(204, mod.delete("/api/v1/sessions/" + second).status());
    assertEquals(404, qa.get("/api/v1/sessions/" + second).status());
    assertEquals(404, new Browser().get(forum.base() + "/j/" + code).status(), "its join code is freed");
    assertEquals(List.of(first, third).stream().sorted().toList(), agenda(event).stream().sorted().toList());

    String empty = eventOf(mod.newSession("post", "public"));
    assertEquals(403, qa.as("member").delete("/api/v1/events/" + empty).status());
    assertEquals(204, mod.delete("/api/v1/events/" + empty).status());
    assertEquals(404, qa.get("/api/v1/events/" + empty).status());
  }

  @Test
  @DisplayName("pages: a moderator edits and cancels an event, edits a session's every setting, reorders and deletes;"
      + " bad input comes back on the form, a non-empty session is kept with a clear message, others get 403")
  void editInPages() {
    String base = forum.base();
    String session = qa.as("moderator").newSession("pre", "public");
    String event = eventOf(session);
    String other = addSession(event, "Other");

    assertEquals(403, member.get(base + "/events/" + event + "/edit").status());
    assertEquals(403, member.get(base + "/qa/" + session + "/edit").status());
    Page eventForm = moderator.get(base + "/events/" + event + "/edit");
    assertEquals(200, eventForm.status());
    assertTrue(eventForm.body().contains("value=\"Test workshop\""), "the form shows the event");
    assertTrue(eventForm.body().contains("value=\"2026-09-29T08:30\""), "in Hanoi time");
    Map<String, String> fields = new HashMap<>(Map.of("title_vi", "Hội thảo mới", "title_en", "New workshop",
        "place_vi", "Huế", "place_en", "Hue", "startsAt", "2026-10-02T08:00", "endsAt", "2026-10-02T07:00",
        "description_vi", "Về tê tê", "description_en", "About pangolins", "organisers", "CNREC"));
    Page early = qa.form(moderator, "/events/" + event + "/edit", fields);
    assertEquals(400, early.status());
    assertTrue(early.body().contains("Thời gian kết thúc không được trước"), early.body());
    assertTrue(early.body().contains("About pangolins"), "what was typed stays");
    fields.put("endsAt", "2026-10-02T17:00");
    assertEquals(302, qa.form(moderator, "/events/" + event + "/edit", fields).status());
    assertEquals(403, qa.form(member, "/events/" + event + "/edit", fields).status());
    JsonObject edited = Api.json(qa.get("/api/v1/events/" + event)).getJsonObject("event");
    assertEquals("New workshop", edited.getJsonObject("title").getString("en"));
    assertEquals("About pangolins", edited.getJsonObject("description").getString("en"));
    assertEquals(302, qa.form(moderator, "/events/" + event + "/cancel", Map.of("cancelled", "true")).status());
    assertTrue(moderator.get(base + "/events/" + event).body().contains("Đã hủy"), "shown as cancelled");

    Page sessionForm = moderator.get(base + "/qa/" + session + "/edit");
    assertEquals(200, sessionForm.status());
    assertTrue(sessionForm.body().contains("value=\"Q&amp;A session\""), sessionForm.body());
    Map<String, String> settings = new HashMap<>(Map.of("title_vi", "Phiên 1", "title_en", "Session 1",
        "speakers", "Nguyễn Văn A | no-such-org-here\r\nTrần Thị B", "startsAt", "2026-10-02T09:00",
        "endsAt", "2026-10-02T10:00", "description_vi", "Mô tả phiên", "description_en", "About the session",
        "stream", "https://example.org/live", "moderation", "post", "visibility", "public"));
    settings.put("guests", "ask");
    Page unknownOrg = qa.form(moderator, "/qa/" + session + "/edit", settings);
    assertEquals(400, unknownOrg.status());
    assertTrue(unknownOrg.body().contains("không có trong danh bạ"), unknownOrg.body());
    assertTrue(unknownOrg.body().contains("no-such-org-here"), "what was typed stays");
    settings.put("speakers", "Nguyễn Văn A | " + org + "\r\nTrần Thị B");
    settings.put("stream", "http://example.org/live");
    Page http = qa.form(moderator, "/qa/" + session + "/edit", settings);
    assertEquals(400, http.status());
    assertTrue(http.body().contains("phải là địa chỉ https://"));
    settings.put("stream", "https://example.org/live");
    settings.put("endsAt", "2026-10-02T08:00");
    assertEquals(400, qa.form(moderator, "/qa/" + session + "/edit", settings).status(), "an end before the start");
    settings.put("endsAt", "2026-10-02T10:00");
    Page saved = qa.form(moderator, "/qa/" + session + "/edit", settings);
    assertEquals(302, saved.status(), saved.body());
    assertEquals(403, qa.form(member, "/qa/" + session + "/edit", settings).status());
    JsonObject now = Api.json(qa.get("/api/v1/sessions/" + session));
    assertEquals("Session 1", now.getJsonObject("title").getString("en"));
    assertEquals(org, now.getJsonArray("speakers").getJsonObject(0).getString("organisation"));
    assertEquals("ask", now.getString("guests"));
    assertEquals("post", now.getString("moderation"));
    assertEquals("https://example.org/live", now.getString("stream"));

    List<String> order = agenda(event);
    String lower = order.get(1);
    Page agendaPage = moderator.get(base + "/events/" + event);
    assertTrue(agendaPage.body().contains("action=\"/qa/" + lower + "/move\""), "up/down buttons");
    assertFalse(member.get(base + "/events/" + event).body().contains("/move\""), "for moderators only");
    assertEquals(302, qa.form(moderator, "/qa/" + lower + "/move", Map.of("direction", "up")).status());
    assertEquals(List.of(lower, order.get(0)), agenda(event));
    assertEquals(403, qa.form(member, "/qa/" + lower + "/move", Map.of("direction", "down")).status());

    qa.as("member").ask(session, "A question that keeps the session");
    Page kept = qa.form(moderator, "/qa/" + session + "/delete", Map.of());
    assertEquals(409, kept.status());
    assertTrue(kept.body().contains("đã có câu hỏi hoặc bình chọn"), kept.body());
    assertEquals(403, qa.form(member, "/qa/" + other + "/delete", Map.of()).status());
    Page deleted = qa.form(moderator, "/qa/" + other + "/delete", Map.of());
    assertEquals(302, deleted.status());
    assertEquals(List.of(session), agenda(event));
    assertNull(Api.json(qa.get("/api/v1/events/" + event)).getJsonArray("sessions").stream()
        .filter(s -> other.equals(((JsonObject) s).getString("id"))).findFirst().orElse(null));
  }
}
