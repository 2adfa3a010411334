package vn.ngoforum.qa.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.ngoforum.db.Dates;

/**
 * A workshop: its bilingual title and location ({@code {vi, en}}; the location may be {@code null}), when it starts
 * and ends, and who organises it. Its sessions are {@link Session}s.
 */
public record Event(String id, JsonObject title, Instant startsAt, Instant endsAt, JsonObject location,
    List<String> organisers) {

  public Event {
    organisers = organisers == null ? List.of() : List.copyOf(organisers);
  }

  /** The same event under another id (a new event gets its id when it is stored). */
  public Event withId(String newId) {
    return new Event(newId, title, startsAt, endsAt, location, organisers);
  }

  /** True when both times are known and it would end before it starts. */
  public boolean endsBeforeItStarts() {
    return startsAt != null && endsAt != null && endsAt.isBefore(startsAt);
  }

  /**
   * As the API, the pages and the home page show it: {@code {id, title, startsAt, endsAt, location, organisers}}.
   * Times keep the API's documented shape, a MongoDB extended-JSON date (see openapi.yaml), written by db's Dates.
   */
  public JsonObject json() {
    return new JsonObject()
        .put("id", id)
        .put("title", copy(title))
        .put("startsAt", date(startsAt))
        .put("endsAt", date(endsAt))
        .put("location", copy(location))
        .put("organisers", new JsonArray(new ArrayList<>(organisers)));
  }

  static JsonObject date(Instant at) {
    return at == null ? null : Dates.of(at);
  }

  static JsonObject copy(JsonObject json) {
    return json == null ? null : json.copy();
  }
}
