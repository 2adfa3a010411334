package vn.ngoforum.qa.questions;

import static vn.ngoforum.qa.http.Requests.address;
import static vn.ngoforum.qa.http.Requests.formText;
import static vn.ngoforum.qa.http.Requests.ticked;
import static vn.ngoforum.qa.http.Requests.user;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.ForumThreads;
import vn.ngoforum.qa.events.Embedding;
import vn.ngoforum.qa.events.JoinCodes;
import vn.ngoforum.qa.events.Session;
import vn.ngoforum.qa.http.GuestPass;
import vn.ngoforum.qa.http.Pace;
import vn.ngoforum.qa.live.Followers;
import vn.ngoforum.qa.live.ModeratorPresence;
import vn.ngoforum.qa.notes.Note;
import vn.ngoforum.qa.notes.NoteService;
import vn.ngoforum.qa.polls.PollSeen;
import vn.ngoforum.web.FormErrors;
import vn.ngoforum.web.Views;

/**
 * A session's three pages, and their forms for asking, voting and moderating: each works without JavaScript, and
 * the page's script then follows the session live (from the page's {@code seq}).
 *
 * <pre>
 *   GET    /qa/{id}                  the attendee page (?sort=votes|time)   curl localhost:8080/qa/hanoi-2022-wildlife-trade-topic-1
 *   GET    /qa/{id}/moderate         moderator: the moderation queue
 *   GET    /qa/{id}/present          the projector view                   curl localhost:8080/qa/hanoi-2022-wildlife-trade-topic-1/present
 *   POST   /qa/{id}/guest            join as a guest: name (empty: anonymous), where the session takes guests
 *   POST   /qa/{id}/ask              the ask form: text, anonymous, organisation (shown again with the failure)
 *   POST   /qa/{id}/vote/{qid}       the vote button (vote=withdraw withdraws)
 *   POST   /qa/{id}/mine/{qid}/edit  the asker's new text, while the question waits for review
 *   POST   /qa/{id}/mine/{qid}/withdraw  the asker withdraws the question
 *   POST   /qa/{id}/moderate/{qid}   moderator's form: action, expect, reason, note, text, answer
 * </pre>
 */
public record SessionPages(CatchUp catchUp, QuestionService questions, ModerationService moderation, Pace pace,
    Followers followers, ModeratorPresence presence, ForumThreads forum, Views views, String publicUrl,
    JoinCodes joinCodes, GuestPass guests, Embedding embedding, NoteService notes) {

  private static final int TOP_ON_PROJECTOR = 5;
  private static final int MAX_REASON = 300;
  /** The ask form's fields with a text of their own ({@code qa.error.<field>}), see {@link FormErrors}. */
  private static final List<String> ASK_FIELDS = List.of("organisation");
  private static final String BY_VOTES = "votes";
  private static final String BY_TIME = "time";

  public SessionPages {
    views.precompile(List.of("qa/session", "qa/moderate", "qa/present"));
  }

  public void mount(Router router) {
    router.get("/qa/:sessionId").handler(ctx -> attendeePage(ctx, 200));
    router.get("/qa/:sessionId/moderate").handler(Access.role(Role.MODERATOR)).handler(this::moderatorPage);
    router.get("/qa/:sessionId/present").handler(this::projectorPage);
    router.post("/qa/:sessionId/guest").handler(this::guestForm);
    router.post("/qa/:sessionId/ask").handler(guests.required()).handler(this::askForm);
    router.post("/qa/:sessionId/vote/:questionId").handler(guests.required()).handler(this::voteForm);
    router.post("/qa/:sessionId/mine/:questionId/edit").handler(guests.required()).handler(this::editForm);
    router.post("/qa/:sessionId/mine/:questionId/withdraw").handler(guests.required()).handler(this::withdrawForm);
    router.post("/qa/:sessionId/moderate/:questionId").handler(Access.role(Role.MODERATOR))
        .handler(this::moderateForm);
  }

  private void attendeePage(RoutingContext ctx, int status) {
    String sort = BY_TIME.equals(ctx.queryParams().get("sort")) ? BY_TIME : BY_VOTES;
    CurrentUser user = guests.visitorOrGuest(ctx);
    boolean guest = GuestPass.isGuest(user);
    catchUp.since(user, ctx.pathParam("sessionId"), null)
        .compose(changes -> questions.verifiedOrganisationsOf(user).map(orgs -> {
          ctx.put("myOrganisations", orgs);
          return changes;
        }))
        .compose(changes -> embedding.origins(ctx.pathParam("sessionId")).map(origins -> {
          Embedding.allowFraming(ctx, origins);
          return changes;
        }))
        .compose(changes -> notes.inSession(changes.session().session().id()).map(found -> {
          ctx.put("notes", found.stream().map(note -> note.view(user)).toList());
          ctx.put("mayWriteNotes", NoteService.mayWrite(user, changes.session().session()));
          return changes;
        }))
        .onSuccess(changes -> {
          putSession(ctx, changes);
          ctx.put("sort", sort);
          ctx.put("highlighted", shown(changes, Question.HIGHLIGHTED, sort));
          ctx.put("open", shown(changes, Question.APPROVED, sort));
          ctx.put("answered", shown(changes, Question.ANSWERED, sort));
          ctx.put("mine", shown(changes, Question.PENDING, BY_TIME));
          ctx.put("counts", changes.counts().json());
          ctx.put("maxLength", Question.MAX_LENGTH);
          ctx.put("pollMode", "attendee");
          String guestsMay = changes.session().session().guests();
          ctx.put("guest", guest ? new JsonObject().put("name", user.name()) : null);
          ctx.put("canAsk", user != null);
          ctx.put("canVote", user != null && (!guest || Session.GUESTS_ASK_AND_VOTE.equals(guestsMay)));
          ctx.put("guestsWelcome", user == null && !Session.GUESTS_OFF.equals(guestsMay));
          ctx.put("guestNameMax", GuestPass.MAX_NAME);
          ctx.put("noteMax", Note.MAX_LENGTH);
          views.render(ctx, "qa/session", status);
        })
        .onFailure(ctx::fail);
  }

  private void moderatorPage(RoutingContext ctx) {
    catchUp.since(user(ctx), ctx.pathParam("sessionId"), null)
        .compose(changes -> putJoinCode(ctx, changes))
        .onSuccess(changes -> {
          putSession(ctx, changes);
          ctx.put("pending", shown(changes, Question.PENDING, BY_TIME));
          List<JsonObject> live = new ArrayList<>(shown(changes, Question.HIGHLIGHTED, BY_VOTES));
          live.addAll(shown(changes, Question.APPROVED, BY_VOTES));
          ctx.put("live", live);
          ctx.put("answered", shown(changes, Question.ANSWERED, BY_VOTES));
          ctx.put("pollMode", "moderate");
          ctx.put("carried", ctx.request().getParam("carried"));
          ctx.put("conflict", ctx.request().getParam("conflict") != null);
          ctx.put("reportPath", "/api/v1/sessions/" + ctx.pathParam("sessionId") + "/report");
        })
        .compose(v -> presence.moderators(ctx.pathParam("sessionId")))
        .compose(moderators -> {
          ctx.put("moderators", moderators);
          return embedding.origins(ctx.pathParam("sessionId"));
        })
        .compose(origins -> {
          ctx.put("embedOrigins", String.join("\n", origins));
          return forum.categories();
        })
        .onSuccess(categories -> {
          ctx.put("forumCategories", categories);
          views.render(ctx, "qa/moderate");
        })
        .onFailure(ctx::fail);
  }

  private void projectorPage(RoutingContext ctx) {
    catchUp.since(null, ctx.pathParam("sessionId"), null)
        .compose(changes -> putJoinCode(ctx, changes))
        .onSuccess(changes -> {
          putSession(ctx, changes);
          List<JsonObject> highlighted = shown(changes, Question.HIGHLIGHTED, BY_VOTES);
          ctx.put("highlight", highlighted.isEmpty() ? null : highlighted.get(0));
          List<JsonObject> top = shown(changes, Question.APPROVED, BY_VOTES);
          ctx.put("top", top.subList(0, Math.min(TOP_ON_PROJECTOR, top.size())));
          ctx.put("pollMode", "present");
          views.render(ctx, "qa/present");
        })
        .onFailure(ctx::fail);
  }

  /**
   * Asks; a question the person can fix or send again later (too long, too fast, questions closed meanwhile) shows
   * the session page again with what they typed and a message in their language ({@link FormErrors}).
   */
  private void askForm(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    CurrentUser user = guests.personOrGuest(ctx);
    Future.<Void>succeededFuture()
        .compose(v -> {
          String text = formText(ctx, "text");
          if (text.isEmpty() || text.codePointCount(0, text.length()) > Question.MAX_LENGTH) {
            throw ForumException.invalid("text", "A question needs 1 to " + Question.MAX_LENGTH + " characters.")
                .withMessageKey("qa.ask.error_length");
          }
          boolean anonymous = ticked(ctx, "anonymous");
          String organisation = QuestionRoutes.onBehalfOf(formText(ctx, "organisation"), anonymous);
          return pace.address(user, address(ctx)).compose(spentHere -> pace.ask(user))
              .compose(spent -> questions.ask(user, sessionId, text, anonymous, organisation));
        })
        .onSuccess(asked -> ctx.redirect("/qa/" + sessionId + "#q-" + asked.id()))
        .onFailure(failure -> FormErrors.show(ctx, failure, "qa", ASK_FIELDS, status -> attendeePage(ctx, status)));
  }

  /** Joins as a guest (a display name, or none: anonymous), then back to the session's ask form. */
  private void guestForm(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    pace.guests(address(ctx))
        .compose(v -> questions.admitsGuests(sessionId))
        .onSuccess(session -> {
          guests.issue(ctx, formText(ctx, "name"));
          ctx.redirect("/qa/" + sessionId + "#ask-title");
        })
        .onFailure(ctx::fail);
  }

  private void voteForm(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    String questionId = ctx.pathParam("questionId");
    boolean on = !"withdraw".equals(ctx.request().getFormAttribute("vote"));
    CurrentUser voter = guests.personOrGuest(ctx);
    pace.address(voter, address(ctx)).compose(v -> pace.vote(voter, user -> questions.vote(user, questionId, on)))
        .onSuccess(votes -> ctx.redirect("/qa/" + sessionId + "#q-" + questionId))
        .onFailure(ctx::fail);
  }

  private void editForm(RoutingContext ctx) {
    String text = formText(ctx, "text");
    if (text.isEmpty() || text.codePointCount(0, text.length()) > Question.MAX_LENGTH) {
      throw ForumException.invalid("text", "A question needs 1 to " + Question.MAX_LENGTH + " characters.")
          .withMessageKey("qa.ask.error_length");
    }
    questions.edit(guests.personOrGuest(ctx), ctx.pathParam("questionId"), text)
        .onSuccess(question -> ctx.redirect("/qa/" + ctx.pathParam("sessionId") + "#q-" + question.id()))
        .onFailure(ctx::fail);
  }

  private void withdrawForm(RoutingContext ctx) {
    questions.withdraw(guests.personOrGuest(ctx), ctx.pathParam("questionId"))
        .onSuccess(question -> ctx.redirect("/qa/" + ctx.pathParam("sessionId")))
        .onFailure(ctx::fail);
  }

  /**
   * A moderator's form: the action, the status the page showed ({@code expect}), reason, note, edited text,
   * answer. When another moderator changed the question first, the page comes back with the question as it is now
   * and says so.
   */
  private void moderateForm(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    String questionId = ctx.pathParam("questionId");
    String text = formText(ctx, "text");
    String reason = formText(ctx, "reason");
    if (text.codePointCount(0, text.length()) > Question.MAX_LENGTH || reason.length() > MAX_REASON) {
      throw ForumException.invalid("Too long.");
    }
    ModeratorAction action = new ModeratorAction(formText(ctx, "action"), formText(ctx, "expect"), reason,
        formText(ctx, "note"), text, formText(ctx, "answer"));
    moderation.moderate(user(ctx), questionId, action)
        .onSuccess(question -> ctx.redirect("/qa/" + sessionId + "/moderate#q-" + questionId))
        .onFailure(failure -> {
          if (failure instanceof StaleQuestion) {
            ctx.redirect("/qa/" + sessionId + "/moderate?conflict=" + questionId + "#q-" + questionId);
          } else {
            ctx.fail(failure);
          }
        });
  }

  /** What every session page shows: the session and its event, followers, polls, seq and the link to join. */
  private void putSession(RoutingContext ctx, SessionChanges changes) {
    JsonObject session = changes.session().json();
    String id = changes.session().session().id();
    ctx.put("session", session);
    ctx.put("followers", followers.count(id));
    ctx.put("event", session.getJsonObject("event"));
    ctx.put("seq", changes.seq());
    ctx.put("polls", changes.polls().stream()
        .sorted(Comparator.comparing((PollSeen seen) -> !seen.poll().open())
            .thenComparing(seen -> seen.poll().createdAt(), Comparator.nullsLast(Comparator.reverseOrder())))
        .map(PollSeen::pageView).toList());
    ctx.put("joinUrl", publicUrl + "/qa/" + id);
    ctx.put("joinLabel", publicUrl.replaceFirst("^https?://", "") + "/qa/" + id);
    ctx.put("joinHost", publicUrl.replaceFirst("^https?://", ""));
  }

  /**
   * The session's join code ({@code joinCode}, and {@code joinCodeLabel} in two groups of three digits for reading
   * aloud), giving the session one first if it was stored before codes existed.
   */
  private Future<SessionChanges> putJoinCode(RoutingContext ctx, SessionChanges changes) {
    return joinCodes.ensure(changes.session().session()).map(code -> {
      ctx.put("joinCode", code);
      ctx.put("joinCodeLabel", code.substring(0, 3) + " " + code.substring(3));
      return changes;
    });
  }

  /**
   * The questions with {@code status} as the viewer sees them: newest first ({@code time}), or most voted first and
   * among equals the oldest ({@code votes}).
   */
  private static List<JsonObject> shown(SessionChanges changes, String status, String sort) {
    Comparator<Question> byTime = Comparator.comparing(Question::createdAt,
        Comparator.nullsFirst(Comparator.naturalOrder()));
    Comparator<Question> order = BY_TIME.equals(sort) ? byTime.reversed()
        : Comparator.comparingInt(Question::votes).reversed().thenComparing(byTime);
    return changes.questions().stream().filter(question -> status.equals(question.status())).sorted(order)
        .map(changes::view).toList();
  }
}
