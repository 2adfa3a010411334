package vn.ngoforum.support;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for something the forum does in the background (an index applied, a count announced, a health state
 * changed): asks again until the answer is the one expected or the time is up, and hands back the last answer, so
 * the test's assertion shows what was seen instead of a bare timeout.
 */
public final class Eventually {

  /** Between two asks: short beside what the tests wait for, long enough not to busy the machine. */
  private static final long PAUSE_NANOS = Duration.ofMillis(50).toNanos();

  private Eventually() {
  }

  /** Asks {@code value} until {@code done} holds or {@code limit} has passed; the last answer. */
  public static <T> T value(Supplier<T> value, Predicate<T> done, Duration limit) {
    Instant deadline = Instant.now().plus(limit);
    T last = value.get();
    while (!done.test(last) && Instant.now().isBefore(deadline)) {
      LockSupport.parkNanos(PAUSE_NANOS);
      last = value.get();
    }
    return last;
  }

  /** Asks {@code condition} until it holds or {@code limit} has passed; whether it held. */
  public static boolean holds(BooleanSupplier condition, Duration limit) {
    return value(condition::getAsBoolean, held -> held, limit);
  }
}
