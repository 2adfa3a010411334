package vn.ngoforum.qa.events;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Objects;

/** The audit log's record of an edit: the changed fields' values before and after. */
final class Changes {

  private Changes() {
  }

  /** {@code {before:{field: ...}, after:{field: ...}}} for the non-null names in {@code fields}. */
  static JsonObject of(JsonObject before, JsonObject after, String... fields) {
    JsonObject earlier = new JsonObject();
    JsonObject later = new JsonObject();
    Arrays.stream(fields).filter(Objects::nonNull).forEach(field -> {
      earlier.put(field, before.getValue(field));
      later.put(field, after.getValue(field));
    });
    return new JsonObject().put("before", earlier).put("after", later);
  }
}
