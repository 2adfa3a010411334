package vn.ngoforum.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Marker;

/**
 * Bounds how often the named loggers (and those below them) may write: a burst of {@link #setBurst burst}
 * records, then {@link #setPerMinute perMinute}, for each logger; what goes beyond is dropped and counted, and the
 * count is logged (by {@code vn.ngoforum.logging.RepeatLimit}) with the logger's next record that passes.
 *
 * <p>For loggers that write once per thing a client sends: the SockJS bridge logs every frame of an unknown type,
 * every registration past the limit of a socket, and so on, so a client sending 10,000 bad frames would write
 * 10,000 records. Per logger rather than per message, because such messages differ by the client's own text
 * ({@code "Invalid type in incoming message: " + type}), which is also why logback's {@code DuplicateMessageFilter}
 * (keyed by the message, and silent for good once a message has repeated) does not fit. Only records that would
 * be written count; level checks ({@code isDebugEnabled()}) pass untouched.
 *
 * <pre>{@code
 * <turboFilter class="vn.ngoforum.logging.RepeatLimit">
 *   <logger>io.vertx.ext.web.handler.sockjs</logger>
 *   <burst>20</burst>
 *   <perMinute>6</perMinute>
 * </turboFilter>
 * }</pre>
 */
public final class RepeatLimit extends TurboFilter {

  static final String SUMMARY_LOGGER = "vn.ngoforum.logging.RepeatLimit";

  private final List<String> loggers = new ArrayList<>();
  private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
  private final LongSupplier nanoClock;
  private int burst = 20;
  private int perMinute = 6;

  public RepeatLimit() {
    this(System::nanoTime);
  }

  RepeatLimit(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** Limits {@code name} and the loggers below it; may be given several times. */
  public void addLogger(String name) {
    loggers.add(name.strip());
  }

  /** How many records a logger may write in a row before the limit applies. */
  public void setBurst(int burst) {
    this.burst = burst;
  }

  /** How many records a limited logger may write a minute, once its burst is spent. */
  public void setPerMinute(int perMinute) {
    this.perMinute = perMinute;
  }

  @Override
  public void start() {
    if (burst < 1 || perMinute < 1) {
      addError("burst and perMinute must be at least 1");
      return;
    }
    super.start();
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
      Throwable failure) {
    if (!isStarted() || format == null || level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())
        || !limits(logger.getName())) {
      return FilterReply.NEUTRAL;
    }
    Budget budget = budgets.computeIfAbsent(logger.getName(), name -> new Budget(burst, nanoClock.getAsLong()));
    long dropped = budget.take(nanoClock.getAsLong(), burst, perMinute);
    if (dropped < 0) {
      return FilterReply.DENY;
    }
    if (dropped > 0) {
      logger.getLoggerContext().getLogger(SUMMARY_LOGGER).warn("{} records of {} were dropped: too many in a short time",
          dropped, logger.getName());
    }
    return FilterReply.NEUTRAL;
  }

  private boolean limits(String name) {
    if (name.equals(SUMMARY_LOGGER)) {
      return false;
    }
    for (String limited : loggers) {
      if (name.equals(limited) || name.startsWith(limited) && name.charAt(limited.length()) == '.') {
        return true;
      }
    }
    return false;
  }

  /** A token bucket, and how many records it refused since the last one it let through. */
  private static final class Budget {

    private double tokens;
    private long refilledAt;
    private long dropped;

    Budget(int burst, long now) {
      this.tokens = burst;
      this.refilledAt = now;
    }

    /** -1 when the record is dropped; otherwise how many were dropped before it (and the count starts again). */
    synchronized long take(long now, int burst, int perMinute) {
      tokens = Math.min(burst, tokens + (now - refilledAt) * perMinute / (double) TimeUnit.MINUTES.toNanos(1));
      refilledAt = now;
      if (tokens < 1) {
        dropped++;
        return -1;
      }
      tokens--;
      long before = dropped;
      dropped = 0;
      return before;
    }
  }
}
