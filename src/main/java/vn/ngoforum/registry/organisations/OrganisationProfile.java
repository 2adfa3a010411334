package vn.ngoforum.registry.organisations;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.ngoforum.text.VietnameseText;

/**
 * What an organisation says about itself: the fields a registration sets and its admins edit. Provinces and focus
 * areas are kept by their codes (the directory's reference lists name them).
 *
 * @param name        bilingual {@code {vi, en}}, at least one side filled
 * @param acronym     e.g. {@code SVW}, or {@code null}
 * @param province    the code of a province or city in force since 2025, e.g. {@code quang-tri}
 * @param focusAreas  codes of focus areas, e.g. {@code rescue}
 * @param description bilingual {@code {vi, en}}, either side may be empty
 */
public record OrganisationProfile(JsonObject name, String acronym, String province, List<String> focusAreas,
    String website, JsonObject description, Integer foundedYear, String legalStatus, String contactEmail) {

  public OrganisationProfile {
    focusAreas = List.copyOf(focusAreas);
  }

  /** The folded Vietnamese name (the English one when there is none): the directory's order by name. */
  public String sortKey() {
    String nameVi = VietnameseText.fold(name.getString("vi"));
    return nameVi.isEmpty() ? VietnameseText.fold(name.getString("en")) : nameVi;
  }

  /** The acronym folded without spaces ("WWF", "w w f" and "Ww-F" alike); {@code null} when there is none. */
  public String acronymKey() {
    return acronym == null ? null : VietnameseText.fold(acronym).replace(" ", "");
  }

  /** The folded words the directory finds the organisation by: names, acronym and description in both languages. */
  public Set<String> words() {
    JsonObject about = description == null ? new JsonObject() : description;
    Set<String> words = new LinkedHashSet<>();
    for (String text : List.of(name.getString("vi", ""), name.getString("en", ""), acronym == null ? "" : acronym,
        about.getString("vi", ""), about.getString("en", ""))) {
      words.addAll(VietnameseText.tokens(text));
    }
    if (acronym != null) {
      words.add(acronymKey());
    }
    return words;
  }
}
