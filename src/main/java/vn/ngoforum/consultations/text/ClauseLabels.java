package vn.ngoforum.consultations.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.ngoforum.web.I18n;

/**
 * How the statement page and the exports name each part of the text, as a reader of a legal document cites it: "Điều 5", "khoản 2 Điều 5",
 * "điểm a khoản 2 Điều 5" ("Article 5", "clause 2 of Article 5", ...). Articles are cited without their chapter,
 * because they are numbered once across the whole document.
 */
public final class ClauseLabels {

  private ClauseLabels() {
  }

  /** Every part's label by its id. */
  public static Map<String, String> of(List<Part> parts, I18n i18n, String lang) {
    Map<String, String> labels = new HashMap<>();
    label(parts, null, labels, i18n, lang);
    return labels;
  }

  private static void label(List<Part> parts, String parent, Map<String, String> labels, I18n i18n, String lang) {
    for (Part part : parts) {
      String key = "consultations.export.label." + part.kind().json();
      boolean nested = part.kind() == Part.Kind.CLAUSE || part.kind() == Part.Kind.POINT;
      String label = nested && parent != null ? i18n.text(lang, key, part.number(), parent)
          : nested ? part.number() : i18n.text(lang, key, part.number());
      labels.put(part.id(), label);
      boolean heading = part.kind() == Part.Kind.CHAPTER || part.kind() == Part.Kind.SECTION;
      label(part.children(), heading ? null : label, labels, i18n, lang);
    }
  }
}
