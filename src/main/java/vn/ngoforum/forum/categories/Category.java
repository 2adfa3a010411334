package vn.ngoforum.forum.categories;

import io.vertx.core.json.JsonObject;

/**
 * A discussion category: its slug (its address, {@code /c/{slug}}), its names and description in Vietnamese and
 * English ({@code {vi, en}}), its place in the list and who may read it ({@code public} or {@code members}).
 */
public record Category(String slug, JsonObject name, JsonObject description, Integer position,
    String visibility) {

  public static final String PUBLIC = "public";
  public static final String MEMBERS = "members";

  /** Open to everyone, guests included. */
  public boolean isPublic() {
    return PUBLIC.equals(visibility);
  }

  /** What the API and pages show: {@code {slug, name:{vi,en}, description:{vi,en}, position, visibility, url}}. */
  public JsonObject publicView() {
    return new JsonObject()
        .put("slug", slug)
        .put("name", name)
        .put("description", description)
        .put("position", position)
        .put("visibility", visibility)
        .put("url", "/c/" + slug);
  }
}
