package vn.ngoforum.qa.questions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import vn.ngoforum.qa.live.SessionFeed;
import vn.ngoforum.search.Changes;

/**
 * Tells the people following a session about a stored change to its questions (see {@link SessionFeed}), and the
 * search index about a change to what a question says or who may see it ({@link Changes}).
 */
public record QuestionAnnouncements(SessionFeed feed, QuestionRepository questions, Changes changes) {

  /**
   * A question asked or moderated, as stored now: logged for the search index (completes once it is in the log, so
   * what was acknowledged is findable on every node), then announced as {@link #change} does.
   */
  Future<Question> stored(Question question) {
    return changes.record(QuestionFindables.KIND, question.id()).map(v -> {
      change(question);
      return question;
    });
  }

  /** A question as stored now: to moderators always, to attendees when they may see it (or saw it, now hidden). */
  void change(Question question) {
    feed.toModerators(question.sessionId(), question.forModerators());
    if (question.isPublic() || question.hiddenAfterShown()) {
      feed.toAttendees(question.sessionId(), question.forAttendee(null));
    }
  }

  /** A question's vote count as stored now ({@link Question#votesFrame}): to moderators, to attendees while public. */
  void votes(Question question) {
    JsonObject frame = question.votesFrame();
    feed.toModerators(question.sessionId(), frame);
    if (question.isPublic()) {
      feed.toAttendees(question.sessionId(), frame);
    }
  }

  /** A session was edited: each of its questions is logged for the search index (its scope or shown title moved). */
  public Future<Void> sessionEdited(String sessionId) {
    return questions.inSession(sessionId).compose(all -> changes.recordAll(QuestionFindables.KIND,
        all.stream().map(Question::id).toList()));
  }

  /**
   * How many questions wait for review and how many were hidden, with the reasons (the transparency counters), to
   * everyone; the frame carries the seq of the change that moved them.
   */
  void counts(String sessionId, long seq) {
    questions.moderationCounts(sessionId).onSuccess(counts -> feed.toEveryone(sessionId,
        counts.json().put("type", "counts").put("id", sessionId).put("seq", seq)));
  }
}
