package vn.ngoforum.registry.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import vn.ngoforum.registry.organisations.Organisation;
import vn.ngoforum.registry.organisations.OrganisationProfile;

/**
 * The directory as a CSV file for forum admins (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs
 * read Vietnamese correctly). Cells that a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -},
 * {@code @}) are prefixed with an apostrophe: organisation names are user input.
 */
final class DirectoryCsv {

  private static final List<String> HEADER = List.of("slug", "name_vi", "name_en", "acronym", "province",
      "focus_areas", "website", "verified", "registered_at", "founded_year", "legal_status", "contact_email", "profile");

  private DirectoryCsv() {
  }

  static String of(List<Organisation> organisations, ReferenceData reference) {
    StringBuilder csv = new StringBuilder("\uFEFF");
    line(csv, HEADER);
    for (Organisation org : organisations) {
      OrganisationProfile profile = org.profile();
      String province = profile.province() == null ? "" : profile.province();
      List<String> cells = new ArrayList<>();
      cells.add(org.slug());
      cells.add(profile.name().getString("vi", ""));
      cells.add(profile.name().getString("en", ""));
      cells.add(profile.acronym() == null ? "" : profile.acronym());
      cells.add(reference.province(province).map(p -> p.name().getString("vi", province)).orElse(province));
      cells.add(profile.focusAreas().stream()
          .map(code -> reference.focusArea(code).map(a -> a.name().getString("en")).orElse(code))
          .collect(Collectors.joining("; ")));
      cells.add(profile.website() == null ? "" : profile.website());
      cells.add(String.valueOf(org.verified()));
      cells.add(org.createdAt() == null ? "" : org.createdAt().toString());
      cells.add(profile.foundedYear() == null ? "" : String.valueOf(profile.foundedYear()));
      cells.add(profile.legalStatus() == null ? "" : profile.legalStatus());
      cells.add(profile.contactEmail() == null ? "" : profile.contactEmail());
      cells.add("/orgs/" + org.slug());
      line(csv, cells);
    }
    return csv.toString();
  }

  private static void line(StringBuilder csv, List<String> cells) {
    csv.append(cells.stream().map(DirectoryCsv::cell).collect(Collectors.joining(","))).append("\r\n");
  }

  static String cell(String value) {
    String text = value == null ? "" : value;
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      text = "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
