package vn.ngoforum.forum.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/**
 * Notification preferences per topic ({@code /settings/notifications} and its API), on a forum without e-mail (the
 * unsubscribe links of e-mails: {@link EmailNotificationsTest}).
 */
class NotificationPreferencesTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-preferences");
  private static final String SETTINGS = "/api/v1/notifications/settings";

  @Test
  @DisplayName("a person starts from the defaults (e-mail at once for what is addressed to them, the digest for what"
      + " they watch) and changes a topic at a time; an unknown topic or channel is refused and changes nothing")
  void settingsApi() {
    Api me = forum.as(People.newMember());
    JsonObject defaults = Api.expect(200, me.get(SETTINGS));
    assertFalse(defaults.getBoolean("email"), "this forum sends no e-mail (no SMTP server)");
    assertEquals(7, defaults.getInteger("digestHour"));
    JsonObject topics = defaults.getJsonObject("topics");
    for (String topic : List.of("join_requests", "join_decisions", "verification", "replies", "mentions", "quotes",
        "moderation", "answers")) {
      assertEquals("email", topics.getString(topic), topic);
    }
    assertEquals("digest", topics.getString("watching"));

    JsonObject changed = Api.expect(200, me.patch(SETTINGS, new JsonObject().put("topics", new JsonObject()
        .put("replies", "digest").put("watching", "off"))));
    assertEquals("digest", changed.getJsonObject("topics").getString("replies"));
    assertEquals("off", changed.getJsonObject("topics").getString("watching"));
    assertEquals("email", changed.getJsonObject("topics").getString("mentions"), "the others stay");

    assertEquals(400, me.patch(SETTINGS, new JsonObject().put("topics", new JsonObject().put("gossip", "email")))
        .status());
    assertEquals(400, me.patch(SETTINGS, new JsonObject().put("topics", new JsonObject().put("replies", "pigeon")))
        .status());
    assertEquals(changed, Api.expect(200, me.get(SETTINGS)), "nothing changed");
    assertEquals(401, forum.api().get(SETTINGS).status());
  }

  @Test
  @DisplayName("a topic turned off is neither stored nor counted: the author hears nothing of a reply that a watcher"
      + " of the same thread is told of")
  void offMeansNothing() {
    String author = People.newMember();
    Api.expect(200, forum.as(author).patch(SETTINGS, new JsonObject().put("topics", new JsonObject()
        .put("replies", "off"))));
    String thread = Api.expect(201, forum.as(author).post("/api/v1/threads", new JsonObject()
        .put("category", "field-reports").put("title", "Tắt thông báo " + System.nanoTime())
        .put("body", "Không cần báo cho tôi."))).getString("id");
    String watcher = People.newMember();
    Api.expect(201, forum.as(watcher).post("/api/v1/threads/" + thread + "/posts",
        new JsonObject().put("body", "Tôi theo dõi chủ đề này.")));
    Api.expect(201, forum.as(People.newMember()).post("/api/v1/threads/" + thread + "/posts",
        new JsonObject().put("body", "Một trả lời nữa.")));

    JsonObject watched = forum.as(watcher).awaitNotifications(1);
    assertEquals("watched.post", watched.getJsonArray("items").getJsonObject(0).getString("kind"));
    JsonObject inbox = Api.expect(200, forum.as(author).get("/api/v1/notifications"));
    assertEquals(0, inbox.getJsonArray("items").size(), inbox.encode());
    assertEquals(0L, inbox.getLong("unread"));
  }

  @Test
  @DisplayName("the settings page offers the four choices for every topic and its form saves them; a guest is sent"
      + " to sign in")
  void settingsPage() {
    People.Person person = People.person("member");
    Browser browser = Browser.signedIn(forum.base(), person.username());
    Page page = browser.get(forum.base() + "/settings/notifications");
    assertEquals(200, page.status(), page.body());
    for (String topic : List.of("join_requests", "join_decisions", "verification", "replies", "mentions", "quotes",
        "watching", "moderation", "answers")) {
      assertTrue(page.body().contains("<select id=\"topic-" + topic + "\" name=\"" + topic + "\">"), topic);
    }
    assertTrue(page.body().contains("<option value=\"digest\" selected>"), "watching: the digest by default");
    assertTrue(page.body().contains("chưa gửi e-mail"), "it says this forum sends no e-mail yet");

    String csrf = browser.cookie(forum.base(), "XSRF-TOKEN").orElseThrow();
    Page saved = browser.postForm(forum.base() + "/settings/notifications", Map.of("_csrf", csrf,
        "replies", "forum", "quotes", "off"));
    assertEquals(302, saved.status(), saved.body());
    Page after = browser.follow(saved);
    assertTrue(after.body().contains("role=\"status\""), "it says the settings are saved");
    JsonObject topics = Api.expect(200, forum.as(person.token()).get(SETTINGS)).getJsonObject("topics");
    assertEquals("forum", topics.getString("replies"));
    assertEquals("off", topics.getString("quotes"));
    assertEquals("email", topics.getString("mentions"));

    assertEquals(400, browser.postForm(forum.base() + "/settings/notifications", Map.of("_csrf", csrf,
        "replies", "pigeon")).status());
    Page guest = new Browser().get(forum.base() + "/settings/notifications");
    assertTrue(guest.status() == 302 && guest.header("location").orElse("").contains("/login"),
        "a guest is sent to sign in: " + guest.status());
  }
}
