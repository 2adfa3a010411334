package vn.ngoforum.db;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The one codec between instants and MongoDB dates as vertx-mongo-client writes and reads them in JSON
 * ({@code {"$date": "2026-09-29T01:30:00Z"}}). Repositories use it at the edge; nothing above them sees
 * {@code $date}.
 */
public final class Dates {

  private static final String DATE = "$date";

  private Dates() {
  }

  /** {@code at} as a MongoDB date. */
  public static JsonObject of(Instant at) {
    return new JsonObject().put(DATE, at.toString());
  }

  /** A MongoDB date as read back (an extended-JSON date, an ISO-8601 text or epoch milliseconds), or null. */
  public static Instant instant(Object value) {
    if (value instanceof JsonObject date && date.containsKey(DATE)) {
      Object inner = date.getValue(DATE);
      return inner instanceof Number millis ? Instant.ofEpochMilli(millis.longValue())
          : Instant.parse(String.valueOf(inner));
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof Number millis) {
      return Instant.ofEpochMilli(millis.longValue());
    }
    return value == null ? null : Instant.parse(value.toString());
  }

  /** A MongoDB date as an ISO-8601 text (what the API and pages show), or null. */
  public static String iso(Object value) {
    Instant instant = instant(value);
    return instant == null ? null : instant.toString();
  }

  /** A query condition "before {@code at}" on a date field, for repositories' sweeps: {@code {"$lt": date}}. */
  public static JsonObject before(Instant at) {
    return new JsonObject().put("$lt", of(at));
  }
}
