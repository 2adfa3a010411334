package vn.ngoforum.forum.common;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.JsonInput;

/**
 * What every forum route reads from a request, read the same way everywhere: who asks, the ids in the path (a
 * malformed one is a 404, as if there were nothing there), page numbers, and page forms read with the same strict
 * rules as JSON.
 */
public final class Requests {

  /** The forum's ids: thread, post, flag and attachment ids (see {@link Ids}). */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
  /** Category and organisation slugs. */
  public static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,58}[a-z0-9]");

  private Requests() {
  }

  /** The signed-in person, or {@code null} for a guest. */
  public static CurrentUser user(RoutingContext ctx) {
    return CurrentUser.of(ctx).orElse(null);
  }

  /** The id in path parameter {@code param}; 404 with {@code notFound} when it cannot be one of ours. */
  public static String id(RoutingContext ctx, String param, String notFound) {
    String id = ctx.pathParam(param);
    if (id == null || !ID.matcher(id).matches()) {
      throw ForumException.notFound(notFound);
    }
    return id;
  }

  /** The thread of {@code /…/{id}}. */
  public static String threadId(RoutingContext ctx) {
    return id(ctx, "id", "There is no such thread.");
  }

  /** The post of {@code /…/{postId}}. */
  public static String postId(RoutingContext ctx) {
    return id(ctx, "postId", "There is no such post.");
  }

  /** The {@code page} parameter: 1 when absent, at most 10,000. */
  public static int page(RoutingContext ctx) {
    return (int) Math.min(10_000, Math.max(1, longParam(ctx, "page", 1)));
  }

  /** A whole-number query parameter, {@code fallback} when absent; 400 when it is not a number. */
  public static long longParam(RoutingContext ctx, String name, long fallback) {
    String value = ctx.request().getParam(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw ForumException.invalid("'" + name + "' must be a whole number.");
    }
  }

  /** A form body read with the same strict rules as JSON (the CSRF and submission fields aside). */
  public static JsonInput form(RoutingContext ctx, String... fields) {
    JsonObject json = new JsonObject();
    for (String field : fields) {
      String value = ctx.request().getFormAttribute(field);
      if (value != null) {
        json.put(field, value);
      }
    }
    return JsonInput.of(json.encode());
  }

  /**
   * The pager of a paged view {@code {page, pages}} whose pages are at {@code base}: previous and next links. A view
   * that names the queries of its neighbours ({@code newer}, {@code older}: a category's listing, whose deep pages are
   * reached by cursor) links those, and its first and last pages; its {@code page} 0 (between the numbered ones) shows
   * no number.
   */
  public static JsonObject pager(JsonObject paged, String base) {
    int page = paged.getInteger("page");
    int pages = paged.getInteger("pages");
    String separator = base.contains("?") ? "&" : "?";
    JsonObject pager = new JsonObject().put("page", page).put("pages", pages).put("many", pages > 1);
    boolean linked = paged.containsKey("older");
    String previous = linked ? paged.getString("newer") : page > 1 ? "page=" + (page - 1) : null;
    String next = linked ? paged.getString("older") : page < pages ? "page=" + (page + 1) : null;
    if (previous != null) {
      pager.put("previous", base + separator + previous);
    }
    if (next != null) {
      pager.put("next", base + separator + next);
    }
    if (linked && page != 1 && previous != null && !previous.equals("page=1")) {
      pager.put("first", base + separator + "page=1");
    }
    if (linked && page != pages && next != null && !next.equals("page=" + pages)) {
      pager.put("last", base + separator + "page=" + pages);
    }
    return pager;
  }
}
