package vn.ngoforum.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import vn.ngoforum.support.Browser.Page;

/**
 * The forum's JSON API as one person (a bearer token, as a script or another application would call it) or as a
 * guest: one line per call in a test. Every call answers the whole {@link Page} (status, headers, body), so a test
 * can check a refusal as easily as a success.
 *
 * <pre>
 *   Page created = forum.as(token).post("/api/v1/threads", new JsonObject().put("category", "policy")...);
 *   assertEquals(201, created.status(), created.body());
 *   String id = Api.json(created).getString("id");
 * </pre>
 */
public final class Api {

  private final String base;
  private final String token;

  Api(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /**
   * This person's inbox ({@code GET /api/v1/notifications}) once it holds at least {@code expected} notifications:
   * they are stored just after the action that makes them is answered, so this polls, for ten seconds at most.
   */
  public JsonObject awaitNotifications(int expected) {
    JsonObject inbox = Eventually.value(() -> new JsonObject(get("/api/v1/notifications").body()),
        answer -> answer.getJsonArray("items").size() >= expected, Duration.ofSeconds(10));
    if (inbox.getJsonArray("items").size() < expected) {
      throw new AssertionError("expected " + expected + " notifications, got " + inbox);
    }
    return inbox;
  }

  /**
   * A new category made by this person (a forum admin), named {@code prefix} and a unique number, public or for
   * members only ({@code visibility}); answers its slug.
   */
  public String newCategory(String prefix, String visibility) {
    String slug = prefix + "-" + System.nanoTime();
    expect(201, post("/api/v1/categories", new JsonObject().put("slug", slug).put("visibility", visibility)
        .put("name", new JsonObject().put("vi", "Chuyên mục " + prefix).put("en", "Category " + prefix))));
    return slug;
  }

  /** A new thread by this person in the category {@code slug}, with a short body; answers its id. */
  public String newThread(String slug, String title) {
    return expect(201, post("/api/v1/threads", new JsonObject().put("category", slug).put("title", title)
        .put("body", "Nội dung."))).getString("id");
  }

  /** The same API as another person ({@code null}: a guest). */
  public Api as(String otherToken) {
    return new Api(base, otherToken);
  }

  public Page get(String path) {
    return new Browser().get(base + path, headers(Map.of()));
  }

  public Page get(String path, Map<String, String> headers) {
    return new Browser().get(base + path, headers(headers));
  }

  public Page post(String path, JsonObject body) {
    return send("POST", path, body);
  }

  /** A file as the request body ({@code type}: its media type). */
  public Page postBytes(String path, String type, byte[] body) {
    return new Browser().postBytes(base + path, type, body, headers(Map.of()));
  }

  public Page put(String path, JsonObject body) {
    return send("PUT", path, body);
  }

  public Page patch(String path, JsonObject body) {
    return send("PATCH", path, body);
  }

  public Page delete(String path) {
    return send("DELETE", path, null);
  }

  /** Any method with a JSON body ({@code null}: none). */
  public Page send(String method, String path, JsonObject body) {
    return new Browser().sendJson(method, base + path, body == null ? null : body.encode(), headers(Map.of()));
  }

  /** The JSON object a call answered; fails with the status and body when it is not one. */
  public static JsonObject json(Page page) {
    try {
      return new JsonObject(page.body());
    } catch (RuntimeException e) {
      throw new AssertionError("not a JSON object (" + page.status() + "): " + page.body(), e);
    }
  }

  /** The JSON array a call answered. */
  public static JsonArray array(Page page) {
    try {
      return new JsonArray(page.body());
    } catch (RuntimeException e) {
      throw new AssertionError("not a JSON array (" + page.status() + "): " + page.body(), e);
    }
  }

  /** The JSON object of a call that must have answered {@code status}. */
  public static JsonObject expect(int status, Page page) {
    if (page.status() != status) {
      throw new AssertionError("expected " + status + " from " + page.uri() + " but got " + page.status() + ": "
          + page.body());
    }
    return page.body().isEmpty() ? new JsonObject() : json(page);
  }

  private Map<String, String> headers(Map<String, String> extra) {
    Map<String, String> headers = new HashMap<>(extra);
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    return headers;
  }
}
