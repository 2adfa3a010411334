package vn.ngoforum.qa.events;

import io.vertx.core.Future;
import java.util.List;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;

/** Workshops (events) and their agendas: creating, changing and reading them. Moderators only write (routes check). */
public record EventService(EventRepository events, SessionRepository sessions, AuditLog audit, JoinCodes codes) {

  /** The newest events first, at most {@code limit}. */
  public Future<List<Event>> latest(int limit) {
    return events.latest(limit);
  }

  /** Stores a new event (its id is given here); 400 when it would end before it starts. Answers the id. */
  public Future<String> create(CurrentUser by, Event draft) {
    if (draft.endsBeforeItStarts()) {
      return Future.failedFuture(endsTooEarly());
    }
    Event event = draft.withId(Stamps.newId());
    return events.insert(event, by.id(), Stamps.now())
        .compose(v -> audit.record(by, "event.create", "event", event.id(), null, null))
        .map(event.id());
  }

  /**
   * Adds a session to an event (404 when there is none; 400 when it would end before it starts) with a new join code;
   * answers the session's id.
   */
  public Future<String> addSession(CurrentUser by, String eventId, Session draft) {
    if (draft.endsBeforeItStarts()) {
      return Future.failedFuture(endsTooEarly());
    }
    String sessionId = Stamps.newId();
    return existing(eventId).compose(event -> codes.reserve(sessionId)).compose(code -> {
      Session session = draft.placed(sessionId, eventId, code);
      return sessions.insert(session, by.id(), Stamps.now())
          .compose(v -> audit.record(by, "session.create", "session", session.id(), null, null))
          .map(session.id());
    });
  }

  /**
   * Changes an event's details; 404 when there is no such event, 400 when it would end before it starts. The audit
   * log keeps the earlier values.
   */
  public Future<Event> edit(CurrentUser by, String eventId, EventEdit edit) {
    return existing(eventId).compose(event -> {
      if (edit.applyTo(event).endsBeforeItStarts()) {
        return Future.failedFuture(endsTooEarly());
      }
      return events.update(eventId, edit, Stamps.now())
          .compose(updated -> updated == null ? Future.failedFuture(noSuchEvent())
              : audit.record(by, "event.edit", "event", eventId, null, edit.audit(event)).map(updated));
    });
  }

  /** The event and its sessions in agenda order; 404 when there is no such event. */
  public Future<Agenda> agenda(String eventId) {
    return existing(eventId).compose(event -> sessions.ofEvent(eventId).map(list -> new Agenda(event, list)));
  }

  private Future<Event> existing(String eventId) {
    return events.find(eventId).compose(event -> event == null ? Future.failedFuture(noSuchEvent())
        : Future.succeededFuture(event));
  }

  private static ForumException noSuchEvent() {
    return ForumException.notFound("There is no such event.");
  }

  static ForumException endsTooEarly() {
    return ForumException.invalid("endsAt", "'endsAt' must not be before 'startsAt'.");
  }

}
