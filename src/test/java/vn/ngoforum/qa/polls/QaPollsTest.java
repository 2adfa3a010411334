package vn.ngoforum.qa.polls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.TestForum;

/** Live polls: launched by moderators, voted on once by attendees, results live everywhere and in the export. */
class QaPollsTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("qa-polls");
  private static final QaClient qa = QaClient.on(forum);

  private static JsonObject launch(String session, boolean multiple, Object... options) {
    Page launched = qa.as("moderator").post("/api/v1/sessions/" + session + "/polls",
        new JsonObject().put("question", new JsonObject().put("vi", "Ưu tiên nào?").put("en", "Which priority?"))
            .put("options", new JsonArray(java.util.List.of(options))).put("multiple", multiple));
    assertEquals(201, launched.status(), launched.body());
    return Api.json(launched);
  }

  private static Page vote(String who, String poll, Integer... choices) {
    return qa.as(who).post("/api/v1/polls/" + poll + "/vote",
        new JsonObject().put("choices", new JsonArray(java.util.List.of((Object[]) choices))));
  }

  @Test
  @DisplayName("a person votes once on a poll; bad choices, strangers and closed polls are refused; results stay")
  void voteOnceAndClose() {
    String session = qa.as("moderator").newSession("pre", "public");
    JsonObject poll = launch(session, false, "Kiểm lâm", new JsonObject().put("vi", "Hải quan").put("en", "Customs"),
        "Tòa án");
    String id = poll.getString("id");
    assertEquals("open", poll.getString("status"));
    assertEquals(3, poll.getJsonArray("options").size());
    assertEquals("Customs", poll.getJsonArray("options").getJsonObject(1).getJsonObject("text").getString("en"));

    assertEquals(400, qa.as("moderator").post("/api/v1/sessions/" + session + "/polls", new JsonObject()
        .put("question", "Only one?").put("options", new JsonArray().add("A"))).status(), "one option is too few");
    JsonArray eleven = new JsonArray();
    for (int i = 0; i < 11; i++) {
      eleven.add("Option " + i);
    }
    assertEquals(400, qa.as("moderator").post("/api/v1/sessions/" + session + "/polls", new JsonObject()
        .put("question", "Too many?").put("options", eleven)).status(), "eleven options are too many");
    assertEquals(403, qa.as("member").post("/api/v1/sessions/" + session + "/polls", new JsonObject()
        .put("question", "Mine?").put("options", new JsonArray().add("A").add("B"))).status(),
        "only moderators launch polls");
    assertEquals(404, qa.as("moderator").post("/api/v1/sessions/no-such-session/polls", new JsonObject()
        .put("question", "Where?").put("options", new JsonArray().add("A").add("B"))).status());

    assertEquals(401, qa.post("/api/v1/polls/" + id + "/vote",
        new JsonObject().put("choices", new JsonArray().add(0))).status(), "visitors sign in to vote");
    assertEquals(400, vote("member", id, 0, 1).status(), "a single-choice poll takes one answer");
    assertEquals(400, vote("member", id, 3).status(), "no such option");
    assertEquals(400, qa.as("member").post("/api/v1/polls/" + id + "/vote",
        new JsonObject().put("choices", "0")).status(), "wrong JSON type");
    assertEquals(400, qa.as("member").postRaw("/api/v1/polls/" + id + "/vote", "{}").status(),
        "no choices");
    Page first = vote("member", id, 1);
    assertEquals(200, first.status(), first.body());
    assertEquals(1, Api.json(first).getJsonArray("options").getJsonObject(1).getInteger("votes"));
    assertEquals(409, vote("member", id, 2).status(), "a vote cannot be cast twice or changed");
    assertEquals(200, vote("attendee", id, 1).status());
    assertEquals(200, vote("admin", id, 0).status());

    Page closed = qa.as("moderator").post("/api/v1/polls/" + id + "/close");
    assertEquals(200, closed.status(), closed.body());
    assertEquals("closed", Api.json(closed).getString("status"));
    assertEquals(409, vote("moderator", id, 0).status(), "a closed poll takes no votes");
    assertEquals(404, vote("moderator", "no-such-poll", 0).status());

    JsonObject stored = QaClient.byId(qa.questions(session, null).getJsonArray("polls"), id);
    assertEquals("closed", stored.getString("status"), "closed polls keep their results");
    assertEquals(3, stored.getInteger("voters"));
    assertEquals(1, stored.getJsonArray("options").getJsonObject(0).getInteger("votes"));
    assertEquals(2, stored.getJsonArray("options").getJsonObject(1).getInteger("votes"));
    assertEquals(67, stored.getJsonArray("options").getJsonObject(1).getInteger("percent"));
    JsonObject mine = QaClient.byId(qa.as("member").questions(session, null).getJsonArray("polls"), id);
    assertEquals(new JsonArray().add(1), mine.getJsonArray("myChoices"), "a voter sees what they chose");

    String csv = qa.as("moderator").get("/api/v1/sessions/" + session + "/export?format=csv").body();
    assertTrue(csv.contains("\"Ưu tiên nào? / Which priority?\",\"closed\",\"3\",\"Hải quan / Customs\",\"2\",\"67\""),
        csv);
    String md = qa.as("moderator").get("/api/v1/sessions/" + session + "/export?format=md").body();
    assertTrue(md.contains("## Thăm dò ý kiến / Polls (1)"), md);
    assertTrue(md.contains("- Hải quan / Customs: **2** (67%)"), md);
  }

  @Test
  @DisplayName("a multiple-choice poll counts each chosen option once and each voter once")
  void multipleChoice() {
    String session = qa.as("moderator").newSession("post", "public");
    String id = launch(session, true, "A", "B", "C").getString("id");
    assertEquals(200, vote("member", id, 0, 2, 2).status());
    JsonObject after = Api.json(vote("attendee", id, 2));
    assertEquals(2, after.getInteger("voters"));
    assertEquals(1, after.getJsonArray("options").getJsonObject(0).getInteger("votes"));
    assertEquals(0, after.getJsonArray("options").getJsonObject(1).getInteger("votes"));
    assertEquals(2, after.getJsonArray("options").getJsonObject(2).getInteger("votes"));
    assertEquals(100, after.getJsonArray("options").getJsonObject(2).getInteger("percent"));
  }

  @Test
  @DisplayName("poll results reach attendees, moderators and a reconnecting client live, with seq, and converge")
  void resultsLiveOverTheBridge() {
    String session = qa.as("moderator").newSession("pre", "public");
    String moderatorCookie = forum.sessionCookie("moderator");
    BridgeClient steady = BridgeClient.connect(forum.vertx(), forum.port(), null);
    BridgeClient flaky = BridgeClient.connect(forum.vertx(), forum.port(), null);
    BridgeClient moderator = BridgeClient.connect(forum.vertx(), forum.port(), moderatorCookie);
    Map<String, JsonObject> steadyState = new HashMap<>();
    Map<String, JsonObject> flakyState = new HashMap<>();
    Map<String, JsonObject> moderatorState = new HashMap<>();
    try {
      steady.registerAndProbe(forum.vertx(), Addresses.session(session));
      flaky.registerAndProbe(forum.vertx(), Addresses.session(session));
      moderator.registerAndProbe(forum.vertx(), Addresses.sessionModerators(session));
      String id = launch(session, false, "Có", "Không").getString("id");
      assertEquals(200, vote("member", id, 0).status());
      JsonObject launched = waitFor(flaky, flakyState, id, poll -> poll.getInteger("voters") >= 1);
      assertNotNull(launched, "a follower sees the poll and the first vote");
      long flakySeq = launched.getLong("seq");
      flaky.close();

      assertEquals(200, vote("attendee", id, 1).status());
      assertEquals(200, vote("admin", id, 0).status());
      qa.as("moderator").post("/api/v1/polls/" + id + "/close");

      JsonObject steadyLast = waitFor(steady, steadyState, id, poll -> "closed".equals(poll.getString("status"))
          && poll.getInteger("voters") == 3);
      assertNotNull(steadyLast, "the client that never left sees every vote and the close");
      JsonObject moderatorLast = waitFor(moderator, moderatorState, id,
          poll -> "closed".equals(poll.getString("status")) && poll.getInteger("voters") == 3);
      assertNotNull(moderatorLast, "moderators see the results live on their address too");

      flaky = BridgeClient.connect(forum.vertx(), forum.port(), null);
      flaky.registerAndProbe(forum.vertx(), Addresses.session(session));
      JsonObject caughtUp = qa.questions(session, flakySeq);
      JsonObject flakyPoll = QaClient.byId(caughtUp.getJsonArray("polls"), id);
      assertNotNull(flakyPoll, "?since= returns the poll that changed meanwhile");
      assertTrue(caughtUp.getLong("seq") >= flakyPoll.getLong("seq"));
      assertEquals(results(steadyLast), results(flakyPoll), "the reconnected client converges");
      assertEquals("closed:3:2,1", results(flakyPoll));
      assertTrue(qa.questions(session, caughtUp.getLong("seq")).getJsonArray("polls").isEmpty(),
          "nothing new since the latest seq");
    } finally {
      steady.close();
      flaky.close();
      moderator.close();
    }
  }

  @Test
  @DisplayName("without JavaScript a moderator launches and closes a poll and an attendee votes with plain forms")
  void pollsWithForms() {
    String session = qa.as("moderator").newSession("pre", "public");
    Browser moderator = forum.signedIn("moderator");
    Page page = moderator.get(forum.base() + "/qa/" + session + "/moderate");
    assertTrue(page.body().contains("action=\"/qa/" + session + "/polls\""), "the launch form is there");
    Page launched = moderator.postForm(forum.base() + "/qa/" + session + "/polls", Map.of("question",
        "Đi tiếp hay dừng?",
        "options", "Đi tiếp\r\nDừng\r\n", "_csrf", moderator.cookie(forum.base(), "XSRF-TOKEN").orElseThrow()));
    assertEquals(302, launched.status(), launched.body());
    String pollId = launched.header("location").orElseThrow().replaceFirst(".*#poll-", "");

    Browser attendee = forum.signedIn("attendee");
    Page attendeePage = attendee.get(forum.base() + "/qa/" + session);
    assertTrue(attendeePage.body().contains("Đi tiếp hay dừng?"));
    assertTrue(attendeePage.body().contains("action=\"/qa/" + session + "/polls/" + pollId + "/vote\""));
    Page voted = attendee.postForm(forum.base() + "/qa/" + session + "/polls/" + pollId + "/vote",
        Map.of("choice", "1", "_csrf", attendee.cookie(forum.base(), "XSRF-TOKEN").orElseThrow()));
    assertEquals(302, voted.status(), voted.body());
    Page after = attendee.get(forum.base() + "/qa/" + session);
    assertFalse(after.body().contains("/polls/" + pollId + "/vote\""), "no second vote form");
    assertTrue(after.body().contains("<span data-voters>1</span>"), after.body());

    Page closed = moderator.postForm(forum.base() + "/qa/" + session + "/polls/" + pollId + "/close",
        Map.of("_csrf", moderator.cookie(forum.base(), "XSRF-TOKEN").orElseThrow()));
    assertEquals(302, closed.status());
    Page projector = new Browser().get(forum.base() + "/qa/" + session + "/present");
    assertTrue(projector.body().contains("data-poll-closed"), "the projector shows the closed poll's results");
    assertTrue(projector.body().contains("<span data-voters>1</span>"));
  }

  @Test
  @DisplayName("poll results are drawn without inline styles, so the page's CSP allows them, and the projector shows "
      + "the numbers of a closed older poll next to the open one")
  void resultsWithoutInlineStyles() {
    String session = qa.as("moderator").newSession("pre", "public");
    String older = launch(session, false, "Kiểm lâm", "Hải quan").getString("id");
    assertEquals(200, vote("member", older, 1).status());
    assertEquals(200, qa.as("moderator").post("/api/v1/polls/" + older + "/close").status());
    String newer = launch(session, true, "Tòa án", "Công an", "Báo chí").getString("id");
    assertEquals(200, vote("member", newer, 0, 2).status());
    assertEquals(200, vote("attendee", newer, 2).status());

    Page projector = new Browser().get(forum.base() + "/qa/" + session + "/present");
    assertEquals(200, projector.status());
    String html = projector.body();
    assertFalse(html.contains("style="), "no style attribute anywhere on the projector");
    String olderResults = pollItem(html, older);
    assertTrue(olderResults.contains("data-poll-closed"), "the older poll is closed and still shown");
    assertTrue(olderResults.contains("<meter class=\"qa-poll-bar\" min=\"0\" max=\"100\" value=\"100\""),
        olderResults);
    assertTrue(olderResults.contains("<span data-voters>1</span>"));
    String newerResults = pollItem(html, newer);
    assertTrue(newerResults.contains("value=\"50\""), "Tòa án: one of two voters");
    assertTrue(newerResults.contains("value=\"100\""), "Báo chí: both voters");
    assertTrue(newerResults.contains("<strong data-votes>2</strong>"));
    assertTrue(newerResults.contains("<span data-voters>2</span>"));

    Browser member = forum.signedIn("member");
    assertFalse(member.get(forum.base() + "/qa/" + session).body().contains("style="),
        "nor on the attendee page");
  }

  /** The {@code <li>} of poll {@code id} in a page. */
  private static String pollItem(String html, String id) {
    int start = html.indexOf("id=\"poll-" + id + "\"");
    assertTrue(start >= 0, "poll " + id + " is on the page");
    return html.substring(start, html.indexOf("</li>\n", html.indexOf("data-voters", start)));
  }

  private static String results(JsonObject poll) {
    StringBuilder out = new StringBuilder(poll.getString("status") + ":" + poll.getInteger("voters") + ":");
    poll.getJsonArray("options").forEach(o -> out.append(((JsonObject) o).getInteger("votes")).append(','));
    return out.substring(0, out.length() - 1);
  }

  /** Applies poll frames (newest seq wins) until {@code done} holds for poll {@code id}; the poll, or null. */
  private static JsonObject waitFor(BridgeClient client, Map<String, JsonObject> state, String id,
      java.util.function.Predicate<JsonObject> done) {
    Instant deadline = Instant.now().plusSeconds(10);
    while (Instant.now().isBefore(deadline)) {
      JsonObject known = state.get(id);
      if (known != null && done.test(known)) {
        return known;
      }
      JsonObject frame = client.next(200);
      if (frame == null || !"rec".equals(frame.getString("type"))) {
        continue;
      }
      JsonObject body = frame.getJsonObject("body");
      if ("poll".equals(body.getString("type"))) {
        JsonObject old = state.get(body.getString("id"));
        if (old == null || old.getLong("seq") < body.getLong("seq")) {
          state.put(body.getString("id"), body);
        }
      }
    }
    return null;
  }
}
