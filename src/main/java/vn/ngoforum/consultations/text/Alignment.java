package vn.ngoforum.consultations.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether an English text aligns with the Vietnamese one clause by clause: every part of each has a part with the
 * same id in the other (ids are number paths, {@link Part}, so the English "Article 5 clause 3 point a" is the
 * Vietnamese "điểm a khoản 3 Điều 5"). Titles and wording are not compared: they are in two languages.
 *
 * @param onlyVietnamese the ids of the Vietnamese parts the English text lacks, in reading order
 * @param onlyEnglish    the ids of the English parts the Vietnamese text lacks, in reading order
 * @param labels         every part's English label by id ("Article 5 clause 3"), from both texts
 */
public record Alignment(List<String> onlyVietnamese, List<String> onlyEnglish, Map<String, String> labels) {

  /** How many parts a message names on each side; it says how many more there are. */
  public static final int NAMED = 3;

  public Alignment {
    onlyVietnamese = List.copyOf(onlyVietnamese);
    onlyEnglish = List.copyOf(onlyEnglish);
    labels = Map.copyOf(labels);
  }

  public static Alignment of(List<Part> vietnamese, List<Part> english) {
    Map<String, Part> vi = Changes.byId(vietnamese);
    Map<String, Part> en = Changes.byId(english);
    Map<String, String> labels = new LinkedHashMap<>();
    label(vietnamese, null, labels);
    label(english, null, labels);
    return new Alignment(vi.keySet().stream().filter(id -> !en.containsKey(id)).toList(),
        en.keySet().stream().filter(id -> !vi.containsKey(id)).toList(), labels);
  }

  public boolean aligned() {
    return onlyVietnamese.isEmpty() && onlyEnglish.isEmpty();
  }

  /**
   * What does not align, in English, naming the first {@value #NAMED} parts on each side: "Article 5 clause 3 has
   * no Vietnamese counterpart. Article 7 has no English counterpart."
   */
  public String message() {
    List<String> sentences = new ArrayList<>();
    if (!onlyEnglish.isEmpty()) {
      sentences.add(named(onlyEnglish) + (onlyEnglish.size() == 1 ? " has" : " have") + " no Vietnamese counterpart.");
    }
    if (!onlyVietnamese.isEmpty()) {
      sentences.add(named(onlyVietnamese) + (onlyVietnamese.size() == 1 ? " has" : " have")
          + " no English counterpart.");
    }
    return "The English text does not align with the Vietnamese one clause by clause: " + String.join(" ", sentences);
  }

  private String named(List<String> ids) {
    String first = String.join(", ", ids.stream().limit(NAMED).map(id -> labels.getOrDefault(id, id)).toList());
    return ids.size() > NAMED ? first + " and " + (ids.size() - NAMED) + " more" : first;
  }

  private static void label(List<Part> parts, String parent, Map<String, String> into) {
    for (Part part : parts) {
      String own = switch (part.kind()) {
        case CHAPTER -> "Chapter " + part.number();
        case SECTION -> "Section " + part.number();
        case ARTICLE -> "Article " + part.number();
        case CLAUSE -> "clause " + part.number();
        case POINT -> "point " + part.number();
      };
      boolean nested = part.kind() == Part.Kind.CLAUSE || part.kind() == Part.Kind.POINT;
      String label = nested && parent != null ? parent + " " + own
          : own.substring(0, 1).toUpperCase() + own.substring(1);
      into.putIfAbsent(part.id(), label);
      boolean heading = part.kind() == Part.Kind.CHAPTER || part.kind() == Part.Kind.SECTION;
      label(part.children(), heading ? null : label, into);
    }
  }
}
