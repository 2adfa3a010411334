package vn.ngoforum.registry;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The directory as a CSV file for forum admins (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs
 * read Vietnamese correctly). Cells that a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -},
 * {@code @}) are prefixed with an apostrophe: organisation names are user input.
 */
final class DirectoryCsv {

  private static final List<String> HEADER = List.of("slug", "name_vi", "name_en", "acronym", "province",
      "focus_areas", "website", "verified", "registered_at", "founded_year", "legal_status", "contact_email", "profile");

  private DirectoryCsv() {
  }

  static String of(List<JsonObject> organisations, ReferenceData reference) {
    StringBuilder csv = new StringBuilder("\uFEFF");
    line(csv, HEADER);
    for (JsonObject org : organisations) {
      JsonObject name = org.getJsonObject("name", new JsonObject());
      JsonObject province = org.getJsonObject("province", new JsonObject());
      Object created = org.getValue("createdAt");
      String registered = created instanceof JsonObject date ? date.getString("$date", "") : String.valueOf(created);
      List<String> cells = new ArrayList<>();
      cells.add(org.getString("slug"));
      cells.add(name.getString("vi", ""));
      cells.add(name.getString("en", ""));
      cells.add(org.getString("acronym", ""));
      cells.add(province.getJsonObject("name", new JsonObject()).getString("vi", province.getString("code", "")));
      cells.add(org.getJsonArray("focusAreas").stream()
          .map(code -> reference.focusArea(String.valueOf(code)).map(a -> a.name().getString("en"))
              .orElse(String.valueOf(code)))
          .collect(Collectors.joining("; ")));
      cells.add(org.getString("website", ""));
      cells.add(String.valueOf(org.getBoolean("verified", false)));
      cells.add(registered == null || registered.equals("null") ? "" : registered);
      cells.add(org.getInteger("foundedYear") == null ? "" : String.valueOf(org.getInteger("foundedYear")));
      cells.add(org.getString("legalStatus", ""));
      cells.add(org.getString("contactEmail", ""));
      cells.add("/orgs/" + org.getString("slug"));
      line(csv, cells);
    }
    return csv.toString();
  }

  private static void line(StringBuilder csv, List<String> cells) {
    csv.append(cells.stream().map(DirectoryCsv::cell).collect(Collectors.joining(","))).append("\r\n");
  }

  static String cell(String value) {
    String text = value == null ? "" : value;
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      text = "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
