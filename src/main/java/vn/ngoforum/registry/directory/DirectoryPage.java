package vn.ngoforum.registry.directory;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.ngoforum.registry.directory.DirectoryService.Results;

/**
 * The directory page's view model: the search form as it was sent (filters resolved to codes), the results with
 * their focus areas named, page links that keep the filters, and the counts as a chart of {@code <meter>}s.
 *
 * @param verified the {@code verified} parameter as sent ({@code "true"}, {@code "false"} or empty)
 * @param unknownFilter a province or focus area that names nothing known (the page then finds nothing)
 */
record DirectoryPage(String q, String verified, Boolean verifiedValue, String sort, String provinceCode,
    String focusCode, boolean unknownFilter) {

  static DirectoryPage of(MultiMap params, ReferenceData data, String sort, Boolean verifiedValue) {
    String q = params.get("q");
    String province = params.get("province");
    String focus = params.get("focus");
    String provinceCode = blank(province) ? null : data.province(province).map(Province::code).orElse(null);
    String focusCode = blank(focus) ? null : data.focusArea(focus).map(FocusArea::code).orElse(null);
    boolean unknownFilter = (!blank(province) && provinceCode == null) || (!blank(focus) && focusCode == null);
    return new DirectoryPage(q, params.get("verified"), verifiedValue, sort, provinceCode, focusCode,
        unknownFilter);
  }

  void fill(RoutingContext ctx, Results found, JsonObject counts) {
    ctx.put("q", q == null ? "" : q);
    ctx.put("results", found.organisations().stream()
        .map(organisation -> DirectoryEntry.withFocusNames(DirectoryEntry.of(organisation))).toList());
    ctx.put("resultCount", found.total());
    ctx.put("paging", paging(found));
    ctx.put("unknownFilter", unknownFilter);
    ctx.put("provinces", ChoiceLists.provinces(provinceCode));
    ctx.put("focusAreas", ChoiceLists.focusAreas(focusCode == null ? List.of() : List.of(focusCode)));
    ctx.put("verifiedAny", blank(verified));
    ctx.put("verifiedYes", "true".equals(verified));
    ctx.put("verifiedNo", "false".equals(verified));
    ctx.put("sortNewest", "newest".equals(sort));
    ctx.put("filtered", !blank(q) || provinceCode != null || focusCode != null || verifiedValue != null);
    ctx.put("provinceCounts", withShares(counts.getJsonArray("provinces")));
    ctx.put("focusCounts", withShares(counts.getJsonArray("focusAreas")));
  }

  /**
   * The page links ({@code null} when everything fits on one page): each keeps the filters and the sort; pages
   * near the current one are listed, with the first and last always reachable.
   */
  private Map<String, Object> paging(Results found) {
    long pages = found.pages();
    int current = found.page();
    if (pages <= 1 && current <= 1) {
      return null;
    }
    StringBuilder filters = new StringBuilder("/orgs?");
    appendParam(filters, "q", q);
    appendParam(filters, "province", provinceCode);
    appendParam(filters, "focus", focusCode);
    appendParam(filters, "verified", verified);
    appendParam(filters, "sort", "name".equals(sort) ? null : sort);
    String base = filters.toString();
    List<Map<String, Object>> links = new ArrayList<>();
    long previousShown = 0;
    for (long number = 1; number <= pages; number++) {
      boolean shown = number == 1 || number == pages || Math.abs(number - current) <= 2;
      if (!shown) {
        continue;
      }
      if (number > previousShown + 1) {
        links.add(Map.of("gap", true));
      }
      links.add(Map.of("number", number, "href", base + "page=" + number, "current", number == current));
      previousShown = number;
    }
    Map<String, Object> model = new HashMap<>();
    model.put("links", links);
    model.put("current", current);
    model.put("pages", pages);
    if (current > 1) {
      model.put("previous", base + "page=" + Math.min(current - 1, pages));
    }
    if (current < pages) {
      model.put("next", base + "page=" + (current + 1));
    }
    return model;
  }

  private static void appendParam(StringBuilder url, String name, String value) {
    if (!blank(value)) {
      url.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
    }
  }

  /** Adds the largest count to each row: the scale of the chart's bars ({@code <meter>}, no inline styles). */
  private static List<JsonObject> withShares(JsonArray rows) {
    int max = 1;
    for (Object row : rows) {
      max = Math.max(max, ((JsonObject) row).getInteger("count"));
    }
    List<JsonObject> shared = new ArrayList<>();
    for (Object row : rows) {
      shared.add(((JsonObject) row).copy().put("max", max));
    }
    return shared;
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
