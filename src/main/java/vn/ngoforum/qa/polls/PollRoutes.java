package vn.ngoforum.qa.polls;

import static vn.ngoforum.qa.http.Requests.formText;
import static vn.ngoforum.qa.http.Requests.ticked;
import static vn.ngoforum.qa.http.Requests.user;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.qa.http.Pace;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;

/**
 * Live polls: moderators launch and close them, attendees vote once; the pages' forms do the same without
 * JavaScript.
 *
 * <pre>
 *   POST   /api/v1/sessions/{id}/polls    moderator: launch a poll   curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"question":"Ưu tiên?","options":["A","B"],"multiple":false}' localhost:8080/api/v1/sessions/$S/polls
 *   POST   /api/v1/polls/{id}/vote        vote once                  curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"choices":[0]}' localhost:8080/api/v1/polls/$P/vote
 *   POST   /api/v1/polls/{id}/close       moderator: close (results stay)  curl -XPOST -H "Authorization: Bearer $T" localhost:8080/api/v1/polls/$P/close
 *   POST   /qa/{id}/polls                 the moderator page's form: question, options (one per line), multiple
 *   POST   /qa/{id}/polls/{pid}/vote      the attendee page's form: choice (repeated)
 *   POST   /qa/{id}/polls/{pid}/close     the moderator page's form
 * </pre>
 */
public record PollRoutes(PollService polls, Pace pace) {

  private static final int MAX_POLL_TEXT = 300;
  private static final int MAX_POLL_OPTION = 150;

  public void mount(Router router) {
    router.post("/api/v1/sessions/:sessionId/polls").handler(Access.role(Role.MODERATOR)).handler(this::launch);
    router.post("/api/v1/polls/:pollId/vote").handler(Access.signedIn()).handler(this::vote);
    router.post("/api/v1/polls/:pollId/close").handler(Access.role(Role.MODERATOR)).handler(this::close);
    router.post("/qa/:sessionId/polls").handler(Access.role(Role.MODERATOR)).handler(this::launchForm);
    router.post("/qa/:sessionId/polls/:pollId/vote").handler(Access.signedIn()).handler(this::voteForm);
    router.post("/qa/:sessionId/polls/:pollId/close").handler(Access.role(Role.MODERATOR)).handler(this::closeForm);
  }

  private void launch(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("question", "options", "multiple");
    JsonObject question = in.bilingual("question", MAX_POLL_TEXT, true);
    if (!(field(ctx, "options") instanceof JsonArray array)) {
      throw ForumException.invalid("options", "'options' must be a list of 2 to 10 texts.");
    }
    List<JsonObject> options = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String name = "option " + (i + 1);
      options.add(JsonInput.of(new JsonObject().put(name, array.getValue(i)).encode())
          .bilingual(name, MAX_POLL_OPTION, true));
    }
    polls.launch(user(ctx), ctx.pathParam("sessionId"), question, options, in.optionalBoolean("multiple", false))
        .onSuccess(poll -> JsonResponses.created(ctx, poll.json()))
        .onFailure(ctx::fail);
  }

  private void vote(RoutingContext ctx) {
    JsonInput.of(ctx).allow("choices");
    if (!(field(ctx, "choices") instanceof JsonArray array) || !array.stream().allMatch(Integer.class::isInstance)) {
      throw ForumException.invalid("choices", "'choices' must be a list of option numbers.");
    }
    List<Integer> choices = array.stream().map(Integer.class::cast).toList();
    pace.vote(user(ctx), user -> polls.vote(user, ctx.pathParam("pollId"), choices))
        .onSuccess(poll -> JsonResponses.ok(ctx, poll.json()))
        .onFailure(ctx::fail);
  }

  private void close(RoutingContext ctx) {
    polls.close(user(ctx), ctx.pathParam("pollId"))
        .onSuccess(poll -> JsonResponses.ok(ctx, poll.json()))
        .onFailure(ctx::fail);
  }

  private void launchForm(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    String question = formText(ctx, "question");
    if (question.isEmpty() || question.length() > MAX_POLL_TEXT) {
      throw ForumException.invalid("question", "A poll needs a question of 1 to " + MAX_POLL_TEXT + " characters.");
    }
    List<JsonObject> options = new ArrayList<>();
    for (String line : formText(ctx, "options").split("\\R")) {
      String option = line.strip();
      if (option.length() > MAX_POLL_OPTION) {
        throw ForumException.invalid("options", "Each option may have at most " + MAX_POLL_OPTION + " characters.");
      }
      if (!option.isEmpty()) {
        options.add(new JsonObject().put("vi", option).put("en", option));
      }
    }
    polls.launch(user(ctx), sessionId, new JsonObject().put("vi", question).put("en", question), options,
            ticked(ctx, "multiple"))
        .onSuccess(poll -> ctx.redirect("/qa/" + sessionId + "/moderate#poll-" + poll.id()))
        .onFailure(ctx::fail);
  }

  private void voteForm(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    String pollId = ctx.pathParam("pollId");
    List<Integer> choices = new ArrayList<>();
    for (String value : ctx.request().formAttributes().getAll("choice")) {
      try {
        choices.add(Integer.parseInt(value.strip()));
      } catch (NumberFormatException e) {
        throw ForumException.invalid("choice", "Choose one of the poll's options.");
      }
    }
    pace.vote(user(ctx), user -> polls.vote(user, pollId, choices))
        .onSuccess(poll -> ctx.redirect("/qa/" + sessionId + "#poll-" + pollId))
        .onFailure(ctx::fail);
  }

  private void closeForm(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    polls.close(user(ctx), ctx.pathParam("pollId"))
        .onSuccess(poll -> ctx.redirect("/qa/" + sessionId + "/moderate#poll-" + poll.id()))
        .onFailure(ctx::fail);
  }

  /** A raw field of the JSON body (already checked to be an object by {@link JsonInput}), or null. */
  private static Object field(RoutingContext ctx, String name) {
    String body = ctx.body().asString();
    return body == null || body.isBlank() ? null : new JsonObject(body).getValue(name);
  }
}
