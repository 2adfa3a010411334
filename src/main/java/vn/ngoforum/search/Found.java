package vn.ngoforum.search;

import java.util.List;
import java.util.Map;

/**
 * What a search or a listing found.
 *
 * @param total how many match in all (for "page 3 of 40"), exactly for a listing; for a search, exactly up to a
 *     thousand and at least that many beyond
 * @param hits this page of them
 * @param more whether hits may follow this page's last in its order (a full page, or a search's page ended where its
 *     results do, see {@link Search.Grouping}): a search's next page continues after the last hit's cursor
 */
public record Found(long total, List<Hit> hits, boolean more) {

  /** Nothing found. */
  public static final Found NONE = new Found(0, List.of(), false);

  /**
   * One result.
   *
   * @param kind what it is
   * @param id its id within the kind
   * @param shown the values the feature asked to show (see {@link Findable#shown()})
   * @param title the title, HTML-escaped, the words searched for in {@code <mark>}
   * @param snippet the best passage of the text, HTML-escaped, the words searched for in {@code <mark>}; the
   *     text's beginning when only the title matched (empty in listings)
   * @param cursor where a search continues after this hit ({@link Search#after()}), or a listing next to it
   *     ({@link Listing#after}, {@link Listing#before})
   */
  public record Hit(String kind, String id, Map<String, String> shown, String title, String snippet, String cursor) {
  }
}
