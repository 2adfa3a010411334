package vn.ngoforum.search;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A listing without words: one kind, filtered, sorted by its {@link Findable#order()} numbers, highest first
 * (say threads of a category by last activity, pinned ones first), ties by key.
 *
 * <p>A page is read at an offset from the start (a sorted page at an offset costs the entries before it, so only
 * shallow pages should be read that way), or next to a cursor (a hit's {@link Found.Hit#cursor()}): the entries just
 * after it, or with {@code backwards} just before it. Read backwards without a cursor, a page is the last entries
 * (after skipping {@code offset} from the end). Both cost what the first page costs, however deep they are, when the
 * first order number lets the index skip entries that cannot be on the page (see {@link SearchIndex#list}). The hits
 * always come in the listing's order.
 *
 * @param kind what to list
 * @param scopes what this reader may see (empty: nothing)
 * @param tags exact filters
 * @param orderDesc the order numbers to sort by, each highest first; ties by key
 * @param offset entries to skip (from the end when {@code backwards} without a cursor; ignored after a cursor)
 * @param limit entries to return
 * @param cursor where the page starts (just after it; just before it when {@code backwards}), or null
 * @param backwards whether the page is read from the end, or before the cursor
 */
public record Listing(String kind, Set<String> scopes, Map<String, String> tags, List<String> orderDesc,
    int offset, int limit, String cursor, boolean backwards) {

  /** The deepest page a listing serves at an offset; a sorted page costs the entries before it. */
  public static final int MAX_OFFSET = 10_000;

  public Listing {
    Objects.requireNonNull(kind, "kind");
    scopes = Set.copyOf(scopes);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    orderDesc = orderDesc == null ? List.of() : List.copyOf(orderDesc);
    offset = cursor != null ? 0 : Math.max(0, Math.min(offset, MAX_OFFSET));
    limit = Math.max(1, Math.min(limit, 200));
  }

  /** Entries {@code offset} to {@code offset + limit} from the start. */
  public Listing(String kind, Set<String> scopes, Map<String, String> tags, List<String> orderDesc, int offset,
      int limit) {
    this(kind, scopes, tags, orderDesc, offset, limit, null, false);
  }

  /** The same listing read at {@code offset}. */
  public Listing withOffset(int offset) {
    return new Listing(kind, scopes, tags, orderDesc, offset, limit, cursor, backwards);
  }

  /** The same listing, {@code limit} entries a page. */
  public Listing withLimit(int limit) {
    return new Listing(kind, scopes, tags, orderDesc, offset, limit, cursor, backwards);
  }

  /** The same listing, the {@link #limit()} entries just after {@code cursor} (null: from the start). */
  public Listing after(String cursor) {
    return new Listing(kind, scopes, tags, orderDesc, 0, limit, cursor, false);
  }

  /** The same listing, the {@link #limit()} entries just before {@code cursor} (null: the last ones). */
  public Listing before(String cursor) {
    return new Listing(kind, scopes, tags, orderDesc, 0, limit, cursor, true);
  }
}
