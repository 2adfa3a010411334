package vn.ngoforum.db;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A document, or the {@code $set} of an edit, built from values that may be absent: a {@code null} value leaves its
 * field out (an edit changes only what it names; a document does not store empty fields). Dates go through
 * {@link Dates}, the one date codec.
 */
public final class Fields {

  private final JsonObject json;

  private Fields(JsonObject json) {
    this.json = json;
  }

  /** Starts from nothing. */
  public static Fields of() {
    return new Fields(new JsonObject());
  }

  /** Adds to {@code json} (its present fields stay). */
  public static Fields into(JsonObject json) {
    return new Fields(json);
  }

  /** Sets {@code name} to {@code value}, unless the value is {@code null}. */
  public Fields put(String name, Object value) {
    if (value != null) {
      json.put(name, value);
    }
    return this;
  }

  /** Sets {@code name} to the stored form of {@code at}, unless it is {@code null}. */
  public Fields date(String name, Instant at) {
    return put(name, at == null ? null : Dates.of(at));
  }

  public JsonObject json() {
    return json;
  }
}
