package vn.ngoforum.qa.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** An event with its sessions in agenda order. */
public record Agenda(Event event, List<Session> sessions) {

  /** {@code {event, sessions:[...]}}. */
  public JsonObject json() {
    return new JsonObject().put("event", event.json())
        .put("sessions", new JsonArray(sessions.stream().map(Session::json).toList()));
  }
}
