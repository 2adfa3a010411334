package vn.ngoforum.qa.questions;

import io.vertx.core.Future;
import vn.ngoforum.qa.events.SessionService;
import vn.ngoforum.qa.live.CountAnnouncement;

/**
 * Fresh seqs for a question's announcements ({@link CountAnnouncement}): an announcement of its votes takes one,
 * and so does a change that such an announcement overtook. Every service that changes a question asks here (a record
 * of two references: cheap to make).
 */
record QuestionSeqs(SessionService sessions, QuestionRepository questions) {

  /** The question stamped with a fresh seq no other announcement overtook (an announcement of its votes). */
  Future<Question> stamped(String sessionId, String questionId) {
    return CountAnnouncement.stamped(() -> sessions.nextSeq(sessionId),
        seq -> questions.touch(questionId, sessionId, seq), Question::seq);
  }

  /**
   * The question as a change written with {@code seq} left it, to announce: with a fresh seq when an announcement of
   * its votes took a later seq and stamped it first. That announcement's frame, read before the change wrote, shows
   * the question as it was; pages holding it would ignore the change's frame, and so would a page that caught up in
   * between. {@code null} when the change found no question.
   */
  Future<Question> changed(Question written, long seq) {
    return CountAnnouncement.changed(written, seq, Question::seq,
        () -> stamped(written.sessionId(), written.id()));
  }
}
