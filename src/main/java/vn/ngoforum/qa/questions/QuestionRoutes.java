package vn.ngoforum.qa.questions;

import static vn.ngoforum.qa.http.Requests.address;
import static vn.ngoforum.qa.http.Requests.user;

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
import vn.ngoforum.qa.http.GuestPass;
import vn.ngoforum.qa.http.Pace;
import vn.ngoforum.web.Idempotency;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;

/**
 * The questions of a session over the API: asking, catching up, voting, moderating and the export.
 *
 * <pre>
 *   POST   /api/v1/sessions/{id}/guests            join as a guest {name}    curl -XPOST -c jar -H 'Content-Type: application/json' -d '{"name":"Hoa"}' localhost:8080/api/v1/sessions/$S/guests
 *   POST   /api/v1/sessions/{id}/questions         ask (person or guest)     curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"text":"...","anonymous":false,"organisation":"wwf-vietnam"}' localhost:8080/api/v1/sessions/$S/questions
 *   GET    /api/v1/sessions/{id}/questions?since=  what changed since a seq  curl localhost:8080/api/v1/sessions/$S/questions?since=12
 *   GET    /api/v1/sessions/{id}/export?format=    moderator: csv or md      curl -H "Authorization: Bearer $T" 'localhost:8080/api/v1/sessions/$S/export?format=csv'
 *          &amp;names=true                         the internal export, naming anonymous askers (audited)
 *   POST   /api/v1/questions/{id}/vote             vote (again counts once)  curl -XPOST -H "Authorization: Bearer $T" localhost:8080/api/v1/questions/$Q/vote
 *   PATCH  /api/v1/questions/{id}                  asker, while pending      curl -XPATCH -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"text":"..."}' localhost:8080/api/v1/questions/$Q
 *   DELETE /api/v1/questions/{id}                  asker withdraws it        curl -XDELETE -H "Authorization: Bearer $T" localhost:8080/api/v1/questions/$Q
 *   DELETE /api/v1/questions/{id}/vote             withdraw the vote         curl -XDELETE -H "Authorization: Bearer $T" localhost:8080/api/v1/questions/$Q/vote
 *   POST   /api/v1/questions/{id}/moderate         moderator                 curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"action":"hide","expect":"pending","reason":"off-topic"}' localhost:8080/api/v1/questions/$Q/moderate
 *          {action: approve|hide|redact|answer|highlight, expect, reason, note, text, answer}; 409 {question} if stale
 * </pre>
 */
public record QuestionRoutes(QuestionService questions, ModerationService moderation, CatchUp catchUp,
    SessionExport export, Pace pace, Idempotency idempotency, GuestPass guests) {

  private static final int MAX_REASON = 300;

  public void mount(Router router) {
    router.post("/api/v1/sessions/:sessionId/questions").handler(guests.required()).handler(this::ask);
    router.post("/api/v1/sessions/:sessionId/guests").handler(this::joinAsGuest);
    router.get("/api/v1/sessions/:sessionId/questions").handler(this::since);
    router.get("/api/v1/sessions/:sessionId/export").handler(Access.role(Role.MODERATOR)).handler(this::export);
    router.patch("/api/v1/questions/:questionId").handler(guests.required()).handler(this::edit);
    router.delete("/api/v1/questions/:questionId").handler(guests.required()).handler(this::withdraw);
    router.post("/api/v1/questions/:questionId/vote").handler(guests.required()).handler(ctx -> vote(ctx, true));
    router.delete("/api/v1/questions/:questionId/vote").handler(guests.required())
        .handler(ctx -> vote(ctx, false));
    router.post("/api/v1/questions/:questionId/moderate").handler(Access.role(Role.MODERATOR))
        .handler(this::moderate);
  }

  private void ask(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("text", "anonymous", "organisation");
    String text = in.requiredText("text", Question.MAX_LENGTH);
    boolean anonymous = in.optionalBoolean("anonymous", false);
    String organisation = onBehalfOf(in.optionalText("organisation", 100), anonymous);
    CurrentUser user = guests.personOrGuest(ctx);
    idempotency.once(user.id(), ctx.request().getHeader(Idempotency.HEADER), () -> pace.address(user, address(ctx))
            .compose(v -> pace.ask(user))
            .compose(v -> questions.ask(user, ctx.pathParam("sessionId"), text, anonymous, organisation))
            .map(asked -> new JsonObject().put("id", asked.id()).put("status", asked.status()).put("seq", asked.seq())))
        .onSuccess(outcome -> JsonResponses.created(ctx, outcome.body()))
        .onFailure(ctx::fail);
  }

  private void edit(RoutingContext ctx) {
    String text = JsonInput.of(ctx).allow("text").requiredText("text", Question.MAX_LENGTH);
    CurrentUser asker = guests.personOrGuest(ctx);
    questions.edit(asker, ctx.pathParam("questionId"), text)
        .onSuccess(question -> JsonResponses.ok(ctx, question.forAttendee(asker.id())))
        .onFailure(ctx::fail);
  }

  private void withdraw(RoutingContext ctx) {
    CurrentUser asker = guests.personOrGuest(ctx);
    questions.withdraw(asker, ctx.pathParam("questionId"))
        .onSuccess(question -> JsonResponses.ok(ctx, question.forAttendee(asker.id())))
        .onFailure(ctx::fail);
  }

  /** A person without an account joins the session as a guest: 201 and the guest's cookie; 403 when it takes none. */
  private void joinAsGuest(RoutingContext ctx) {
    String name = JsonInput.of(ctx).allow("name").optionalText("name", GuestPass.MAX_NAME);
    pace.guests(address(ctx))
        .compose(v -> questions.admitsGuests(ctx.pathParam("sessionId")))
        .onSuccess(session -> {
          CurrentUser guest = guests.issue(ctx, name);
          JsonResponses.created(ctx, new JsonObject().put("name", guest.name()).put("guests", session.guests()));
        })
        .onFailure(ctx::fail);
  }

  private void since(RoutingContext ctx) {
    catchUp.since(guests.visitorOrGuest(ctx), ctx.pathParam("sessionId"), sequenceNumber(ctx))
        .onSuccess(changes -> JsonResponses.ok(ctx, changes.json()))
        .onFailure(ctx::fail);
  }

  private void vote(RoutingContext ctx, boolean on) {
    CurrentUser voter = guests.personOrGuest(ctx);
    pace.address(voter, address(ctx))
        .compose(v -> pace.vote(voter, user -> questions.vote(user, ctx.pathParam("questionId"), on)))
        .onSuccess(votes -> JsonResponses.ok(ctx, new JsonObject().put("votes", votes).put("voted", on)))
        .onFailure(ctx::fail);
  }

  /**
   * A moderator's action; 409 {@code {error, message, question}} with the question as it is now when another
   * moderator changed it first (its status is no longer {@code expect}).
   */
  private void moderate(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("action", "expect", "reason", "note", "text", "answer");
    String text = in.optionalText("text", Question.MAX_LENGTH);
    if (text != null && text.isEmpty()) {
      throw ForumException.invalid("text", "'text' must not be empty.");
    }
    ModeratorAction action = new ModeratorAction(in.optionalText("action", 20), in.optionalText("expect", 20),
        in.optionalText("reason", MAX_REASON), in.optionalText("note", ModeratorAction.MAX_NOTE), text,
        in.optionalText("answer", ModeratorAction.MAX_ANSWER));
    moderation.moderate(user(ctx), ctx.pathParam("questionId"), action)
        .onSuccess(question -> JsonResponses.ok(ctx, question.forModerators()))
        .onFailure(failure -> {
          if (failure instanceof StaleQuestion stale) {
            JsonResponses.conflict(ctx, new JsonObject().put("error", stale.code()).put("message", stale.getMessage())
                .put("question", stale.current().forModerators()));
          } else {
            ctx.fail(failure);
          }
        });
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
