package vn.ngoforum.qa.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.ngoforum.support.ForumUnderTest.await;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Role;
import vn.ngoforum.qa.events.EventRepository;
import vn.ngoforum.qa.events.Session;
import vn.ngoforum.qa.events.SessionEdited;
import vn.ngoforum.qa.events.SessionRepository;
import vn.ngoforum.qa.events.SessionService;
import vn.ngoforum.qa.events.SpeakerOrganisations;
import vn.ngoforum.qa.live.SessionFeed;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.realtime.LiveEvent;
import vn.ngoforum.search.Changes;
import vn.ngoforum.support.TestDatabase;

/**
 * A change of a question that took its seq before an announcement of the question's votes took a later one, but
 * wrote after that announcement stamped it: the stored seq stays the announcement's (the question and its entry in
 * the session's list), and the change goes out with a fresh seq above it, so pages holding the announcement's frame
 * (the question as it was) still apply the change, and a page that caught up in between still learns it.
 */
class OvertakenChangesTest {

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass("qa-overtaken-");

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  /** A new session with one pending question {@code id}, and the stores on the test database. */
  private record Asked(MongoClient mongo, SessionRepository sessions, QuestionRepository questions, String sessionId,
      String id) {

    static Asked question() {
      MongoClient mongo = db.mongo();
      SessionRepository sessions = new SessionRepository(mongo);
      QuestionRepository questions = new QuestionRepository(mongo);
      String sessionId = newSession(sessions);
      return new Asked(mongo, sessions, questions, sessionId, ask(sessions, questions, sessionId));
    }

    /** An announcement of the question's votes (see {@link OvertakenChangesTest#announce}). */
    Future<Void> announce(AtomicLong announced) {
      return OvertakenChangesTest.announce(sessions, questions, sessionId, id, announced);
    }
  }

  @Test
  @DisplayName("a moderator's decision written after a later vote announcement leaves the announcement's seq, in the"
      + " question and in the session's list")
  void changeNeverLowersTheSeq() {
    Asked asked = Asked.question();
    SessionRepository sessions = asked.sessions();
    QuestionRepository questions = asked.questions();
    String sessionId = asked.sessionId();
    String id = asked.id();

    long decision = await(sessions.nextSeq(sessionId));
    long announcement = await(sessions.nextSeq(sessionId));
    await(questions.touch(id, sessionId, announcement));
    Question decided = await(questions.moderate(id, Question.PENDING, Question.APPROVED, null, null,
        new JsonObject(), T0, decision));

    assertEquals(Question.APPROVED, decided.status());
    assertEquals(announcement, decided.seq(), "the decision does not lower the seq the announcement stamped");
    assertEquals(announcement, await(questions.find(id)).seq());
    assertEquals(List.of(id), await(questions.forModerators(sessionId, decision, true)).stream().map(Question::id)
        .toList(), "a page that caught up after the announcement finds the question changed after it");
  }

  @Test
  @DisplayName("a moderator's decision overtaken by a vote announcement is announced, and answered, with a fresh seq"
      + " above the announcement's")
  void overtakenDecisionTakesAFreshSeq() throws Exception {
    Asked asked = Asked.question();
    MongoClient mongo = asked.mongo();
    SessionRepository sessionStore = asked.sessions();
    QuestionRepository questions = asked.questions();
    String sessionId = asked.sessionId();
    String id = asked.id();

    // Just before the decision's write (its seq taken already), an announcement of the votes takes the next seq
    // and stamps it on the question first.
    AtomicLong announcement = new AtomicLong();
    MongoClient overtaking = beforeFirst(mongo, OvertakenChangesTest::decisionWrite,
        () -> asked.announce(announcement));
    SessionFeed feed = new SessionFeed(db.vertx());
    SessionService sessions = new SessionService(sessionStore, new EventRepository(mongo), Memberships.NONE,
        new AuditLog(mongo), feed, SessionEdited.NONE, SpeakerOrganisations.NONE);
    QuestionRepository overtaken = new QuestionRepository(overtaking);
    ModerationService moderation = new ModerationService(db.vertx(), sessions, overtaken, new AuditLog(mongo),
        new QuestionAnnouncements(feed, overtaken, new Changes(db.vertx(), mongo)));
    CompletableFuture<JsonObject> questionFrame = new CompletableFuture<>();
    await(db.vertx().eventBus().consumer(Addresses.sessionModerators(sessionId), (Message<LiveEvent> frame) -> {
      JsonObject body = frame.body().body();
      if ("question".equals(body.getString("type"))) {
        questionFrame.complete(body);
      }
    }).completion());

    CurrentUser moderator = new CurrentUser("mod-" + System.nanoTime(), "moderator", "Moderator", null, null,
        Set.of(Role.MODERATOR));
    Question decided = await(moderation.moderate(moderator, id,
        new ModeratorAction("approve", Question.PENDING, null, null, null, null)));

    assertTrue(announcement.get() > 0, "the announcement overtook the decision");
    assertEquals(Question.APPROVED, decided.status());
    assertTrue(decided.seq() > announcement.get(),
        "the decision's seq " + decided.seq() + " is above the announcement's " + announcement.get());
    assertEquals(decided.seq(), await(questions.find(id)).seq(), "and stored so");
    JsonObject frame = questionFrame.get(10, TimeUnit.SECONDS);
    assertEquals(Question.APPROVED, frame.getString("status"));
    assertEquals(decided.seq(), frame.getLong("seq"), "the decision's frame carries the fresh seq");
  }

  @Test
  @DisplayName("a vote announcement stamped between a decision's write and the write of its entry in the session's"
      + " list leaves the entry at the announcement's seq")
  void entryNeverLowersTheSeq() {
    Asked asked = Asked.question();
    SessionRepository sessions = asked.sessions();
    QuestionRepository questions = asked.questions();
    String sessionId = asked.sessionId();
    String id = asked.id();

    AtomicLong announcement = new AtomicLong();
    QuestionRepository overtaken = new QuestionRepository(beforeFirst(asked.mongo(),
        OvertakenChangesTest::entryWrite, () -> asked.announce(announcement)));
    long decision = await(sessions.nextSeq(sessionId));
    await(overtaken.moderate(id, Question.PENDING, Question.APPROVED, null, null, new JsonObject(), T0, decision));

    assertTrue(announcement.get() > decision, "the announcement came between the two writes");
    assertEquals(announcement.get(), await(questions.find(id)).seq());
    List<Question> changed = await(questions.forModerators(sessionId, decision, true));
    assertEquals(List.of(id), changed.stream().map(Question::id).toList(),
        "a page that caught up after the decision finds the question changed after it");
    assertEquals(Question.APPROVED, changed.get(0).status());
  }

  @Test
  @DisplayName("two decisions whose entries are written in the other order than their questions leave the entry with"
      + " the later decision's status")
  void entryEndsAsTheQuestionEnds() {
    Asked asked = Asked.question();
    // The approval writes its question; before it writes its entry, the hiding is made whole (question and entry).
    QuestionRepository approving = new QuestionRepository(beforeFirst(asked.mongo(), OvertakenChangesTest::entryWrite,
        () -> asked.sessions().nextSeq(asked.sessionId()).compose(seq -> asked.questions().moderate(asked.id(),
            Question.APPROVED, Question.HIDDEN, "spam", null, new JsonObject(), T0, seq)).mapEmpty()));
    Question approved = await(approving.moderate(asked.id(), Question.PENDING, Question.APPROVED, null, null,
        new JsonObject(), T0, await(asked.sessions().nextSeq(asked.sessionId()))));

    assertEquals(Question.APPROVED, approved.status(), "the approval was made");
    assertEquals(Question.HIDDEN, await(asked.questions().find(asked.id())).status(), "then the hiding");
    ModerationCounts counts = await(asked.questions().moderationCounts(asked.sessionId()));
    assertEquals(1, counts.hidden(), "the entry says hidden, as the question does: " + counts);
    assertEquals(Map.of("spam", 1L), counts.reasons());
  }

  /** An announcement of the question's votes: the session's next seq, stamped on the question and its entry. */
  private static Future<Void> announce(SessionRepository sessions, QuestionRepository questions, String sessionId,
      String id, AtomicLong announced) {
    return sessions.nextSeq(sessionId).compose(seq -> questions.touch(id, sessionId, seq).map(touched -> {
      announced.set(seq);
      return null;
    }));
  }

  private static String newSession(SessionRepository sessions) {
    String sessionId = "s-" + System.nanoTime();
    await(sessions.insert(new Session(sessionId, "e-" + sessionId, new JsonObject().put("en", "Overtaken"), T0,
        null, "pre", "public", true, List.of(), 0), "moderator", T0));
    return sessionId;
  }

  private static String ask(SessionRepository sessions, QuestionRepository questions, String sessionId) {
    String id = "q-" + System.nanoTime();
    await(questions.insert(new Question(id, sessionId, "Ai giám sát ngân sách?", false,
        new Question.Asker("attendee", "attendee", "Attendee", null), false, Question.PENDING, false, 0, T0,
        await(sessions.nextSeq(sessionId)), null, false)));
    return id;
  }

  /** A write on a question made only if its status is still the one expected (a decision's). */
  private static boolean decisionWrite(Method method, Object[] args) {
    return method.getName().equals("findOneAndUpdateWithOptions") && QuestionRepository.QUESTIONS.equals(args[0])
        && ((JsonObject) args[1]).containsKey(QuestionStateRepository.FIELD);
  }

  /** A write of a question's entry in its session's list, after the question's own write. */
  private static boolean entryWrite(Method method, Object[] args) {
    return method.getName().equals("updateCollectionWithOptions") && QuestionRepository.LISTS.equals(args[0]);
  }

  /** {@code real}, running {@code first} once, just before the first call that {@code which} picks. */
  private static MongoClient beforeFirst(MongoClient real, BiPredicate<Method, Object[]> which,
      Supplier<Future<Void>> first) {
    AtomicBoolean ran = new AtomicBoolean();
    return (MongoClient) Proxy.newProxyInstance(MongoClient.class.getClassLoader(), new Class<?>[] {MongoClient.class},
        (proxy, method, args) -> {
          if (which.test(method, args) && ran.compareAndSet(false, true)) {
            return first.get().compose(v -> invoke(real, method, args));
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @SuppressWarnings("unchecked")
  private static Future<Object> invoke(MongoClient real, Method method, Object[] args) {
    try {
      return (Future<Object>) method.invoke(real, args);
    } catch (InvocationTargetException e) {
      return Future.failedFuture(e.getCause());
    } catch (IllegalAccessException e) {
      return Future.failedFuture(e);
    }
  }
}
