package vn.ngoforum.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.function.Supplier;

/**
 * One object per node, shared by every HTTP verticle instance. Each instance builds its own services (one per event
 * loop), so state that must be the node's (a cache dropped on a change, a coalescing window, marks still
 * being written) is kept in the node's Vert.x local map, where the first instance to ask puts it.
 */
public final class OnThisNode {

  private OnThisNode() {
  }

  /**
   * The node's object of {@code owner} called {@code name}: the one already kept, else the one {@code fresh} makes
   * (made only when none is kept; two instances asking at once both get the one kept first).
   */
  public static <T extends Shareable> T one(Vertx vertx, Class<?> owner, String name, Supplier<T> fresh) {
    LocalMap<String, T> node = vertx.sharedData().getLocalMap(owner.getName());
    T kept = node.get(name);
    if (kept != null) {
      return kept;
    }
    T made = fresh.get();
    T first = node.putIfAbsent(name, made);
    return first == null ? made : first;
  }
}
