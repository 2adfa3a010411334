package vn.ngoforum.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.ngoforum.support.ForumUnderTest.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.db.Dates;
import vn.ngoforum.qa.events.Event;
import vn.ngoforum.qa.events.EventRepository;
import vn.ngoforum.qa.events.Session;
import vn.ngoforum.qa.events.SessionRepository;
import vn.ngoforum.qa.polls.Poll;
import vn.ngoforum.qa.polls.PollRepository;
import vn.ngoforum.qa.questions.ModerationCounts;
import vn.ngoforum.qa.questions.Question;
import vn.ngoforum.qa.questions.QuestionRepository;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.RecordingMongo;
import vn.ngoforum.support.TestForum;

/**
 * Q&amp;A's request paths read by key (issue 15): after many writes, the sessions' lists answer exactly what the
 * former queries by session answered; every read a request makes names a unique key; and a forum upgraded from a
 * version that queried by session lists what it had stored (a background migration at start-up).
 */
class QaKeyedReadsTest {

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  /** What a forum of the former version stored: documents without lists, votes with generated ids. */
  @RegisterExtension
  static final TestForum forum = TestForum.perClass("qa-keyed", QaKeyedReadsTest::storeOldShapes);

  @Test
  @DisplayName("after many questions, decisions, votes and polls, each read answers what the former query by session"
      + " answered")
  void listsAnswerWhatQueriesDid() {
    MongoClient mongo = forum.mongo();
    EventRepository events = new EventRepository(mongo);
    SessionRepository sessions = new SessionRepository(mongo);
    QuestionRepository questions = new QuestionRepository(mongo);
    PollRepository polls = new PollRepository(mongo);
    String eventId = "e-" + System.nanoTime();
    Event event = new Event(eventId, title("Many writes"), T0.plusSeconds(86_400 * 400), null, null, List.of());
    await(events.insert(event, "moderator", T0));
    List<String> sessionIds = List.of(eventId + "-b", eventId + "-a", eventId + "-c");
    for (int i = 0; i < sessionIds.size(); i++) {
      await(sessions.insert(new Session(sessionIds.get(i), eventId, title("S" + i),
          i == 2 ? null : T0.plusSeconds(3600L * (i % 2)), null, "pre", i == 1 ? Session.MEMBERS : "public",
          true, List.of(), 0), "moderator", T0));
    }

    Random random = new Random(15);
    List<String> users = List.of("u1", "u2", "u3");
    Map<String, List<String>> asked = new HashMap<>();
    List<String> pollIds = new ArrayList<>();
    for (int step = 0; step < 400; step++) {
      String sessionId = sessionIds.get(random.nextInt(2));
      List<String> ids = asked.computeIfAbsent(sessionId, k -> new ArrayList<>());
      int action = ids.isEmpty() ? 0 : random.nextInt(10);
      long seq = await(sessions.nextSeq(sessionId));
      String some = ids.isEmpty() ? null : ids.get(random.nextInt(ids.size()));
      switch (action) {
        case 0, 1 -> {
          String id = "q" + step + "-" + System.nanoTime();
          String status = random.nextBoolean() ? Question.PENDING : Question.APPROVED;
          await(questions.insert(new Question(id, sessionId, "text " + step, random.nextBoolean(),
              new Question.Asker(users.get(random.nextInt(3)), "user", "User", null), false, status,
              Question.PUBLIC.contains(status), 0, T0.plusSeconds(step), seq, null, false)));
          ids.add(id);
        }
        case 2, 3 -> await(questions.moderate(some, await(questions.find(some)).status(), List.of(Question.APPROVED,
                Question.HIDDEN, Question.ANSWERED, Question.HIGHLIGHTED).get(random.nextInt(4)),
            List.of("spam", "off topic", "").get(random.nextInt(3)).transform(reason -> reason.isEmpty() ? null : reason),
            random.nextInt(5) == 0 ? "edited " + step : null, new JsonObject(), T0.plusSeconds(step), seq));
        case 4 -> await(questions.setStatusIf(some, await(questions.find(some)).status(), Question.APPROVED, seq));
        case 5, 6 -> {
          String user = users.get(random.nextInt(3));
          if (await(questions.addVote(some, user, T0))) {
            await(questions.addToVotes(some, 1));
          }
          await(questions.touch(some, sessionId, seq));
        }
        case 7 -> {
          String user = users.get(random.nextInt(3));
          if (await(questions.removeVote(some, user))) {
            await(questions.addToVotes(some, -1));
          }
        }
        case 8 -> {
          if (pollIds.size() < 6) {
            String id = "p" + step + "-" + System.nanoTime();
            await(polls.insert(new Poll(id, sessionId, title("Poll"), false, List.of(new Poll.Option(title("a"), 0),
                new Poll.Option(title("b"), 0)), 0, Poll.OPEN, T0, seq), "moderator"));
            pollIds.add(id);
          } else {
            String id = pollIds.get(random.nextInt(pollIds.size()));
            String user = users.get(random.nextInt(3));
            if (await(polls.addVote(id, user, List.of(random.nextInt(2)), T0))) {
              await(polls.count(id, List.of(0)));
            }
            await(random.nextBoolean() ? polls.touch(id, seq) : polls.close(id, T0, seq));
          }
        }
        default -> await(questions.linkThread(some, "thread-" + step));
      }
    }

    for (String sessionId : sessionIds) {
      List<JsonObject> stored = await(mongo.findWithOptions("questions", new JsonObject().put("sessionId", sessionId),
          new FindOptions().setSort(new JsonObject().put("seq", 1))));
      List<String> all = stored.stream().map(doc -> doc.getString("_id")).toList();
      assertEquals(all, ids(await(questions.inSession(sessionId))), "all the session's questions, by seq");
      long middle = stored.isEmpty() ? 0 : stored.get(stored.size() / 2).getLong("seq");
      for (long after : List.of(0L, middle)) {
        for (boolean flag : List.of(true, false)) {
          assertEquals(ids(stored, doc -> doc.getLong("seq") > after
                  && (flag || !Question.HIDDEN.equals(doc.getString("status")))),
              ids(await(questions.forModerators(sessionId, after, flag))), "moderators after " + after);
          for (String asker : java.util.Arrays.asList("u1", null)) {
            assertEquals(ids(stored, doc -> doc.getLong("seq") > after
                    && (Question.PUBLIC.contains(doc.getString("status"))
                    || (flag && Question.HIDDEN.equals(doc.getString("status")) && doc.getBoolean("shown", false))
                    || (asker != null && asker.equals(doc.getJsonObject("author").getString("id"))
                    && Question.PENDING.equals(doc.getString("status"))))),
                ids(await(questions.forAttendees(sessionId, after, flag, asker))), "attendees after " + after);
          }
        }
      }
      assertEquals(ids(stored, doc -> Question.HIGHLIGHTED.equals(doc.getString("status"))),
          ids(await(questions.inSession(sessionId)).stream()
              .filter(question -> Question.HIGHLIGHTED.equals(question.status())).toList()), "highlighted");
      stored.forEach(doc -> assertEquals(doc.getString("_id") + " " + doc.getString("status"), doc.getString("state"),
          "each question's state follows its status"));
      assertEquals(ids(stored, doc -> Set.of(Question.APPROVED, Question.HIGHLIGHTED).contains(doc.getString("status"))
          && !doc.containsKey("threadId")), ids(await(questions.notCarriedToForum(sessionId))), "not carried");
      List<JsonObject> hidden = stored.stream().filter(doc -> Question.HIDDEN.equals(doc.getString("status")))
          .toList();
      assertEquals(new ModerationCounts(stored.stream().filter(doc -> Question.PENDING.equals(doc.getString("status")))
              .count(), hidden.size(), hidden.stream().collect(Collectors.groupingBy(
                  doc -> Objects.requireNonNullElse(doc.getString("hiddenReason"), ""), Collectors.counting()))),
          await(questions.moderationCounts(sessionId)), "counts");
      for (String user : users) {
        Set<String> voted = await(mongo.find("question_votes", new JsonObject().put("userId", user)
            .put("questionId", new JsonObject().put("$in", new JsonArray(all))))).stream()
            .map(vote -> vote.getString("questionId")).collect(Collectors.toSet());
        assertEquals(voted, await(questions.votedBy(user, all)), "votes of " + user);
      }
      List<JsonObject> storedPolls = await(mongo.findWithOptions("polls", new JsonObject().put("sessionId", sessionId),
          new FindOptions().setSort(new JsonObject().put("seq", 1))));
      assertEquals(storedPolls.stream().map(doc -> doc.getString("_id")).toList(),
          await(polls.changedSince(sessionId, -1)).stream().map(Poll::id).toList(), "polls");
      for (String user : users) {
        Map<String, List<Integer>> choices = new HashMap<>();
        await(mongo.find("poll_votes", new JsonObject().put("userId", user))).forEach(vote -> choices.put(
            vote.getString("pollId"), vote.getJsonArray("choices").stream().map(c -> ((Number) c).intValue())
                .toList()));
        choices.keySet().retainAll(pollIds);
        assertEquals(choices, await(polls.choicesOf(user, pollIds)), "poll choices of " + user);
      }
    }
    assertTrue(asked.values().stream().mapToInt(List::size).sum() > 50, "many questions were asked");
    assertEquals(List.of(sessionIds.get(2), sessionIds.get(0), sessionIds.get(1)),
        await(sessions.ofEvent(eventId)).stream().map(Session::id).toList(), "agenda order");
    assertEquals(Set.of(sessionIds.get(0), sessionIds.get(2)), await(sessions.openToEveryone(sessionIds)));
    assertEquals(eventId, await(events.latest(1)).get(0).id(), "the newest event first");
  }

  @Test
  @DisplayName("every read a Q&A request makes names a unique key: the id, ids, or a person's vote")
  void readsAreByKey() {
    List<JsonObject> queries = new ArrayList<>();
    MongoClient recording = RecordingMongo.recording(forum.mongo(), queries);
    QuestionRepository questions = new QuestionRepository(recording);
    PollRepository polls = new PollRepository(recording);
    SessionRepository sessions = new SessionRepository(recording);
    EventRepository events = new EventRepository(recording);
    String session = "old-session-1";
    List<String> ids = List.of("old-q1", "old-q2", "old-q3");
    await(questions.inSession(session));
    await(questions.forModerators(session, 0, true));
    await(questions.forAttendees(session, 2, true, "old-user-1"));
    await(questions.setStatusIf("old-q4", Question.HIGHLIGHTED, Question.APPROVED, 99));
    await(sessions.swapHighlighted("old-session-2", ""));
    await(questions.moderationCounts(session));
    await(questions.notCarriedToForum(session));
    await(questions.votedBy("old-user-1", ids));
    await(questions.removeVote("nope", "old-user-9"));
    await(polls.changedSince(session, 0));
    await(polls.choicesOf("old-user-1", List.of("old-p1")));
    await(sessions.ofEvent("old-event"));
    await(sessions.openToEveryone(List.of(session, "old-session-2")));
    await(events.latest(5));
    await(questions.onBehalfOf("old-org", 5));
    await(questions.voters(session));
    await(questions.touch("old-q1", session, 100));
    assertTrue(queries.size() >= 16, queries.toString());
    List<JsonObject> scans = queries.stream().filter(call -> !byKey(call.getJsonObject("query"))).toList();
    assertEquals(List.of(), scans, "queries not on a unique key");
  }

  @Test
  @DisplayName("two announcements of a question's votes landing out of order leave the later seq, in the question and"
      + " in its session's list, so a page that saw the earlier one catches up")
  void voteAnnouncementsNeverLowerTheSeq() {
    SessionRepository sessions = new SessionRepository(forum.mongo());
    String sessionId = publicSession(sessions);
    QuestionRepository questions = new QuestionRepository(forum.mongo());
    String id = "q-" + System.nanoTime();
    await(questions.insert(new Question(id, sessionId, "Votes out of order", false,
        new Question.Asker("u1", "user", "User", null), false, Question.APPROVED, true, 0, T0,
        await(sessions.nextSeq(sessionId)), null, false)));
    long earlier = await(sessions.nextSeq(sessionId));
    long later = await(sessions.nextSeq(sessionId));
    await(questions.addToVotes(id, 1));
    assertEquals(later, await(questions.touch(id, sessionId, later)).seq());
    Question landedLast = await(questions.touch(id, sessionId, earlier));
    assertEquals(later, landedLast.seq(), "the question keeps the later seq");
    assertEquals(1, landedLast.votes());
    assertEquals(List.of(id), ids(await(questions.forAttendees(sessionId, earlier, false, null))),
        "a page that saw the earlier announcement finds the question when it catches up");
    assertEquals(List.of(id), ids(await(questions.forModerators(sessionId, earlier, false))));
    assertEquals(List.of(), ids(await(questions.forAttendees(sessionId, later, false, null))),
        "and nothing after the later one");
    assertEquals(Question.APPROVED, await(questions.inSession(sessionId)).get(0).status(),
        "the list keeps the question's status");
    assertEquals(new ModerationCounts(0, 0, Map.of()), await(questions.moderationCounts(sessionId)));
  }

  @Test
  @DisplayName("a forum upgraded from a version that queried by session lists its events, sessions, questions, votes"
      + " and polls at start-up, and running the migration again changes nothing")
  void upgradedForumKeepsItsSessions() {
    MongoClient mongo = forum.mongo();
    awaitMigrated(mongo);
    JsonObject agenda = Api.expect(200, QaClient.on(forum).get("/api/v1/events/old-event"));
    assertEquals(List.of("old-session-2", "old-session-1"), agenda.getJsonArray("sessions").stream()
        .map(s -> ((JsonObject) s).getString("id")).toList(), "the agenda, in order");
    JsonObject seen = QaClient.on(forum).questions("old-session-1", null);
    assertEquals(Set.of("old-q1", "old-q3"), seen.getJsonArray("questions").stream()
        .map(q -> ((JsonObject) q).getString("id")).collect(Collectors.toSet()), "guests see the public ones");

    QuestionRepository questions = new QuestionRepository(mongo);
    PollRepository polls = new PollRepository(mongo);
    assertEquals(List.of("old-q1", "old-q2", "old-q3", "old-q4"), ids(await(questions.inSession("old-session-1"))));
    assertEquals(new ModerationCounts(1, 1, Map.of("spam", 1L)), await(questions.moderationCounts("old-session-1")));
    assertEquals(List.of("old-q3"), ids(await(questions.forModerators("old-session-1", 2, false))));
    assertEquals(Set.of("old-q1", "old-q3"), await(questions.votedBy("old-user-1",
        List.of("old-q1", "old-q2", "old-q3"))));
    assertEquals(List.of("old-p1"), await(polls.changedSince("old-session-1", -1)).stream().map(Poll::id).toList());
    assertEquals(Map.of("old-p1", List.of(1)), await(polls.choicesOf("old-user-1", List.of("old-p1"))));
    assertEquals(List.of("old-q3", "old-q1"), ids(await(questions.onBehalfOf("old-org", 5))),
        "an organisation's public questions, newest first");
    assertEquals(List.of("old-q4", "old-q3", "old-q1", "old-q2"), ids(await(questions.askedBy("old-user-2", 10))),
        "each person's questions, listed under them (their data download), newest first");
    assertEquals(List.of("old-user-1"), await(questions.voters("old-session-1")),
        "the people who voted, listed in their session (the workshop report's organisations)");
    assertFalse(await(questions.addVote("old-q1", "old-user-1", T0)), "a vote stays one vote per person");
    assertTrue(await(new EventRepository(mongo).latest(50)).stream().anyMatch(e -> e.id().equals("old-event")));
    assertEquals("old-q3", await(new SessionRepository(mongo).swapHighlighted("old-session-1", "old-q3")),
        "the session keeps the question that was highlighted");
    assertEquals("approved", await(questions.moderate("old-q2", Question.PENDING, Question.APPROVED, null, null,
        new JsonObject(), T0, 6)).status(), "an old question takes a decision that expects its status");

    List<JsonObject> listsBefore = await(mongo.find("session_questions", new JsonObject()));
    List<JsonObject> askersBefore = await(mongo.find("person_questions", new JsonObject()));
    long votesBefore = await(mongo.count("question_votes", new JsonObject()));
    await(mongo.removeDocuments("qa_migrations", new JsonObject()));
    await(QaModule.migrateKeys(mongo));
    assertEquals(listsBefore, await(mongo.find("session_questions", new JsonObject())), "lists unchanged");
    assertEquals(askersBefore, await(mongo.find("person_questions", new JsonObject())), "askers' lists unchanged");
    assertEquals(votesBefore, await(mongo.count("question_votes", new JsonObject())), "no vote added or lost");
    assertEquals(List.of(), await(mongo.find("question_votes", new JsonObject().put("questionId",
        new JsonObject().put("$regex", "^old-")))).stream().filter(vote -> !vote.getString("_id")
        .equals(vote.getString("questionId") + ":" + vote.getString("userId"))).toList(), "every vote keyed");
  }

  /** A new public session without pre-moderation, in an event of its own; its id. */
  private static String publicSession(SessionRepository sessions) {
    String eventId = "e-" + System.nanoTime();
    await(new EventRepository(forum.mongo()).insert(new Event(eventId, title("Votes"), T0, null, null, List.of()),
        "moderator", T0));
    String sessionId = eventId + "-s";
    await(sessions.insert(new Session(sessionId, eventId, title("S"), T0, null, "post", "public", true, List.of(), 0),
        "moderator", T0));
    return sessionId;
  }

  /** The documents of a former version: no lists, no markers, votes with ids the driver made. */
  private static void storeOldShapes(MongoClient mongo) {
    await(mongo.insert("events", new JsonObject().put("_id", "old-event").put("title", title("Old workshop"))
        .put("startsAt", Dates.of(T0)).put("organisers", new JsonArray())));
    await(mongo.insert("sessions", session("old-session-1", T0.plusSeconds(3600), "public")));
    await(mongo.insert("sessions", session("old-session-2", T0, "members")));
    String[][] asked = {{"old-q1", "approved", "1"}, {"old-q2", "pending", "2"}, {"old-q3", "highlighted", "3"},
        {"old-q4", "hidden", "4"}};
    for (String[] q : asked) {
      JsonObject doc = new JsonObject().put("_id", q[0]).put("sessionId", "old-session-1").put("text", "Old " + q[0])
          .put("anonymous", false).put("author", new JsonObject().put("id", "old-user-2").put("username", "old")
              .put("name", "Old")).put("onBehalf", false).put("status", q[1])
          .put("shown", !"pending".equals(q[1])).put("votes", 0).put("createdAt", Dates.of(T0))
          .put("seq", Long.parseLong(q[2]));
      if ("hidden".equals(q[1])) {
        doc.put("hiddenReason", "spam");
      }
      if (!"pending".equals(q[1])) {
        doc.put("onBehalf", true).put("organisationSlug", "old-org").put("createdAt", Dates.of(T0.plusSeconds(
            Long.parseLong(q[2]))));
      }
      await(mongo.insert("questions", doc));
    }
    for (String id : List.of("old-q1", "old-q3")) {
      await(mongo.insert("question_votes", new JsonObject().put("questionId", id).put("userId", "old-user-1")
          .put("at", Dates.of(T0))));
    }
    await(mongo.insert("polls", new JsonObject().put("_id", "old-p1").put("sessionId", "old-session-1")
        .put("question", title("Old poll")).put("multiple", false).put("options", new JsonArray()
            .add(new JsonObject().put("text", title("a")).put("votes", 0))
            .add(new JsonObject().put("text", title("b")).put("votes", 1)))
        .put("voters", 1).put("status", "open").put("createdAt", Dates.of(T0)).put("seq", 5L)));
    await(mongo.insert("poll_votes", new JsonObject().put("pollId", "old-p1").put("userId", "old-user-1")
        .put("choices", new JsonArray().add(1)).put("at", Dates.of(T0))));
  }

  private static JsonObject session(String id, Instant startsAt, String visibility) {
    return new JsonObject().put("_id", id).put("eventId", "old-event").put("title", title(id))
        .put("moderation", "pre").put("visibility", visibility).put("qaOpen", true).put("speakers", new JsonArray())
        .put("seq", 5L).put("startsAt", Dates.of(startsAt));
  }

  /** Waits (bounded) for the start-up migrations' seven marks (the questions' states, then the six lists). */
  private static void awaitMigrated(MongoClient mongo) {
    assertTrue(Eventually.holds(() -> await(mongo.count("qa_migrations", new JsonObject())) >= 7,
        Duration.ofMinutes(1)), "the migration did not finish within a minute");
  }

  /**
   * Whether the store answers {@code query} from a unique index: {@code _id} alone (a value or {@code $in}), a
   * question's {@code state} by equality, or the unique pair of a vote by equality.
   */
  private static boolean byKey(JsonObject query) {
    if (RecordingMongo.byId(query)
        || query.fieldNames().equals(Set.of("state")) && query.getValue("state") instanceof String) {
      return true;
    }
    Set<String> keys = query.fieldNames();
    boolean pair = keys.equals(Set.of("questionId", "userId")) || keys.equals(Set.of("pollId", "userId"));
    return pair && keys.stream().noneMatch(key -> query.getValue(key) instanceof JsonObject);
  }


  private static List<String> ids(List<Question> questions) {
    return questions.stream().map(Question::id).toList();
  }

  private static List<String> ids(List<JsonObject> docs, java.util.function.Predicate<JsonObject> filter) {
    return docs.stream().filter(filter).map(doc -> doc.getString("_id")).toList();
  }

  private static JsonObject title(String text) {
    return new JsonObject().put("vi", text).put("en", text);
  }
}
