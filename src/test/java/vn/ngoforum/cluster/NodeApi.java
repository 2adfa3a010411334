package vn.ngoforum.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import vn.ngoforum.support.People;

/** The forum's JSON API at a base URL (one node), as a client with a realm access token sees it. */
final class NodeApi {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** An answer; status -1 when the node could not be reached (it died). */
  record Answer(int status, String body) {

    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private final String token;

  private NodeApi(String token) {
    this.token = token;
  }

  /**
   * A new person in the test realm, signed in: tests that ask many questions stay inside the per-person limits
   * whatever other tests did in the same minute.
   */
  static NodeApi newPerson() {
    return as(People.create(null));
  }

  /** A client signed in as a user of the test realm. */
  static NodeApi as(String username) {
    return new NodeApi(People.token(username));
  }

  Answer get(String base, String path) {
    return send(request(base, path).GET());
  }

  Answer post(String base, String path, JsonObject json) {
    return send(request(base, path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.encode())));
  }

  Answer delete(String base, String path) {
    return send(request(base, path).DELETE());
  }

  Answer postWithKey(String base, String path, JsonObject json, String idempotencyKey) {
    return send(request(base, path).header("Content-Type", "application/json")
        .header("Idempotency-Key", idempotencyKey)
        .POST(HttpRequest.BodyPublishers.ofString(json.encode())));
  }

  /** Creates an event and a public session without pre-moderation (every question is shown at once). */
  String newOpenSession(String base) {
    Answer event = post(base, "/api/v1/events", new JsonObject()
        .put("title", new JsonObject().put("vi", "Hội thảo cụm").put("en", "Cluster workshop"))
        .put("startsAt", "2026-09-29T08:30:00+07:00").put("endsAt", "2026-09-29T17:00:00+07:00")
        .put("location", "Hà Nội"));
    assertEquals(201, event.status(), event.body());
    Answer session = post(base, "/api/v1/events/" + event.json().getString("id") + "/sessions", new JsonObject()
        .put("title", new JsonObject().put("vi", "Phiên hỏi đáp").put("en", "Q&A session"))
        .put("moderation", "post").put("visibility", "public"));
    assertEquals(201, session.status(), session.body());
    return session.json().getString("id");
  }

  static JsonObject question(String text) {
    return new JsonObject().put("text", text).put("anonymous", false);
  }

  private HttpRequest.Builder request(String base, String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + token);
  }

  private static Answer send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response = HTTP.send(builder.build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Answer(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
