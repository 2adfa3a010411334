package vn.ngoforum.realtime;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;
import vn.ngoforum.cluster.OnThisNode;

/**
 * Gathers "this item changed" per group (the questions of a Q&amp;A session, the posts of a thread) over a short
 * window and announces each changed item at most once per window. The changes themselves are stored at once; only
 * the announcement waits, so a storm of hundreds of votes or reactions a second costs followers a handful of frames,
 * each announcement taking a fresh sequence number when it is made.
 *
 * <p>The window starts with the change: a change to a quiet group (nothing announced in its last window) is
 * announced at once and opens a window; what changes while it is open is announced when it closes, and opens the
 * next one; a window that closes with nothing to announce leaves the group quiet. So a lone vote reaches followers
 * without waiting, a storm costs one announcement per item and window as before, and the last change of a storm is
 * announced at most one window after it was made.
 *
 * <p>The window of a group is {@code window(group)}, asked when each of its windows opens, so that it can grow with
 * the group's audience.
 */
public class Coalescer implements Shareable {

  private final Vertx vertx;
  private volatile ToLongFunction<String> window;
  private volatile BiConsumer<String, String> announce;
  /**
   * Per group with an open window, the items changed since it opened (announced when it closes); a group is absent
   * while it is quiet.
   */
  private final Map<String, Set<String>> dirty = new HashMap<>();

  /**
   * @param window   the window of a group, in milliseconds
   * @param announce called with (group, item) at once for a change to a quiet group, then once per window for every
   *                 item changed in it
   */
  public Coalescer(Vertx vertx, ToLongFunction<String> window, BiConsumer<String, String> announce) {
    this.vertx = vertx;
    this.window = window;
    this.announce = announce;
  }

  /**
   * The node's coalescer called {@code name}: {@code fresh} the first time, the same instance afterwards. Every HTTP
   * verticle instance has its own services, and a coalescer per instance would announce an item once per window per
   * event loop (two frames a window on two cores, for the same change); one per node announces it once. The latest
   * caller's {@code window} and {@code announce} are used (they all do the same).
   */
  @SuppressWarnings("unchecked")
  public static <C extends Coalescer> C forNode(Vertx vertx, String name, C fresh) {
    Coalescer latest = fresh;
    Coalescer kept = OnThisNode.one(vertx, Coalescer.class, name, () -> latest);
    kept.window = latest.window;
    kept.announce = latest.announce;
    return (C) kept;
  }

  /**
   * Notes that {@code item} of {@code group} changed: announced now when the group is quiet, else when its window
   * closes.
   */
  public void touch(String group, String item) {
    boolean quiet;
    synchronized (this) {
      Set<String> items = dirty.get(group);
      quiet = items == null;
      if (quiet) {
        dirty.put(group, new LinkedHashSet<>());
      } else {
        items.add(item);
      }
    }
    if (quiet) {
      open(group);
      announce.accept(group, item);
    }
  }

  private void open(String group) {
    vertx.setTimer(Math.max(1, window.applyAsLong(group)), id -> close(group));
  }

  /** The group's window closed: what changed in it is announced and opens the next window; nothing: it is quiet. */
  private void close(String group) {
    Set<String> pending;
    synchronized (this) {
      pending = dirty.get(group);
      if (pending == null) {
        return;
      }
      if (pending.isEmpty()) {
        dirty.remove(group);
        return;
      }
      dirty.put(group, new LinkedHashSet<>());
    }
    open(group);
    pending.forEach(item -> announce.accept(group, item));
  }
}
