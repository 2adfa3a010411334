package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import vn.ngoforum.search.Found;
import vn.ngoforum.search.Indexer;
import vn.ngoforum.search.Listing;

/**
 * A category's threads a page at a time, pinned first, then by last activity, from the search index (the thread
 * entries carry {@code pinned} and {@code activity} as sort numbers, see {@link Findables}): the index gives the
 * page's ids and the total, and the threads are read by key ({@code _id $in}), so no request scans the threads
 * collection. Like a search, a listing waits until its node has applied every change logged before it, so a thread
 * just started, replied to, pinned or moved is listed where it now belongs for its writer, on any node. While the
 * node's index is still being built (first start, after a restore) the page is read from the collection instead
 * (sorted by the store), so no thread goes missing meanwhile; such a page is shared by the node's requests.
 */
public record CategoryListing(Indexer index, ThreadRepository threads, ScannedPages scanned) {

  /** A listing for the node: its pages read from the collection while the index builds are shared ({@link ScannedPages}). */
  public CategoryListing(Vertx vertx, Indexer index, ThreadRepository threads) {
    this(index, threads, ScannedPages.forNode(vertx));
  }

  /** The order of a category's threads: pinned first, then the most recently active. */
  static final List<String> ORDER = List.of(Findables.PINNED, Findables.ACTIVITY);

  /**
   * One page of a category's threads.
   *
   * @param threads the page's threads in order
   * @param total how many threads the category has
   * @param page the page shown (the one asked, within 1 and {@code pages})
   * @param pages how many pages can be shown
   */
  record Page(List<ForumThread> threads, long total, int page, int pages) {
  }

  /** Page {@code page} (from 1) of {@code perPage} threads; a page past the last shows the last. */
  Future<Page> page(String category, int page, int perPage) {
    if (index.state() != Indexer.State.READY) {
      return fromCollection(category, page, perPage);
    }
    return firstListed(Set.of(category), Map.of(Findables.CATEGORY_TAG, category), ORDER, page, perPage);
  }

  /**
   * "Latest": page {@code page} of the threads of all these categories (those the reader may read), the most
   * recently active first (pinned or not). While the node's index is being built, an empty page: the collection
   * could only be sorted by a scan.
   */
  Future<Page> latest(Set<String> categories, int page, int perPage) {
    if (index.state() != Indexer.State.READY || categories.isEmpty()) {
      return Future.succeededFuture(new Page(List.of(), 0, 1, 1));
    }
    return firstListed(categories, Map.of(), List.of(Findables.ACTIVITY), page, perPage);
  }

  private Future<Page> firstListed(Set<String> categories, Map<String, String> tags, List<String> order,
      int page, int perPage) {
    int asked = Math.min(Math.max(page, 1), maxPages(perPage));
    return listed(categories, tags, order, asked, perPage).compose(first -> first.page() == asked
        ? Future.succeededFuture(first) : listed(categories, tags, order, first.page(), perPage));
  }

  /** The page from the index; when {@code page} is past the last, an empty page that names the last one. */
  private Future<Page> listed(Set<String> categories, Map<String, String> tags, List<String> order, int current,
      int perPage) {
    Set<String> scopes = categories.stream().map(Findables::scope).collect(Collectors.toSet());
    Listing listing = new Listing(Findables.THREAD, scopes, tags, order, (current - 1) * perPage, perPage);
    return index.list(listing).compose(found -> {
      int pages = pages(found.total(), perPage);
      if (current > pages) {
        return Future.succeededFuture(new Page(List.of(), found.total(), pages, pages));
      }
      return inOrder(found, categories).map(list -> new Page(list, found.total(), current, pages));
    });
  }

  /** The listed threads read by key, in the index's order; one moved away since it was listed is left out. */
  private Future<List<ForumThread>> inOrder(Found found, Set<String> categories) {
    List<String> ids = found.hits().stream().map(Found.Hit::id).toList();
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
      int pages = pages(total, perPage);
      int current = Math.min(Math.max(page, 1), pages);
      return threads.inCategory(category, (current - 1) * perPage, perPage)
          .map(list -> new Page(list, total, current, pages));
    }));
  }

  private static int pages(long total, int perPage) {
    return (int) Math.min(maxPages(perPage), Math.max(1, (total + perPage - 1) / perPage));
  }

  /** The deepest page served: a sorted page costs the entries before it (see {@link Listing#MAX_OFFSET}). */
  private static int maxPages(int perPage) {
    return Listing.MAX_OFFSET / perPage + 1;
  }
}
