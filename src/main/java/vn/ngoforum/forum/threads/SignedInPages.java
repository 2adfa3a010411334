package vn.ngoforum.forum.threads;

import com.github.jknack.handlebars.Handlebars;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import vn.ngoforum.forum.common.ThreadChanges;

/**
 * What signed-in readers of a thread page share, kept per node beside the guests' pages ({@link ThreadPageCache}):
 * for a page of a thread at a version (the same version the guests' pages are checked against: every change of the
 * thread or of one of its posts moves it), the posts as read from MongoDB and each post's HTML as
 * {@code forum/post} renders it, per language and per <em>variant</em>, i.e. what in a post depends on the reader:
 * whether it is theirs (edit and delete, a hidden post's reason), whether they moderate (hide/show, a hidden post's
 * files), whether they may write (flag, reaction buttons enabled) and which reactions they pressed. Most readers of
 * a post share one variant. The rest of the page (header with their name, the reply form, the moderation form, the
 * live template, the CSRF token in every form) is rendered for each request as before.
 *
 * <p>The CSRF token differs per session, and each post's forms carry it: a post is rendered with a random marker
 * (made once per node, never sent) in the token's place and kept cut at the markers; serving it joins the parts
 * with the reader's token escaped as Handlebars escapes it. So a page built from these parts is, byte for byte, the
 * page {@code forum/thread} renders for that reader (ThreadPagesCacheTest compares them).
 *
 * <p>Entries are checked against the version read for each request (the thread and category are read anyway to
 * decide access) and dropped at once on {@link ThreadChanges}, heard on every node. What was read or rendered before
 * a drop is not stored after it (the {@link #mark()} of {@link ThreadPageCache}). Bounded by
 * {@link #MAX_PAGES} pages and {@link #MAX_BYTES} of HTML; the least recently used pages go first.
 */
final class SignedInPages {

  /** Pages (their posts and rendered parts) kept at most. */
  static final int MAX_PAGES = 256;
  /**
   * Text kept at most (the posts' HTML and source as read, and the rendered posts, counted as two bytes a char): the
   * least recently used pages go first beyond it.
   */
  static final long MAX_BYTES = 16L * 1024 * 1024;

  /**
   * Whether signed-in pages are made from the shared parts; tests turn it off to get the page as the template
   * renders it whole (each post through the {@code forum/post} partial), to compare.
   */
  static volatile boolean share = true;

  /** Posts served from the cache without rendering them, on this JVM (tests read it). */
  static final AtomicLong HITS = new AtomicLong();

  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  /** Stands for the CSRF token in the kept parts; random per node, never sent. */
  private final String marker;

  private static final class Page {
    final String threadId;
    final String version;
    final List<Post> posts;
    final Map<String, String[]> parts = new HashMap<>();
    long bytes;

    Page(String threadId, String version, List<Post> posts) {
      this.threadId = threadId;
      this.version = version;
      this.posts = posts;
    }
  }

  private final LinkedHashMap<String, Page> pages = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;
  private long drops;

  SignedInPages() {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    this.marker = "csrf" + HexFormat.of().formatHex(random);
  }

  /** What to render in the CSRF token's place in a post kept here. */
  String marker() {
    return marker;
  }

  /** Which page: the thread and the page number asked for. */
  static String slot(String threadId, int page) {
    return threadId + ' ' + page;
  }

  /** A mark to pass to the puts, taken before reading what is put. */
  synchronized long mark() {
    return drops;
  }

  /** The posts of {@code slot} as read at {@code version}, or {@code null}. */
  synchronized List<Post> posts(String slot, String version) {
    Page page = pages.get(slot);
    return page != null && page.version.equals(version) ? page.posts : null;
  }

  /** Keeps the posts of a page read at {@code version} after {@code mark}, unless the thread changed since. */
  synchronized void putPosts(String slot, String threadId, String version, List<Post> posts, long mark) {
    if (mark != drops) {
      return;
    }
    Page old = pages.get(slot);
    if (old != null && old.version.equals(version)) {
      return;
    }
    if (old != null) {
      bytes -= old.bytes;
    }
    Page page = new Page(threadId, version, posts);
    for (Post post : posts) {
      page.bytes += 2L * ((post.html() == null ? 0 : post.html().length())
          + (post.source() == null ? 0 : post.source().length()));
    }
    bytes += page.bytes;
    pages.put(slot, page);
    trim();
  }

  /** One post's kept parts ({@link #join}) for {@code key} (post, language, variant), or {@code null}. */
  synchronized String[] parts(String slot, String version, String key) {
    Page page = pages.get(slot);
    String[] parts = page == null || !page.version.equals(version) ? null : page.parts.get(key);
    if (parts == null) {
      misses.incrementAndGet();
    } else {
      hits.incrementAndGet();
      HITS.incrementAndGet();
    }
    return parts;
  }

  /** Keeps a post rendered from a page read at {@code version} after {@code mark}, unless the thread changed since. */
  synchronized void putParts(String slot, String version, String key, String[] parts, long mark) {
    Page page = pages.get(slot);
    if (mark != drops || page == null || !page.version.equals(version) || page.parts.containsKey(key)) {
      return;
    }
    long size = 0;
    for (String part : parts) {
      size += 2L * part.length();
    }
    page.parts.put(key, parts);
    page.bytes += size;
    bytes += size;
    trim();
  }

  /** Cuts a post rendered with {@link #marker()} as its token into the parts between the tokens. */
  String[] cut(String html) {
    return html.split(marker, -1);
  }

  /** A kept post with this reader's CSRF token (escaped as the template escapes it) put back. */
  static String join(String[] parts, String csrfToken) {
    if (parts.length == 1) {
      return parts[0];
    }
    String token = csrfToken == null ? "" : Handlebars.Utils.escapeExpression(csrfToken).toString();
    int length = token.length() * (parts.length - 1);
    for (String part : parts) {
      length += part.length();
    }
    StringBuilder html = new StringBuilder(length);
    html.append(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      html.append(token).append(parts[i]);
    }
    return html.toString();
  }

  /** Forgets the pages of {@code threadId}, or every page for {@link ThreadChanges#ALL}. */
  synchronized void drop(String threadId) {
    drops++;
    if (ThreadChanges.ALL.equals(threadId)) {
      pages.clear();
      bytes = 0;
      return;
    }
    Iterator<Page> it = pages.values().iterator();
    while (it.hasNext()) {
      Page page = it.next();
      if (page.threadId.equals(threadId)) {
        bytes -= page.bytes;
        it.remove();
      }
    }
  }

  private void trim() {
    Iterator<Page> eldest = pages.values().iterator();
    while ((pages.size() > MAX_PAGES || bytes > MAX_BYTES) && eldest.hasNext()) {
      Page page = eldest.next();
      bytes -= page.bytes;
      eldest.remove();
    }
  }

  /** Whether it keeps anything of thread {@code threadId}. */
  synchronized boolean holds(String threadId) {
    return pages.values().stream().anyMatch(page -> page.threadId.equals(threadId));
  }

  /** Pages kept (the metrics read it). */
  synchronized int size() {
    return pages.size();
  }

  /** Bytes of kept HTML, two a char (the metrics read it). */
  synchronized long bytes() {
    return bytes;
  }

  AtomicLong hitCounter() {
    return hits;
  }

  AtomicLong missCounter() {
    return misses;
  }
}
