package vn.ngoforum.qa.questions;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.function.Supplier;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.qa.events.SessionService;
import vn.ngoforum.qa.events.Stamps;

/**
 * Moderators' decisions on questions ({@link ModeratorAction}): approve (optionally with an edited text), hide (with
 * a reason code), redact (a reason code, and the text the room sees instead), answer (optionally in writing),
 * highlight (one at a time). The original text stays in the question for moderators and in the audit log.
 *
 * <p>Several moderators may act at once: each decision is stored only if the question still has the status the
 * moderator saw (their {@code expect}, else the status just read), in one atomic write ({@link QuestionStateRepository});
 * otherwise a {@link StaleQuestion} (409) carries the question as it is. A highlight then takes the session's
 * highlighted place in one atomic write ({@code SessionRepository#swapHighlighted}) and the question it displaces
 * goes back to approved, all under the session's highlight lock, so two moderators highlighting at once leave one
 * highlighted question. Each decision is
 * stored with the session's next {@code seq} (a fresh one when an announcement of the question's votes overtook it:
 * {@link QuestionSeqs#changed}), recorded in the audit log, then announced (to moderators with who took it) with the
 * new transparency counters.
 */
public record ModerationService(Vertx vertx, SessionService sessions, QuestionRepository questions, AuditLog audit,
    QuestionAnnouncements announce) {

  /** How long a highlight waits for another one of the same session to finish. */
  static final long HIGHLIGHT_WAIT_MILLIS = 10_000;

  /** Takes the moderator's action on the question; answers the question as moderators see it. */
  public Future<Question> moderate(CurrentUser by, String questionId, ModeratorAction action) {
    return questions.find(questionId).compose(question -> {
      if (question == null) {
        return Future.failedFuture(ForumException.notFound("There is no such question."));
      }
      String expected = action.expect() == null ? question.status() : action.expect();
      if (!expected.equals(question.status()) || Question.WITHDRAWN.equals(question.status())) {
        return Future.failedFuture(new StaleQuestion(question));
      }
      String sessionId = question.sessionId();
      String status = action.status(question.status());
      Instant at = Stamps.now();
      JsonObject details = new JsonObject().put("sessionId", sessionId).put("from", question.status());
      JsonObject marks = new JsonObject().put("last", new JsonObject().put("action", action.action())
          .put("by", new JsonObject().put("id", by.id()).put("name", by.name())).put("at", at.toString()));
      String edited = editedText(question, action);
      if (edited != null) {
        details.put("originalText", question.text()).put("editedText", edited);
        if (!question.moderation().containsKey("originalText")) {
          marks.put("originalText", question.text());
        }
      }
      if ("redact".equals(action.action())) {
        marks.put("redaction", new JsonObject().put("reason", action.reason()).put("note", action.note()));
      }
      if ("hide".equals(action.action()) && action.note() != null) {
        marks.put("hideNote", action.note());
      }
      if (action.answer() != null) {
        marks.put("answer", action.answer());
        details.put("answer", action.answer());
      }
      details.put("note", action.note());
      String hiddenReason = "hide".equals(action.action()) ? action.reason() : null;
      Supplier<Future<Question>> decide = () -> sessions.nextSeq(sessionId)
          .compose(seq -> questions.moderate(questionId, expected, status, hiddenReason, edited, marks, at, seq)
              .compose(decided -> seqs().changed(decided, seq)))
          .compose(updated -> updated == null
              ? Future.failedFuture(ForumException.notFound("There is no such question."))
              : Question.HIGHLIGHTED.equals(status) ? takeHighlight(sessionId, questionId).map(updated)
              : Future.succeededFuture(updated));
      return (Question.HIGHLIGHTED.equals(status) ? oneHighlightAtATime(sessionId, decide) : decide.get())
          .compose(updated -> audit.record(by, "question." + action.action(), "question", questionId,
                  action.reason(), details)
              .compose(v -> announce.stored(updated))
              .map(v -> {
                announce.counts(sessionId, updated.seq());
                return updated;
              }));
    });
  }

  /**
   * Runs {@code highlight} while holding the session's highlight lock (cluster-wide when clustered): two highlights
   * of one session, each a status change, the session's swap and the displaced question's return, never interleave,
   * so they leave exactly one highlighted question. Other decisions need no lock: none makes a question highlighted.
   */
  private Future<Question> oneHighlightAtATime(String sessionId, Supplier<Future<Question>> highlight) {
    return vertx.sharedData().getLockWithTimeout("qa.highlight." + sessionId, HIGHLIGHT_WAIT_MILLIS)
        .recover(busy -> Future.failedFuture(ForumException.unavailable(
            "Another moderator is highlighting a question of this session: please try again.", 1)))
        .compose(lock -> highlight.get().andThen(done -> lock.release()));
  }

  /** The text the room sees after the action, when it changes: an approval's edit, or a redaction's text. */
  private static String editedText(Question question, ModeratorAction action) {
    if ("redact".equals(action.action())) {
      return action.text() == null ? "" : action.text();
    }
    return "approve".equals(action.action()) && action.text() != null && !action.text().equals(question.text())
        ? action.text() : null;
  }

  private QuestionSeqs seqs() {
    return new QuestionSeqs(sessions, questions);
  }

  /** The question takes the session's highlighted place; the one it displaces goes back to approved, announced. */
  private Future<Void> takeHighlight(String sessionId, String questionId) {
    return sessions.swapHighlighted(sessionId, questionId).compose(previous -> {
      if (previous.isEmpty() || previous.equals(questionId)) {
        return Future.succeededFuture();
      }
      return sessions.nextSeq(sessionId)
          .compose(seq -> questions.setStatusIf(previous, Question.HIGHLIGHTED, Question.APPROVED, seq)
              .compose(displaced -> seqs().changed(displaced, seq)))
          .map(displaced -> {
            if (displaced != null) {
              announce.change(displaced);
            }
            return null;
          });
    });
  }
}
