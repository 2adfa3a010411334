package vn.ngoforum.consultations.text;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two versions of a policy text, part by part. Parts are matched by their id, which is their
 * number path ({@code d5-k2-pb}: article 5, clause 2, point b), so a clause keeps its comments and amendments in a
 * revised draft wherever it still exists, even when its chapter changed.
 *
 * @param changed the parts in both versions whose title or text differ, in the new version's order
 * @param added   the parts only in the new version
 * @param removed the parts only in the old version, in its order
 */
public record Changes(List<String> changed, List<String> added, List<String> removed) {

  public Changes {
    changed = List.copyOf(changed);
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }

  public static Changes between(List<Part> before, List<Part> after) {
    Map<String, Part> old = byId(before);
    Map<String, Part> now = byId(after);
    List<String> changed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    now.forEach((id, part) -> {
      Part was = old.get(id);
      if (was == null) {
        added.add(id);
      } else if (!was.text().equals(part.text()) || !was.title().equals(part.title())) {
        changed.add(id);
      }
    });
    List<String> removed = old.keySet().stream().filter(id -> !now.containsKey(id)).toList();
    return new Changes(changed, added, removed);
  }

  /** Every part, at any depth, by its id, in reading order. */
  public static Map<String, Part> byId(List<Part> parts) {
    Map<String, Part> all = new LinkedHashMap<>();
    collect(parts, all);
    return all;
  }

  private static void collect(List<Part> parts, Map<String, Part> into) {
    for (Part part : parts) {
      into.put(part.id(), part);
      collect(part.children(), into);
    }
  }

  /** {@code {changed:[ids], added:[ids], removed:[ids]}}. */
  public JsonObject json() {
    return new JsonObject().put("changed", new JsonArray(changed)).put("added", new JsonArray(added))
        .put("removed", new JsonArray(removed));
  }
}
