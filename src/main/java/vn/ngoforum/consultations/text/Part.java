package vn.ngoforum.consultations.text;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * One numbered part of a policy text: a chapter, section, article, clause or point, with its children.
 *
 * <p>The {@code id} is derived from the numbers alone ({@code c1}, {@code c1-m2}, {@code d5}, {@code d5-k2},
 * {@code d5-k2-pa}; the point {@code đ)} is {@code pdd}), so the same text imported again gives the same ids, and a
 * permalink {@code #clause-d5-k2-pa} keeps pointing at the same clause. Articles are numbered once across a whole
 * Vietnamese legal document, so an article's id does not depend on its chapter: moving an article to another
 * chapter in a revised draft keeps its comments. The English text uses the same ids, so the two align.
 *
 * @param id     stable id, ASCII letters, digits and dashes (usable in a URL fragment and as a MongoDB key)
 * @param kind   what the part is
 * @param number the number as written ("II", "5", "2", "đ")
 * @param title  the heading's title (chapters, sections, articles), or ""
 * @param text   the part's own text (lines joined by "\n"), without its children
 */
public record Part(String id, Kind kind, String number, String title, String text, List<Part> children) {

  public Part {
    children = List.copyOf(children);
  }

  /** The kinds of part, in their nesting order. */
  public enum Kind {
    CHAPTER, SECTION, ARTICLE, CLAUSE, POINT;

    /** The name used in JSON and in stored documents: "chapter", "section", ... */
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind fromJson(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  /** {@code {id, kind, number, title, text, children:[…]}}, the shape of DESIGN.md's Advocacy contract. */
  public JsonObject toJson() {
    JsonArray kids = new JsonArray();
    children.forEach(child -> kids.add(child.toJson()));
    return new JsonObject().put("id", id).put("kind", kind.json()).put("number", number).put("title", title)
        .put("text", text).put("children", kids);
  }

  public static Part fromJson(JsonObject json) {
    JsonArray kids = json.getJsonArray("children", new JsonArray());
    List<Part> children = kids.stream().map(k -> fromJson((JsonObject) k)).toList();
    return new Part(json.getString("id"), Kind.fromJson(json.getString("kind")), json.getString("number", ""),
        json.getString("title", ""), json.getString("text", ""), children);
  }
}
