package vn.ngoforum.registry.organisations;

import io.vertx.core.json.JsonObject;
import java.util.List;

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
}
