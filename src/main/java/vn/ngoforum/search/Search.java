package vn.ngoforum.search;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A search as a reader asks it.
 *
 * @param text what they typed (see {@link QueryText})
 * @param kinds what to look for ("thread", "post" ...); empty for everything
 * @param scopes what this reader may see; nothing outside these is found, and an empty set finds nothing
 * @param tags exact filters (category, author, organisation ...)
 * @param from only what was written at or after this (null: no bound)
 * @param until only what was written before this (null: no bound)
 * @param offset results to skip (when there is no {@code after})
 * @param after where the previous page ended (a hit's {@link Found.Hit#cursor()}), or null for the first page: a
 *     page after a cursor costs what the first page costs, however deep it is
 * @param limit results to return
 * @param anyWord whether an entry holding any of the words is found (to pick the best passage among entries that
 *     hold the words only together); otherwise each entry must hold every word
 * @param grouped how the caller makes results of the hits, so that a page ends where its results do (null: each hit
 *     is a result)
 */
public record Search(String text, Set<String> kinds, Set<String> scopes, Map<String, String> tags, Instant from,
    Instant until, int offset, String after, int limit, boolean anyWord, Grouping grouped) {

  /**
   * Hits sharing a value of tag {@code tag} make one result (an entry without the tag is a result of its own), and a
   * page shows at most {@code results} results: of the {@code limit} hits looked at, a page ends before the first hit
   * of result {@code results + 1}. The hits after it are neither read nor highlighted (the costly part of a page when
   * each result is a single hit), and the next page continues after the page's last hit.
   */
  public record Grouping(String tag, int results) {
    public Grouping {
      Objects.requireNonNull(tag, "tag");
      results = Math.max(1, results);
    }
  }

  /** Deeper than this nobody reads; a deeper page would only cost the collection of every result before it. */
  public static final int MAX_OFFSET = 1_000;

  public Search {
    Objects.requireNonNull(scopes, "scopes");
    text = text == null ? "" : text;
    kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
    scopes = Set.copyOf(scopes);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    offset = Math.max(0, Math.min(offset, MAX_OFFSET));
    limit = Math.max(1, Math.min(limit, 100));
  }

  public static Search of(String text, Set<String> scopes) {
    return new Search(text, Set.of(), scopes, Map.of(), null, null, 0, null, 20, false, null);
  }

  public Search kinds(String... kinds) {
    return new Search(text, Set.of(kinds), scopes, tags, from, until, offset, after, limit, anyWord, grouped);
  }

  public Search tags(Map<String, String> tags) {
    return new Search(text, kinds, scopes, tags, from, until, offset, after, limit, anyWord, grouped);
  }

  public Search between(Instant from, Instant until) {
    return new Search(text, kinds, scopes, tags, from, until, offset, after, limit, anyWord, grouped);
  }

  /** The same search, finding entries that hold any of the words. */
  public Search orWords() {
    return new Search(text, kinds, scopes, tags, from, until, offset, after, limit, true, grouped);
  }

  public Search page(int offset, int limit) {
    return new Search(text, kinds, scopes, tags, from, until, offset, after, limit, anyWord, grouped);
  }

  /** The same search, continuing after {@code cursor} (a hit's {@link Found.Hit#cursor()}; null: from the start). */
  public Search after(String cursor) {
    return new Search(text, kinds, scopes, tags, from, until, 0, cursor, limit, anyWord, grouped);
  }

  /** The same search, its hits made into at most {@code results} results by their value of {@code tag}. */
  public Search grouped(String tag, int results) {
    return new Search(text, kinds, scopes, tags, from, until, offset, after, limit, anyWord,
        new Grouping(tag, results));
  }
}
