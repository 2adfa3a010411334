package vn.ngoforum.qa.report;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * What the workshop report asks of the NGO registry (wired by the composition root): the organisations among some
 * slugs, read by key.
 */
@FunctionalInterface
public interface ReportOrganisations {

  /** The registry is not wired in: organisations appear as the questions and memberships named them. */
  ReportOrganisations NONE = slugs -> Future.succeededFuture(Map.of());

  /** {@code {slug: {name:{vi,en}, verified, ...}}} for the organisations that exist among {@code slugs}. */
  Future<Map<String, JsonObject>> cards(List<String> slugs);
}
