package vn.ngoforum.registry.profiles;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

/**
 * A page form's fields as the API's JSON body reads them, so that a form and its API twin share one check
 * ({@link OrganisationInput}, {@link AchievementInput}).
 */
final class FormFields {

  private FormFields() {
  }

  /** A form's two language fields as {@code {vi, en}}, or {@code null} when both are empty. */
  static JsonObject bilingual(MultiMap form, String vi, String en) {
    String viText = form.get(vi);
    String enText = form.get(en);
    if ((viText == null || viText.isBlank()) && (enText == null || enText.isBlank())) {
      return null;
    }
    return new JsonObject().put("vi", viText == null ? "" : viText).put("en", enText == null ? "" : enText);
  }

  /** A form's number field as a number when it is one (else as text, so the check names the field). */
  static Object wholeNumberOrText(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return value;
    }
  }
}
