package vn.ngoforum.qa.events;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A moderator's change to an event: each field that is not {@code null} replaces the event's (an empty description
 * {@code {vi:"", en:""}} removes it).
 */
public record EventEdit(JsonObject title, Instant startsAt, Instant endsAt, JsonObject location,
    List<String> organisers, JsonObject description, Boolean cancelled) {

  public EventEdit(JsonObject title, Instant startsAt, Instant endsAt, JsonObject location, List<String> organisers) {
    this(title, startsAt, endsAt, location, organisers, null, null);
  }

  /** Cancels the event (or takes the cancellation back). */
  public static EventEdit cancel(boolean cancelled) {
    return new EventEdit(null, null, null, null, null, null, cancelled);
  }

  public boolean isEmpty() {
    return title == null && startsAt == null && endsAt == null && location == null && organisers == null
        && description == null && cancelled == null;
  }

  /** The event as it is after this change. */
  public Event applyTo(Event event) {
    return new Event(event.id(), title != null ? title : event.title(),
        startsAt != null ? startsAt : event.startsAt(), endsAt != null ? endsAt : event.endsAt(),
        location != null ? location : event.location(), organisers != null ? organisers : event.organisers(),
        description != null ? description : event.description(),
        cancelled != null ? cancelled : event.cancelled());
  }

  /** For the audit log: {@code {before:{field: earlier value}, after:{field: new value}}} of the fields it changes. */
  public JsonObject audit(Event before) {
    return Changes.of(before.json(), applyTo(before).json(),
        title != null ? "title" : null, startsAt != null ? "startsAt" : null, endsAt != null ? "endsAt" : null,
        location != null ? "location" : null, organisers != null ? "organisers" : null,
        description != null ? "description" : null, cancelled != null ? "cancelled" : null);
  }
}
