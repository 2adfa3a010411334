package vn.ngoforum.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.Places;
import vn.ngoforum.support.TestForum;
import vn.ngoforum.support.TestServers;

/**
 * Issue 18, point 7: a person closes their account. Keycloak (the real one the build starts) disables it through
 * the forum's accounts client, their memberships end, and their posts stay under "former member".
 */
class CloseAccountTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-close-account");

  @Test
  @DisplayName("after closing, the person is signed out and cannot sign in again, their organisation membership has"
      + " ended, their profile and posts show a former member; closing again is harmless")
  void close() {
    String unique = Long.toString(System.nanoTime(), 36);
    People.Person person = People.person("member");
    People.Person other = People.person("member");
    String slug = register(person, "Sếu", "Crane", unique);
    Api.expect(202, forum.as(other.token()).post("/api/v1/orgs/" + slug + "/join", new JsonObject()));
    String othersOrg = register(other, "Voọc", "Langur", unique);
    Api.expect(202, forum.as(person.token()).post("/api/v1/orgs/" + othersOrg + "/join", new JsonObject()));
    assertEquals(1, Api.json(forum.as(other.token()).get("/api/v1/orgs/" + othersOrg)).getJsonArray("pending").size());
    String otherId = Api.json(forum.as(other.token()).get("/api/v1/me")).getString("id");
    Api.expect(200, forum.as(person.token()).post("/api/v1/orgs/" + slug + "/members/" + otherId,
        new JsonObject().put("action", "approve")));
    String thread = Api.expect(201, forum.as(person.token()).post("/api/v1/threads", new JsonObject()
        .put("category", "field-reports").put("title", "Đàn sếu về " + unique).put("body", "Sếu đầu đỏ đã về.")))
        .getString("id");
    Api.expect(201, forum.as(other.token()).post("/api/v1/threads/" + thread + "/posts",
        new JsonObject().put("body", "Tuyệt vời!")));
    String firstPost = Api.json(forum.api().get("/api/v1/threads/" + thread)).getJsonArray("posts").getJsonObject(0)
        .getString("id");
    Api.expect(200, forum.as(person.token()).put("/api/v1/posts/" + firstPost,
        new JsonObject().put("body", "Sếu đầu đỏ đã về, ba mươi con.").put("version", 1)));
    String name = Api.json(forum.as(person.token()).get("/api/v1/me")).getString("name");
    String personId = Api.json(forum.as(person.token()).get("/api/v1/me")).getString("id");
    assertTrue(new Browser().get(forum.base() + "/t/" + thread).body().contains(name), "named before");

    Browser browser = Browser.signedIn(forum.base(), person.username());
    Page page = browser.get(forum.base() + "/settings/account/close");
    assertEquals(200, page.status());
    assertTrue(page.body().contains("action=\"/settings/account/close\""), page.body());
    assertEquals(403, browser.postForm(forum.base() + "/settings/account/close", Map.of()).status(),
        "no CSRF token");
    assertEquals(200, forum.as(person.token()).get("/api/v1/me").status(), "nothing closed by a refused form");

    String csrf = browser.cookie(forum.base(), "XSRF-TOKEN").orElseThrow();
    Instant closedAt = Instant.now();
    Page closed = browser.postForm(forum.base() + "/settings/account/close", Map.of("_csrf", csrf));
    assertEquals(200, closed.status(), closed.body());
    assertTrue(closed.body().contains("role=\"status\""), closed.body());

    assertEquals(401, browser.get(forum.base() + "/api/v1/me").status(), "this browser is signed out");
    assertEquals(401, forum.as(person.token()).get("/api/v1/me").status(), "their unexpired token is refused");
    Browser retry = new Browser();
    Page again = retry.signIn(forum.base(), person.username(), TestServers.PASSWORD);
    assertEquals(401, retry.get(forum.base() + "/api/v1/me").status(), "Keycloak refuses the sign-in: " + again.uri());
    Page token = new Browser().postForm(TestServers.get().keycloakUrl() + "/realms/" + TestServers.REALM
        + "/protocol/openid-connect/token", Map.of("grant_type", "password", "client_id", TestServers.TEST_CLIENT,
        "client_secret", TestServers.TEST_CLIENT_SECRET, "username", person.username(),
        "password", TestServers.PASSWORD));
    assertEquals(400, token.status(), "no more tokens from Keycloak: " + token.body());

    eventually(() -> new Browser().get(forum.base() + "/t/" + thread).body().contains("Thành viên cũ"),
        "the thread page shows a former member");
    String threadPage = new Browser().get(forum.base() + "/t/" + thread).body();
    assertFalse(threadPage.contains(name), "their name is gone from the thread page");
    eventually(() -> Api.json(forum.api().get("/api/v1/orgs/" + slug)).getJsonArray("members").stream()
        .map(JsonObject.class::cast).noneMatch(member -> name.equals(member.getString("name"))),
        "their membership has ended");
    eventually(() -> Api.json(forum.as(other.token()).get("/api/v1/orgs/" + othersOrg))
        .getJsonArray("pending", new JsonArray()).isEmpty(), "their request to join is withdrawn");
    eventually(() -> new Browser().get(forum.base() + "/p/" + firstPost + "/revisions").body().contains("Thành viên cũ"),
        "the post's edit history shows a former member");
    assertFalse(new Browser().get(forum.base() + "/p/" + firstPost + "/revisions").body().contains(name));
    // The other person was told that the closed account approved their membership: that notice names a former member.
    eventually(() -> Api.json(forum.as(other.token()).get("/api/v1/notifications")).getJsonArray("items").stream()
        .map(JsonObject.class::cast).map(item -> item.getJsonObject("actor"))
        .filter(actor -> actor != null && personId.equals(actor.getString("id")))
        .allMatch(actor -> actor.getString("name") == null), () -> "their name is gone from others' notifications: "
        + Api.json(forum.as(other.token()).get("/api/v1/notifications")).encode() + " " + personId);
    assertTrue(Api.json(forum.as(other.token()).get("/api/v1/notifications")).getJsonArray("items").stream()
        .map(JsonObject.class::cast).anyMatch(item -> item.getJsonObject("actor") != null
            && personId.equals(item.getJsonObject("actor").getString("id"))), "the approval is still there");
    Page inbox = forum.as(other.token()).get("/notifications");
    assertTrue(inbox.body().contains("Thành viên cũ") && !inbox.body().contains(name), inbox.body());
    JsonObject profile = Api.json(forum.api().get("/api/v1/users/" + person.username()));
    assertEquals(Boolean.TRUE, profile.getBoolean("former"), profile.encode());
    assertNull(profile.getString("name"));
    assertTrue(profile.getJsonArray("organisations").isEmpty());
    Page profilePage = new Browser().get(forum.base() + "/u/" + person.username());
    assertTrue(profilePage.body().contains("Thành viên cũ"), "the profile page");
    assertFalse(profilePage.body().contains(person.username() + "@example.org"));
    JsonArray ended = Api.json(forum.as(People.token("admin")).get("/api/v1/audit?what=membership.end"))
        .getJsonArray("entries");
    assertTrue(ended.stream().map(JsonObject.class::cast).anyMatch(entry -> entry.getJsonObject("target")
        .getString("id").startsWith(slug + "|")), "audited: " + ended.encode());

    // They watched their thread (its author): a reply after the closing reaches the other watcher, not them.
    long toldBefore = notificationsOf(otherId);
    Api.expect(201, forum.as(People.token("moderator")).post("/api/v1/threads/" + thread + "/posts",
        new JsonObject().put("body", "Sau khi đóng tài khoản.")));
    eventually(() -> notificationsOf(otherId) > toldBefore, "the other watcher is told of the reply");
    assertEquals(0, ForumUnderTest.await(forum.mongo().count("notifications", new JsonObject()
        .put("userId", personId).put("at", new JsonObject().put("$gte", new JsonObject()
            .put("$date", closedAt.toString()))))), "nothing reaches a closed account");

    Page second = browser.postForm(forum.base() + "/settings/account/close", Map.of("_csrf", csrf));
    assertTrue(second.status() == 302 || second.status() == 403, "a second close is refused quietly: "
        + second.status());
    assertTrue(new Browser().get(forum.base() + "/t/" + thread).body().contains("Thành viên cũ"));
  }

  @Test
  @DisplayName("after closing, the person's Q&A question (page, API and a live page) and their consultation comment and"
      + " amendment show a former member, without their name")
  void closedElsewhere() {
    People.Person person = People.person("member");
    String name = Api.json(forum.as(person.token()).get("/api/v1/me")).getString("name");
    Api moderator = forum.as(People.token("moderator"));
    String session = Places.session(moderator, "post");
    String question = Api.expect(201, forum.as(person.token()).post("/api/v1/sessions/" + session + "/questions",
        new JsonObject().put("text", "Ai giám sát buôn bán tê giác?").put("anonymous", false))).getString("id");
    String consultation = Places.openConsultation(moderator);
    String clause = "/api/v1/consultations/" + consultation + "/clauses/d2-k1/";
    Api.expect(201, forum.as(person.token()).post(clause + "comments", new JsonObject().put("body", "Cần rõ hơn.")));
    Api.expect(201, forum.as(person.token()).post(clause + "amendments", new JsonObject().put("kind", "delete")
        .put("justification", "Thừa.")));
    assertTrue(new Browser().get(forum.base() + "/qa/" + session).body().contains(name), "named on the Q&A page");
    assertTrue(new Browser().get(forum.base() + "/consultations/" + consultation).body().contains(name),
        "named on the consultation");

    try (BridgeClient live = BridgeClient.connect(forum.vertx(), forum.port(), null)) {
      live.registerAndAwait("qa.session." + session, 10_000);
      Page closing = forum.as(person.token()).post("/settings/account/close", new JsonObject());
      assertTrue(closing.status() == 200 || closing.status() == 302, closing.status() + " " + closing.body());
      JsonObject frame = live.next(20_000);
      while (frame != null && !question.equals(frame.getJsonObject("body", new JsonObject()).getString("id"))) {
        frame = live.next(20_000);
      }
      assertTrue(frame != null, "the live page is told");
      JsonObject told = frame.getJsonObject("body").getJsonObject("author");
      assertEquals(Boolean.TRUE, told.getBoolean("former"), frame.encode());
      assertNull(told.getString("name"), frame.encode());
    }

    JsonObject asked = Api.json(forum.api().get("/api/v1/sessions/" + session + "/questions"))
        .getJsonArray("questions").stream().map(JsonObject.class::cast)
        .filter(q -> question.equals(q.getString("id"))).findFirst().orElseThrow();
    assertEquals(Boolean.TRUE, asked.getJsonObject("author").getBoolean("former"), asked.encode());
    assertNull(asked.getJsonObject("author").getString("name"), asked.encode());
    String export = moderator.get("/api/v1/sessions/" + session + "/export?format=csv").body();
    assertTrue(export.contains("Ai giám sát buôn bán tê giác?") && export.contains("Former member"),
        "the moderators' export names a former member: " + export);
    assertFalse(export.contains(name), "their name is gone from the export");
    String qaPage = new Browser().get(forum.base() + "/qa/" + session).body();
    assertTrue(qaPage.contains("Thành viên cũ"), "the Q&A page shows a former member");
    assertFalse(qaPage.contains(name), "their name is gone from the Q&A page");
    eventually(() -> new Browser().get(forum.base() + "/consultations/" + consultation).body()
        .contains("Thành viên cũ"), "the consultation shows a former member");
    String consultationPage = new Browser().get(forum.base() + "/consultations/" + consultation).body();
    assertFalse(consultationPage.contains(name), "their name is gone from the comment and the amendment");
    assertTrue(consultationPage.contains("Cần rõ hơn."), "the comment stays");
    assertTrue(consultationPage.split("Thành viên cũ", -1).length - 1 >= 2, "both the comment and the amendment");
    String missed = forum.api().get("/api/v1/consultations/" + consultation + "/events?since=0").body();
    assertTrue(missed.contains("Cần rõ hơn.") && missed.contains("\"former\":true"),
        "a page catching up reads the comment as a former member's: " + missed);
    assertFalse(missed.contains(name), "their name is gone from the kept announcements: " + missed);
  }

  @Test
  @DisplayName("when Keycloak does not close the account, the person is told and nothing changes")
  void keycloakRefuses() {
    Vertx vertx = Vertx.vertx();
    try {
      TestForum wrong = TestForum.onOwnPort(vertx, forum.database(), Map.of(
          AppConfig.KEYCLOAK_ACCOUNTS_CLIENT_SECRET, "not-the-secret"));
      People.Person person = People.person("member");
      String id = Api.json(wrong.as(person.token()).get("/api/v1/me")).getString("id");
      Page answer = wrong.as(person.token()).post("/settings/account/close", new JsonObject());
      assertEquals(503, answer.status(), answer.body());
      assertEquals(200, wrong.as(person.token()).get("/api/v1/me").status(), "still signed in");
      assertEquals(200, forum.as(People.token(person.username())).get("/api/v1/me").status(), "can still sign in");
      assertNull(ForumUnderTest.await(forum.mongo().findOne("closed_accounts", new JsonObject().put("_id", id),
          null)), "no closing noted");
    } finally {
      ForumUnderTest.await(vertx.close());
    }
  }

  /** A new organisation of which {@code founder} is the admin; answers its slug. */
  private static String register(People.Person founder, String vi, String en, String unique) {
    return Api.expect(201, forum.as(founder.token()).post("/api/v1/orgs", new JsonObject()
        .put("name", new JsonObject().put("vi", "Hội " + vi + " " + unique).put("en", en + " Society " + unique))
        .put("acronym", en.substring(0, 2).toUpperCase() + unique.toUpperCase()).put("province", "Hà Nội")
        .put("focusAreas", new JsonArray().add("policy"))
        .put("description", new JsonObject().put("vi", "Một hội.").put("en", "A society.")))).getString("slug");
  }

  private static long notificationsOf(String userId) {
    return ForumUnderTest.await(forum.mongo().count("notifications", new JsonObject().put("userId", userId)));
  }

  private static void eventually(BooleanSupplier condition, String what) {
    eventually(condition, () -> what);
  }

  private static void eventually(BooleanSupplier condition, java.util.function.Supplier<String> what) {
    assertTrue(Eventually.holds(condition, Duration.ofSeconds(20)), what);
  }
}
