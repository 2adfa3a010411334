package vn.ngoforum.registry.directory;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A provincial-level unit in force since 1 July 2025.
 *
 * @param code     stable slug, e.g. {@code quang-tri}; what organisations store
 * @param city     a centrally-run city rather than a province
 * @param name     bilingual name {@code {vi, en}}
 * @param absorbed the pre-2025 provinces it took in (not counting itself), e.g. Quảng Bình for Quảng Trị
 */
public record Province(String code, boolean city, JsonObject name, List<String> absorbed) {

  /** {@code {code, name:{vi,en}}}, as the API shows a province. */
  public JsonObject toJson() {
    return new JsonObject().put("code", code).put("name", name.copy());
  }
}
