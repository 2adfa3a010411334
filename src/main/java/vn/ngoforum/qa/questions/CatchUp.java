package vn.ngoforum.qa.questions;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.qa.events.SessionService;
import vn.ngoforum.qa.polls.PollSeen;
import vn.ngoforum.qa.polls.PollService;

/**
 * Reads what a person may see of a session since a sequence number (see {@link SessionChanges}): moderators every
 * question, attendees the public ones and their own pending ones. A page catching up also learns of questions hidden
 * since (moderators: all hidden ones; attendees: those hidden after they were public).
 */
public record CatchUp(SessionService sessions, QuestionRepository questions, PollService polls) {

  /** Changes after {@code since} ({@code null}: everything); 404, 401 or 403 when the person may not follow it. */
  public Future<SessionChanges> since(CurrentUser user, String sessionId, Long since) {
    long from = since == null ? 0 : since;
    return sessions.readableInEvent(user, sessionId).compose(session -> {
      boolean moderator = user != null && user.has(Role.MODERATOR);
      Future<List<Question>> visible = moderator ? questions.forModerators(sessionId, from, since != null)
          : questions.forAttendees(sessionId, from, since != null, user == null ? null : user.id());
      return visible.compose(found -> Future.all(votedBy(user, found), questions.moderationCounts(sessionId),
              polls.changedSince(user, sessionId, from))
          .map(all -> {
            List<PollSeen> changedPolls = all.resultAt(2);
            long seq = Math.max(from, found.stream().mapToLong(Question::seq).max().orElse(0L));
            seq = Math.max(seq, changedPolls.stream().mapToLong(poll -> poll.poll().seq()).max().orElse(0L));
            return new SessionChanges(session, seq, user, found, all.resultAt(0), changedPolls, all.resultAt(1));
          }));
    });
  }

  private Future<Set<String>> votedBy(CurrentUser user, List<Question> found) {
    if (user == null) {
      return Future.succeededFuture(Set.of());
    }
    return questions.votedBy(user.id(), found.stream().map(Question::id).toList());
  }
}
