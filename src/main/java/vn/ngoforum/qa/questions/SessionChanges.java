package vn.ngoforum.qa.questions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.qa.events.SessionInEvent;
import vn.ngoforum.qa.polls.PollSeen;

/**
 * What one person may see of a session's questions and polls, changed after a sequence number: what a page loads
 * (everything, from 0) or catches up on after a reconnect. {@code seq} is where the person stands afterwards.
 *
 * @param viewer  who asked ({@code null}: a visitor)
 * @param voted   the ids of the questions the viewer voted for
 */
public record SessionChanges(SessionInEvent session, long seq, CurrentUser viewer, List<Question> questions,
    Set<String> voted, List<PollSeen> polls, ModerationCounts counts) {

  /** A question as the viewer sees it, with {@code voted} for a signed-in viewer. */
  public JsonObject view(Question question) {
    JsonObject view = viewer != null && viewer.has(Role.MODERATOR) ? question.forModerators()
        : question.forAttendee(viewer == null ? null : viewer.id());
    // Every view says whether it is the viewer's own (the page offers its asker to edit or withdraw it).
    view.put("mine", viewer != null && question.askedBy(viewer.id()));
    if (viewer != null) {
      view.put("voted", voted.contains(question.id()));
    }
    return view;
  }

  /** The API's answer: {@code {seq, questions:[...], polls:[...], counts}}. */
  public JsonObject json() {
    return new JsonObject()
        .put("seq", seq)
        .put("questions", new JsonArray(questions.stream().map(this::view).toList()))
        .put("polls", new JsonArray(polls.stream().map(PollSeen::json).toList()))
        .put("counts", counts.json());
  }
}
