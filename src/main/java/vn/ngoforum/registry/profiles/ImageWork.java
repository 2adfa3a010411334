package vn.ngoforum.registry.profiles;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import vn.ngoforum.error.ForumException;

/**
 * Image decoding, bounded for the whole process: at most {@code threads} images are decoded at once, on threads of
 * their own, and at most {@code waiting} more wait for a turn; beyond that the work is refused with 503 and a
 * short {@code Retry-After}.
 *
 * <p>Decoding takes CPU and memory in proportion to the image, so an unbounded number at once (many uploads, or
 * one person sending many) could take every core and the heap. Its own small pool keeps that work away from the
 * event loops and from the shared worker pool (Markdown rendering and the other blocking work keep their threads),
 * and the bound is per process because memory is. 503 rather than 429: the limit is the node's capacity at this
 * moment, not something the sender did too often.
 */
final class ImageWork {

  /** The node's image work: half the cores (at least one) decode, a few uploads wait. */
  static final ImageWork SHARED = new ImageWork(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), 4);
  static final int RETRY_AFTER_SECONDS = 2;

  private final ThreadPoolExecutor pool;

  ImageWork(int threads, int waiting) {
    AtomicInteger count = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(waiting),
        work -> {
          Thread thread = new Thread(work, "forum-image-work-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
  }

  /** Runs {@code work} on the image threads; its result comes back on the caller's Vert.x context. */
  <T> Future<T> run(Vertx vertx, Callable<T> work) {
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    try {
      pool.execute(() -> {
        T result;
        try {
          result = work.call();
        } catch (Throwable failure) {
          context.runOnContext(v -> promise.fail(failure));
          return;
        }
        context.runOnContext(v -> promise.complete(result));
      });
    } catch (RejectedExecutionException busy) {
      return Future.failedFuture(ForumException.unavailable(
          "The forum is busy with other images right now. Please try again in a moment.", RETRY_AFTER_SECONDS));
    }
    return promise.future();
  }
}
