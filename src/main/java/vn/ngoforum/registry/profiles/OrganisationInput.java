package vn.ngoforum.registry.profiles;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.registry.directory.FocusArea;
import vn.ngoforum.registry.directory.Province;
import vn.ngoforum.registry.directory.ReferenceData;
import vn.ngoforum.registry.organisations.OrganisationProfile;
import vn.ngoforum.web.JsonInput;

/**
 * A registration as the person sent it, checked field by field: the API's JSON body and the registration form
 * (turned into the same JSON) go through {@link #parse}. Anything else in the body, such as {@code verified} or
 * {@code roles}, is refused with a 400 naming the field. An edit may carry a {@code reason} (a forum admin who edits
 * an organisation that is not theirs must give one: it goes to the audit log).
 */
public record OrganisationInput(JsonObject name, String acronym, Province province, List<FocusArea> focusAreas,
    String website, JsonObject description, Integer foundedYear, String legalStatus, String contactEmail,
    String reason) {

  static final int NAME_MAX = 200;
  static final int ACRONYM_MAX = 20;
  static final int WEBSITE_MAX = 300;
  static final int DESCRIPTION_MAX = 4000;
  static final int EMAIL_MAX = 200;
  static final int REASON_MAX = 500;
  static final Set<String> FIELDS = Set.of("name", "acronym", "province", "focusAreas", "website", "description",
      "foundedYear", "legalStatus", "contactEmail", "reason");
  /**
   * The forms an organisation takes in Vietnam: an association (hội), a fund (quỹ), a science and technology
   * organisation (e.g. a centre under VUSTA), an international NGO, an informal network or group, a social
   * enterprise, or something else. UI texts: {@code registry.legal.<code>}.
   */
  static final List<String> LEGAL_STATUSES = List.of("association", "fund", "science-org", "ingo", "network",
      "social-enterprise", "other");

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

  private static final Pattern ACRONYM = Pattern.compile("[\\p{L}\\p{Nd}][\\p{L}\\p{Nd} .&-]*");

  public static OrganisationInput parse(JsonInput in) {
    in.allow(FIELDS.toArray(String[]::new));
    JsonObject name = in.bilingual("name", NAME_MAX, true);
    String acronym = in.optionalText("acronym", ACRONYM_MAX);
    if (acronym != null && acronym.isEmpty()) {
      acronym = null;
    }
    if (acronym != null && !ACRONYM.matcher(acronym).matches()) {
      throw ForumException.invalid("acronym", "'acronym' may hold only letters, digits, spaces, '.', '&' and '-'.");
    }
    String provinceName = in.requiredText("province", 100);
    Province province = ReferenceData.get().province(provinceName).orElseThrow(() -> ForumException.invalid(
        "province", "'province' is not one of the 34 provinces and cities (a pre-2025 name also works)."));
    Set<FocusArea> areas = new LinkedHashSet<>();
    for (String area : in.textList("focusAreas", 20, 100)) {
      areas.add(ReferenceData.get().focusArea(area).orElseThrow(() -> ForumException.invalid("focusAreas",
          "'focusAreas' holds an unknown focus area: use the codes of GET /api/v1/orgs/reference.")));
    }
    String website = website(in.optionalText("website", WEBSITE_MAX));
    JsonObject description = in.bilingual("description", DESCRIPTION_MAX, false);
    Long founded = in.optionalInteger("foundedYear", 1900, java.time.Year.now().getValue());
    String legalStatus = in.has("legalStatus") && !"".equals(in.optionalText("legalStatus", 40))
        ? in.choice("legalStatus", Set.copyOf(LEGAL_STATUSES), null) : null;
    String email = in.optionalText("contactEmail", EMAIL_MAX);
    if (email != null && email.isEmpty()) {
      email = null;
    }
    if (email != null && !EMAIL.matcher(email).matches()) {
      throw ForumException.invalid("contactEmail", "'contactEmail' must be an e-mail address like info@example.org.");
    }
    String reason = in.optionalText("reason", REASON_MAX);
    return new OrganisationInput(name, acronym, province, new ArrayList<>(areas), website,
        description == null ? new JsonObject().put("vi", "").put("en", "") : description,
        founded == null ? null : founded.intValue(), legalStatus, email,
        reason == null || reason.isEmpty() ? null : reason);
  }

  /** The profile as stored: the province and focus areas by their codes. */
  public OrganisationProfile profile() {
    return new OrganisationProfile(name, acronym, province.code(), focusAreas.stream().map(FocusArea::code).toList(),
        website, description, foundedYear, legalStatus, contactEmail);
  }

  /** An absolute http(s) address, or {@code null} when none was given. */
  private static String website(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri.toString();
      }
    } catch (URISyntaxException e) {
      // refused below
    }
    throw ForumException.invalid("website", "'website' must be an address starting with https:// or http://.");
  }
}
