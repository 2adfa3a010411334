package vn.ngoforum.qa.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser.Page;

/** The Q&amp;A API from outside: events, sessions, asking, what each person sees, votes, moderation, export. */
class QaApiTest {

  @RegisterExtension
  static final QaClient qa = QaClient.perClass("qa-api");

  @Test
  @DisplayName("a moderator may fix a question's text while approving it; the original stays in the audit log")
  void editThenApprove() {
    String session = qa.as("moderator").newSession("pre", "public");
    String id = qa.as("attendee").ask(session, "Trader Nguyen Van A in Hanoi sells pangolin scales")
        .getString("id");
    Page approved = qa.as("moderator").post("/api/v1/questions/" + id + "/moderate", new JsonObject()
        .put("action", "approve").put("text", "A trader in Hanoi sells pangolin scales"));
    assertEquals(200, approved.status(), approved.body());
    JsonObject seen = QaClient.byId(qa.questions(session, null).getJsonArray("questions"), id);
    assertEquals("A trader in Hanoi sells pangolin scales", seen.getString("text"));
    java.util.List<JsonObject> entries = qa.audit("question", id);
    assertEquals(1, entries.size(), entries.toString());
    assertEquals("question.approve", entries.get(0).getString("action"));
    assertEquals("moderator", entries.get(0).getJsonObject("actor").getString("username"));
    assertEquals("Trader Nguyen Van A in Hanoi sells pangolin scales",
        entries.get(0).getJsonObject("details").getString("originalText"));
  }

  @Test
  @DisplayName("only moderators create events and sessions; others get 401 or 403 and nothing is created")
  void creatingIsForModerators() {
    JsonObject event = new JsonObject().put("title", "Workshop").put("startsAt", "2026-09-29T08:30:00+07:00")
        .put("endsAt", "2026-09-29T17:00:00+07:00");
    // Without a token or session the call is anonymous: 401, before the role check.
    assertEquals(401, qa.post("/api/v1/events", event).status());
    assertEquals(403, qa.as("member").post("/api/v1/events", event).status());
    Page created = qa.as("moderator").post("/api/v1/events", event);
    assertEquals(201, created.status(), created.body());
    String eventId = Api.json(created).getString("id");
    JsonObject session = new JsonObject().put("title", "Topic").put("moderation", "pre").put("visibility", "public");
    assertEquals(403, qa.as("member").post("/api/v1/events/" + eventId + "/sessions", session).status());
    assertEquals(404, qa.as("moderator").post("/api/v1/events/nope/sessions", session).status());
    assertEquals(400, qa.as("moderator").post("/api/v1/events/" + eventId + "/sessions",
        session.copy().put("moderation", "later")).status());
    Page added = qa.as("moderator").post("/api/v1/events/" + eventId + "/sessions", session);
    assertEquals(201, added.status(), added.body());
    JsonObject agenda = Api.json(qa.get("/api/v1/events/" + eventId));
    assertEquals(1, agenda.getJsonArray("sessions").size(), "only the moderator's session exists");
    assertEquals(Api.json(added).getString("id"), agenda.getJsonArray("sessions").getJsonObject(0).getString("id"));
  }

  @Test
  @DisplayName("in a pre-moderated session, a question is seen by its asker and moderators until it is approved")
  void pendingVisibility() {
    String session = qa.as("moderator").newSession("pre", "public");
    JsonObject asked = qa.as("member").ask(session, "Xử lý thế nào với buôn bán tê tê qua mạng?");
    assertEquals("pending", asked.getString("status"));
    assertTrue(asked.getLong("seq") > 0);
    String id = asked.getString("id");

    assertNull(QaClient.byId(qa.questions(session, null).getJsonArray("questions"), id));
    assertNull(QaClient.byId(qa.as("attendee").questions(session, null).getJsonArray("questions"), id));
    JsonObject own = QaClient.byId(qa.as("member").questions(session, null).getJsonArray("questions"), id);
    assertNotNull(own, "the asker sees their own pending question");
    assertEquals("pending", own.getString("status"));
    assertTrue(own.getBoolean("mine"));
    assertNotNull(QaClient.byId(qa.as("moderator").questions(session, null).getJsonArray("questions"), id));

    qa.as("moderator").moderate(id, "approve");
    JsonObject seen = QaClient.byId(qa.questions(session, null).getJsonArray("questions"), id);
    assertEquals("approved", seen.getString("status"));
    assertEquals("Xử lý thế nào với buôn bán tê tê qua mạng?", seen.getString("text"));
  }

  @Test
  @DisplayName("an anonymous question hides its asker from attendees but not from moderators")
  void anonymousAsker() {
    String session = qa.as("moderator").newSession("post", "public");
    Page asked = qa.as("attendee").post("/api/v1/sessions/" + session + "/questions",
        new JsonObject().put("text", "Who funds enforcement?").put("anonymous", true));
    assertEquals(201, asked.status(), asked.body());
    assertEquals("approved", Api.json(asked).getString("status"), "post-moderated: visible at once");
    String id = Api.json(asked).getString("id");
    JsonObject public_ = QaClient.byId(qa.as("member").questions(session, null).getJsonArray("questions"), id);
    assertTrue(public_.getBoolean("anonymous"));
    assertNull(public_.getValue("author"));
    assertFalse(public_.encode().contains("attendee"), public_.encode());
    JsonObject moderated = QaClient.byId(qa.as("moderator").questions(session, null)
        .getJsonArray("questions"), id);
    assertEquals("attendee", moderated.getJsonObject("author").getString("username"));
  }

  @Test
  @DisplayName("one person voting twice and another once gives exactly 2 votes; withdrawing takes one away")
  void votesCountOncePerPerson() {
    String session = qa.as("moderator").newSession("post", "public");
    String id = qa.as("member").askId(session, "Can CSOs join enforcement reviews?");
    assertEquals(1, Api.json(qa.as("attendee").post("/api/v1/questions/" + id + "/vote"))
        .getInteger("votes"));
    assertEquals(1, Api.json(qa.as("attendee").post("/api/v1/questions/" + id + "/vote"))
        .getInteger("votes"), "voting again counts once");
    assertEquals(2, Api.json(qa.as("moderator").post("/api/v1/questions/" + id + "/vote"))
        .getInteger("votes"));
    assertEquals(2, QaClient.byId(qa.questions(session, null).getJsonArray("questions"), id)
        .getInteger("votes"));
    assertEquals(1, Api.json(qa.as("attendee").delete("/api/v1/questions/" + id + "/vote")).getInteger("votes"));
    assertEquals(1, Api.json(qa.as("attendee").delete("/api/v1/questions/" + id + "/vote")).getInteger("votes"),
        "withdrawing twice withdraws once");
    assertEquals(401, qa.post("/api/v1/questions/" + id + "/vote").status());
  }

  @Test
  @DisplayName("asking for what changed since the latest seq returns nothing new; since an older seq, the changes")
  void sinceLatestSeq() {
    String session = qa.as("moderator").newSession("post", "public");
    String first = qa.as("attendee").askId(session, "First question");
    JsonObject all = qa.questions(session, null);
    long seq = all.getLong("seq");
    assertEquals(1, all.getJsonArray("questions").size());
    JsonObject nothing = qa.questions(session, seq);
    assertTrue(nothing.getJsonArray("questions").isEmpty(), nothing.encode());
    assertEquals(seq, nothing.getLong("seq"));

    String second = qa.as("attendee").askId(session, "Second question");
    qa.as("moderator").moderate(first, "hide");
    JsonObject changes = qa.questions(session, seq);
    JsonArray changed = changes.getJsonArray("questions");
    assertEquals(2, changed.size(), changes.encode());
    assertEquals("hidden", QaClient.byId(changed, first).getString("status"));
    assertNull(QaClient.byId(changed, first).getValue("text"), "a hidden question's text is not sent");
    assertEquals("Second question", QaClient.byId(changed, second).getString("text"));
    assertTrue(changes.getLong("seq") > seq);
    assertEquals(400, qa.get("/api/v1/sessions/" + session + "/questions?since=abc").status());
  }

  @Test
  @DisplayName("highlighting one question un-highlights the previous one; hide keeps its reason in the audit")
  void oneHighlightAtATime() {
    String session = qa.as("moderator").newSession("post", "public");
    String a = qa.as("attendee").askId(session, "Question A");
    String b = qa.as("attendee").askId(session, "Question B");
    qa.as("moderator").moderate(a, "highlight");
    qa.as("moderator").moderate(b, "highlight");
    JsonArray seen = qa.questions(session, null).getJsonArray("questions");
    assertEquals("approved", QaClient.byId(seen, a).getString("status"));
    assertEquals("highlighted", QaClient.byId(seen, b).getString("status"));
    qa.as("moderator").moderate(b, "answer");
    assertEquals("answered", QaClient.byId(qa.questions(session, null)
        .getJsonArray("questions"), b).getString("status"));
    Page hidden = qa.as("moderator").post("/api/v1/questions/" + a + "/moderate",
        new JsonObject().put("action", "hide").put("reason", "duplicate"));
    assertEquals(200, hidden.status(), hidden.body());
    assertEquals("duplicate", Api.json(hidden).getString("hiddenReason"));
    JsonObject counts = qa.questions(session, null).getJsonObject("counts");
    assertEquals(0, counts.getInteger("pending"));
    assertEquals(1, counts.getInteger("hidden"), "attendees see how many questions were hidden");
    assertEquals(new JsonArray().add(new JsonObject().put("reason", "duplicate").put("count", 1)),
        counts.getJsonArray("reasons"), "and why");
    assertEquals(403, qa.as("member").post("/api/v1/questions/" + a + "/moderate",
        new JsonObject().put("action", "approve")).status());
    assertEquals(400, qa.as("moderator").post("/api/v1/questions/" + a + "/moderate",
        new JsonObject().put("action", "delete")).status());
  }

  @Test
  @DisplayName("bad input, unknown sessions, closed Q&A and hidden questions are refused and store nothing")
  void badInputStoresNothing() {
    QaClient moderator = qa.as("moderator");
    String session = moderator.newSession("post", "public");
    String path = "/api/v1/sessions/" + session + "/questions";
    QaClient member = qa.as("member");
    Page empty = member.post(path, new JsonObject().put("text", "   "));
    assertEquals(400, empty.status());
    assertEquals("invalid", Api.json(empty).getString("error"));
    assertEquals(400, member.post(path, new JsonObject().put("text", "x".repeat(501))).status());
    assertEquals(400, member.post(path, new JsonObject().put("text", 42)).status());
    assertEquals(400, member.post(path, new JsonObject().put("text", "ok").put("anonymous", "yes")).status());
    assertEquals(400, member.post(path, new JsonObject().put("text", "ok").put("status", "approved")).status());
    assertEquals(400, member.postRaw(path, "[1, 2]").status());
    assertEquals(415, member.post(path).status());
    assertEquals(401, qa.post(path, new JsonObject().put("text", "hello")).status());
    assertEquals(404, member.post("/api/v1/sessions/no-such-session/questions",
        new JsonObject().put("text", "hello")).status());
    assertEquals(404, qa.get("/api/v1/sessions/no-such-session/questions").status());
    assertTrue(moderator.questions(session, null).getJsonArray("questions").isEmpty(), "nothing was stored");

    String ok = member.ask(session, "x".repeat(500)).getString("id");
    moderator.moderate(ok, "hide");
    assertEquals(404, qa.as("attendee").post("/api/v1/questions/" + ok + "/vote").status());
    assertEquals(404, qa.as("attendee").post("/api/v1/questions/nope/vote").status());

    assertEquals(200, moderator.post("/api/v1/sessions/" + session + "/qa", new JsonObject().put("open", false))
        .status());
    Page closed = member.post(path, new JsonObject().put("text", "Too late?"));
    assertEquals(409, closed.status(), closed.body());
    assertEquals(1, moderator.questions(session, 0L).getJsonArray("questions").size(),
        "only the 500-character question exists");
  }

  @Test
  @DisplayName("retrying an ask with the same Idempotency-Key creates one question and answers the same id")
  void idempotentAsk() {
    String session = qa.as("moderator").newSession("pre", "public");
    String key = UUID.randomUUID().toString();
    JsonObject body = new JsonObject().put("text", "Asked once, sent twice");
    Page first = qa.as("attendee").postWithKey("/api/v1/sessions/" + session + "/questions", body, key);
    Page retry = qa.as("attendee").postWithKey("/api/v1/sessions/" + session + "/questions", body, key);
    assertEquals(201, first.status(), first.body());
    assertEquals(201, retry.status(), retry.body());
    assertEquals(Api.json(first).getString("id"), Api.json(retry).getString("id"));
    assertEquals(1, qa.as("moderator").questions(session, null).getJsonArray("questions").size());
  }

  @Test
  @DisplayName("the CSV export has the question, opens as UTF-8 in spreadsheets, and is only for moderators")
  void export() {
    String session = qa.as("moderator").newSession("pre", "public");
    String text = "Làm sao bảo vệ voọc \"chà vá\" chân nâu?";
    qa.as("member").ask(session, text);
    Page csv = qa.as("moderator").get("/api/v1/sessions/" + session + "/export?format=csv");
    assertEquals(200, csv.status(), csv.body());
    assertTrue(csv.header("content-type").orElseThrow().startsWith("text/csv"));
    assertTrue(csv.body().startsWith("\uFEFF"), "UTF-8 byte-order mark for spreadsheets");
    assertTrue(csv.body().contains("\"Làm sao bảo vệ voọc \"\"chà vá\"\" chân nâu?\""), csv.body());
    assertTrue(csv.body().contains("pending"));
    Page md = qa.as("moderator").get("/api/v1/sessions/" + session + "/export?format=md");
    assertEquals(200, md.status());
    assertTrue(md.body().contains("Câu hỏi chờ duyệt / Pending questions"), md.body());
    assertTrue(md.body().contains(text));
    assertEquals(403, qa.as("member").get("/api/v1/sessions/" + session + "/export?format=csv").status());
    assertEquals(401, qa.get("/api/v1/sessions/" + session + "/export?format=csv").status());
    assertEquals(400, qa.as("moderator").get("/api/v1/sessions/" + session + "/export?format=pdf").status());
  }

  @Test
  @DisplayName("a members-only session is closed to visitors and people without a member role or organisation")
  void membersOnlySession() {
    String session = qa.as("moderator").newSession("post", "members");
    assertEquals(401, qa.get("/api/v1/sessions/" + session + "/questions").status());
    assertEquals(403, qa.as("attendee").get("/api/v1/sessions/" + session + "/questions").status());
    assertEquals(403, qa.as("attendee").post("/api/v1/sessions/" + session + "/questions",
        new JsonObject().put("text", "May I?")).status());
    qa.as("member").ask(session, "Members only question");
    assertEquals(1, qa.as("member").questions(session, null).getJsonArray("questions").size());
  }
}
