package vn.ngoforum.search;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A listing without words: one kind, filtered, sorted by its {@link Findable#order()} numbers, highest first
 * (say threads of a category by pinned, then last activity).
 *
 * @param kind what to list
 * @param scopes what this reader may see (empty: nothing)
 * @param tags exact filters
 * @param orderDesc the order numbers to sort by, each highest first; ties by key
 * @param offset entries to skip
 * @param limit entries to return
 */
public record Listing(String kind, Set<String> scopes, Map<String, String> tags, List<String> orderDesc,
    int offset, int limit) {

  /** The deepest page a listing serves; a sorted page costs the entries before it. */
  public static final int MAX_OFFSET = 10_000;

  public Listing {
    Objects.requireNonNull(kind, "kind");
    scopes = Set.copyOf(scopes);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    orderDesc = orderDesc == null ? List.of() : List.copyOf(orderDesc);
    offset = Math.max(0, Math.min(offset, MAX_OFFSET));
    limit = Math.max(1, Math.min(limit, 200));
  }
}
