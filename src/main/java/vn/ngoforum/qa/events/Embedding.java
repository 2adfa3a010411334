package vn.ngoforum.qa.events;

import static vn.ngoforum.qa.http.Requests.formText;
import static vn.ngoforum.qa.http.Requests.user;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;

/**
 * Which other sites may show a session's attendee view in a frame (a streaming page, say): a moderator names their
 * https origins, and the attendee page ({@code /qa/{id}}) alone then answers with {@code frame-ancestors} listing
 * them instead of {@code 'none'} (and without {@code X-Frame-Options}); every other page keeps refusing frames.
 * Kept per session by {@link EmbedRepository}.
 *
 * <pre>
 *   POST   /api/v1/sessions/{id}/embed   moderator: {origins:["https://stream.example.org"]}   curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"origins":["https://stream.example.org"]}' localhost:8080/api/v1/sessions/$S/embed
 *   POST   /qa/{id}/embed                the moderation page's form: origins, one a line
 * </pre>
 */
public record Embedding(EmbedRepository embeds, SessionService sessions, AuditLog audit) {
  public static final int MAX_ORIGINS = 5;
  private static final int MAX_ORIGIN = 200;
  private static final String NO_FRAMES = "frame-ancestors 'none'";

  public void mount(Router router) {
    router.post("/api/v1/sessions/:sessionId/embed").handler(Access.role(Role.MODERATOR)).handler(ctx -> {
      List<String> origins = normalised(JsonInput.of(ctx).allow("origins").textList("origins", MAX_ORIGINS,
          MAX_ORIGIN));
      set(user(ctx), ctx.pathParam("sessionId"), origins)
          .onSuccess(v -> JsonResponses.ok(ctx, new JsonObject().put("origins", new JsonArray(origins))))
          .onFailure(ctx::fail);
    });
    router.post("/qa/:sessionId/embed").handler(Access.role(Role.MODERATOR)).handler(ctx -> {
      List<String> lines = Arrays.stream(formText(ctx, "origins").split("\\R")).map(String::strip)
          .filter(line -> !line.isEmpty()).toList();
      if (lines.size() > MAX_ORIGINS) {
        throw ForumException.invalid("origins", "At most " + MAX_ORIGINS + " sites.");
      }
      String sessionId = ctx.pathParam("sessionId");
      set(user(ctx), sessionId, normalised(lines))
          .onSuccess(v -> ctx.redirect("/qa/" + sessionId + "/moderate"))
          .onFailure(ctx::fail);
    });
  }

  /** The origins allowed to frame the session's attendee view (none: empty). */
  public Future<List<String>> origins(String sessionId) {
    return embeds.origins(sessionId);
  }

  /** Lets {@code origins} frame this response (the attendee page): its CSP's frame-ancestors, no X-Frame-Options. */
  public static void allowFraming(RoutingContext ctx, List<String> origins) {
    MultiMap headers = ctx.response().headers();
    String policy = headers.get("Content-Security-Policy");
    if (origins.isEmpty() || policy == null || !policy.contains(NO_FRAMES)) {
      return;
    }
    headers.set("Content-Security-Policy", policy.replace(NO_FRAMES, "frame-ancestors " + String.join(" ", origins)));
    headers.remove("X-Frame-Options");
  }

  private Future<Void> set(CurrentUser by, String sessionId, List<String> origins) {
    return sessions.existing(sessionId)
        .compose(session -> embeds.set(sessionId, origins))
        .compose(done -> audit.record(by, "session.embed", "session", sessionId, null,
            new JsonObject().put("origins", new JsonArray(origins))));
  }

  /**
   * Each origin as {@code https://host[:port]} in lower case; 400 for anything else (another scheme, a path, a
   * query, credentials): what is left is safe to put in a header.
   */
  static List<String> normalised(List<String> origins) {
    return origins.stream().map(Embedding::origin).distinct().toList();
  }

  private static String origin(String text) {
    try {
      URI uri = new URI(text.strip());
      String path = uri.getRawPath();
      boolean plain = "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
          && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null
          && (path == null || path.isEmpty() || path.equals("/"))
          && uri.getHost().matches("[A-Za-z0-9.-]+");
      if (plain) {
        return "https://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
      }
    } catch (URISyntaxException e) {
      // refused below
    }
    throw ForumException.invalid("origins", "Each site must be an https origin, such as https://stream.example.org.")
        .withMessageKey("qa.embed.error");
  }
}
