package vn.ngoforum.qa;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.forum.ForumThreads;
import vn.ngoforum.realtime.EventBusBridge;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.Idempotency;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.RateLimiter;
import vn.ngoforum.web.Views;

/**
 * Live workshop Q&amp;A: the API, the pages and who may follow which session over the bridge.
 *
 * <pre>
 *   POST   /api/v1/events                         moderator: create an event     curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"title":"Hội thảo","startsAt":"2026-09-29T08:30:00+07:00","endsAt":"2026-09-29T17:00:00+07:00","location":"Hà Nội"}' localhost:8080/api/v1/events
 *   GET    /api/v1/events/{id}                    an event with its agenda       curl localhost:8080/api/v1/events/hanoi-2022-wildlife-trade
 *   POST   /api/v1/events/{id}/sessions           moderator: add a session       -d '{"title":"Topic 1","moderation":"pre","visibility":"public"}'
 *   PATCH  /api/v1/events/{id}                    moderator: edit an event       -XPATCH -d '{"endsAt":"2026-09-30T17:00:00+07:00"}'
 *   GET    /api/v1/sessions/{id}                  a session                      curl localhost:8080/api/v1/sessions/$S
 *   PATCH  /api/v1/sessions/{id}                  moderator: edit a session      -XPATCH -d '{"moderation":"post","visibility":"members"}'
 *   POST   /api/v1/sessions/{id}/qa               moderator: open/close Q&amp;A  -d '{"open":false}'
 *   POST   /api/v1/sessions/{id}/to-forum         moderator: open questions → threads  -d '{"category":"policy-and-law"}'
 *   POST   /api/v1/sessions/{id}/questions        ask                            -d '{"text":"...","anonymous":false,"organisation":"wwf-vietnam"}'
 *   GET    /api/v1/sessions/{id}/questions?since= what changed since seq         curl localhost:8080/api/v1/sessions/$S/questions?since=12
 *   GET    /api/v1/sessions/{id}/export?format=   moderator: csv or md           curl -H "Authorization: Bearer $T" '.../export?format=csv'
 *          &names=true                           the internal export, naming anonymous askers (audited)
 *   POST   /api/v1/questions/{id}/vote            vote (again counts once)       curl -XPOST -H "Authorization: Bearer $T" .../vote
 *   DELETE /api/v1/questions/{id}/vote            withdraw the vote
 *   POST   /api/v1/questions/{id}/moderate        moderator                      -d '{"action":"hide","reason":"off topic"}'
 *   POST   /api/v1/sessions/{id}/polls            moderator: launch a poll       -d '{"question":"Ưu tiên?","options":["A","B"],"multiple":false}'
 *   POST   /api/v1/polls/{id}/vote                vote once                      -d '{"choices":[0]}'
 *   POST   /api/v1/polls/{id}/close               moderator: close (results stay)
 *   GET    /events/{id}                           the agenda page
 *   GET    /qa/{id}  /qa/{id}/moderate  /qa/{id}/present    attendee, moderator and projector pages
 *   POST   /qa/{id}/ask  /qa/{id}/vote/{qid}  /qa/{id}/moderate/{qid}  /qa/{id}/open   the pages' forms
 *   POST   /qa/{id}/polls  /qa/{id}/polls/{pid}/vote  /qa/{id}/polls/{pid}/close          the poll forms
 * </pre>
 */
public final class QaRoutes {

  static final int MAX_QUESTION_LENGTH = 500;
  private static final int ASKS_PER_MINUTE = 10;
  private static final int VOTES_PER_MINUTE = 120;
  private static final int TOP_ON_PROJECTOR = 5;
  private static final int MAX_POLL_TEXT = 300;
  private static final int MAX_POLL_OPTION = 150;
  private static final Set<String> ACTIONS = Set.of("approve", "hide", "answer", "highlight");

  private final QaService qa;
  private final Views views;
  private final RateLimiter limits;
  private final Idempotency idempotency;
  private final String publicUrl;
  private final Followers followers;
  private final ForumThreads forum;

  public QaRoutes(QaService qa, MongoClient mongo, Views views, String publicUrl, ForumThreads forum) {
    this.qa = qa;
    this.forum = forum;
    views.precompile(views());
    this.views = views;
    this.limits = new RateLimiter(mongo);
    this.idempotency = new Idempotency(mongo);
    this.publicUrl = publicUrl;
    this.followers = new Followers(qa.vertx(), mongo);
  }

  /** The views this feature renders, to compile at start-up. */
  public static List<String> views() {
    return List.of("qa/event", "qa/session", "qa/moderate", "qa/present");
  }

  public void mount(Router router, EventBusBridge bridge) {
    bridge.sessions(qa::mayFollow).sessionModerators(qa::mayModerate).onFollowChange(followers::changed);

    router.post("/api/v1/events").handler(Access.role(Role.MODERATOR)).handler(this::createEvent);
    router.get("/api/v1/events/:eventId").handler(this::agenda);
    router.post("/api/v1/events/:eventId/sessions").handler(Access.role(Role.MODERATOR)).handler(this::createSession);
    router.patch("/api/v1/events/:eventId").handler(Access.role(Role.MODERATOR)).handler(this::editEvent);
    router.get("/api/v1/sessions/:sessionId").handler(this::session);
    router.patch("/api/v1/sessions/:sessionId").handler(Access.role(Role.MODERATOR)).handler(this::editSession);
    router.post("/api/v1/sessions/:sessionId/qa").handler(Access.role(Role.MODERATOR)).handler(this::openOrClose);
    router.post("/api/v1/sessions/:sessionId/to-forum").handler(Access.role(Role.MODERATOR)).handler(this::toForum);
    router.post("/api/v1/sessions/:sessionId/questions").handler(Access.signedIn()).handler(this::ask);
    router.get("/api/v1/sessions/:sessionId/questions").handler(this::questions);
    router.get("/api/v1/sessions/:sessionId/export").handler(Access.role(Role.MODERATOR)).handler(this::export);
    router.post("/api/v1/questions/:questionId/vote").handler(Access.signedIn()).handler(ctx -> vote(ctx, true));
    router.delete("/api/v1/questions/:questionId/vote").handler(Access.signedIn()).handler(ctx -> vote(ctx, false));
    router.post("/api/v1/questions/:questionId/moderate").handler(Access.role(Role.MODERATOR))
        .handler(this::moderate);

    router.post("/api/v1/sessions/:sessionId/polls").handler(Access.role(Role.MODERATOR)).handler(this::launchPoll);
    router.post("/api/v1/polls/:pollId/vote").handler(Access.signedIn()).handler(this::votePoll);
    router.post("/api/v1/polls/:pollId/close").handler(Access.role(Role.MODERATOR)).handler(this::closePoll);

    router.get("/events/:eventId").handler(this::eventPage);
    router.get("/qa/:sessionId").handler(this::attendeePage);
    router.get("/qa/:sessionId/moderate").handler(Access.role(Role.MODERATOR)).handler(this::moderatorPage);
    router.get("/qa/:sessionId/present").handler(this::projectorPage);
    router.post("/qa/:sessionId/ask").handler(Access.signedIn()).handler(this::askForm);
    router.post("/qa/:sessionId/vote/:questionId").handler(Access.signedIn()).handler(this::voteForm);
    router.post("/qa/:sessionId/moderate/:questionId").handler(Access.role(Role.MODERATOR))
        .handler(this::moderateForm);
    router.post("/qa/:sessionId/open").handler(Access.role(Role.MODERATOR)).handler(this::openOrCloseForm);
    router.post("/qa/:sessionId/to-forum").handler(Access.role(Role.MODERATOR)).handler(this::toForumForm);
    router.post("/qa/:sessionId/edit").handler(Access.role(Role.MODERATOR)).handler(this::editSessionForm);
    router.post("/qa/:sessionId/polls").handler(Access.role(Role.MODERATOR)).handler(this::launchPollForm);
    router.post("/qa/:sessionId/polls/:pollId/vote").handler(Access.signedIn()).handler(this::votePollForm);
    router.post("/qa/:sessionId/polls/:pollId/close").handler(Access.role(Role.MODERATOR))
        .handler(this::closePollForm);
  }

  // ---- polls ---------------------------------------------------------------------------------------------------

  private void launchPoll(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("question", "options", "multiple");
    JsonObject question = in.bilingual("question", MAX_POLL_TEXT, true);
    Object raw = field(ctx, "options");
    if (!(raw instanceof JsonArray array)) {
      throw ForumException.invalid("'options' must be a list of 2 to 10 texts.");
    }
    List<JsonObject> options = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      options.add(JsonInput.of(new JsonObject().put("option " + (i + 1), array.getValue(i)).encode())
          .bilingual("option " + (i + 1), MAX_POLL_OPTION, true));
    }
    qa.polls().launch(user(ctx), ctx.pathParam("sessionId"), question, options, in.optionalBoolean("multiple", false))
        .onSuccess(poll -> JsonResponses.created(ctx, poll))
        .onFailure(ctx::fail);
  }

  private void votePoll(RoutingContext ctx) {
    JsonInput.of(ctx).allow("choices");
    Object raw = field(ctx, "choices");
    if (!(raw instanceof JsonArray array) || !array.stream().allMatch(Integer.class::isInstance)) {
      throw ForumException.invalid("'choices' must be a list of option numbers.");
    }
    List<Integer> choices = array.stream().map(Integer.class::cast).toList();
    CurrentUser user = user(ctx);
    limits.acquire("qa.vote:" + user.id(), VOTES_PER_MINUTE, Duration.ofMinutes(1))
        .compose(v -> qa.polls().vote(user, ctx.pathParam("pollId"), choices))
        .onSuccess(poll -> JsonResponses.ok(ctx, poll))
        .onFailure(ctx::fail);
  }

  private void closePoll(RoutingContext ctx) {
    qa.polls().close(user(ctx), ctx.pathParam("pollId"))
        .onSuccess(poll -> JsonResponses.ok(ctx, poll))
        .onFailure(ctx::fail);
  }

  private void launchPollForm(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    String question = formText(ctx, "question");
    if (question.isEmpty() || question.length() > MAX_POLL_TEXT) {
      throw ForumException.invalid("A poll needs a question of 1 to " + MAX_POLL_TEXT + " characters.");
    }
    List<JsonObject> options = new ArrayList<>();
    for (String line : formText(ctx, "options").split("\\R")) {
      String option = line.strip();
      if (option.length() > MAX_POLL_OPTION) {
        throw ForumException.invalid("Each option may have at most " + MAX_POLL_OPTION + " characters.");
      }
      if (!option.isEmpty()) {
        options.add(new JsonObject().put("vi", option).put("en", option));
      }
    }
    qa.polls().launch(user(ctx), sessionId, new JsonObject().put("vi", question).put("en", question), options,
            ctx.request().getFormAttribute("multiple") != null)
        .onSuccess(poll -> ctx.redirect("/qa/" + sessionId + "/moderate#poll-" + poll.getString("id")))
        .onFailure(ctx::fail);
  }

  private void votePollForm(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    String pollId = ctx.pathParam("pollId");
    List<Integer> choices = new ArrayList<>();
    for (String value : ctx.request().formAttributes().getAll("choice")) {
      try {
        choices.add(Integer.parseInt(value.strip()));
      } catch (NumberFormatException e) {
        throw ForumException.invalid("Choose one of the poll's options.");
      }
    }
    CurrentUser user = user(ctx);
    limits.acquire("qa.vote:" + user.id(), VOTES_PER_MINUTE, Duration.ofMinutes(1))
        .compose(v -> qa.polls().vote(user, pollId, choices))
        .onSuccess(poll -> ctx.redirect("/qa/" + sessionId + "#poll-" + pollId))
        .onFailure(ctx::fail);
  }

  private void closePollForm(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    qa.polls().close(user(ctx), ctx.pathParam("pollId"))
        .onSuccess(poll -> ctx.redirect("/qa/" + sessionId + "/moderate#poll-" + poll.getString("id")))
        .onFailure(ctx::fail);
  }

  // ---- API -----------------------------------------------------------------------------------------------------

  private void createEvent(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("title", "startsAt", "endsAt", "location", "organisers");
    JsonObject event = new JsonObject()
        .put("title", in.bilingual("title", 300, true))
        .put("startsAt", date(in.requiredInstant("startsAt")))
        .put("endsAt", date(in.requiredInstant("endsAt")))
        .put("location", in.bilingual("location", 300, false))
        .put("organisers", new JsonArray(in.textList("organisers", 20, 100)));
    if (in.requiredInstant("endsAt").isBefore(in.requiredInstant("startsAt"))) {
      throw ForumException.invalid("'endsAt' must not be before 'startsAt'.");
    }
    qa.createEvent(user(ctx), event)
        .onSuccess(id -> JsonResponses.created(ctx, new JsonObject().put("id", id)))
        .onFailure(ctx::fail);
  }

  private void createSession(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("title", "moderation", "visibility", "startsAt", "endsAt", "qaOpen",
        "speakers");
    JsonObject session = new JsonObject()
        .put("title", in.bilingual("title", 300, true))
        .put("moderation", in.choice("moderation", Set.of("pre", "post"), "pre"))
        .put("visibility", in.choice("visibility", Set.of("public", "members"), "public"))
        .put("qaOpen", in.optionalBoolean("qaOpen", true))
        .put("speakers", new JsonArray(in.textList("speakers", 20, 100)));
    if (in.optionalInstant("startsAt") != null) {
      session.put("startsAt", date(in.optionalInstant("startsAt")));
    }
    if (in.optionalInstant("endsAt") != null) {
      session.put("endsAt", date(in.optionalInstant("endsAt")));
    }
    qa.createSession(user(ctx), ctx.pathParam("eventId"), session)
        .onSuccess(id -> JsonResponses.created(ctx, new JsonObject().put("id", id)))
        .onFailure(ctx::fail);
  }

  private void editEvent(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("title", "startsAt", "endsAt", "location", "organisers");
    JsonObject set = new JsonObject();
    if (in.has("title")) {
      set.put("title", in.bilingual("title", 300, true));
    }
    if (in.has("startsAt")) {
      set.put("startsAt", date(in.requiredInstant("startsAt")));
    }
    if (in.has("endsAt")) {
      set.put("endsAt", date(in.requiredInstant("endsAt")));
    }
    if (in.has("location")) {
      set.put("location", in.bilingual("location", 300, false));
    }
    if (in.has("organisers")) {
      set.put("organisers", new JsonArray(in.textList("organisers", 20, 100)));
    }
    if (set.isEmpty()) {
      throw ForumException.invalid("Nothing to change.");
    }
    qa.editEvent(user(ctx), ctx.pathParam("eventId"), set)
        .onSuccess(event -> JsonResponses.ok(ctx, event))
        .onFailure(ctx::fail);
  }

  private void editSession(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("title", "moderation", "visibility", "startsAt", "endsAt", "speakers");
    JsonObject set = new JsonObject();
    if (in.has("title")) {
      set.put("title", in.bilingual("title", 300, true));
    }
    if (in.has("moderation")) {
      set.put("moderation", in.choice("moderation", Set.of("pre", "post"), null));
    }
    if (in.has("visibility")) {
      set.put("visibility", in.choice("visibility", Set.of("public", "members"), null));
    }
    if (in.has("startsAt")) {
      set.put("startsAt", date(in.requiredInstant("startsAt")));
    }
    if (in.has("endsAt")) {
      set.put("endsAt", date(in.requiredInstant("endsAt")));
    }
    if (in.has("speakers")) {
      set.put("speakers", new JsonArray(in.textList("speakers", 20, 100)));
    }
    if (set.isEmpty()) {
      throw ForumException.invalid("Nothing to change.");
    }
    qa.editSession(user(ctx), ctx.pathParam("sessionId"), set)
        .onSuccess(session -> JsonResponses.ok(ctx, session))
        .onFailure(ctx::fail);
  }

  private void editSessionForm(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    String vi = formText(ctx, "title_vi");
    String en = formText(ctx, "title_en");
    String moderation = formText(ctx, "moderation");
    String visibility = formText(ctx, "visibility");
    if ((vi.isEmpty() && en.isEmpty()) || vi.length() > 300 || en.length() > 300
        || !Set.of("pre", "post").contains(moderation) || !Set.of("public", "members").contains(visibility)) {
      throw ForumException.invalid("A session needs a title (up to 300 characters), a moderation and a visibility.");
    }
    JsonObject set = new JsonObject().put("title", new JsonObject().put("vi", vi).put("en", en))
        .put("moderation", moderation).put("visibility", visibility);
    qa.editSession(user(ctx), sessionId, set)
        .onSuccess(session -> ctx.redirect("/qa/" + sessionId + "/moderate"))
        .onFailure(ctx::fail);
  }

  private void agenda(RoutingContext ctx) {
    qa.agenda(ctx.pathParam("eventId"))
        .onSuccess(agenda -> JsonResponses.ok(ctx, agenda))
        .onFailure(ctx::fail);
  }

  private void session(RoutingContext ctx) {
    qa.readableSession(CurrentUser.of(ctx).orElse(null), ctx.pathParam("sessionId"))
        .onSuccess(session -> JsonResponses.ok(ctx,
            session.put("followers", followers.count(session.getString("id")))))
        .onFailure(ctx::fail);
  }

  private void openOrClose(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("open");
    if (!in.has("open")) {
      throw ForumException.invalid("'open' is required.");
    }
    qa.setQaOpen(user(ctx), ctx.pathParam("sessionId"), in.optionalBoolean("open", true))
        .onSuccess(session -> JsonResponses.ok(ctx, session))
        .onFailure(ctx::fail);
  }

  private void toForum(RoutingContext ctx) {
    String category = JsonInput.of(ctx).allow("category").requiredText("category", 100);
    qa.carryToForum(user(ctx), ctx.pathParam("sessionId"), category, forum)
        .onSuccess(answer -> JsonResponses.ok(ctx, answer))
        .onFailure(ctx::fail);
  }

  private void ask(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("text", "anonymous", "organisation");
    String text = in.requiredText("text", MAX_QUESTION_LENGTH);
    boolean anonymous = in.optionalBoolean("anonymous", false);
    String organisation = onBehalfOf(in.optionalText("organisation", 100), anonymous);
    CurrentUser user = user(ctx);
    idempotency.once(user.id(), ctx.request().getHeader(Idempotency.HEADER),
            () -> askLimited(user, ctx.pathParam("sessionId"), text, anonymous, organisation))
        .onSuccess(outcome -> JsonResponses.created(ctx, outcome.body()))
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> askLimited(CurrentUser user, String sessionId, String text, boolean anonymous,
      String organisation) {
    return limits.acquire("qa.ask:" + user.id(), ASKS_PER_MINUTE, Duration.ofMinutes(1))
        .compose(v -> qa.ask(user, sessionId, text, anonymous, organisation));
  }

  /** The organisation slug to speak for, or null; an anonymous question cannot speak for an organisation. */
  private static String onBehalfOf(String slug, boolean anonymous) {
    if (slug == null || slug.isEmpty()) {
      return null;
    }
    if (anonymous) {
      throw ForumException.invalid("An anonymous question cannot be asked on behalf of an organisation.");
    }
    return slug;
  }

  private void questions(RoutingContext ctx) {
    qa.questions(CurrentUser.of(ctx).orElse(null), ctx.pathParam("sessionId"), since(ctx))
        .onSuccess(answer -> {
          answer.remove("session");
          JsonResponses.ok(ctx, answer);
        })
        .onFailure(ctx::fail);
  }

  private void vote(RoutingContext ctx, boolean on) {
    CurrentUser user = user(ctx);
    limits.acquire("qa.vote:" + user.id(), VOTES_PER_MINUTE, Duration.ofMinutes(1))
        .compose(v -> qa.vote(user, ctx.pathParam("questionId"), on))
        .onSuccess(votes -> JsonResponses.ok(ctx, new JsonObject().put("votes", votes).put("voted", on)))
        .onFailure(ctx::fail);
  }

  private void moderate(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("action", "reason", "text");
    String action = in.choice("action", ACTIONS, null);
    String reason = in.optionalText("reason", 300);
    String text = in.optionalText("text", MAX_QUESTION_LENGTH);
    if (text != null && text.isEmpty()) {
      throw ForumException.invalid("'text' must not be empty.");
    }
    qa.moderate(user(ctx), ctx.pathParam("questionId"), action, reason, text)
        .onSuccess(question -> JsonResponses.ok(ctx, question))
        .onFailure(ctx::fail);
  }

  private void export(RoutingContext ctx) {
    String format = ctx.queryParams().get("format") == null ? "csv" : ctx.queryParams().get("format");
    if (!format.equals("csv") && !format.equals("md")) {
      throw ForumException.invalid("'format' must be csv or md.");
    }
    String names = ctx.queryParams().get("names") == null ? "false" : ctx.queryParams().get("names");
    if (!names.equals("true") && !names.equals("false")) {
      throw ForumException.invalid("'names' must be true or false.");
    }
    boolean withNames = names.equals("true");
    String sessionId = ctx.pathParam("sessionId");
    qa.exportData(user(ctx), sessionId, format, withNames)
        .onSuccess(data -> {
          boolean csv = format.equals("csv");
          String body = csv ? QaExport.csv(data, withNames) : QaExport.markdown(data, withNames);
          String file = "qa-" + sessionId + (withNames ? "-internal." : ".") + format;
          ctx.response()
              .putHeader(HttpHeaders.CONTENT_TYPE, csv ? "text/csv; charset=utf-8" : "text/markdown; charset=utf-8")
              .putHeader("Content-Disposition", "attachment; filename=\"" + file + "\"")
              .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
              .end(io.vertx.core.buffer.Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)));
        })
        .onFailure(ctx::fail);
  }

  // ---- pages ---------------------------------------------------------------------------------------------------

  private void eventPage(RoutingContext ctx) {
    qa.agenda(ctx.pathParam("eventId"))
        .onSuccess(agenda -> {
          ctx.put("event", agenda.getJsonObject("event"));
          ctx.put("sessions", list(agenda.getJsonArray("sessions")));
          views.render(ctx, "qa/event");
        })
        .onFailure(ctx::fail);
  }

  private void attendeePage(RoutingContext ctx) {
    showAttendeePage(ctx, 200);
  }

  private void showAttendeePage(RoutingContext ctx, int status) {
    String sort = "time".equals(ctx.queryParams().get("sort")) ? "time" : "votes";
    CurrentUser user = CurrentUser.of(ctx).orElse(null);
    qa.questions(user, ctx.pathParam("sessionId"), null)
        .compose(answer -> qa.verifiedOrganisationsOf(user).map(orgs -> {
          ctx.put("myOrganisations", orgs);
          return answer;
        }))
        .onSuccess(answer -> {
          List<JsonObject> all = list(answer.getJsonArray("questions"));
          putSession(ctx, answer);
          ctx.put("sort", sort);
          ctx.put("highlighted", filter(all, Question.HIGHLIGHTED, sort));
          ctx.put("open", filter(all, Question.APPROVED, sort));
          ctx.put("answered", filter(all, Question.ANSWERED, sort));
          ctx.put("mine", filter(all, Question.PENDING, "time"));
          ctx.put("counts", answer.getJsonObject("counts"));
          ctx.put("maxLength", MAX_QUESTION_LENGTH);
          ctx.put("pollMode", "attendee");
          views.render(ctx, "qa/session", status);
        })
        .onFailure(ctx::fail);
  }

  private void moderatorPage(RoutingContext ctx) {
    qa.questions(user(ctx), ctx.pathParam("sessionId"), null)
        .onSuccess(answer -> {
          List<JsonObject> all = list(answer.getJsonArray("questions"));
          putSession(ctx, answer);
          ctx.put("pending", filter(all, Question.PENDING, "time"));
          List<JsonObject> live = new ArrayList<>(filter(all, Question.HIGHLIGHTED, "votes"));
          live.addAll(filter(all, Question.APPROVED, "votes"));
          ctx.put("live", live);
          ctx.put("answered", filter(all, Question.ANSWERED, "votes"));
          ctx.put("pollMode", "moderate");
          ctx.put("carried", ctx.request().getParam("carried"));
        })
        .compose(v -> forum.categories())
        .onSuccess(categories -> {
          ctx.put("forumCategories", categories);
          views.render(ctx, "qa/moderate");
        })
        .onFailure(ctx::fail);
  }

  private void projectorPage(RoutingContext ctx) {
    qa.questions(null, ctx.pathParam("sessionId"), null)
        .onSuccess(answer -> {
          List<JsonObject> all = list(answer.getJsonArray("questions"));
          putSession(ctx, answer);
          List<JsonObject> highlighted = filter(all, Question.HIGHLIGHTED, "votes");
          ctx.put("highlight", highlighted.isEmpty() ? null : highlighted.get(0));
          List<JsonObject> top = filter(all, Question.APPROVED, "votes");
          ctx.put("top", top.subList(0, Math.min(TOP_ON_PROJECTOR, top.size())));
          ctx.put("pollMode", "present");
          views.render(ctx, "qa/present");
        })
        .onFailure(ctx::fail);
  }

  private void askForm(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    String text = formText(ctx, "text");
    if (text.isEmpty() || text.codePointCount(0, text.length()) > MAX_QUESTION_LENGTH) {
      askFailed(ctx, ForumException.invalid("A question needs 1 to " + MAX_QUESTION_LENGTH + " characters."));
      return;
    }
    boolean anonymous = ctx.request().getFormAttribute("anonymous") != null;
    String organisation = onBehalfOf(formText(ctx, "organisation"), anonymous);
    askLimited(user(ctx), sessionId, text, anonymous, organisation)
        .onSuccess(created -> ctx.redirect("/qa/" + sessionId + "#q-" + created.getString("id")))
        .onFailure(failure -> askFailed(ctx, failure));
  }

  /**
   * A question the person can fix or send again later (too long, too fast, Q&amp;A closed meanwhile): the session
   * page again with what they typed and a message in their language. Anything else goes to the failure handler.
   */
  private void askFailed(RoutingContext ctx, Throwable failure) {
    if (!(failure instanceof ForumException problem) || !Set.of(400, 409, 429).contains(problem.status())) {
      ctx.fail(failure);
      return;
    }
    if (problem.retryAfterSeconds() != null) {
      ctx.response().putHeader("Retry-After", problem.retryAfterSeconds().toString());
    }
    ctx.put("askError", problem.status() == 429 ? "errors.text.429"
        : problem.status() == 409 ? "qa.ask.closed" : "qa.ask.error_length");
    ctx.put("draftText", ctx.request().getFormAttribute("text"));
    ctx.put("draftAnonymous", ctx.request().getFormAttribute("anonymous") != null);
    showAttendeePage(ctx, problem.status());
  }

  private void voteForm(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    String questionId = ctx.pathParam("questionId");
    boolean on = !"withdraw".equals(ctx.request().getFormAttribute("vote"));
    CurrentUser user = user(ctx);
    limits.acquire("qa.vote:" + user.id(), VOTES_PER_MINUTE, Duration.ofMinutes(1))
        .compose(v -> qa.vote(user, questionId, on))
        .onSuccess(votes -> ctx.redirect("/qa/" + sessionId + "#q-" + questionId))
        .onFailure(ctx::fail);
  }

  private void moderateForm(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    String action = formText(ctx, "action");
    if (!ACTIONS.contains(action)) {
      throw ForumException.invalid("Unknown action.");
    }
    String reason = formText(ctx, "reason");
    String text = formText(ctx, "text");
    if (text.codePointCount(0, text.length()) > MAX_QUESTION_LENGTH || reason.length() > 300) {
      throw ForumException.invalid("Too long.");
    }
    qa.moderate(user(ctx), ctx.pathParam("questionId"), action, reason.isEmpty() ? null : reason,
            text.isEmpty() ? null : text)
        .onSuccess(question -> ctx.redirect("/qa/" + sessionId + "/moderate"))
        .onFailure(ctx::fail);
  }

  private void openOrCloseForm(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    boolean open = "true".equals(formText(ctx, "open"));
    qa.setQaOpen(user(ctx), sessionId, open)
        .onSuccess(session -> ctx.redirect("/qa/" + sessionId + "/moderate"))
        .onFailure(ctx::fail);
  }

  private void toForumForm(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    String category = formText(ctx, "category");
    if (category == null || category.isBlank()) {
      throw ForumException.invalid("'category' is required.");
    }
    qa.carryToForum(user(ctx), sessionId, category.strip(), forum)
        .onSuccess(answer -> ctx.redirect("/qa/" + sessionId + "/moderate?carried="
            + answer.getJsonArray("created").size()))
        .onFailure(ctx::fail);
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  private void putSession(RoutingContext ctx, JsonObject answer) {
    JsonObject session = answer.getJsonObject("session");
    ctx.put("session", session);
    ctx.put("followers", followers.count(session.getString("id")));
    ctx.put("event", session.getJsonObject("event"));
    ctx.put("seq", answer.getLong("seq"));
    List<JsonObject> polls = list(answer.getJsonArray("polls", new JsonArray()));
    polls.forEach(QaRoutes::markChosen);
    ctx.put("polls", polls.stream().sorted(Comparator.comparing((JsonObject p) -> !p.getBoolean("open"))
        .thenComparing(p -> String.valueOf(p.getValue("createdAt")), Comparator.reverseOrder())).toList());
    ctx.put("joinUrl", publicUrl + "/qa/" + session.getString("id"));
    ctx.put("joinLabel", publicUrl.replaceFirst("^https?://", "") + "/qa/" + session.getString("id"));
  }

  /** Marks the options this person chose, for the page (Handlebars cannot look them up). */
  private static void markChosen(JsonObject poll) {
    JsonArray mine = poll.getJsonArray("myChoices");
    poll.put("voted", mine != null);
    poll.getJsonArray("options").forEach(option -> ((JsonObject) option)
        .put("chosen", mine != null && mine.contains(((JsonObject) option).getInteger("index"))));
  }

  private static List<JsonObject> filter(List<JsonObject> all, String status, String sort) {
    Comparator<JsonObject> byTime = Comparator.comparing(q -> String.valueOf(q.getValue("createdAt")));
    Comparator<JsonObject> order = "time".equals(sort) ? byTime.reversed()
        : Comparator.<JsonObject>comparingInt(q -> q.getInteger("votes", 0)).reversed().thenComparing(byTime);
    return all.stream().filter(q -> status.equals(q.getString("status"))).sorted(order).toList();
  }

  private static List<JsonObject> list(JsonArray array) {
    List<JsonObject> list = new ArrayList<>();
    array.forEach(item -> list.add((JsonObject) item));
    return list;
  }

  private static Long since(RoutingContext ctx) {
    String value = ctx.queryParams().get("since");
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      long since = Long.parseLong(value);
      if (since < 0) {
        throw ForumException.invalid("'since' must be a sequence number (0 or more).");
      }
      return since;
    } catch (NumberFormatException e) {
      throw ForumException.invalid("'since' must be a sequence number (0 or more).");
    }
  }

  /** A raw field of the JSON body (already checked to be an object by {@link JsonInput}), or null. */
  private static Object field(RoutingContext ctx, String name) {
    String body = ctx.body().asString();
    return body == null || body.isBlank() ? null : new JsonObject(body).getValue(name);
  }

  private static String formText(RoutingContext ctx, String field) {
    String value = ctx.request().getFormAttribute(field);
    return value == null ? "" : value.strip();
  }

  private static CurrentUser user(RoutingContext ctx) {
    return CurrentUser.of(ctx).orElseThrow(() -> ForumException.unauthorized("Please sign in first."));
  }

  private static JsonObject date(java.time.Instant instant) {
    return new JsonObject().put("$date", instant.toString());
  }
}
