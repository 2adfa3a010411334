package vn.ngoforum.registry.directory;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.ngoforum.text.VietnameseText;

/**
 * The registry's fixed lists: the 34 provincial-level units of Resolution 202/2025/QH15 (with the 63 pre-2025
 * provinces they absorbed) and the focus areas. Read once from {@code registry/*.json} on the class path.
 *
 * <p>Names match however people type them: with or without diacritics, with or without spaces ("Hà Nội",
 * "ha noi", "Hanoi"), with a "tỉnh"/"thành phố" prefix, or by a pre-2025 name ("Quang Binh" → Quảng Trị).
 */
public final class ReferenceData {

  private static final ReferenceData INSTANCE = load();

  private final List<Province> provinces;
  private final Map<String, Province> provinceByKey;
  private final List<FocusArea> focusAreas;
  private final Map<String, FocusArea> focusByKey;

  private ReferenceData(List<Province> provinces, Map<String, Province> provinceByKey, List<FocusArea> focusAreas,
      Map<String, FocusArea> focusByKey) {
    this.provinces = List.copyOf(provinces);
    this.provinceByKey = Map.copyOf(provinceByKey);
    this.focusAreas = List.copyOf(focusAreas);
    this.focusByKey = Map.copyOf(focusByKey);
  }

  public static ReferenceData get() {
    return INSTANCE;
  }

  /** The 34 units, centrally-run cities first, in the resolution's spirit (not alphabetical). */
  public List<Province> provinces() {
    return provinces;
  }

  public List<FocusArea> focusAreas() {
    return focusAreas;
  }

  /** The unit a name (current or pre-2025, any spelling) or code designates, if any. */
  public Optional<Province> province(String nameOrCode) {
    return Optional.ofNullable(provinceByKey.get(key(nameOrCode)));
  }

  /** The focus area a code or a name (either language, any diacritics) designates, if any. */
  public Optional<FocusArea> focusArea(String nameOrCode) {
    return Optional.ofNullable(focusByKey.get(key(nameOrCode)));
  }

  /** Folded, without administrative prefixes and without spaces or hyphens: "Tỉnh Quảng Trị" → "quangtri". */
  static String key(String text) {
    String folded = VietnameseText.fold(text);
    for (String prefix : List.of("thanh pho ", "tinh ", "tp ", "city of ", "province of ")) {
      if (folded.startsWith(prefix)) {
        folded = folded.substring(prefix.length());
        break;
      }
    }
    for (String suffix : List.of(" province", " city")) {
      if (folded.endsWith(suffix) && folded.length() > suffix.length()) {
        folded = folded.substring(0, folded.length() - suffix.length());
        break;
      }
    }
    return folded.replace(" ", "");
  }

  private static ReferenceData load() {
    JsonObject provinceFile = new JsonObject(read("registry/provinces.json"));
    List<Province> provinces = new ArrayList<>();
    Map<String, Province> byKey = new HashMap<>();
    for (Object item : provinceFile.getJsonArray("units")) {
      JsonObject unit = (JsonObject) item;
      List<String> absorbed = strings(unit.getJsonArray("absorbed"));
      Province province = new Province(unit.getString("code"), "city".equals(unit.getString("type")),
          unit.getJsonObject("name"), absorbed);
      provinces.add(province);
      List<String> names = new ArrayList<>(List.of(province.code(), province.name().getString("vi"),
          province.name().getString("en")));
      names.addAll(absorbed);
      names.addAll(strings(unit.getJsonArray("aliases")));
      for (String name : names) {
        Province before = byKey.put(key(name), province);
        if (before != null && before != province) {
          throw new IllegalStateException("The name " + name + " designates two provinces");
        }
      }
    }
    List<FocusArea> areas = new ArrayList<>();
    Map<String, FocusArea> focusByKey = new LinkedHashMap<>();
    for (Object item : new JsonArray(read("registry/focus-areas.json"))) {
      JsonObject json = (JsonObject) item;
      FocusArea area = new FocusArea(json.getString("code"), json.getJsonObject("name"));
      areas.add(area);
      for (String name : List.of(area.code(), area.name().getString("vi"), area.name().getString("en"))) {
        focusByKey.put(key(name), area);
      }
    }
    return new ReferenceData(provinces, byKey, areas, focusByKey);
  }

  private static List<String> strings(JsonArray array) {
    List<String> list = new ArrayList<>();
    if (array != null) {
      array.forEach(value -> list.add(String.valueOf(value)));
    }
    return list;
  }

  private static String read(String resource) {
    try (InputStream in = ReferenceData.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
