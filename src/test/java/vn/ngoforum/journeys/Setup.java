package vn.ngoforum.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.TestServers;

/** What a journey needs to exist before it starts, made through the JSON API (it is not part of the journey). */
final class Setup {

  private Setup() {
  }

  /** POSTs {@code body} to the API as {@code username}; answers the created object. */
  static JsonObject post(String username, String path, JsonObject body) {
    return post(username, path, body, 201);
  }

  /** POSTs {@code body} to the API as {@code username}, expecting {@code status}; answers the JSON answer. */
  static JsonObject post(String username, String path, JsonObject body, int status) {
    return send(username, "POST", path, body, status);
  }

  /** Sends {@code body} with {@code method} to the API as {@code username}, expecting {@code status}. */
  static JsonObject send(String username, String method, String path, JsonObject body, int status) {
    TestServers servers = TestServers.get();
    Browser.Page answer = new Browser().sendJson(method, servers.forumUrl() + path, body.encode(),
        Map.of("Authorization", "Bearer " + servers.accessToken(username)));
    assertEquals(status, answer.status(), path + ": " + answer.body());
    return answer.body().isBlank() ? new JsonObject() : new JsonObject(answer.body());
  }

  /** A workshop (event) and one of its Q&amp;A sessions. */
  record Workshop(String event, String session) {
  }

  /** A workshop with one public, pre-moderated Q&amp;A session, made by the demo moderator; answers the session id. */
  static String publicSession(String eventTitle, String sessionTitle) {
    return workshop(eventTitle, sessionTitle).session();
  }

  /** A workshop with one public, pre-moderated Q&amp;A session, made by the demo moderator. */
  static Workshop workshop(String eventTitle, String sessionTitle) {
    String event = post("moderator", "/api/v1/events", new JsonObject()
        .put("title", new JsonObject().put("vi", eventTitle).put("en", eventTitle))
        .put("startsAt", "2026-09-29T08:30:00+07:00").put("endsAt", "2026-09-29T17:00:00+07:00")
        .put("location", "Hà Nội")).getString("id");
    return new Workshop(event, post("moderator", "/api/v1/events/" + event + "/sessions", new JsonObject()
        .put("title", new JsonObject().put("vi", sessionTitle).put("en", sessionTitle))
        .put("moderation", "pre").put("visibility", "public")).getString("id"));
  }
}
