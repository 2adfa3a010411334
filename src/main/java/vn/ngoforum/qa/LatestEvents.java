package vn.ngoforum.qa;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The workshops to show on the home page: Q&amp;A answers, the home page asks. */
@FunctionalInterface
public interface LatestEvents {

  /** The newest events, at most {@code limit}, as {@code [{id, title, startsAt, ...}]}. */
  Future<List<JsonObject>> latest(int limit);
}
