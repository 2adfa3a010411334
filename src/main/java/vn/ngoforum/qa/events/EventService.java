package vn.ngoforum.qa.events;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;

/** Workshops (events) and their agendas: creating, changing and reading them. Moderators only write (routes check). */
public record EventService(EventRepository events, SessionRepository sessions, AuditLog audit, JoinCodes codes,
    SessionChecks checks, SessionContents contents) {

  public EventService(EventRepository events, SessionRepository sessions, AuditLog audit, JoinCodes codes,
      SpeakerOrganisations organisations, SessionContents contents) {
    this(events, sessions, audit, codes, new SessionChecks(organisations), contents);
  }

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
   * Adds a session to an event (404 when there is none; 400 when it would end before it starts, its stream link is not
   * https or a speaker's organisation is unknown) with a new join code; answers the session's id.
   */
  public Future<String> addSession(CurrentUser by, String eventId, Session draft) {
    String sessionId = Stamps.newId();
    return checks.check(draft).compose(v -> existing(eventId)).compose(event -> codes.reserve(sessionId))
        .compose(code -> {
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

  /**
   * Deletes an event with nothing in it: 409 when one of its sessions has questions or polls; its empty sessions go
   * with it.
   */
  public Future<Void> remove(CurrentUser by, String eventId) {
    return agenda(eventId).compose(agenda -> Steps.each(agenda.sessions(), session -> mustBeEmpty(session.id()))
        .compose(v -> Steps.each(agenda.sessions(), session -> sessions.remove(session)
            .compose(done -> codes.release(session))))
        .compose(v -> events.remove(eventId))
        .compose(v -> audit.record(by, "event.delete", "event", eventId, null, agenda.event().json())));
  }

  /** Deletes a session with nothing in it; 404 when there is none, 409 when it has questions or polls. */
  public Future<Void> removeSession(CurrentUser by, Session session) {
    return mustBeEmpty(session.id())
        .compose(v -> sessions.remove(session))
        .compose(v -> codes.release(session))
        .compose(v -> audit.record(by, "session.delete", "session", session.id(), null, session.json()));
  }

  /**
   * Moves a session one place up ({@code -1}) or down ({@code 1}) in its event's agenda (nothing at either end); the
   * agenda as it is now.
   */
  public Future<Agenda> move(CurrentUser by, Session session, int step) {
    return agenda(session.eventId()).compose(agenda -> {
      List<String> ids = new ArrayList<>(agenda.sessions().stream().map(Session::id).toList());
      int from = ids.indexOf(session.id());
      int to = from + step;
      if (from < 0 || to < 0 || to >= ids.size()) {
        return Future.succeededFuture(agenda);
      }
      ids.set(from, ids.get(to));
      ids.set(to, session.id());
      return sessions.order(session.eventId(), ids)
          .compose(v -> audit.record(by, "session.move", "session", session.id(), null, null))
          .compose(v -> agenda(session.eventId()));
    });
  }

  private Future<Void> mustBeEmpty(String sessionId) {
    return contents.isEmpty(sessionId).compose(empty -> empty ? Future.succeededFuture()
        : Future.failedFuture(ForumException.conflict("This session has questions or polls, so it is kept: close its"
            + " questions instead.").withMessageKey("qa.error.not_empty")));
  }

  /** Upcoming, live and past events at {@code now}: the catalogue by key, then only the events shown by id. */
  public Future<EventListing> listing(Instant now) {
    return events.catalogued().compose(entries -> {
      List<List<String>> ids = EventListing.split(entries, now);
      List<String> all = new ArrayList<>();
      ids.forEach(all::addAll);
      return events.findAll(all).map(found -> EventListing.of(ids, found));
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
