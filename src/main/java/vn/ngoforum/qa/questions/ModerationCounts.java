package vn.ngoforum.qa.questions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The transparency counters everyone sees: how many of a session's questions wait for review, how many were hidden,
 * and how many were hidden for each reason (the empty reason: none given).
 */
public record ModerationCounts(long pending, int hidden, Map<String, Long> reasons) {

  public ModerationCounts {
    reasons = new TreeMap<>(reasons);
  }

  /** {@code {pending, hidden, reasons:[{reason, count}]}}, the reasons in alphabetical order. */
  public JsonObject json() {
    JsonArray byReason = new JsonArray();
    reasons.forEach((reason, count) -> byReason.add(new JsonObject().put("reason", reason).put("count", count)));
    return new JsonObject().put("pending", pending).put("hidden", hidden).put("reasons", byReason);
  }
}
