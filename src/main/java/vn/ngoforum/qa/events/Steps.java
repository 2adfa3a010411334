package vn.ngoforum.qa.events;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/** Runs asynchronous steps one after another (a migration going through many documents without flooding the store). */
public final class Steps {

  private Steps() {
  }

  /** Applies {@code step} to each item in turn, the next once the previous succeeded; fails at the first failure. */
  public static <T> Future<Void> each(List<T> items, Function<T, Future<?>> step) {
    return from(items, 0, step);
  }

  private static <T> Future<Void> from(List<T> items, int index, Function<T, Future<?>> step) {
    // Steps that finish at once are taken in this loop, not by recursion (which would overflow the stack).
    for (int i = index; i < items.size(); i++) {
      Future<?> done = step.apply(items.get(i));
      if (!done.isComplete()) {
        int next = i + 1;
        return done.compose(v -> from(items, next, step));
      }
      if (done.failed()) {
        return Future.failedFuture(done.cause());
      }
    }
    return Future.succeededFuture();
  }
}
