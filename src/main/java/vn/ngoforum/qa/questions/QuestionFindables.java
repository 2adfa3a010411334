package vn.ngoforum.qa.questions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import vn.ngoforum.qa.events.Session;
import vn.ngoforum.qa.events.SessionRepository;
import vn.ngoforum.search.Findable;
import vn.ngoforum.search.FindableSource;

/**
 * Q&amp;A questions as the search index knows them: only what attendees see (approved, highlighted or answered; a
 * pending, hidden or withdrawn question is dropped), found by its text, in the scope of its session's visibility
 * ({@link Findable#PUBLIC} or {@link Findable#MEMBERS}). The asker is a filter ({@code author}, {@code organisation})
 * only when they did not ask anonymously. A result links to the session's page; the session's title is shown.
 */
public final class QuestionFindables {

  public static final String KIND = "question";

  private QuestionFindables() {
  }

  /** The source of questions, for the search index. */
  public static FindableSource source(QuestionRepository questions, SessionRepository sessions) {
    return FindableSource.of(KIND, questions::findAll, questions::each, found -> withSessions(sessions, found));
  }

  /** The public ones among these questions, with their sessions (read by key). */
  private static Future<List<Findable>> withSessions(SessionRepository sessions, Collection<Question> found) {
    List<Question> shown = found.stream().filter(Question::isPublic).toList();
    if (shown.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return sessions.findAll(shown.stream().map(Question::sessionId).collect(Collectors.toSet())).map(all -> {
      Map<String, Session> byId = new HashMap<>();
      all.forEach(session -> byId.put(session.id(), session));
      return shown.stream().filter(question -> byId.containsKey(question.sessionId()))
          .map(question -> findable(question, byId.get(question.sessionId()))).toList();
    });
  }

  private static Findable findable(Question question, Session session) {
    Map<String, String> tags = new HashMap<>();
    tags.put("session", session.id());
    Question.Asker asker = question.asker();
    if (!question.anonymous() && asker != null) {
      if (asker.id() != null) {
        tags.put("author", asker.id());
      }
      if (asker.organisation() != null && asker.organisation().slug() != null) {
        tags.put("organisation", asker.organisation().slug());
      }
    }
    Map<String, String> shown = new HashMap<>();
    shown.put("session", session.id());
    JsonObject title = session.title() == null ? new JsonObject() : session.title();
    shown.put("session.vi", title.getString("vi", ""));
    shown.put("session.en", title.getString("en", ""));
    return new Findable(KIND, question.id(), session.membersOnly() ? Findable.MEMBERS : Findable.PUBLIC, "",
        question.text(), question.createdAt(), tags, Map.of(), shown);
  }
}
