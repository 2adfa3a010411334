package vn.ngoforum.qa.live;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import vn.ngoforum.realtime.AccessChanges;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.realtime.LiveEvent;

/**
 * What browsers following a Q&amp;A session receive, and the one way Q&amp;A publishes it. Attendees follow
 * {@code qa.session.{id}}, moderators {@code qa.session.{id}.mod}; every body carries the session's {@code seq}
 * (see DESIGN.md), and each change is published after it is stored:
 *
 * <pre>
 *   {type:"question", id, seq, status, votes, ...}       moderators: every question; attendees: public ones, and
 *                                                         one hidden after it was public (questions' announcements)
 *   {type:"votes", id, seq, status, votes}              moderators; attendees while it is public: a question's
 *                                                         vote count alone, once per coalescing window
 *   {type:"counts", id, seq, pending, hidden, reasons}   both: how many wait for review, how many were hidden, why
 *   {type:"poll", id, seq, question, options, ...}       both: a poll launched, voted on or closed (polls)
 *   {type:"session", id, seq, ...}                       both: the session edited, its questions opened or closed
 *   {type:"followers", id, count, seq}                   attendees: how many people follow ({@link Followers})
 *   {type:"moderators", id, seq, moderators:[{id, name}]} moderators: who moderates now ({@link ModeratorPresence})
 * </pre>
 */
public record SessionFeed(Vertx vertx) {

  /** To everyone following the session: attendees, then moderators. */
  public void toEveryone(String sessionId, JsonObject body) {
    toAttendees(sessionId, body);
    toModerators(sessionId, body);
  }

  /** To the people following the session's public address. */
  public void toAttendees(String sessionId, JsonObject body) {
    LiveEvent.publish(vertx, Addresses.session(sessionId), body);
  }

  /** To the moderators following the session's moderation queue. */
  public void toModerators(String sessionId, JsonObject body) {
    LiveEvent.publish(vertx, Addresses.sessionModerators(sessionId), body);
  }

  /** Who may follow the session may have changed (its visibility did): every bridge checks its followers again. */
  public void accessChanged(String sessionId) {
    AccessChanges.session(vertx, sessionId);
  }
}
