package vn.ngoforum.registry.directory;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The provinces and focus areas as a page's choices ({@code <option>}s or check boxes): {@code [{code, name,
 * selected}]}, in the reference lists' order.
 */
public final class ChoiceLists {

  private ChoiceLists() {
  }

  /** The 34 provinces and cities, {@code selected} (a code, or {@code null}) chosen. */
  public static List<Map<String, Object>> provinces(String selected) {
    return choices(ReferenceData.get().provinces().stream().map(Province::toJson).toList(),
        selected == null ? List.of() : List.of(selected));
  }

  /** The focus areas, those in {@code selected} (codes) chosen. */
  public static List<Map<String, Object>> focusAreas(Collection<?> selected) {
    return choices(ReferenceData.get().focusAreas().stream().map(FocusArea::toJson).toList(), selected);
  }

  private static List<Map<String, Object>> choices(List<JsonObject> items, Collection<?> selected) {
    List<Map<String, Object>> choices = new ArrayList<>();
    for (JsonObject item : items) {
      Map<String, Object> choice = new HashMap<>(item.getMap());
      choice.put("name", item.getJsonObject("name"));
      choice.put("selected", selected.contains(item.getString("code")));
      choices.add(choice);
    }
    return choices;
  }
}
