package vn.ngoforum.registry.directory;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import vn.ngoforum.registry.organisations.Organisation;
import vn.ngoforum.registry.organisations.OrganisationProfile;
import vn.ngoforum.registry.organisations.OrganisationRepository;
import vn.ngoforum.search.Findable;
import vn.ngoforum.search.FindableSource;

/**
 * Organisations as the search index knows them: their public profile, as the directory shows it to everyone
 * ({@link Findable#PUBLIC}). Found by the name in both languages and the acronym (the title), and by the description
 * in both languages, the province and the focus areas by name (the text); filtered by {@code organisation} (its slug)
 * and {@code province}. A result links to its profile. A suspended or removed organisation is not findable.
 */
public final class OrganisationFindables {

  public static final String KIND = "organisation";

  private OrganisationFindables() {
  }

  /** The source of organisations, for the search index. */
  public static FindableSource source(OrganisationRepository organisations) {
    return FindableSource.of(KIND, organisations::findAll, organisations::each,
        found -> Future.succeededFuture(found.stream().filter(Organisation::listed)
            .map(OrganisationFindables::findable).toList()));
  }

  private static Findable findable(Organisation organisation) {
    OrganisationProfile profile = organisation.profile();
    ReferenceData reference = ReferenceData.get();
    List<String> text = new ArrayList<>();
    text.add(both(profile.description(), "\n"));
    reference.province(nullToEmpty(profile.province())).map(Province::name).ifPresent(name -> text.add(both(name,
        ", ")));
    profile.focusAreas().forEach(code -> reference.focusArea(code).map(FocusArea::name)
        .ifPresent(name -> text.add(both(name, ", "))));
    String title = both(profile.name(), " · ") + (profile.acronym() == null ? "" : " (" + profile.acronym() + ")");
    Map<String, String> tags = profile.province() == null ? Map.of("organisation", organisation.slug())
        : Map.of("organisation", organisation.slug(), "province", profile.province());
    return new Findable(KIND, organisation.slug(), Findable.PUBLIC, title,
        String.join("\n", text.stream().filter(part -> !part.isBlank()).toList()), organisation.createdAt(), tags,
        Map.of(), Map.of("slug", organisation.slug(), "verified", String.valueOf(organisation.verified())));
  }

  /** Both languages of a bilingual field, the Vietnamese first, each once. */
  private static String both(JsonObject field, String between) {
    if (field == null) {
      return "";
    }
    return String.join(between, Stream.of(field.getString("vi"), field.getString("en"))
        .filter(side -> side != null && !side.isBlank()).distinct().toList());
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
