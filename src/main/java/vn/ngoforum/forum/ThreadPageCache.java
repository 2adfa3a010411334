package vn.ngoforum.forum;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import vn.ngoforum.web.Views;

/**
 * Thread pages rendered for guests, kept as the bytes sent, so that the next guest asking for the same page gets
 * them without rendering (rendering a page of posts costs about a millisecond and a half of CPU, half of it HTML
 * escaping; the bytes cost nothing).
 *
 * <p>Correct on every node without any message between nodes: a page is stored with the version of what it shows,
 * read from MongoDB on every request, and served only while that version still holds. The version is the
 * thread's {@code seq} (which every change of the thread moves, thread-level changes atomically) and its
 * {@code version} (which every change of a post moves once the post is written, see
 * {@link ThreadRepository#postsChanged}), plus the category's name and visibility. Access is checked on every
 * request before the cache is asked, so a category closed to guests closes its cached pages at once.
 *
 * <p>Only guests whose page model holds nothing but the language share pages: a signed-in reader (own posts,
 * reactions, forms, CSRF token) or any request with something personal in its model is rendered for itself. The
 * cache does not look into templates: it keys by everything the page model is made of. One cache per HTTP verticle
 * instance; the least recently used pages go first.
 */
final class ThreadPageCache {

  /** About 50 KB a page: a few megabytes per event loop at most. */
  static final int MAX_PAGES = 128;
  /** What a guest's page model may hold besides the thread for the page to be shared. */
  private static final Set<String> SHARED_MODEL = Set.of(Views.LANG);
  /** Vert.x Web's own bookkeeping in the context data (e.g. the session's empty user holder), never rendered. */
  private static final String FRAMEWORK_PREFIX = "__vertx.";

  /** Pages served from a cache, on this JVM (tests read it to see that guests do share pages). */
  static final AtomicLong HITS = new AtomicLong();

  private record Entry(String version, Buffer html) {
  }

  private final Map<String, Entry> pages = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_PAGES;
    }
  };

  /** Whether this request's page may be shared with other guests (and served from what they were sent). */
  static boolean shareable(RoutingContext ctx) {
    return ctx.data().keySet().stream().allMatch(key -> SHARED_MODEL.contains(key) || key.startsWith(FRAMEWORK_PREFIX));
  }

  /** Which page this request asks for: thread, page number, language and the exact URI (the page links to it). */
  static String slot(RoutingContext ctx, String threadId, int page) {
    return threadId + ' ' + page + ' ' + ctx.get(Views.LANG) + ' ' + ctx.request().uri();
  }

  /** The version of what a page of this thread shows, from the thread and category as read for this request. */
  static String version(ThreadService.Readable readable) {
    JsonObject thread = readable.thread();
    JsonObject category = readable.category();
    return thread.getLong("seq", 0L) + ":" + thread.getLong("version", 0L) + ":" + category.getValue("name") + ":"
        + category.getString("visibility", "public");
  }

  /** The page stored for {@code slot} if it is still at {@code version}, else {@code null}. */
  synchronized Buffer get(String slot, String version) {
    Entry entry = pages.get(slot);
    if (entry == null || !entry.version().equals(version)) {
      return null;
    }
    HITS.incrementAndGet();
    return entry.html();
  }

  synchronized void put(String slot, String version, Buffer html) {
    pages.put(slot, new Entry(version, html));
  }
}
