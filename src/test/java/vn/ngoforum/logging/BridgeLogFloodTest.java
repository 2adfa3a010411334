package vn.ngoforum.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.TestForum;

/** A client that sends bad bridge frames by the thousand cannot flood the forum's log. */
class BridgeLogFloodTest {

  private static final int FRAMES = 1_000;
  /** The burst logback.xml allows each limited logger, plus the records a slow run may refill meanwhile. */
  private static final int MOST_RECORDS = 20 + 10;

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("bridge-log-flood");

  @Test
  @DisplayName("1,000 frames of an unknown type get 1,000 refusals but write a bounded number of log records")
  void invalidFramesBounded() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> written = new ListAppender<>();
    written.setContext(context);
    written.start();
    root.addAppender(written);
    try (BridgeClient client = BridgeClient.connect(forum.vertx(), forum.port(), null)) {
      for (int i = 0; i < FRAMES; i++) {
        client.send(new JsonObject().put("type", "bogus-" + i + "\r\n12:00:00.000 ERROR forged").put("address", "x"));
      }
      for (int i = 0; i < FRAMES; i++) {
        JsonObject refusal = client.next(10_000);
        assertNotNull(refusal, "refusal " + i + " arrives");
        assertEquals("invalid_type", refusal.getString("body"), refusal.encode());
      }
    } finally {
      root.detachAppender(written);
    }
    List<ILoggingEvent> bridgeRecords = written.list.stream()
        .filter(event -> event.getLoggerName().startsWith("io.vertx.ext.web.handler.sockjs"))
        .toList();
    assertTrue(bridgeRecords.size() <= MOST_RECORDS, bridgeRecords.size() + " records for " + FRAMES + " frames");
  }
}
