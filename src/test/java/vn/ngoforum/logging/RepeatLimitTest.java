package vn.ngoforum.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The bound on how often a noisy logger writes, on a clock the test moves. */
class RepeatLimitTest {

  private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
  private final LoggerContext context = new LoggerContext();
  private final ListAppender<ILoggingEvent> written = new ListAppender<>();

  @BeforeEach
  void configure() {
    RepeatLimit limit = new RepeatLimit(now::get);
    limit.setContext(context);
    limit.addLogger("io.vertx.ext.web.handler.sockjs");
    limit.setBurst(5);
    limit.setPerMinute(6);
    limit.start();
    context.addTurboFilter(limit);
    written.setContext(context);
    written.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(written);
  }

  @Test
  @DisplayName("a limited logger writes its burst, then one record per refill, and the next record says how many"
      + " were dropped")
  void burstThenRate() {
    Logger bridge = context.getLogger("io.vertx.ext.web.handler.sockjs.impl.EventBusBridgeImpl");
    for (int i = 0; i < 1_000; i++) {
      bridge.error("Invalid type in incoming message: bogus-" + i);
    }
    assertEquals(5, written.list.size());

    now.addAndGet(TimeUnit.SECONDS.toNanos(10));
    bridge.error("Invalid type in incoming message: later");
    List<ILoggingEvent> after = written.list.subList(5, written.list.size());
    assertEquals(2, after.size(), after.toString());
    assertEquals(RepeatLimit.SUMMARY_LOGGER, after.get(0).getLoggerName());
    assertTrue(after.get(0).getFormattedMessage().startsWith("995 records of "
        + "io.vertx.ext.web.handler.sockjs.impl.EventBusBridgeImpl were dropped"), after.get(0).getFormattedMessage());
    assertEquals("Invalid type in incoming message: later", after.get(1).getFormattedMessage());
  }

  @Test
  @DisplayName("other loggers, and level checks of limited ones, are not limited")
  void othersUntouched() {
    Logger forum = context.getLogger("vn.ngoforum.web.FailureHandler");
    for (int i = 0; i < 100; i++) {
      forum.warn("record {}", i);
    }
    assertEquals(100, written.list.size());

    Logger bridge = context.getLogger("io.vertx.ext.web.handler.sockjs.impl.EventBusBridgeImpl");
    for (int i = 0; i < 100; i++) {
      assertTrue(bridge.isErrorEnabled());
      bridge.debug("below the level: never written, never counted");
    }
    for (int i = 0; i < 5; i++) {
      bridge.warn("counted {}", i);
    }
    assertEquals(105, written.list.size());
  }
}
