package vn.ngoforum.qa.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.ngoforum.db.Dates;

/**
 * A workshop: its bilingual title, location and description ({@code {vi, en}}; location and description may be
 * {@code null}), when it starts and ends, who organises it, and whether it was cancelled (a cancelled event is kept
 * and shown as cancelled). Its sessions are {@link Session}s.
 */
public record Event(String id, JsonObject title, Instant startsAt, Instant endsAt, JsonObject location,
    List<String> organisers, JsonObject description, boolean cancelled) {

  public Event {
    organisers = organisers == null ? List.of() : List.copyOf(organisers);
  }

  /** An event without description, not cancelled. */
  public Event(String id, JsonObject title, Instant startsAt, Instant endsAt, JsonObject location,
      List<String> organisers) {
    this(id, title, startsAt, endsAt, location, organisers, null, false);
  }

  /** The same event under another id (a new event gets its id when it is stored). */
  public Event withId(String newId) {
    return new Event(newId, title, startsAt, endsAt, location, organisers, description, cancelled);
  }

  /** True when both times are known and it would end before it starts. */
  public boolean endsBeforeItStarts() {
    return startsAt != null && endsAt != null && endsAt.isBefore(startsAt);
  }

  /**
   * As the API, the pages and the home page show it: {@code {id, title, startsAt, endsAt, location, organisers,
   * description, cancelled}}.
   * Times keep the API's documented shape, a MongoDB extended-JSON date (see openapi.yaml), written by db's Dates.
   */
  public JsonObject json() {
    return new JsonObject()
        .put("id", id)
        .put("title", copy(title))
        .put("startsAt", date(startsAt))
        .put("endsAt", date(endsAt))
        .put("location", copy(location))
        .put("organisers", new JsonArray(new ArrayList<>(organisers)))
        .put("description", copy(description))
        .put("cancelled", cancelled);
  }

  static JsonObject date(Instant at) {
    return at == null ? null : Dates.of(at);
  }

  static JsonObject copy(JsonObject json) {
    return json == null ? null : json.copy();
  }
}
