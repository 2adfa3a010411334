package vn.ngoforum.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/**
 * The Q&amp;A API as an outside client sees it: the forum's {@link Api} as a guest or as a demo user, with the Q&amp;A
 * steps tests repeat (a new session, asking, moderating, reading what changed).
 *
 * <pre>
 *   &#64;RegisterExtension
 *   static final QaClient qa = QaClient.perClass("qa-join");   // the forum of the class, and its Q&amp;A API
 *   ...
 *   String session = qa.as("moderator").newSession("pre", "public");
 *   Page page = new Browser().get(qa.forum().base() + "/qa/" + session);
 * </pre>
 *
 * A class that registers its {@link TestForum} itself takes the Q&amp;A API of it with {@link #on}.
 */
public final class QaClient implements BeforeAllCallback, AfterAllCallback {

  /** Tokens per user with the time they were issued: reused for a minute, well inside their lifespan. */
  private static final Map<String, Map.Entry<String, Long>> TOKENS = new ConcurrentHashMap<>();

  private final TestForum forum;
  private final String token;

  private QaClient(TestForum forum, String token) {
    this.forum = forum;
    this.token = token;
  }

  /** The Q&amp;A API of {@code forum} as a guest. */
  public static QaClient on(TestForum forum) {
    return new QaClient(forum, null);
  }

  /**
   * The forum of one test class ({@link TestForum#perClass}, on {@code database}) and its Q&amp;A API as a guest:
   * register it as a field, and it deploys the forum before the class's first test and closes it after the last.
   */
  public static QaClient perClass(String database) {
    return new QaClient(TestForum.perClass(database), null);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    forum.beforeAll(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    forum.afterAll(context);
  }

  /** The forum this client talks to. */
  public TestForum forum() {
    return forum;
  }

  /** The same API as a demo user (access token by password grant). */
  public QaClient as(String username) {
    Map.Entry<String, Long> cached = TOKENS.compute(username, (user, old) ->
        old != null && System.currentTimeMillis() - old.getValue() < 60_000 ? old
            : Map.entry(People.token(user), System.currentTimeMillis()));
    return new QaClient(forum, cached.getKey());
  }

  public Page get(String path) {
    return api().get(path);
  }

  public Page post(String path, JsonObject json) {
    return api().post(path, json);
  }

  /** A POST without a body (and so without a content type). */
  public Page post(String path) {
    return api().send("POST", path, null);
  }

  /** A POST of {@code json} as it is, even when it is not a JSON object. */
  public Page postRaw(String path, String json) {
    return send(path, json, Map.of());
  }

  public Page postWithKey(String path, JsonObject json, String idempotencyKey) {
    return send(path, json.encode(), Map.of("Idempotency-Key", idempotencyKey));
  }

  public Page patch(String path, JsonObject json) {
    return api().patch(path, json);
  }

  public Page delete(String path) {
    return api().delete(path);
  }

  /** Creates an event and a session in it; returns the session id. */
  public String newSession(String moderation, String visibility) {
    JsonObject event = Api.expect(201, post("/api/v1/events", new JsonObject()
        .put("title", new JsonObject().put("vi", "Hội thảo thử nghiệm").put("en", "Test workshop"))
        .put("startsAt", "2026-09-29T08:30:00+07:00").put("endsAt", "2026-09-29T17:00:00+07:00")
        .put("location", "Hà Nội")));
    return Api.expect(201, post("/api/v1/events/" + event.getString("id") + "/sessions", new JsonObject()
        .put("title", new JsonObject().put("vi", "Phiên hỏi đáp").put("en", "Q&A session"))
        .put("moderation", moderation).put("visibility", visibility))).getString("id");
  }

  /**
   * As a moderator: a new public, post-moderated session whose rapporteur (who writes its live notes) is
   * {@code username}; returns the session id.
   */
  public String newSessionWithRapporteur(String username) {
    String session = newSession("post", "public");
    Page named = patch("/api/v1/sessions/" + session,
        new JsonObject().put("rapporteurs", new JsonArray().add("@" + username.toUpperCase(java.util.Locale.ROOT))));
    assertEquals(200, named.status(), named.body());
    assertEquals(new JsonArray().add(username), Api.json(named).getJsonArray("rapporteurs"),
        "a username typed in any case, with an @ before it");
    return session;
  }

  /** Asks and returns {id, status, seq}. */
  public JsonObject ask(String sessionId, String text) {
    return Api.expect(201, post("/api/v1/sessions/" + sessionId + "/questions",
        new JsonObject().put("text", text).put("anonymous", false)));
  }

  /** Asks {@code text} in a session, under the asker's name; answers the new question's id. */
  public String askId(String sessionId, String text) {
    return ask(sessionId, text).getString("id");
  }

  public void moderate(String questionId, String action) {
    Page done = post("/api/v1/questions/" + questionId + "/moderate", new JsonObject().put("action", action));
    assertEquals(200, done.status(), done.body());
  }

  public JsonObject questions(String sessionId, Long since) {
    return Api.expect(200, get("/api/v1/sessions/" + sessionId + "/questions"
        + (since == null ? "" : "?since=" + since)));
  }

  public static JsonObject byId(JsonArray questions, String id) {
    return questions.stream().map(JsonObject.class::cast).filter(q -> id.equals(q.getString("id")))
        .findFirst().orElse(null);
  }

  /** A visitor's live connection following the session's public address, its registration live (bounded wait). */
  public BridgeClient room(String sessionId) {
    BridgeClient room = BridgeClient.connect(forum.vertx(), forum.port(), null);
    room.registerAndProbe(forum.vertx(), Addresses.session(sessionId));
    return room;
  }

  /** The next question frame about {@code id} on {@code client} within 10 s (other frames skipped), or null. */
  public static JsonObject nextQuestion(BridgeClient client, String id) {
    return next(client, "question", id);
  }

  /** The next frame of {@code type} about {@code id} on {@code client} within 10 s (others skipped), or null. */
  public static JsonObject next(BridgeClient client, String type, String id) {
    JsonObject last = client.lastBody(type, body -> id.equals(body.getString("id")), Duration.ofSeconds(10));
    return last == null || !id.equals(last.getString("id")) ? null : last;
  }

  /** A page form posted by {@code browser} (signed in on this forum) with its CSRF field. */
  public Page form(Browser browser, String path, Map<String, String> fields) {
    Map<String, String> form = new HashMap<>(fields);
    form.put("_csrf", browser.cookie(forum.base(), "XSRF-TOKEN").orElseThrow());
    return browser.postForm(forum.base() + path, form);
  }

  /** The audit log's latest entries (at most ten) about {@code targetType} {@code targetId}, newest first. */
  public List<JsonObject> audit(String targetType, String targetId) {
    return ForumUnderTest.await(new AuditLog(forum.mongo()).latest(targetType, targetId, 10));
  }

  private Api api() {
    return forum.as(token);
  }

  private Page send(String path, String json, Map<String, String> extra) {
    Map<String, String> headers = new HashMap<>(extra);
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    return new Browser().sendJson("POST", forum.base() + path, json, headers);
  }
}
