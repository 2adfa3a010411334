package vn.ngoforum.consultations.documents;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.ngoforum.consultations.text.Changes;
import vn.ngoforum.consultations.text.Part;
import vn.ngoforum.consultations.text.WordDiff;

/**
 * What the reading page shows of a consultation's versions: each part's word diff from the previous version (when
 * the reader asks to see the changes) or its mark as new, the parts the version removed, and the comments and
 * amendments left on clauses the current text no longer has, shown as "on an earlier version". Clauses are matched
 * by their id, their number path.
 */
final class VersionRows {

  private VersionRows() {
  }

  /** Marks each row new ({@code added}) or gives it its {@code diff} and {@code titleDiff} from {@code previous}. */
  static void compare(List<Map<String, Object>> rows, List<Part> previous) {
    Map<String, Part> before = Changes.byId(previous);
    for (Map<String, Object> row : rows) {
      Part was = before.get((String) row.get("id"));
      if (was == null) {
        row.put("added", true);
        continue;
      }
      String text = (String) row.get("text");
      String title = (String) row.get("title");
      if (!was.text().equals(text)) {
        row.put("diff", WordDiff.of(was.text(), text));
      }
      if (!was.title().equals(title)) {
        row.put("titleDiff", WordDiff.of(was.title(), title));
      }
    }
  }

  /** The parts of {@code previous} that the version read no longer has, in their order. */
  static List<Map<String, Object>> removed(List<Part> previous, Set<String> ids) {
    List<Map<String, Object>> removed = new ArrayList<>();
    Changes.byId(previous).forEach((id, part) -> {
      if (!ids.contains(id)) {
        removed.add(row(id, part));
      }
    });
    return removed;
  }

  /**
   * The clauses that have comments or amendments but are not in the version read ({@code ids}), each with its
   * comments and amendments, labelled from {@code previous} where that version had it.
   */
  static List<Map<String, Object>> earlier(Map<String, List<JsonObject>> comments,
      Map<String, List<JsonObject>> amendments, Set<String> ids, List<Part> previous) {
    Map<String, Part> before = Changes.byId(previous);
    Set<String> gone = new LinkedHashSet<>();
    comments.keySet().stream().filter(id -> !ids.contains(id)).sorted().forEach(gone::add);
    amendments.keySet().stream().filter(id -> !ids.contains(id)).sorted().forEach(gone::add);
    List<Map<String, Object>> earlier = new ArrayList<>();
    for (String id : gone) {
      Map<String, Object> row = row(id, before.get(id));
      row.put("comments", comments.getOrDefault(id, List.of()));
      row.put("amendments", amendments.getOrDefault(id, List.of()).stream().map(ConsultationRoutes::shown).toList());
      earlier.add(row);
    }
    return earlier;
  }

  private static Map<String, Object> row(String id, Part part) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", id);
    row.put("mayComment", false);
    if (part != null) {
      row.put("kind", part.kind().json());
      row.put("number", part.number());
      row.put("title", part.title());
      row.put("text", part.text());
    }
    return row;
  }
}
