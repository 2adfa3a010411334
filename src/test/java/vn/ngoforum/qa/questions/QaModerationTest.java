package vn.ngoforum.qa.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.BridgeClient;

/**
 * Moderators at work (issue 16, point 6): written answers, hiding and redacting with a reason code, several
 * moderators at once (a stale action is refused with the question as it is, one highlight at a time), and who else
 * is moderating.
 */
class QaModerationTest {

  /** The forum of this class; "moderator" and "admin" are its two moderators. */
  @RegisterExtension
  static final QaClient qa = QaClient.perClass("qa-moderation");

  private static Page moderate(String who, String id, JsonObject body) {
    return qa.as(who).post("/api/v1/questions/" + id + "/moderate", body);
  }

  @Test
  @DisplayName("an action expecting a status another moderator changed first is refused with 409 and the question now")
  void staleActionIsRefused() {
    String session = qa.as("moderator").newSession("pre", "public");
    String id = qa.as("attendee").askId(session, "Ai chịu trách nhiệm giám sát?");
    Page approved = moderate("moderator", id, new JsonObject().put("action", "approve").put("expect", "pending"));
    assertEquals(200, approved.status(), approved.body());
    Page late = moderate("admin", id, new JsonObject().put("action", "hide").put("expect", "pending")
        .put("reason", "off-topic"));
    assertEquals(409, late.status(), late.body());
    JsonObject current = Api.json(late).getJsonObject("question");
    assertEquals("approved", current.getString("status"), "the answer carries the question as it is now");
    assertEquals("Minh Trần", current.getJsonObject("moderation").getJsonObject("last").getJsonObject("by")
        .getString("name"), "and who acted on it");
    assertEquals("approved", QaClient.byId(qa.questions(session, null).getJsonArray("questions"), id)
        .getString("status"), "the late action changed nothing");
    assertEquals(1, qa.audit("question", id).size(), "only the action that went through is in the audit log");
    assertEquals(200, moderate("admin", id, new JsonObject().put("action", "hide").put("expect", "approved")
        .put("reason", "off-topic")).status(), "expecting the status it has now goes through");
    assertEquals(400, moderate("admin", id, new JsonObject().put("action", "approve").put("expect", "gone"))
        .status(), "an unknown status is refused");
  }

  @Test
  @DisplayName("two moderators highlighting different questions at once leave exactly one highlighted")
  void concurrentHighlightsLeaveOne() throws Exception {
    String session = qa.as("moderator").newSession("post", "public");
    List<String> ids = List.of(qa.as("attendee").askId(session, "Câu hỏi một"),
        qa.as("member").askId(session, "Câu hỏi hai"), qa.as("attendee").askId(session, "Câu hỏi ba"));
    for (int round = 0; round < 8; round++) {
      String first = ids.get(round % 3);
      String second = ids.get((round + 1) % 3);
      CountDownLatch start = new CountDownLatch(1);
      CompletableFuture<Page> one = CompletableFuture.supplyAsync(() -> highlightAfter(start, "moderator", first));
      CompletableFuture<Page> two = CompletableFuture.supplyAsync(() -> highlightAfter(start, "admin", second));
      start.countDown();
      int oneStatus = one.get(30, TimeUnit.SECONDS).status();
      int twoStatus = two.get(30, TimeUnit.SECONDS).status();
      assertTrue(oneStatus == 200 || oneStatus == 409, "round " + round + ": " + oneStatus);
      assertTrue(twoStatus == 200 || twoStatus == 409, "round " + round + ": " + twoStatus);
      JsonArray questions = qa.questions(session, null).getJsonArray("questions");
      long highlighted = questions.stream().map(JsonObject.class::cast)
          .filter(q -> "highlighted".equals(q.getString("status"))).count();
      assertEquals(1, highlighted, "round " + round + ": " + questions.encode());
    }
  }

  @Test
  @DisplayName("a written answer reaches the room live and stays on the attendee page and the projector")
  void writtenAnswer() {
    String session = qa.as("moderator").newSession("post", "public");
    String id = qa.as("attendee").askId(session, "Khi nào có báo cáo?");
    try (BridgeClient room = qa.room(session)) {
      Page answered = moderate("moderator", id, new JsonObject().put("action", "answer").put("expect", "approved")
          .put("answer", "Trong tháng Mười, trên trang của diễn đàn."));
      assertEquals(200, answered.status(), answered.body());
      JsonObject seen = QaClient.nextQuestion(room, id);
      assertNotNull(seen, "the room hears the answer");
      assertEquals("answered", seen.getString("status"));
      assertEquals("Trong tháng Mười, trên trang của diễn đàn.", seen.getString("answer"));
    }
    assertTrue(new Browser().get(qa.forum().base() + "/qa/" + session).body()
        .contains("Trong tháng Mười, trên trang của diễn đàn."), "the attendee page shows it");
    assertEquals(400, moderate("moderator", id, new JsonObject().put("action", "answer")
        .put("answer", "x".repeat(ModeratorAction.MAX_ANSWER + 1))).status(), "a too long answer is refused");
  }

  @Test
  @DisplayName("a redaction shows the room the cleaned text, marked edited; moderators and the audit keep the original")
  void redaction() {
    String session = qa.as("moderator").newSession("post", "public");
    String original = "Ông Nguyễn Văn A, số điện thoại 0912345678, buôn tê tê ở Hà Nội";
    String id = qa.as("attendee").askId(session, original);
    assertEquals(400, moderate("moderator", id, new JsonObject().put("action", "redact")).status(),
        "a redaction needs a reason");
    assertEquals(400, moderate("moderator", id, new JsonObject().put("action", "redact").put("reason", "private"))
        .status(), "an unknown reason is refused");
    assertEquals(400, moderate("moderator", id, new JsonObject().put("action", "redact").put("reason", "other"))
        .status(), "'other' needs a note");
    try (BridgeClient room = qa.room(session)) {
      Page redacted = moderate("moderator", id, new JsonObject().put("action", "redact").put("expect", "approved")
          .put("reason", "personal-data").put("note", "tên và số điện thoại")
          .put("text", "Một người buôn tê tê ở Hà Nội"));
      assertEquals(200, redacted.status(), redacted.body());
      JsonObject seen = QaClient.nextQuestion(room, id);
      assertNotNull(seen, "the room hears the redaction");
      assertEquals("Một người buôn tê tê ở Hà Nội", seen.getString("text"));
      assertTrue(seen.getBoolean("edited"), "marked as edited by the moderator");
      assertFalse(seen.encode().contains("0912345678"), "the room never gets the original: " + seen.encode());
    }
    JsonObject attendee = QaClient.byId(qa.questions(session, null).getJsonArray("questions"), id);
    assertFalse(attendee.encode().contains("0912345678"), attendee.encode());
    assertEquals("approved", attendee.getString("status"), "a redaction keeps the status");
    Page page = new Browser().get(qa.forum().base() + "/qa/" + session);
    assertTrue(page.body().contains("đã được người điều phối chỉnh sửa"), "the page says so, in Vietnamese");
    assertFalse(page.body().contains("0912345678"));
    JsonObject moderators = QaClient.byId(qa.as("moderator").questions(session, null).getJsonArray("questions"), id);
    assertEquals(original, moderators.getJsonObject("moderation").getString("originalText"));
    assertEquals("personal-data", moderators.getJsonObject("moderation").getJsonObject("redaction")
        .getString("reason"));
    JsonObject audit = qa.audit("question", id).get(0);
    assertEquals("question.redact", audit.getString("action"));
    assertEquals(original, audit.getJsonObject("details").getString("originalText"));
  }

  @Test
  @DisplayName("the moderation page's forms state the status they saw; a stale one comes back saying so")
  void staleFormSaysSo() {
    Browser first = qa.forum().signedIn("moderator");
    Browser second = qa.forum().signedIn("admin");
    String session = qa.as("moderator").newSession("pre", "public");
    String id = qa.as("attendee").askId(session, "Câu hỏi cho hai người điều phối");
    String page = first.get(qa.forum().base() + "/qa/" + session + "/moderate").body();
    assertTrue(page.contains("name=\"expect\" value=\"pending\""), "the form says what it saw");
    Page approved = first.postForm(qa.forum().base() + "/qa/" + session + "/moderate/" + id, Map.of(
        "action", "approve", "expect", "pending", "_csrf", csrf(first)));
    assertEquals(302, approved.status(), approved.body());
    Page stale = second.postForm(qa.forum().base() + "/qa/" + session + "/moderate/" + id, Map.of(
        "action", "hide", "expect", "pending", "reason", "duplicate", "_csrf", csrf(second)));
    assertEquals(302, stale.status(), stale.body());
    String location = stale.header("location").orElseThrow();
    assertTrue(location.contains("conflict=" + id), location);
    Page back = second.get(qa.forum().base() + location.replaceFirst("#.*", ""));
    assertTrue(back.body().contains("Một người điều phối khác đã thay đổi câu hỏi này trước"), "it says so");
    assertEquals("approved", QaClient.byId(qa.questions(session, null).getJsonArray("questions"), id)
        .getString("status"));
  }

  @Test
  @DisplayName("each moderator sees live who else is moderating the session")
  void presence() {
    String session = qa.as("moderator").newSession("pre", "public");
    try (BridgeClient minh = BridgeClient.connect(qa.forum().vertx(), qa.forum().port(),
        qa.forum().sessionCookie("moderator"));
         BridgeClient an = BridgeClient.connect(qa.forum().vertx(), qa.forum().port(),
             qa.forum().sessionCookie("admin"))) {
      minh.register(Addresses.sessionModerators(session));
      assertEquals(Set.of("Minh Trần"), moderatorsUntil(minh, Set.of("Minh Trần")));
      an.register(Addresses.sessionModerators(session));
      assertEquals(Set.of("An Nguyễn", "Minh Trần"), moderatorsUntil(minh, Set.of("An Nguyễn", "Minh Trần")),
          "the first moderator sees the second arrive");
      assertTrue(qa.forum().signedIn("admin").get(qa.forum().base() + "/qa/" + session + "/moderate").body()
          .contains("Minh Trần"), "the page lists them");
      an.close();
      assertEquals(Set.of("Minh Trần"), moderatorsUntil(minh, Set.of("Minh Trần")), "and leave");
    }
  }

  @Test
  @DisplayName("a moderator lets named https sites frame the attendee page only; the default stays 'none'")
  void embedding() {
    String session = qa.as("moderator").newSession("post", "public");
    Page before = new Browser().get(qa.forum().base() + "/qa/" + session);
    assertTrue(before.header("content-security-policy").orElseThrow().contains("frame-ancestors 'none'"));
    assertEquals("DENY", before.header("x-frame-options").orElseThrow());
    String embed = "/api/v1/sessions/" + session + "/embed";
    for (String bad : List.of("http://stream.example.org", "https://stream.example.org/live",
        "https://stream.example.org; script-src *", "https://user@stream.example.org", "stream.example.org")) {
      assertEquals(400, qa.as("moderator").post(embed, new JsonObject().put("origins", new JsonArray().add(bad)))
          .status(), bad);
    }
    assertEquals(403, qa.as("member").post(embed, new JsonObject().put("origins",
        new JsonArray().add("https://stream.example.org"))).status());
    Page set = qa.as("moderator").post(embed, new JsonObject().put("origins",
        new JsonArray().add("https://Stream.Example.org/").add("https://tv.example.vn:8443")));
    assertEquals(200, set.status(), set.body());
    Page framed = new Browser().get(qa.forum().base() + "/qa/" + session);
    assertTrue(framed.header("content-security-policy").orElseThrow()
        .contains("frame-ancestors https://stream.example.org https://tv.example.vn:8443"),
        framed.header("content-security-policy").orElseThrow());
    assertTrue(framed.header("x-frame-options").isEmpty(), "no X-Frame-Options where frames are allowed");
    Page projector = new Browser().get(qa.forum().base() + "/qa/" + session + "/present");
    assertTrue(projector.header("content-security-policy").orElseThrow().contains("frame-ancestors 'none'"),
        "every other page still refuses frames");
  }

  private static Page highlightAfter(CountDownLatch start, String who, String id) {
    try {
      start.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return moderate(who, id, new JsonObject().put("action", "highlight"));
  }

  private static String csrf(Browser browser) {
    return browser.cookie(qa.forum().base(), "XSRF-TOKEN").orElseThrow();
  }

  /** Reads moderators frames until one names {@code expected} (or 10 s pass); the names last seen. */
  private static Set<String> moderatorsUntil(BridgeClient client, Set<String> expected) {
    JsonObject last = client.lastBody("moderators", body -> names(body).equals(expected), Duration.ofSeconds(10));
    return last == null ? Set.of() : names(last);
  }

  /** The names in a moderators frame, sorted. */
  private static Set<String> names(JsonObject moderators) {
    Set<String> names = new TreeSet<>();
    moderators.getJsonArray("moderators").forEach(person -> names.add(((JsonObject) person).getString("name")));
    return names;
  }
}
