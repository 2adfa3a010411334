package vn.ngoforum.qa.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.Eventually;

/** Live Q&amp;A over the real event-bus bridge: who receives what, in order, and catching up after a reconnect. */
class QaLiveTest {

  private static String moderatorCookie;
  private static String memberCookie;
  @RegisterExtension
  static final QaClient qa = QaClient.perClass("qa-live");

  @BeforeAll
  static void setUp() {
    moderatorCookie = qa.forum().sessionCookie("moderator");
    memberCookie = qa.forum().sessionCookie("member");
  }

  @Test
  @DisplayName("a pending question reaches moderators at once and the public only when approved, with its seq")
  void pendingThenApproved() {
    String session = qa.as("moderator").newSession("pre", "public");
    try (BridgeClient visitor = BridgeClient.connect(qa.forum().vertx(), qa.forum().port(), null);
         BridgeClient moderator = BridgeClient.connect(qa.forum().vertx(), qa.forum().port(), moderatorCookie);
         BridgeClient member = BridgeClient.connect(qa.forum().vertx(), qa.forum().port(), memberCookie)) {
      visitor.registerAndProbe(qa.forum().vertx(), Addresses.session(session));
      moderator.registerAndProbe(qa.forum().vertx(), Addresses.sessionModerators(session));
      member.register(Addresses.sessionModerators(session));
      JsonObject refused = member.next(5000);
      assertNotNull(refused, "the bridge answers a refused registration");
      assertEquals("err", refused.getString("type"), refused.encode());

      JsonObject asked = qa.as("member").ask(session, "Có nên công khai danh sách cơ sở nuôi gấu?");
      String id = asked.getString("id");

      JsonObject pending = nextQuestion(moderator, 5000);
      assertNotNull(pending, "moderators receive the pending question");
      assertEquals(id, pending.getString("id"));
      assertEquals("pending", pending.getString("status"));
      assertEquals(asked.getLong("seq"), pending.getLong("seq"));
      assertEquals("member", pending.getJsonObject("author").getString("username"));
      JsonObject counts = nextFrame(visitor, "counts", 5000);
      assertNotNull(counts, "the public learns that a question waits for review");
      assertEquals(1, counts.getInteger("pending"));
      assertNull(counts.getValue("text"), "but nothing of the question itself");
      assertNull(nextQuestion(visitor, 500), "nothing of a pending question reaches the public address");
      assertNull(nextQuestion(member, 300), "a member refused on .mod receives nothing");

      qa.as("moderator").moderate(id, "approve");
      JsonObject approved = nextQuestion(visitor, 5000);
      assertNotNull(approved, "the approved question reaches the public");
      assertEquals(id, approved.getString("id"));
      assertEquals("approved", approved.getString("status"));
      assertEquals("Có nên công khai danh sách cơ sở nuôi gấu?", approved.getString("text"));
      assertEquals(0, approved.getInteger("votes"));
      assertTrue(approved.getLong("seq") > asked.getLong("seq"), "a later change has a higher seq");
      JsonObject moderatorSees = nextQuestion(moderator, 5000);
      assertEquals("approved", moderatorSees.getString("status"), "moderators see each other's actions");
    }
  }

  @Test
  @DisplayName("a members-only session cannot be followed by visitors, and can by members")
  void membersOnlyFollowing() {
    String session = qa.as("moderator").newSession("post", "members");
    try (BridgeClient visitor = BridgeClient.connect(qa.forum().vertx(), qa.forum().port(), null);
         BridgeClient member = BridgeClient.connect(qa.forum().vertx(), qa.forum().port(), memberCookie)) {
      visitor.register(Addresses.session(session));
      JsonObject refused = visitor.next(5000);
      assertNotNull(refused);
      assertEquals("err", refused.getString("type"));
      member.registerAndProbe(qa.forum().vertx(), Addresses.session(session));
      String id = qa.as("member").askId(session, "Members' question");
      assertEquals(id, nextQuestion(member, 5000).getString("id"));
    }
  }

  @Test
  @DisplayName("clients that disconnect and reconnect mid-stream converge on the state of a client that never left")
  void reconnectingClientsConverge() {
    String session = qa.as("moderator").newSession("post", "public");
    String address = Addresses.session(session);
    QaClient attendee = qa.as("attendee");
    QaClient member = qa.as("member");
    QaClient moderator = qa.as("moderator");
    Replica steady = new Replica();
    Replica flaky = new Replica();
    Replica late = new Replica();
    BridgeClient steadyClient = BridgeClient.connect(qa.forum().vertx(), qa.forum().port(), null);
    BridgeClient flakyClient = BridgeClient.connect(qa.forum().vertx(), qa.forum().port(), null);
    try {
      steadyClient.registerAndProbe(qa.forum().vertx(), address);
      flakyClient.registerAndProbe(qa.forum().vertx(), address);

      String q1 = attendee.askId(session, "Q1: how do we report traders?");
      String q2 = attendee.askId(session, "Q2: which species are most traded?");
      member.post("/api/v1/questions/" + q1 + "/vote");
      flaky.drain(flakyClient, 200);
      flakyClient.close();

      String q3 = attendee.askId(session, "Q3: what about online markets?");
      moderator.moderate(q2, "hide");
      moderator.moderate(q1, "highlight");
      moderator.post("/api/v1/questions/" + q3 + "/vote");
      member.post("/api/v1/questions/" + q3 + "/vote");
      steady.drain(steadyClient, 100);

      flakyClient = BridgeClient.connect(qa.forum().vertx(), qa.forum().port(), null);
      flakyClient.registerAndProbe(qa.forum().vertx(), address);
      flaky.catchUp(session);

      moderator.moderate(q1, "answer");
      attendee.post("/api/v1/questions/" + q3 + "/vote");
      member.delete("/api/v1/questions/" + q1 + "/vote");
      late.catchUp(session);

      BridgeClient reconnected = flakyClient;
      Map<String, String> truth = Eventually.value(() -> {
        steady.drain(steadyClient, 100);
        flaky.drain(reconnected, 100);
        return Replica.visible(qa.questions(session, null).getJsonArray("questions"));
      }, visible -> visible.equals(steady.visible()) && visible.equals(flaky.visible()), Duration.ofSeconds(15));
      assertEquals(3 - 1, truth.size(), "Q2 is hidden: " + truth);
      assertTrue(truth.get(q1).startsWith("answered/0/"), truth.get(q1));
      assertTrue(truth.get(q3).startsWith("approved/3/"), truth.get(q3));
      assertEquals(truth, steady.visible(), "the client that never left");
      assertEquals(truth, flaky.visible(), "the client that reconnected and caught up with ?since=");
      late.catchUp(session);
      assertEquals(truth, late.visible(), "a client that only loaded the page and asked since 0");
    } finally {
      steadyClient.close();
      flakyClient.close();
    }
  }

  @Test
  @DisplayName("a vote storm is announced in a few coalesced frames, the last with the final count")
  void voteStormIsCoalesced() throws Exception {
    String session = qa.as("moderator").newSession("post", "public");
    String id = qa.as("attendee").askId(session, "Storm question");
    List<String> voters = List.of("admin", "moderator", "member", "attendee");
    int rounds = 6;
    try (BridgeClient visitor = BridgeClient.connect(qa.forum().vertx(), qa.forum().port(), null)) {
      visitor.registerAndProbe(qa.forum().vertx(), Addresses.session(session));
      List<CompletableFuture<Void>> storm = new ArrayList<>();
      for (String voter : voters) {
        QaClient client = qa.as(voter);
        storm.add(CompletableFuture.runAsync(() -> {
          for (int i = 0; i < rounds; i++) {
            assertEquals(200, client.post("/api/v1/questions/" + id + "/vote").status());
            if (i < rounds - 1) {
              assertEquals(200, client.delete("/api/v1/questions/" + id + "/vote").status());
            }
          }
        }));
      }
      CompletableFuture.allOf(storm.toArray(new CompletableFuture[0])).get();
      int changes = voters.size() * (2 * rounds - 1);

      List<JsonObject> frames = new ArrayList<>();
      JsonObject last = null;
      Instant deadline = Instant.now().plusSeconds(10);
      while (Instant.now().isBefore(deadline) && (last == null || last.getInteger("votes") != voters.size())) {
        JsonObject frame = nextFrame(visitor, "votes", 500);
        if (frame != null) {
          assertEquals(Set.of("type", "id", "seq", "status", "votes"), frame.fieldNames(),
              "a count alone, not the whole question");
          frames.add(frame);
          last = frame;
        }
      }
      assertNotNull(last, "vote counts are announced");
      assertEquals(voters.size(), last.getInteger("votes"), "the last frame carries the final count");
      assertEquals(voters.size(), QaClient.byId(qa.questions(session, null)
          .getJsonArray("questions"), id).getInteger("votes"));
      assertTrue(frames.size() < changes, frames.size() + " frames for " + changes + " vote changes");
      for (int i = 1; i < frames.size(); i++) {
        assertTrue(frames.get(i).getLong("seq") > frames.get(i - 1).getLong("seq"), "seq increases");
      }
    }
  }

  /** What a browser page holds: the latest version of every question it knows, by the seq of its last change. */
  private static final class Replica {

    private final Map<String, JsonObject> questions = new HashMap<>();
    private long seq;

    void apply(JsonObject question) {
      JsonObject known = questions.get(question.getString("id"));
      if ("votes".equals(question.getString("type"))) {
        // A count alone, as qa/questions.js applies it: the copy's votes when newer, its seq unchanged (a change
        // stamped before the count may still come after it). No test here votes before the question's frame came.
        if (known != null && Math.max(known.getLong("seq"), known.getLong("votesSeq", 0L)) < question.getLong("seq")) {
          known.put("votes", question.getInteger("votes")).put("votesSeq", question.getLong("seq"));
          seq = Math.max(seq, question.getLong("seq"));
        }
        return;
      }
      if (!"question".equals(question.getString("type"))) {
        return;
      }
      if (known == null || known.getLong("seq") < question.getLong("seq")) {
        JsonObject kept = question.copy();
        if (known != null && known.getLong("votesSeq", 0L) > question.getLong("seq")) {
          kept.put("votes", known.getInteger("votes")).put("votesSeq", known.getLong("votesSeq"));
        }
        questions.put(question.getString("id"), kept);
      }
      seq = Math.max(seq, question.getLong("seq"));
    }

    void drain(BridgeClient client, long millis) {
      for (JsonObject frame = client.next(millis); frame != null; frame = client.next(millis)) {
        if ("rec".equals(frame.getString("type"))) {
          apply(frame.getJsonObject("body"));
        }
      }
    }

    void catchUp(String session) {
      JsonObject answer = qa.questions(session, seq);
      answer.getJsonArray("questions").forEach(q -> apply((JsonObject) q));
      seq = Math.max(seq, answer.getLong("seq"));
    }

    Map<String, String> visible() {
      return visible(new JsonArray(new ArrayList<>(questions.values())));
    }

    /** id → "status/votes/text" of the questions attendees see. */
    static Map<String, String> visible(JsonArray questions) {
      Map<String, String> view = new HashMap<>();
      questions.forEach(item -> {
        JsonObject q = (JsonObject) item;
        if (!"hidden".equals(q.getString("status"))) {
          view.put(q.getString("id"), q.getString("status") + "/" + q.getInteger("votes") + "/" + q.getString("text"));
        }
      });
      return view;
    }
  }


  /** The next question frame within {@code millis}, skipping probes; null when none. */
  private static JsonObject nextQuestion(BridgeClient client, long millis) {
    return nextFrame(client, "question", millis);
  }

  /**
   * The body of the next frame of {@code type} within {@code millis}, skipping probes and counters; null when none.
   * Skipping a question frame is a failure: no test may lose one unseen.
   */
  private static JsonObject nextFrame(BridgeClient client, String type, long millis) {
    Instant deadline = Instant.now().plusMillis(millis);
    while (Instant.now().isBefore(deadline)) {
      JsonObject frame = client.next(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
      if (frame == null || !"rec".equals(frame.getString("type"))) {
        continue;
      }
      String bodyType = frame.getJsonObject("body").getString("type");
      if (type.equals(bodyType)) {
        return frame.getJsonObject("body");
      }
      if ("question".equals(bodyType)) {
        throw new AssertionError("unexpected question frame while waiting for " + type + ": " + frame.encode());
      }
    }
    return null;
  }
}
