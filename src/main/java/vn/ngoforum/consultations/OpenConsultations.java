package vn.ngoforum.consultations;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import vn.ngoforum.auth.CurrentUser;

/**
 * The consultations open for comments that a person may read, newest first: consultations answer, the home page
 * asks.
 */
@FunctionalInterface
public interface OpenConsultations {

  /** None open anywhere. */
  OpenConsultations NONE = (user, limit) -> Future.succeededFuture(List.of());

  /** At most {@code limit}, as {@code [{id, title, summary, authority, deadline, visibility, status}]}. */
  Future<List<JsonObject>> open(CurrentUser user, int limit);
}
