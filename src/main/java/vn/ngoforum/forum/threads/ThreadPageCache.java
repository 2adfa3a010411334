package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.forum.common.ThreadChanges;
import vn.ngoforum.ops.Meters;
import vn.ngoforum.web.Views;

/**
 * Thread pages rendered for guests, kept as the bytes sent, so that the next guest asking for the same page gets
 * them without rendering (rendering a page of posts costs about a millisecond and a half of CPU, half of it HTML
 * escaping; the bytes cost nothing) and, most of the time, without asking MongoDB anything either.
 *
 * <p>A page is stored with the version of what it shows: the thread's {@code seq} (which every change of the
 * thread moves, thread-level changes atomically) and its {@code version} (which every change of a post moves once
 * the post is written, see {@link ThreadRepository#postsChanged}), plus the category's name and visibility. A
 * page checked against MongoDB less than {@link #FRESH_MILLIS} ago is served as it is; an older one is checked
 * again (thread and category read, access decided) before it is served. The cache subscribes to the forum's
 * thread-changed event ({@link ThreadChanges}, heard on every node of a cluster), which drops the thread's pages at
 * once: on one node or a cluster a guest sees a change on the next read, and even a node that hears nothing (a lost
 * message, nodes sharing only MongoDB) serves a page at most {@link #FRESH_MILLIS} older than the data. A category
 * changed (renamed, closed to guests) drops every page ({@link ThreadChanges#ALL}).
 *
 * <p>Only guests whose page model holds nothing but the language share pages: a signed-in reader (own posts,
 * reactions, forms, CSRF token) or any request with something personal in its model gets a page made for itself,
 * from the posts and rendered posts that readers share ({@link SignedInPages}, kept here, dropped with the rest). The
 * cache does not look into templates: it keys by everything the page model is made of. One cache per node (all its
 * HTTP verticles); the least recently used pages go first.
 */
public final class ThreadPageCache implements Shareable {

  /** About 50 KB a page: a few megabytes at most. */
  static final int MAX_PAGES = 256;
  /** Threads (with their categories) kept for signed-in readers' pages. */
  static final int MAX_THREADS = 4_096;
  /** How long a page checked against MongoDB is served without checking again. */
  static final long FRESH_MILLIS = 1_000;
  /** What a guest's page model may hold besides the thread for the page to be shared. */
  private static final Set<String> SHARED_MODEL = Set.of(Views.LANG);
  /**
   * Bookkeeping in the context data, never rendered: Vert.x Web's own ("__vertx.", e.g. the session's empty user
   * holder) and the forum's ("__forum.", e.g. whether the session cookie named a stored session).
   */
  static final String FRAMEWORK_PREFIX = "__";

  /** The node's cache in the node's local map. */
  private static final String NODE_KEY = "pages";

  /** Whether guests share what {@link #forGuest} keeps; tests turn it off to get a fresh answer, to compare. */
  static volatile boolean share = true;

  /** Pages served from a cache, on this JVM (tests read it to see that guests do share pages). */
  static final AtomicLong HITS = new AtomicLong();

  /** Guests' pages served from this cache ({@code forum_page_cache_hits_total}). */
  private final AtomicLong hits = new AtomicLong();
  /** Guests' pages this cache did not have (or had at an older version), so rendered afresh. */
  private final AtomicLong misses = new AtomicLong();

  private static final class Entry {
    final String threadId;
    final String version;
    final Buffer html;
    long checkedAt;

    Entry(String threadId, String version, Buffer html, long checkedAt) {
      this.threadId = threadId;
      this.version = version;
      this.html = html;
      this.checkedAt = checkedAt;
    }
  }

  private final Map<String, Entry> pages = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_PAGES;
    }
  };
  /**
   * Threads with their categories as last read from MongoDB for a signed-in reader's page (nothing personal: who
   * may read them is decided per request), with when they were read; used while fresh, dropped with the pages.
   */
  private final Map<String, Found> found = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Found> eldest) {
      return size() > MAX_THREADS;
    }
  };

  private record Found(ThreadAccess.Readable readable, long readAt) {
  }

  /** Moves at every drop: a page read before a drop is not stored or vouched for after it. */
  private long drops;
  /** What signed-in readers share of a page (posts and rendered posts), dropped with the guests' pages. */
  private final SignedInPages signedIn = new SignedInPages();
  private final long freshNanos;

  ThreadPageCache() {
    this(FRESH_MILLIS);
  }

  /** A cache whose pages stay fresh for {@code freshMillis} (tests use a short time). */
  ThreadPageCache(long freshMillis) {
    this.freshNanos = TimeUnit.MILLISECONDS.toNanos(freshMillis);
  }

  /**
   * This node's cache, shared by its HTTP verticles, subscribed (through the calling verticle) to the changes of
   * threads on any node. Each verticle subscribes, so the cache keeps hearing while any of them runs; a change heard
   * twice is dropped twice, which costs nothing.
   */
  public static ThreadPageCache forNode(Vertx vertx) {
    ThreadPageCache fresh = new ThreadPageCache();
    ThreadPageCache existing = node(vertx).putIfAbsent(NODE_KEY, fresh);
    ThreadPageCache cache = existing == null ? fresh : existing;
    if (existing == null) {
      Meters meters = Meters.of(vertx);
      meters.counter(Meters.PREFIX + "page.cache.hits", "Guests' thread pages and thread API answers served from the page cache",
          cache.hits, AtomicLong::get);
      meters.counter(Meters.PREFIX + "page.cache.misses", "Guests' thread pages and API answers made because the cache had none",
          cache.misses, AtomicLong::get);
      meters.gauge(Meters.PREFIX + "page.cache.pages", "Rendered pages the page cache holds", cache,
          ThreadPageCache::size);
      meters.gauge(Meters.PREFIX + "page.cache.bytes", "Bytes of rendered pages the page cache holds", cache,
          ThreadPageCache::bytes);
      SignedInPages signedIn = cache.signedIn;
      meters.counter(Meters.PREFIX + "page.cache.signed.in.hits",
          "Posts of signed-in readers' thread pages served already rendered", signedIn.hitCounter(), AtomicLong::get);
      meters.counter(Meters.PREFIX + "page.cache.signed.in.misses",
          "Posts of signed-in readers' thread pages rendered because the cache had none", signedIn.missCounter(),
          AtomicLong::get);
      meters.gauge(Meters.PREFIX + "page.cache.signed.in.pages",
          "Pages whose posts the signed-in readers' page cache holds", signedIn, SignedInPages::size);
      meters.gauge(Meters.PREFIX + "page.cache.signed.in.bytes",
          "Bytes of rendered posts the signed-in readers' page cache holds", signedIn, SignedInPages::bytes);
    }
    ThreadChanges.subscribe(vertx, ThreadPageCache.class.getName(), cache::drop);
    return cache;
  }

  private static LocalMap<String, ThreadPageCache> node(Vertx vertx) {
    return vertx.sharedData().getLocalMap(ThreadPageCache.class.getName());
  }

  /** Whether this request's page may be shared with other guests (and served from what they were sent). */
  static boolean shareable(RoutingContext ctx) {
    return ctx.data().keySet().stream().allMatch(key -> SHARED_MODEL.contains(key) || key.startsWith(FRAMEWORK_PREFIX));
  }

  /** Which page this request asks for: thread, page number, language and the exact URI (the page links to it). */
  static String slot(RoutingContext ctx, String threadId, int page) {
    return threadId + ' ' + page + ' ' + ctx.get(Views.LANG) + ' ' + ctx.request().uri();
  }

  /**
   * The thread and its category for {@code user}'s page, or 404 as {@link ThreadAccess#readable} answers: as read
   * from MongoDB less than {@link #FRESH_MILLIS} ago for any reader (and not changed since, as far as this node
   * heard), else read now and kept. Whether this person may read them is decided afresh on every request.
   */
  Future<ThreadAccess.Readable> readable(ThreadAccess access, CurrentUser user, String threadId) {
    ThreadAccess.Readable kept = freshlyRead(threadId);
    if (kept != null) {
      return access.readableBy(user, kept);
    }
    long mark = mark();
    return access.found(threadId).compose(readable -> {
      keep(threadId, readable, mark);
      return access.readableBy(user, readable);
    });
  }

  private synchronized ThreadAccess.Readable freshlyRead(String threadId) {
    Found entry = found.get(threadId);
    return entry == null || System.nanoTime() - entry.readAt() >= freshNanos ? null : entry.readable();
  }

  private synchronized void keep(String threadId, ThreadAccess.Readable readable, long mark) {
    if (mark == drops) {
      found.put(threadId, new Found(readable, System.nanoTime()));
    }
  }

  /** Which thread API answer a guest asks for: {@code GET /api/v1/threads/{id}?page=} (no language: JSON has none). */
  static String apiSlot(String threadId, int page) {
    return "api:" + threadId + ' ' + page;
  }

  /**
   * What a guest is sent for {@code slot} of thread {@code threadId}: the bytes kept if checked only just now; else,
   * once the thread and category are read (and the guest found allowed), the bytes kept if still at that version;
   * else those {@code make} answers from what was read, kept for the next guests unless the thread changed meanwhile.
   */
  Future<Buffer> forGuest(String slot, String threadId, ThreadAccess access,
      Function<ThreadAccess.Readable, Future<Buffer>> make) {
    if (!share) {
      return access.readable(null, threadId).compose(make);
    }
    Buffer fresh = fresh(slot);
    if (fresh != null) {
      return Future.succeededFuture(fresh);
    }
    long mark = mark();
    return access.readable(null, threadId).compose(readable -> {
      String version = version(readable);
      Buffer cached = get(slot, version, mark);
      return cached != null ? Future.succeededFuture(cached)
          : make.apply(readable).onSuccess(bytes -> put(slot, threadId, version, bytes, mark));
    });
  }

  /** The version of what a page of this thread shows, from the thread and category as read for this request. */
  static String version(ThreadAccess.Readable readable) {
    ForumThread thread = readable.thread();
    return thread.seq() + ":" + thread.version() + ":" + readable.category().name() + ":"
        + readable.category().visibility();
  }

  /** The page stored for {@code slot} if it was checked against MongoDB only just now, else {@code null}. */
  synchronized Buffer fresh(String slot) {
    Entry entry = pages.get(slot);
    if (entry == null || System.nanoTime() - entry.checkedAt >= freshNanos) {
      return null;
    }
    HITS.incrementAndGet();
    hits.incrementAndGet();
    return entry.html;
  }

  /** A mark to pass to {@link #get} and {@link #put}, taken before reading what the page is made of. */
  synchronized long mark() {
    return drops;
  }

  /**
   * The page stored for {@code slot} if it is still at {@code version} (read after {@code mark} was taken), else
   * {@code null}; a page found still right is fresh again.
   */
  synchronized Buffer get(String slot, String version, long mark) {
    Entry entry = pages.get(slot);
    if (entry == null || !entry.version.equals(version)) {
      misses.incrementAndGet();
      return null;
    }
    if (mark == drops) {
      entry.checkedAt = System.nanoTime();
    }
    HITS.incrementAndGet();
    hits.incrementAndGet();
    return entry.html;
  }

  /** Stores a page rendered from what was read after {@code mark}, unless the thread changed since. */
  synchronized void put(String slot, String threadId, String version, Buffer html, long mark) {
    if (mark == drops) {
      pages.put(slot, new Entry(threadId, version, html, System.nanoTime()));
    }
  }

  /** How many pages it holds (the metrics read it). */
  synchronized int size() {
    return pages.size();
  }

  /** How many bytes of HTML it holds: at most {@value #MAX_PAGES} pages are summed (the metrics read it). */
  synchronized long bytes() {
    return pages.values().stream().mapToLong(entry -> entry.html.length()).sum();
  }

  /** What signed-in readers share of this node's thread pages. */
  SignedInPages signedIn() {
    return signedIn;
  }

  /** Forgets the pages of {@code threadId}, or every page for {@link ThreadChanges#ALL}, the signed-in parts too. */
  synchronized void drop(String threadId) {
    signedIn.drop(threadId);
    drops++;
    if (ThreadChanges.ALL.equals(threadId)) {
      pages.clear();
      found.clear();
    } else {
      pages.values().removeIf(entry -> entry.threadId.equals(threadId));
      found.remove(threadId);
    }
  }
}
