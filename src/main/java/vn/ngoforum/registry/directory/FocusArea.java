package vn.ngoforum.registry.directory;

import io.vertx.core.json.JsonObject;

/** One of the fixed focus areas an organisation works in, e.g. {@code rescue}. */
public record FocusArea(String code, JsonObject name) {

  public JsonObject toJson() {
    return new JsonObject().put("code", code).put("name", name.copy());
  }
}
