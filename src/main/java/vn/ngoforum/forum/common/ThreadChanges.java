package vn.ngoforum.forum.common;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.function.Consumer;
import vn.ngoforum.realtime.Addresses;

/**
 * The forum's internal "thread changed" event, said after any change of a thread (started, a post written, edited,
 * deleted, hidden or shown, reactions counted; locked, pinned, moved) and, for every thread at once ({@link #ALL}),
 * after a category changes (its names show on its threads' pages, its visibility decides who reads them). Whatever
 * keeps something made from threads subscribes instead of being called by every writer: the guest page cache
 * ({@code threads.ThreadPageCache}) today, the search index next.
 *
 * <p>A change reaches this node's subscribers at once, before the writer answers, so that the next request on this
 * node sees it; and every node of a cluster on {@link Addresses#THREAD_CHANGED}, which no browser can follow. A
 * subscriber may hear a change more than once (it must be idempotent: dropping what is gone costs nothing).
 */
public final class ThreadChanges {

  /** Said instead of a thread id when every thread may have changed (a category renamed, opened or closed). */
  public static final String ALL = "*";

  private ThreadChanges() {
  }

  /** Says that thread {@code threadId} (or {@link #ALL}) changed: to this node's subscribers now, then every node's. */
  public static void changed(Vertx vertx, String threadId) {
    for (Subscriber subscriber : subscribers(vertx).values()) {
      subscriber.listener().accept(threadId);
    }
    vertx.eventBus().publish(Addresses.THREAD_CHANGED, threadId);
  }

  /** Says that every thread may have changed. */
  public static void allChanged(Vertx vertx) {
    changed(vertx, ALL);
  }

  /**
   * Subscribes the node's {@code listener} named {@code name} (the first one of that name stays the node's) to this
   * node's changes, and through the calling verticle to every node's: each HTTP verticle subscribes, so the node
   * keeps hearing while any of them runs.
   */
  public static void subscribe(Vertx vertx, String name, Consumer<String> listener) {
    Subscriber fresh = new Subscriber(listener);
    Subscriber existing = subscribers(vertx).putIfAbsent(name, fresh);
    Subscriber subscriber = existing == null ? fresh : existing;
    vertx.eventBus().<String>consumer(Addresses.THREAD_CHANGED,
        message -> subscriber.listener().accept(message.body()));
  }

  private static LocalMap<String, Subscriber> subscribers(Vertx vertx) {
    return vertx.sharedData().getLocalMap(ThreadChanges.class.getName());
  }

  /** A node's subscriber, kept in the node's local map. */
  private record Subscriber(Consumer<String> listener) implements Shareable {
  }
}
