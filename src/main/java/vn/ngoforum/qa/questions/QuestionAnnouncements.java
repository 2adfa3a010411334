package vn.ngoforum.qa.questions;

import vn.ngoforum.qa.live.SessionFeed;

/** Tells the people following a session about a stored change to its questions (see {@link SessionFeed}). */
public record QuestionAnnouncements(SessionFeed feed, QuestionRepository questions) {

  /** A question as stored now: to moderators always, to attendees when they may see it (or saw it, now hidden). */
  void change(Question question) {
    feed.toModerators(question.sessionId(), question.forModerators());
    if (question.isPublic() || question.hiddenAfterShown()) {
      feed.toAttendees(question.sessionId(), question.forAttendee(null));
    }
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
