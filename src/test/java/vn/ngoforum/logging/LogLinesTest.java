package vn.ngoforum.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Records as the forum's console writes them (src/main/resources/logback.xml): one record never forges another. */
class LogLinesTest {

  private static final String FORGED = "12:00:00.000 INFO  v.n.auth.SignInRoutes - admin signed in";

  @Test
  @DisplayName("a user name, path or frame holding CR/LF is written on the record's own line, escaped")
  void messageOnOneLine() {
    String name = "eve\r\n" + FORGED;
    String written = layout(event("vn.ngoforum.signin.SignInRoutes", "{} signed in", new Object[] {name}, null));
    assertEquals(1, lines(written).size(), written);
    assertTrue(written.contains("eve\\r\\n" + FORGED + " signed in"), written);

    // A library that builds its message from a client's text, as the SockJS bridge does.
    written = layout(event("io.vertx.ext.web.handler.sockjs.impl.EventBusBridgeImpl",
        "Invalid type in incoming message: x\n" + FORGED + "\u2028\u001b[2J", null, null));
    assertEquals(1, lines(written).size(), written);
    assertTrue(written.endsWith("x\\n" + FORGED + "\\u2028\\u001b[2J" + System.lineSeparator()), written);
  }

  @Test
  @DisplayName("a stack trace still prints a line per frame, and an exception message holding CR/LF forges none")
  void stackTraces() {
    IllegalStateException failure = new IllegalStateException("wrapped",
        new IllegalArgumentException("bad path /t/x\r\n" + FORGED));
    String written = layout(event("vn.ngoforum.web.FailureHandler", "Internal error on {} {}",
        new Object[] {"GET", "/t/x"}, failure));
    List<String> lines = lines(written);
    assertEquals("Internal error on GET /t/x", lines.get(0).substring(lines.get(0).indexOf(" - ") + 3));
    assertEquals("java.lang.IllegalStateException: wrapped", lines.get(1));
    assertTrue(lines.get(2).startsWith("\tat vn.ngoforum.logging.LogLinesTest.stackTraces"), lines.get(2));
    assertTrue(lines.stream().anyMatch(line -> line.equals(
        "Caused by: java.lang.IllegalArgumentException: bad path /t/x\\r\\n" + FORGED)), written);
    assertFalse(lines.stream().anyMatch(line -> line.startsWith(FORGED)), written);
    assertTrue(lines.size() > 4, written);
  }

  private static ILoggingEvent event(String logger, String message, Object[] arguments, Throwable failure) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    return new LoggingEvent(Logger.class.getName(), context.getLogger(logger), Level.WARN, message, failure,
        arguments);
  }

  /** Lays {@code event} out with the encoder of the console appender that logback.xml configures. */
  private static String layout(ILoggingEvent event) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>)
        context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("console");
    Layout<ILoggingEvent> layout = ((PatternLayoutEncoder) console.getEncoder()).getLayout();
    return layout.doLayout(event);
  }

  private static List<String> lines(String text) {
    return Arrays.asList(text.split("\r\n|\r|\n|\u2028|\u2029|\u0085"));
  }
}
