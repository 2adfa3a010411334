package vn.ngoforum.search;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One thing people can find or list: a thread, a post, a question, an organisation. A feature describes its
 * documents this way; the index never reads a feature's collections itself.
 *
 * @param kind what it is ("thread", "post", ...); with {@code id} it names the entry
 * @param id its id within the kind
 * @param scope who may see it, as a name the feature gives (say "public", or "category:policy"); a reader's
 *     search names the scopes they may read, and nothing outside them is found
 * @param title a title, ranked above the text (empty if none)
 * @param text the plain text (no HTML, no Markdown marks)
 * @param at when it was written (the date filter, and the order when nothing else is asked)
 * @param tags exact values to filter on (category, author, organisation, thread ...)
 * @param order numbers a listing is sorted by (last activity, pinned ...)
 * @param shown what a result shows without reading the feature's store (a slug, a thread id, a number ...)
 */
public record Findable(String kind, String id, String scope, String title, String text, Instant at,
    Map<String, String> tags, Map<String, Long> order, Map<String, String> shown) {

  /** The scope of what everyone may see, signed in or not. */
  public static final String PUBLIC = "public";
  /** The scope of what people with member rights may see (see {@code auth.Memberships#mayReadMembersOnly}). */
  public static final String MEMBERS = "members";

  public Findable {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scope, "scope");
    title = title == null ? "" : title;
    text = text == null ? "" : text;
    at = at == null ? Instant.EPOCH : at;
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    order = order == null ? Map.of() : Map.copyOf(order);
    shown = shown == null ? Map.of() : Map.copyOf(shown);
  }

  /** The entry's name in the index: a kind and an id, unique together. */
  public String key() {
    return key(kind, id);
  }

  static String key(String kind, String id) {
    return kind + "/" + id;
  }
}
