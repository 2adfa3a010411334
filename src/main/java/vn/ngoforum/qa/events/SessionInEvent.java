package vn.ngoforum.qa.events;

import io.vertx.core.json.JsonObject;

/** A session with the event it belongs to ({@code null} if the event is gone), as its pages show it. */
public record SessionInEvent(Session session, Event event) {

  /** The session's view with {@code event} inside. */
  public JsonObject json() {
    return session.json().put("event", event == null ? null : event.json());
  }
}
