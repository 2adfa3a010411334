package vn.ngoforum.consultations.export;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * What the export shows of each signatory beyond what the signature stored: the port through which it asks the
 * registry (read by slug, i.e. by key).
 */
public interface OrganisationCards {

  /** The registry is not wired in: signatories are listed without their province. */
  OrganisationCards NONE = slugs -> Future.succeededFuture(Map.of());

  /**
   * {@code {slug: {name:{vi,en}, province:{vi,en} (absent when unknown), verified}}} for the organisations that
   * exist among {@code slugs}.
   */
  Future<Map<String, JsonObject>> of(List<String> slugs);
}
