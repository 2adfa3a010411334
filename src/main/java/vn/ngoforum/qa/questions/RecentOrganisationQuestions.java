package vn.ngoforum.qa.questions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import vn.ngoforum.qa.events.SessionRepository;

/**
 * What an organisation asked in workshops, for its public profile: only public questions (approved, highlighted or
 * answered), never anonymous ones, and only in sessions open to everyone. Q&amp;A offers it to the registry as
 * {@code qa.OrganisationQuestions}.
 */
public record RecentOrganisationQuestions(QuestionRepository questions, SessionRepository sessions) {

  private static final int MAX_LIMIT = 50;

  /** Newest first, at most {@code limit}, as {@code [{sessionId, questionId, text, url, at}]} ({@code at}: ISO-8601). */
  public Future<List<JsonObject>> recentFor(String slug, int limit) {
    int wanted = Math.max(0, Math.min(limit, MAX_LIMIT));
    if (slug == null || wanted == 0) {
      return Future.succeededFuture(List.of());
    }
    // Read a few more than asked: some may sit in members-only sessions and are left out.
    return questions.onBehalfOf(slug, wanted * 3).compose(found -> {
      Set<String> sessionIds = found.stream().map(Question::sessionId).collect(Collectors.toSet());
      return sessions.openToEveryone(sessionIds).map(open -> found.stream()
          .filter(question -> open.contains(question.sessionId())).limit(wanted)
          .map(RecentOrganisationQuestions::view).toList());
    });
  }

  private static JsonObject view(Question question) {
    return new JsonObject().put("sessionId", question.sessionId()).put("questionId", question.id())
        .put("text", question.text()).put("url", "/qa/" + question.sessionId() + "#q-" + question.id())
        .put("at", question.createdAt() == null ? null : question.createdAt().toString());
  }
}
