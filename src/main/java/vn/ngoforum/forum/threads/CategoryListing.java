package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import vn.ngoforum.forum.common.Requests;
import vn.ngoforum.search.Found;
import vn.ngoforum.search.Indexer;
import vn.ngoforum.search.Listing;

/**
 * A category's threads a page at a time, pinned first, then by last activity, from the search index (the thread
 * entries carry {@link Findables#LISTED}, one sort number): the index gives the page's ids and the total, and the
 * threads are read by key ({@code _id $in}), so no request scans the threads collection. Like a search, a listing
 * waits until its node has applied every change logged before it, so a thread just started, replied to, pinned or
 * moved is listed where it now belongs for its writer, on any node. While the node's index is still being built (first
 * start, after a restore) the page is read from the collection instead (sorted by the store), so no thread goes missing
 * meanwhile; such a page is shared by the node's requests.
 *
 * <p>Every page costs about what the first costs, however many threads there are: the first {@link #NUMBERED} pages
 * are read by number from the newest, the last {@link #NUMBERED} by number from the oldest (read backwards), and those
 * between from where the page next to them ended ("older threads" after its last thread's cursor, "newer threads"
 * before its first's), links that work without JavaScript. A bookmarked page number between them is answered with the
 * deepest page numbered from the start, whose "older" link goes on.
 */
public record CategoryListing(Indexer index, ThreadRepository threads, ScannedPages scanned) {

  /** A listing for the node: its pages read from the collection while the index builds are shared ({@link ScannedPages}). */
  public CategoryListing(Vertx vertx, Indexer index, ThreadRepository threads) {
    this(index, threads, ScannedPages.forNode(vertx));
  }

  /** How many pages at each end of a category are served by their number. */
  static final int NUMBERED = 10;

  /** The order of a category's threads: pinned first, then the most recently active (one number). */
  static final List<String> ORDER = List.of(Findables.LISTED);

  /**
   * Where a reader is in a category: a page by number, or the threads just older than the cursor {@code after}, or
   * just newer than the cursor {@code before} (a hit's cursor from the search index).
   */
  public record Place(int page, String after, String before) {

    static Place page(int page) {
      return new Place(page, null, null);
    }

    /** The threads just older than the one with this cursor. */
    static Place olderThan(String cursor) {
      return new Place(0, cursor, null);
    }

    /** The threads just newer than the one with this cursor. */
    static Place newerThan(String cursor) {
      return new Place(0, null, cursor);
    }

    /** The place a request names: {@code ?after=}, {@code ?before=} or {@code ?page=} (page 1 when none). */
    public static Place of(RoutingContext ctx) {
      String after = ctx.request().getParam("after");
      String before = ctx.request().getParam("before");
      int page = (int) Math.min(Integer.MAX_VALUE, Math.max(1, Requests.longParam(ctx, "page", 1)));
      return new Place(page, blank(after) ? null : after, blank(before) ? null : before);
    }

    /** The query of a link to this place, say {@code page=3} or {@code after=...} (cursors are URL-safe). */
    public String query() {
      return after != null ? "after=" + after : before != null ? "before=" + before : "page=" + page;
    }

    private static boolean blank(String value) {
      return value == null || value.isBlank();
    }
  }

  /**
   * One page of a category's threads.
   *
   * @param threads the page's threads in order
   * @param total how many threads the category has
   * @param page the page shown, from 1; 0 for a page between the numbered ones (reached by a cursor)
   * @param pages how many pages the threads make
   * @param newer the page before it (newer threads), null on the first
   * @param older the page after it (older threads), null on the last
   */
  record Page(List<ForumThread> threads, long total, int page, int pages, Place newer, Place older) {
  }

  /** The page at {@code place} of {@code perPage} threads; a page number past the last shows the last. */
  Future<Page> page(String category, Place place, int perPage) {
    if (index.state() != Indexer.State.READY) {
      return fromCollection(category, place.after() != null || place.before() != null ? 1 : place.page(), perPage);
    }
    Listing listing = new Listing(Findables.THREAD, Set.of(Findables.scope(category)),
        Map.of(Findables.CATEGORY_TAG, category), ORDER, 0, perPage);
    Set<String> categories = Set.of(category);
    if (place.after() != null) {
      return older(listing, categories, place.after(), perPage);
    }
    if (place.before() != null) {
      return newer(listing, categories, place.before(), perPage);
    }
    return numbered(listing, categories, place.page(), perPage);
  }

  /** Page {@code asked} by number: from the start within the first pages, else from the end (read backwards). */
  private Future<Page> numbered(Listing listing, Set<String> categories, int asked, int perPage) {
    if (asked <= NUMBERED) {
      return index.list(listing.withOffset((asked - 1) * perPage)).compose(found -> {
        int pages = pages(found.total(), perPage);
        return asked > pages ? numbered(listing, categories, pages, perPage)
            : shown(found, found.hits(), categories, asked, pages, perPage);
      });
    }
    // The last page read backwards says how many there are.
    return index.list(listing.before(null)).compose(last -> {
      int pages = pages(last.total(), perPage);
      if (asked >= pages) {
        int size = (int) (last.total() - (long) (pages - 1) * perPage);
        List<Found.Hit> hits = last.hits();
        return shown(last, hits.subList(Math.max(0, hits.size() - size), hits.size()), categories, pages, pages,
            perPage);
      }
      if (asked <= pages - NUMBERED) {
        return numbered(listing, categories, NUMBERED, perPage);
      }
      int fromEnd = (int) (last.total() - (long) asked * perPage);
      return index.list(listing.before(null).withOffset(fromEnd))
          .compose(found -> shown(found, found.hits(), categories, asked, pages(found.total(), perPage), perPage));
    });
  }

  /** The threads just older than {@code cursor}; past the oldest, the last page. */
  private Future<Page> older(Listing listing, Set<String> categories, String cursor, int perPage) {
    return index.list(listing.withLimit(perPage + 1).after(cursor)).compose(found -> {
      List<Found.Hit> hits = found.hits().subList(0, Math.min(perPage, found.hits().size()));
      if (hits.isEmpty()) {
        return numbered(listing, categories, Integer.MAX_VALUE, perPage);
      }
      Place older = found.hits().size() > perPage ? Place.olderThan(hits.get(hits.size() - 1).cursor()) : null;
      return inOrder(hits, categories).map(list -> new Page(list, found.total(), 0, pages(found.total(), perPage),
          Place.newerThan(hits.get(0).cursor()), older));
    });
  }

  /** The threads just newer than {@code cursor}; when fewer than a page are, the first page. */
  private Future<Page> newer(Listing listing, Set<String> categories, String cursor, int perPage) {
    return index.list(listing.withLimit(perPage + 1).before(cursor)).compose(found -> {
      List<Found.Hit> all = found.hits();
      if (all.size() <= perPage) {
        return numbered(listing, categories, 1, perPage);
      }
      List<Found.Hit> hits = all.subList(all.size() - perPage, all.size());
      return inOrder(hits, categories).map(list -> new Page(list, found.total(), 0, pages(found.total(), perPage),
          Place.newerThan(hits.get(0).cursor()), Place.olderThan(hits.get(hits.size() - 1).cursor())));
    });
  }

  /** Numbered page {@code page} of these hits, linked to the pages by number next to it, or by cursor between. */
  private Future<Page> shown(Found found, List<Found.Hit> hits, Set<String> categories, int page, int pages,
      int perPage) {
    String first = hits.isEmpty() ? null : hits.get(0).cursor();
    String last = hits.isEmpty() ? null : hits.get(hits.size() - 1).cursor();
    Place newer = page <= 1 ? null : numbered(page - 1, pages) || first == null ? Place.page(page - 1)
        : Place.newerThan(first);
    Place older = page >= pages ? null : numbered(page + 1, pages) || last == null ? Place.page(page + 1)
        : Place.olderThan(last);
    return inOrder(hits, categories).map(list -> new Page(list, found.total(), page, pages, newer, older));
  }

  /** Whether page {@code page} of {@code pages} is served by its number. */
  private static boolean numbered(int page, int pages) {
    return page <= NUMBERED || page > pages - NUMBERED;
  }

  /**
   * "Latest": page {@code page} of the threads of all these categories (those the reader may read), the most
   * recently active first (pinned or not), by number up to {@link Listing#MAX_OFFSET}. While the node's index is being
   * built, an empty page: the collection could only be sorted by a scan.
   */
  Future<Page> latest(Set<String> categories, int page, int perPage) {
    if (index.state() != Indexer.State.READY || categories.isEmpty()) {
      return Future.succeededFuture(new Page(List.of(), 0, 1, 1, null, null));
    }
    int asked = Math.min(Math.max(page, 1), maxPages(perPage));
    Set<String> scopes = categories.stream().map(Findables::scope).collect(Collectors.toSet());
    Listing listing = new Listing(Findables.THREAD, scopes, Map.of(), List.of(Findables.ACTIVITY), 0, perPage);
    return index.list(listing.withOffset((asked - 1) * perPage)).compose(found -> {
      int pages = Math.min(maxPages(perPage), pages(found.total(), perPage));
      return asked > pages ? latest(categories, pages, perPage)
          : inOrder(found.hits(), categories).map(list -> byNumber(list, found.total(), asked, pages));
    });
  }

  /** The listed threads read by key, in the index's order; one moved away since it was listed is left out. */
  private Future<List<ForumThread>> inOrder(List<Found.Hit> hits, Set<String> categories) {
    List<String> ids = hits.stream().map(Found.Hit::id).toList();
    return threads.findAll(ids).map(loaded -> {
      Map<String, ForumThread> byId = new HashMap<>();
      loaded.forEach(thread -> byId.put(thread.id(), thread));
      return ids.stream().map(byId::get).filter(Objects::nonNull)
          .filter(thread -> categories.contains(thread.category())).toList();
    });
  }

  /**
   * While the index is being built: the collection's count and sorted page, a scan, so shared by every request of
   * the node for the same page until a thread changes or a few seconds pass ({@link ScannedPages}).
   */
  private Future<Page> fromCollection(String category, int page, int perPage) {
    return scanned.get(category + ' ' + page + ' ' + perPage, () -> threads.countIn(category).compose(total -> {
      int pages = Math.min(maxPages(perPage), pages(total, perPage));
      int current = Math.min(Math.max(page, 1), pages);
      return threads.inCategory(category, (current - 1) * perPage, perPage)
          .map(list -> byNumber(list, total, current, pages));
    }));
  }

  /** A page linked to its neighbours by number. */
  private static Page byNumber(List<ForumThread> list, long total, int page, int pages) {
    return new Page(list, total, page, pages, page > 1 ? Place.page(page - 1) : null,
        page < pages ? Place.page(page + 1) : null);
  }

  private static int pages(long total, int perPage) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (total + perPage - 1) / perPage));
  }

  /** The deepest page "latest" serves: a page at an offset costs the entries before it ({@link Listing#MAX_OFFSET}). */
  private static int maxPages(int perPage) {
    return Listing.MAX_OFFSET / perPage + 1;
  }
}
