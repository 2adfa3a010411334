package vn.ngoforum.registry.profiles;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.ngoforum.registry.directory.ChoiceLists;
import vn.ngoforum.registry.directory.Province;
import vn.ngoforum.registry.directory.ReferenceData;
import vn.ngoforum.registry.organisations.OrganisationProfile;
import vn.ngoforum.web.JsonInput;

/**
 * The registration form ({@code registry/new}), which also edits a profile: reading it as the API's body, and its
 * view model (the values, the province and focus-area choices, the legal statuses).
 */
final class OrganisationForm {

  /** The view. */
  static final String VIEW = "registry/new";
  /** The form's fields with a text of their own: {@code registry.error.<field>}. */
  static final List<String> FIELDS = List.of("name", "name.vi", "name.en", "acronym", "province", "focusAreas",
      "website", "description", "description.vi", "description.en", "foundedYear", "legalStatus", "contactEmail",
      "reason");

  private OrganisationForm() {
  }

  /** The form as a registration; 400 naming the field when something is wrong. */
  static OrganisationInput input(MultiMap form) {
    return OrganisationInput.parse(JsonInput.of(new JsonObject()
        .put("name", FormFields.bilingual(form, "nameVi", "nameEn"))
        .put("acronym", form.get("acronym"))
        .put("province", form.get("province"))
        .put("focusAreas", new JsonArray(form.getAll("focusAreas")))
        .put("website", form.get("website"))
        .put("description", FormFields.bilingual(form, "descriptionVi", "descriptionEn"))
        .put("foundedYear", FormFields.wholeNumberOrText(form.get("foundedYear")))
        .put("legalStatus", form.get("legalStatus"))
        .put("contactEmail", form.get("contactEmail"))
        .put("reason", form.get("reason"))
        .encode()));
  }

  /** The form's values as they were sent (shown again when they need fixing). */
  static JsonObject values(MultiMap form) {
    JsonObject values = new JsonObject();
    form.names().forEach(name -> values.put(name, form.get(name)));
    return values.put("focusAreas", new JsonArray(form.getAll("focusAreas")));
  }

  /** The form's values for editing a profile as it is. */
  static JsonObject values(OrganisationProfile profile) {
    JsonObject description = profile.description() == null ? new JsonObject() : profile.description();
    return new JsonObject()
        .put("nameVi", profile.name().getString("vi"))
        .put("nameEn", profile.name().getString("en"))
        .put("acronym", profile.acronym())
        .put("province", profile.province())
        .put("focusAreas", new JsonArray(new ArrayList<>(profile.focusAreas())))
        .put("website", profile.website())
        .put("descriptionVi", description.getString("vi"))
        .put("descriptionEn", description.getString("en"))
        .put("foundedYear", profile.foundedYear())
        .put("legalStatus", profile.legalStatus())
        .put("contactEmail", profile.contactEmail());
  }

  /** The form's view model; with {@code editedSlug} it edits that organisation instead of registering one. */
  static void model(RoutingContext ctx, JsonObject values, String editedSlug) {
    ctx.put("formAction", editedSlug == null ? "/orgs" : "/orgs/" + editedSlug + "/edit");
    ctx.put("titleKey", editedSlug == null ? "registry.register.title" : "registry.edit.title");
    ctx.put("submitKey", editedSlug == null ? "registry.register.submit" : "registry.edit.submit");
    ctx.put("editedSlug", editedSlug);
    String province = values.getString("province");
    String provinceCode = province == null ? null
        : ReferenceData.get().province(province).map(Province::code).orElse(null);
    List<Map<String, Object>> statuses = new ArrayList<>();
    for (String status : OrganisationInput.LEGAL_STATUSES) {
      statuses.add(Map.of("code", status, "key", "registry.legal." + status,
          "selected", status.equals(values.getString("legalStatus"))));
    }
    ctx.put("legalStatuses", statuses);
    ctx.put("form", values);
    ctx.put("provinces", ChoiceLists.provinces(provinceCode));
    ctx.put("focusAreas", ChoiceLists.focusAreas(values.getJsonArray("focusAreas", new JsonArray()).getList()));
  }
}
