package vn.ngoforum.consultations.documents;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The amendments proposed on each clause, as the reading page shows them under the clause: the port through which
 * the page reaches the {@code amendments} room (which itself reads consultations through this room), so the two
 * depend on each other one way only.
 */
public interface ClauseAmendments {

  /** No amendments anywhere. */
  ClauseAmendments NONE = consultationId -> Future.succeededFuture(Map.of());

  /** Each clause's amendments, oldest first, keyed by clause id (clauses without one are absent). */
  Future<Map<String, List<JsonObject>>> byClause(String consultationId);

  /** How many amendments each clause has {@code {clauseId: n}} (clauses without one are absent). */
  default Future<JsonObject> counts(String consultationId) {
    return byClause(consultationId).map(all -> {
      JsonObject counts = new JsonObject();
      all.forEach((clause, list) -> counts.put(clause, list.size()));
      return counts;
    });
  }
}
