package vn.ngoforum.qa.events;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A session's speaker: a name and, optionally, the organisation they speak for (its slug in the registry).
 * Typed as one line, {@code Name} or {@code Name | organisation-slug}, in the form and the API alike.
 */
public record Speaker(String name, String organisation) {

  /** {@code Name} or {@code Name | slug}. */
  public static Speaker parse(String line) {
    int bar = line.lastIndexOf('|');
    if (bar < 0) {
      return new Speaker(line.strip(), null);
    }
    String slug = line.substring(bar + 1).strip();
    return new Speaker(line.substring(0, bar).strip(), slug.isEmpty() ? null : slug);
  }

  public static List<Speaker> parseAll(List<String> lines) {
    return lines == null ? null : lines.stream().map(Speaker::parse).filter(s -> !s.name().isEmpty()).toList();
  }

  /** As stored: a plain string (stored before speakers had organisations) or {@code {name, organisation}}. */
  static Speaker stored(Object value) {
    return value instanceof JsonObject doc ? new Speaker(doc.getString("name", ""), doc.getString("organisation"))
        : new Speaker(String.valueOf(value), null);
  }

  /** The organisations the speakers name (to check against the registry). */
  static Set<String> organisations(List<Speaker> speakers) {
    Set<String> slugs = new TreeSet<>();
    speakers.stream().filter(s -> s.organisation() != null).forEach(s -> slugs.add(s.organisation()));
    return slugs;
  }

  /** The line a form shows again. */
  public String line() {
    return organisation == null ? name : name + " | " + organisation;
  }

  /** {@code {name, organisation}} (organisation {@code null} when none). */
  public JsonObject json() {
    return new JsonObject().put("name", name).put("organisation", organisation);
  }
}
