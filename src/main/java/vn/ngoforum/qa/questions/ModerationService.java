package vn.ngoforum.qa.questions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.qa.events.SessionService;
import vn.ngoforum.qa.events.Stamps;

/**
 * Moderators' decisions on questions: approve (optionally with an edited text, the original kept in the audit log),
 * hide (optionally with a reason), answer, highlight (one at a time). Each is stored with the session's next
 * {@code seq}, recorded in the audit log, then announced with the new transparency counters.
 */
public record ModerationService(SessionService sessions, QuestionRepository questions, AuditLog audit,
    QuestionAnnouncements announce) {

  /** The actions a moderator takes on a question. */
  public static final Set<String> ACTIONS = Set.of("approve", "hide", "answer", "highlight");

  /** Takes {@code action} (one of {@link #ACTIONS}) on the question; answers the question as moderators see it. */
  public Future<Question> moderate(CurrentUser by, String questionId, String action, String reason,
      String editedText) {
    return questions.find(questionId).compose(question -> {
      if (question == null) {
        return Future.failedFuture(ForumException.notFound("There is no such question."));
      }
      String sessionId = question.sessionId();
      String status = switch (action) {
        case "approve" -> Question.APPROVED;
        case "hide" -> Question.HIDDEN;
        case "answer" -> Question.ANSWERED;
        case "highlight" -> Question.HIGHLIGHTED;
        default -> throw ForumException.invalid("action", "Unknown action.");
      };
      String hiddenReason = reason == null || reason.isBlank() ? null : reason;
      JsonObject details = new JsonObject().put("sessionId", sessionId).put("from", question.status());
      String edited = editedText != null && !editedText.equals(question.text()) ? editedText : null;
      if (edited != null) {
        details.put("originalText", question.text()).put("editedText", edited);
      }
      Future<Void> before = Question.HIGHLIGHTED.equals(status) ? unhighlightOthers(sessionId, questionId)
          : Future.succeededFuture();
      return before
          .compose(v -> sessions.nextSeq(sessionId))
          .compose(seq -> questions.moderate(questionId, status, hiddenReason, edited, Stamps.now(), seq))
          .compose(updated -> audit.record(by, "question." + action, "question", questionId, reason, details)
              .compose(v -> announce.stored(updated))
              .map(v -> {
                announce.counts(sessionId, updated.seq());
                return updated;
              }));
    });
  }

  /** One highlight at a time: the session's other highlighted questions go back to approved, each announced. */
  private Future<Void> unhighlightOthers(String sessionId, String exceptId) {
    return questions.highlighted(sessionId, exceptId).compose(others -> {
      Future<Void> chain = Future.succeededFuture();
      for (Question other : others) {
        chain = chain.compose(v -> sessions.nextSeq(sessionId))
            .compose(seq -> questions.setStatus(other.id(), Question.APPROVED, seq))
            .map(updated -> {
              announce.change(updated);
              return null;
            });
      }
      return chain;
    });
  }
}
