package vn.ngoforum.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.TestServers;

/** The Q&amp;A API as an outside client sees it: JSON over HTTP with a realm access token (or none). */
public final class QaClient {

  /** Tokens per user with the time they were issued: reused for a minute, well inside their lifespan. */
  private static final Map<String, Map.Entry<String, Long>> TOKENS = new ConcurrentHashMap<>();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final String token;

  private QaClient(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** A client signed in as a demo user (access token by password grant). */
  public static QaClient as(String username) {
    Map.Entry<String, Long> cached = TOKENS.compute(username, (user, old) ->
        old != null && System.currentTimeMillis() - old.getValue() < 60_000 ? old
            : Map.entry(accessToken(user), System.currentTimeMillis()));
    return new QaClient(TestServers.get().forumUrl(), cached.getKey());
  }

  public static QaClient anonymous() {
    return new QaClient(TestServers.get().forumUrl(), null);
  }

  public record Answer(int status, Map<String, java.util.List<String>> headers, String body) {

    public JsonObject json() {
      return new JsonObject(body);
    }

    public String header(String name) {
      return headers.getOrDefault(name.toLowerCase(), java.util.List.of()).stream().findFirst().orElse(null);
    }
  }

  public Answer get(String path) {
    return send(request(path).GET(), null);
  }

  public Answer post(String path, String json) {
    return send(request(path).POST(json == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json)), json == null ? null : "application/json");
  }

  public Answer post(String path, JsonObject json) {
    return post(path, json.encode());
  }

  public Answer postWithKey(String path, JsonObject json, String idempotencyKey) {
    return send(request(path).header("Idempotency-Key", idempotencyKey)
        .POST(HttpRequest.BodyPublishers.ofString(json.encode())), "application/json");
  }

  public Answer patch(String path, JsonObject json) {
    return send(request(path).method("PATCH", HttpRequest.BodyPublishers.ofString(json.encode())),
        "application/json");
  }

  public Answer delete(String path) {
    return send(request(path).DELETE(), null);
  }

  /** Creates an event and a session in it; returns the session id. */
  public String newSession(String moderation, String visibility) {
    Answer event = post("/api/v1/events", new JsonObject()
        .put("title", new JsonObject().put("vi", "Hội thảo thử nghiệm").put("en", "Test workshop"))
        .put("startsAt", "2026-09-29T08:30:00+07:00").put("endsAt", "2026-09-29T17:00:00+07:00")
        .put("location", "Hà Nội"));
    assertEquals(201, event.status(), event.body());
    Answer session = post("/api/v1/events/" + event.json().getString("id") + "/sessions", new JsonObject()
        .put("title", new JsonObject().put("vi", "Phiên hỏi đáp").put("en", "Q&A session"))
        .put("moderation", moderation).put("visibility", visibility));
    assertEquals(201, session.status(), session.body());
    return session.json().getString("id");
  }

  /** Asks and returns {id, status, seq}. */
  public JsonObject ask(String sessionId, String text) {
    Answer asked = post("/api/v1/sessions/" + sessionId + "/questions",
        new JsonObject().put("text", text).put("anonymous", false));
    assertEquals(201, asked.status(), asked.body());
    return asked.json();
  }

  public void moderate(String questionId, String action) {
    Answer done = post("/api/v1/questions/" + questionId + "/moderate", new JsonObject().put("action", action));
    assertEquals(200, done.status(), done.body());
  }

  public JsonObject questions(String sessionId, Long since) {
    Answer answer = get("/api/v1/sessions/" + sessionId + "/questions" + (since == null ? "" : "?since=" + since));
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }

  public static JsonObject byId(JsonArray questions, String id) {
    return questions.stream().map(JsonObject.class::cast).filter(q -> id.equals(q.getString("id")))
        .findFirst().orElse(null);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private static Answer send(HttpRequest.Builder builder, String contentType) {
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> response = HTTP.send(builder.build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String accessToken(String username) {
    Browser.Page answer = new Browser().postForm(
        TestServers.get().keycloakUrl() + "/realms/" + TestServers.REALM + "/protocol/openid-connect/token",
        Map.of("grant_type", "password", "client_id", TestServers.TEST_CLIENT,
            "client_secret", TestServers.TEST_CLIENT_SECRET, "username", username,
            "password", TestServers.PASSWORD, "scope", "openid"));
    assertEquals(200, answer.status(), answer.body());
    return new JsonObject(answer.body()).getString("access_token");
  }
}
