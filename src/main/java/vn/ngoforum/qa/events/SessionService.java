package vn.ngoforum.qa.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.qa.live.SessionFeed;

/**
 * A session's rules: who may follow it (public sessions: anyone; members sessions: people with member rights and
 * the forum's moderators), its changes (announced with its next {@code seq} on both live addresses), and its
 * sequence numbers, which every change to its questions and polls takes from here.
 */
public record SessionService(SessionRepository sessions, EventRepository events, Memberships memberships,
    AuditLog audit, SessionFeed feed, SessionEdited edited, SessionChecks checks) {

  public SessionService(SessionRepository sessions, EventRepository events, Memberships memberships, AuditLog audit,
      SessionFeed feed, SessionEdited edited, SpeakerOrganisations organisations) {
    this(sessions, events, memberships, audit, feed, edited, new SessionChecks(organisations));
  }

  /** The session; 404 when there is none (for moderators' actions, which the routes guard). */
  public Future<Session> existing(String sessionId) {
    return sessions.find(sessionId).compose(session -> session == null ? Future.failedFuture(noSuchSession())
        : Future.succeededFuture(session));
  }

  /** The session if this person may follow it; 404, 401 or 403 otherwise. */
  public Future<Session> readable(CurrentUser user, String sessionId) {
    return existing(sessionId).compose(session -> mayRead(user, session).compose(may -> may
        ? Future.succeededFuture(session)
        : Future.failedFuture(user == null
            ? ForumException.unauthorized("This session is for members: please sign in.")
            : ForumException.forbidden("This session is for members of the forum's organisations."))));
  }

  /** {@link #readable} with the session's event. */
  public Future<SessionInEvent> readableInEvent(CurrentUser user, String sessionId) {
    return readable(user, sessionId)
        .compose(session -> events.find(session.eventId()).map(event -> new SessionInEvent(session, event)));
  }

  /** Bridge check for {@code qa.session.{id}}: public sessions for anyone, members sessions for members. */
  public Future<Boolean> mayFollow(CurrentUser user, String sessionId) {
    return sessions.find(sessionId).compose(session -> session == null ? Future.succeededFuture(false)
        : mayRead(user, session));
  }

  /** Bridge check for {@code qa.session.{id}.mod} (the bridge lets only moderators this far). */
  public Future<Boolean> mayModerate(CurrentUser user, String sessionId) {
    return sessions.find(sessionId).map(session -> session != null && user != null && user.has(Role.MODERATOR));
  }

  /** The session's next sequence number, for a change about to be stored; {@code null} when there is no session. */
  public Future<Long> nextSeq(String sessionId) {
    return sessions.nextSeq(sessionId);
  }

  /** See {@link SessionRepository#swapHighlighted}. */
  public Future<String> swapHighlighted(String sessionId, String questionId) {
    return sessions.swapHighlighted(sessionId, questionId);
  }

  /**
   * Changes a session (title, times, speakers, description, stream link, moderation, visibility, guests); 404 when
   * there is none, 400 when it would end before it starts, its stream link is not https or a speaker's organisation is
   * unknown to the registry. The change is announced with the session's next seq on both addresses, so open pages
   * follow it; made members-only, its followers without member rights stop following.
   */
  public Future<Session> edit(CurrentUser by, String sessionId, SessionEdit edit) {
    return existing(sessionId).compose(session -> checks.check(edit.applyTo(session))
        .compose(checked -> sessions.update(sessionId, edit, Stamps.now()))
        .compose(updated -> audit.record(by, "session.edit", "session", sessionId, null, edit.audit(session))))
        .compose(v -> edited.edited(sessionId))
        .compose(v -> sessions.nextSeq(sessionId))
        .compose(seq -> existing(sessionId).map(updated -> {
          feed.toEveryone(sessionId, updated.json().put("type", "session").put("seq", seq));
          if (edit.changesVisibility()) {
            feed.accessChanged(sessionId);
          }
          return updated;
        }));
  }

  /** Opens or closes the session's questions (moderators only: the route checks); answers the session. */
  public Future<Session> setQaOpen(CurrentUser by, String sessionId, boolean open) {
    return sessions.setQaOpen(sessionId, open).compose(session -> {
      if (session == null) {
        return Future.failedFuture(noSuchSession());
      }
      return audit.record(by, open ? "session.open" : "session.close", "session", sessionId, null, null)
          .compose(v -> sessions.nextSeq(sessionId))
          .map(seq -> {
            feed.toEveryone(sessionId, new JsonObject().put("type", "session").put("seq", seq).put("id", sessionId)
                .put("qaOpen", open));
            return session;
          });
    });
  }

  private Future<Boolean> mayRead(CurrentUser user, Session session) {
    return session.membersOnly() ? memberships.mayReadMembersOnly(user) : Future.succeededFuture(true);
  }

  private static ForumException noSuchSession() {
    return ForumException.notFound("There is no such session.");
  }
}
