package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import vn.ngoforum.cluster.OnThisNode;
import vn.ngoforum.forum.common.ThreadChanges;

/**
 * Category pages read from the threads collection while the node's search index is being built
 * ({@link CategoryListing}), shared by the node's requests. Such a page is a scan: the embedded store decodes every
 * thread for it, one scan at a time per collection, so a rebuild of a large forum (minutes) with a scan per request
 * would queue every write to threads behind them. Here a page is read once and answers every request for it (also
 * those that arrive while it is being read) until any thread changes or {@link #KEPT_MILLIS} pass: at most one scan
 * per page and change. Only while an index is built; afterwards nothing is kept here.
 */
public final class ScannedPages implements Shareable {

  /** How long a page read from the collection answers, at most. */
  static final long KEPT_MILLIS = 5_000;

  private record Kept(Future<CategoryListing.Page> page, long until) {
  }

  private final Map<String, Kept> pages = new ConcurrentHashMap<>();

  /** The node's pages, dropped whenever a thread changes ({@link ThreadChanges}, heard from every node). */
  static ScannedPages forNode(Vertx vertx) {
    ScannedPages pages = OnThisNode.one(vertx, ScannedPages.class, "pages", ScannedPages::new);
    ThreadChanges.subscribe(vertx, ScannedPages.class.getName(), changed -> pages.pages.clear());
    return pages;
  }

  /** The page kept under {@code key}, or the one {@code read} gives (kept, unless it fails). */
  Future<CategoryListing.Page> get(String key, Supplier<Future<CategoryListing.Page>> read) {
    long now = System.currentTimeMillis();
    Kept kept = pages.get(key);
    if (kept != null && kept.until() > now) {
      return kept.page();
    }
    Future<CategoryListing.Page> page = read.get();
    Kept fresh = new Kept(page, now + KEPT_MILLIS);
    pages.put(key, fresh);
    page.onFailure(failure -> pages.remove(key, fresh));
    return page;
  }
}
