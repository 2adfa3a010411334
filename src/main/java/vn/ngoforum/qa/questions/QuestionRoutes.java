package vn.ngoforum.qa.questions;

import static vn.ngoforum.qa.http.Requests.user;
import static vn.ngoforum.qa.http.Requests.visitor;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.qa.http.Pace;
import vn.ngoforum.web.Idempotency;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;

/**
 * The questions of a session over the API: asking, catching up, voting, moderating and the export.
 *
 * <pre>
 *   POST   /api/v1/sessions/{id}/questions         ask                       curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"text":"...","anonymous":false,"organisation":"wwf-vietnam"}' localhost:8080/api/v1/sessions/$S/questions
 *   GET    /api/v1/sessions/{id}/questions?since=  what changed since a seq  curl localhost:8080/api/v1/sessions/$S/questions?since=12
 *   GET    /api/v1/sessions/{id}/export?format=    moderator: csv or md      curl -H "Authorization: Bearer $T" 'localhost:8080/api/v1/sessions/$S/export?format=csv'
 *          &amp;names=true                         the internal export, naming anonymous askers (audited)
 *   POST   /api/v1/questions/{id}/vote             vote (again counts once)  curl -XPOST -H "Authorization: Bearer $T" localhost:8080/api/v1/questions/$Q/vote
 *   DELETE /api/v1/questions/{id}/vote             withdraw the vote         curl -XDELETE -H "Authorization: Bearer $T" localhost:8080/api/v1/questions/$Q/vote
 *   POST   /api/v1/questions/{id}/moderate         moderator                 curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"action":"hide","reason":"off topic"}' localhost:8080/api/v1/questions/$Q/moderate
 * </pre>
 */
public record QuestionRoutes(QuestionService questions, ModerationService moderation, CatchUp catchUp,
    SessionExport export, Pace pace, Idempotency idempotency) {

  private static final int MAX_REASON = 300;

  public void mount(Router router) {
    router.post("/api/v1/sessions/:sessionId/questions").handler(Access.signedIn()).handler(this::ask);
    router.get("/api/v1/sessions/:sessionId/questions").handler(this::since);
    router.get("/api/v1/sessions/:sessionId/export").handler(Access.role(Role.MODERATOR)).handler(this::export);
    router.post("/api/v1/questions/:questionId/vote").handler(Access.signedIn()).handler(ctx -> vote(ctx, true));
    router.delete("/api/v1/questions/:questionId/vote").handler(Access.signedIn()).handler(ctx -> vote(ctx, false));
    router.post("/api/v1/questions/:questionId/moderate").handler(Access.role(Role.MODERATOR))
        .handler(this::moderate);
  }

  private void ask(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("text", "anonymous", "organisation");
    String text = in.requiredText("text", Question.MAX_LENGTH);
    boolean anonymous = in.optionalBoolean("anonymous", false);
    String organisation = onBehalfOf(in.optionalText("organisation", 100), anonymous);
    CurrentUser user = user(ctx);
    idempotency.once(user.id(), ctx.request().getHeader(Idempotency.HEADER), () -> pace.ask(user)
            .compose(v -> questions.ask(user, ctx.pathParam("sessionId"), text, anonymous, organisation))
            .map(asked -> new JsonObject().put("id", asked.id()).put("status", asked.status()).put("seq", asked.seq())))
        .onSuccess(outcome -> JsonResponses.created(ctx, outcome.body()))
        .onFailure(ctx::fail);
  }

  private void since(RoutingContext ctx) {
    catchUp.since(visitor(ctx), ctx.pathParam("sessionId"), sequenceNumber(ctx))
        .onSuccess(changes -> JsonResponses.ok(ctx, changes.json()))
        .onFailure(ctx::fail);
  }

  private void vote(RoutingContext ctx, boolean on) {
    pace.vote(user(ctx), user -> questions.vote(user, ctx.pathParam("questionId"), on))
        .onSuccess(votes -> JsonResponses.ok(ctx, new JsonObject().put("votes", votes).put("voted", on)))
        .onFailure(ctx::fail);
  }

  private void moderate(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("action", "reason", "text");
    String action = in.choice("action", ModerationService.ACTIONS, null);
    String reason = in.optionalText("reason", MAX_REASON);
    String text = in.optionalText("text", Question.MAX_LENGTH);
    if (text != null && text.isEmpty()) {
      throw ForumException.invalid("text", "'text' must not be empty.");
    }
    moderation.moderate(user(ctx), ctx.pathParam("questionId"), action, reason, text)
        .onSuccess(question -> JsonResponses.ok(ctx, question.forModerators()))
        .onFailure(ctx::fail);
  }

  private void export(RoutingContext ctx) {
    String format = query(ctx, "format", "csv");
    if (!format.equals("csv") && !format.equals("md")) {
      throw ForumException.invalid("format", "'format' must be csv or md.");
    }
    String names = query(ctx, "names", "false");
    if (!names.equals("true") && !names.equals("false")) {
      throw ForumException.invalid("names", "'names' must be true or false.");
    }
    boolean withNames = names.equals("true");
    String sessionId = ctx.pathParam("sessionId");
    export.of(user(ctx), sessionId, format, withNames)
        .onSuccess(data -> {
          boolean csv = format.equals("csv");
          String body = csv ? QaExport.csv(data, withNames) : QaExport.markdown(data, withNames);
          String file = "qa-" + sessionId + (withNames ? "-internal." : ".") + format;
          ctx.response()
              .putHeader(HttpHeaders.CONTENT_TYPE, csv ? "text/csv; charset=utf-8" : "text/markdown; charset=utf-8")
              .putHeader("Content-Disposition", "attachment; filename=\"" + file + "\"")
              .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
              .end(Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)));
        })
        .onFailure(ctx::fail);
  }

  /**
   * The organisation slug to speak for, or {@code null}; an anonymous question cannot speak for an organisation
   * (400 about the form's {@code organisation} field).
   */
  static String onBehalfOf(String slug, boolean anonymous) {
    if (slug == null || slug.isEmpty()) {
      return null;
    }
    if (anonymous) {
      throw ForumException.invalid("organisation",
          "An anonymous question cannot be asked on behalf of an organisation.")
          .withMessageKey("qa.ask.error_anonymous_organisation");
    }
    return slug;
  }

  private static String query(RoutingContext ctx, String name, String fallback) {
    String value = ctx.queryParams().get(name);
    return value == null ? fallback : value;
  }

  private static Long sequenceNumber(RoutingContext ctx) {
    String value = ctx.queryParams().get("since");
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      long since = Long.parseLong(value);
      if (since >= 0) {
        return since;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ForumException.invalid("since", "'since' must be a sequence number (0 or more).");
  }
}
