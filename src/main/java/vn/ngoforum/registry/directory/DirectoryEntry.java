package vn.ngoforum.registry.directory;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import vn.ngoforum.db.Dates;
import vn.ngoforum.registry.organisations.Organisation;
import vn.ngoforum.registry.organisations.OrganisationProfile;

/**
 * An organisation as the directory (API and pages) shows it: {@code {slug, name, acronym, province:{code, name},
 * focusAreas:[code], verified, verificationRequested, website, logo, createdAt}}. The profile starts from the same
 * entry and adds to it.
 */
public final class DirectoryEntry {

  private DirectoryEntry() {
  }

  public static JsonObject of(Organisation organisation) {
    OrganisationProfile profile = organisation.profile();
    String province = profile.province();
    return new JsonObject()
        .put("slug", organisation.slug())
        .put("name", profile.name())
        .put("acronym", profile.acronym())
        .put("province", ReferenceData.get().province(province).map(Province::toJson)
            .orElse(new JsonObject().put("code", province)))
        .put("focusAreas", new JsonArray(new ArrayList<>(profile.focusAreas())))
        .put("verified", organisation.verified())
        .put("verificationRequested", organisation.verificationRequest() != null)
        .put("website", profile.website())
        .put("logo", organisation.logo())
        // The API has always shown the registration time as a MongoDB date: {"$date": ISO-8601}.
        .put("createdAt", organisation.createdAt() == null ? null : Dates.of(organisation.createdAt()));
  }

  /** Adds {@code focusAreaList: [{code, name}]} for pages, which name the focus areas (the API keeps the codes). */
  public static JsonObject withFocusNames(JsonObject entry) {
    JsonArray named = new JsonArray();
    for (Object code : entry.getJsonArray("focusAreas", new JsonArray())) {
      ReferenceData.get().focusArea(String.valueOf(code)).ifPresent(area -> named.add(area.toJson()));
    }
    return entry.copy().put("focusAreaList", named);
  }
}
