package vn.ngoforum.forum.threads;

import com.github.jknack.handlebars.Handlebars;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
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
 * live template) is kept too, as a {@link Shell} per <em>shape</em>: the language and the few things the page's
 * other parts show differently per reader (may they reply, do they moderate, whom may they speak for).
 *
 * <p>What differs per reader within a shape (the CSRF token, their id and name, the reply form's submission key,
 * the page's own address) and per post (the CSRF token) is rendered as a random marker (made once per node, never
 * sent; one letter after it says which value) and the rendered text kept cut at the markers, as UTF-8 bytes;
 * serving joins the parts with the reader's values escaped as Handlebars escapes them and the posts' parts, into
 * one buffer. So a page built from these parts is, byte for byte, the page {@code forum/thread} renders for that
 * reader (SignedInPagesTest compares them).
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
   * Text kept at most (the posts' HTML and source as read, counted as two bytes a char, and the rendered posts and
   * shells as UTF-8): the least recently used pages go first beyond it.
   */
  static final long MAX_BYTES = 16L * 1024 * 1024;

  /**
   * Whether signed-in pages are made from the shared parts; tests turn it off to get the page as the template
   * renders it whole (each post through the {@code forum/post} partial), to compare.
   */
  static volatile boolean share = true;

  /** Posts served from the cache without rendering them, on this JVM (tests read it). */
  static final AtomicLong HITS = new AtomicLong();
  /** Whole pages joined from a shell, without rendering the page, on this JVM (tests read it). */
  static final AtomicLong JOINED = new AtomicLong();

  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  /** Stands for the CSRF token in the kept posts, and followed by a letter for a value in a shell; random per node. */
  private final String marker;

  /**
   * A thread page without its posts, for one shape, cut where a reader's values go: {@code parts[0]}, the value
   * {@code slots[0]} names, {@code parts[1]}, and so on; {@link #POSTS} stands for the posts, {@code separator}
   * between two of them.
   */
  record Shell(byte[][] parts, char[] slots, byte[] separator) {

    long size() {
      long size = separator.length;
      for (byte[] part : parts) {
        size += part.length;
      }
      return size;
    }
  }

  /** In a shell, where the posts go: a first post rendered as this marker, a second as {@link #SECOND_POST}. */
  static final char POSTS = 'P';
  static final char SECOND_POST = 'Q';

  private static final class Page {
    final String threadId;
    final String version;
    final List<Post> posts;
    final Map<String, byte[][]> parts = new HashMap<>();
    final Map<String, Shell> shells = new HashMap<>();
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

  /** What to render in a shell in the place of the value (or the posts) that {@code slot} names. */
  String marker(char slot) {
    return marker + slot;
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
  synchronized byte[][] parts(String slot, String version, String key) {
    Page page = pages.get(slot);
    byte[][] parts = page == null || !page.version.equals(version) ? null : page.parts.get(key);
    if (parts == null) {
      misses.incrementAndGet();
    } else {
      hits.incrementAndGet();
      HITS.incrementAndGet();
    }
    return parts;
  }

  /** Keeps a post rendered from a page read at {@code version} after {@code mark}, unless the thread changed since. */
  synchronized void putParts(String slot, String version, String key, byte[][] parts, long mark) {
    Page page = pages.get(slot);
    if (mark != drops || page == null || !page.version.equals(version) || page.parts.containsKey(key)) {
      return;
    }
    long size = 0;
    for (byte[] part : parts) {
      size += part.length;
    }
    page.parts.put(key, parts);
    grow(page, size);
  }

  /** The page's shell for {@code shape} (language and what the page shows per kind of reader), or {@code null}. */
  synchronized Shell shell(String slot, String version, String shape) {
    Page page = pages.get(slot);
    return page == null || !page.version.equals(version) ? null : page.shells.get(shape);
  }

  /** Keeps a shell rendered from a page read at {@code version} after {@code mark}, unless the thread changed since. */
  synchronized void putShell(String slot, String version, String shape, Shell shell, long mark) {
    Page page = pages.get(slot);
    if (mark != drops || page == null || !page.version.equals(version) || page.shells.containsKey(shape)) {
      return;
    }
    page.shells.put(shape, shell);
    grow(page, shell.size());
  }

  private void grow(Page page, long size) {
    page.bytes += size;
    bytes += size;
    trim();
  }

  /** Cuts a post rendered with {@link #marker()} as its token into the parts between the tokens, as UTF-8. */
  byte[][] cut(String html) {
    String[] parts = html.split(marker, -1);
    byte[][] bytes = new byte[parts.length][];
    for (int i = 0; i < parts.length; i++) {
      bytes[i] = parts[i].getBytes(StandardCharsets.UTF_8);
    }
    return bytes;
  }

  /**
   * Cuts a page rendered with {@link #marker(char)} in each value's place and two posts rendered as {@link #POSTS}
   * and {@link #SECOND_POST}; {@code null} unless each marker names one of {@code slots} and the posts are there
   * once, the two in a row.
   */
  Shell cutShell(String html, String slots) {
    List<byte[]> parts = new ArrayList<>();
    StringBuilder named = new StringBuilder();
    int from = 0;
    for (int at = html.indexOf(marker); at >= 0; at = html.indexOf(marker, from)) {
      int end = at + marker.length();
      char slot = end < html.length() ? html.charAt(end) : 0;
      if (slots.indexOf(slot) < 0 && slot != POSTS && slot != SECOND_POST) {
        return null;
      }
      parts.add(html.substring(from, at).getBytes(StandardCharsets.UTF_8));
      named.append(slot);
      from = end + 1;
    }
    parts.add(html.substring(from).getBytes(StandardCharsets.UTF_8));
    int first = named.indexOf(String.valueOf(POSTS));
    if (first < 0 || first != named.lastIndexOf(String.valueOf(POSTS)) || first + 1 >= named.length()
        || named.charAt(first + 1) != SECOND_POST || named.indexOf(String.valueOf(SECOND_POST)) != first + 1) {
      return null;
    }
    byte[] separator = parts.remove(first + 1);
    named.deleteCharAt(first + 1);
    return new Shell(parts.toArray(new byte[0][]), named.toString().toCharArray(), separator);
  }

  /** A value as Handlebars escapes it, as UTF-8 ({@code null} as nothing). */
  static byte[] escaped(Object value) {
    return value == null ? new byte[0]
        : Handlebars.Utils.escapeExpression(value.toString()).toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A kept post with this reader's CSRF token (as {@link #escaped}) put back. */
  static String join(byte[][] parts, byte[] token) {
    int length = token.length * (parts.length - 1);
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] html = new byte[length];
    int at = 0;
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        System.arraycopy(token, 0, html, at, token.length);
        at += token.length;
      }
      System.arraycopy(parts[i], 0, html, at, parts[i].length);
      at += parts[i].length;
    }
    return new String(html, StandardCharsets.UTF_8);
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
