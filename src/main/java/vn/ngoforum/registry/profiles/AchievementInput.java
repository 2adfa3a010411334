package vn.ngoforum.registry.profiles;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Year;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.registry.organisations.Organisation.Achievement;
import vn.ngoforum.web.JsonInput;

/**
 * An achievement as an organisation admin sent it: what the organisation did ({@code title}), when
 * ({@code year}), a short description and an optional link to the evidence (a report, an article).
 */
record AchievementInput(JsonObject title, int year, JsonObject description, String link) {

  static AchievementInput parse(JsonInput in) {
    in.allow("title", "year", "description", "link");
    JsonObject title = in.bilingual("title", 200, true);
    Long year = in.optionalInteger("year", 1945, Year.now().getValue() + 1L);
    if (year == null) {
      throw ForumException.invalid("year", "'year' is required.");
    }
    JsonObject description = in.bilingual("description", 1000, false);
    String link = in.optionalText("link", 300);
    return new AchievementInput(title, year.intValue(),
        description == null ? new JsonObject().put("vi", "").put("en", "") : description,
        link == null || link.isEmpty() ? null : checkedLink(link));
  }

  /** The achievement as the profile keeps it, under {@code id}. */
  Achievement achievement(String id) {
    return new Achievement(id, title, year, description, link);
  }

  private static String checkedLink(String link) {
    try {
      URI uri = new URI(link);
      if (uri.getScheme() != null && (uri.getScheme().equalsIgnoreCase("https")
          || uri.getScheme().equalsIgnoreCase("http")) && uri.getHost() != null) {
        return uri.toString();
      }
    } catch (URISyntaxException e) {
      // refused below
    }
    throw ForumException.invalid("link", "'link' must be an address starting with https:// or http://.");
  }
}
