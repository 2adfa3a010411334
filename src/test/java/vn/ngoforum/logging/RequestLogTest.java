package vn.ngoforum.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.web.RequestIds;

/**
 * Every request has an id (the caller's X-Request-Id, or a new one), returned to the caller and carried by every
 * record written while serving it, in callbacks too; an access record per request; JSON lines with the time's zone.
 */
@ExtendWith(VertxExtension.class)
class RequestLogTest {

  private static final String HANDLER_LOGGER = "vn.ngoforum.test.RequestLogTest";

  private final ListAppender<ILoggingEvent> written = new ListAppender<>();
  private Level accessLevel;

  @BeforeEach
  void capture() {
    written.start();
    logger(HANDLER_LOGGER).addAppender(written);
    logger(RequestIds.ACCESS_LOGGER).addAppender(written);
    accessLevel = logger(RequestIds.ACCESS_LOGGER).getLevel();
    logger(RequestIds.ACCESS_LOGGER).setLevel(Level.INFO);
  }

  @AfterEach
  void release() {
    logger(HANDLER_LOGGER).detachAppender(written);
    logger(RequestIds.ACCESS_LOGGER).detachAppender(written);
    logger(RequestIds.ACCESS_LOGGER).setLevel(accessLevel);
  }

  @Test
  @DisplayName("the caller's X-Request-Id comes back and marks every line of that request, even after a timer and"
      + " a future, while another request's lines carry their own")
  void requestIdOnEveryLine(Vertx vertx) {
    int port = serve(vertx);
    Future<HttpClientResponse> started = send(vertx, port, "/slow", "field-office-42");
    HttpClientResponse second = get(vertx, port, "/slow", "hanoi-7:retry.2");
    HttpClientResponse first = ForumUnderTest.await(started);
    assertEquals("field-office-42", first.getHeader(RequestIds.HEADER));
    assertEquals("hanoi-7:retry.2", second.getHeader(RequestIds.HEADER));

    Map<String, List<String>> byId = written.list.stream()
        .filter(event -> event.getLoggerName().equals(HANDLER_LOGGER))
        .collect(Collectors.groupingBy(event -> String.valueOf(event.getMDCPropertyMap().get(RequestId.MDC_KEY)),
            Collectors.mapping(ILoggingEvent::getFormattedMessage, Collectors.toList())));
    assertEquals(List.of("received", "after the timer", "after the future"), byId.get("field-office-42"), byId.toString());
    assertEquals(List.of("received", "after the timer", "after the future"), byId.get("hanoi-7:retry.2"), byId.toString());
    assertEquals(2, byId.size(), byId.toString());
  }

  @Test
  @DisplayName("an id that could break or forge a log line, or none, is replaced by a new one")
  void unsafeIdReplaced(Vertx vertx) {
    int port = serve(vertx);
    // (CR and LF cannot be sent in a header at all: Vert.x's client and server both refuse them.)
    for (String offered : new String[] {"a b", "x".repeat(101), "<script>alert(1)</script>", "id;rm -rf", null}) {
      String id = get(vertx, port, "/slow", offered).getHeader(RequestIds.HEADER);
      assertNotEquals(offered, id);
      assertEquals(id, UUID.fromString(id).toString(), "a new id: " + id);
      assertEquals(4, UUID.fromString(id).version(), id);
      assertEquals(2, UUID.fromString(id).variant(), id);
    }
  }

  @Test
  @DisplayName("each request leaves one access record: method, path without the query, status, bytes, time")
  void accessRecord(Vertx vertx) {
    int port = serve(vertx);
    get(vertx, port, "/slow?q=tê+giác", "access-1");
    ILoggingEvent access = written.list.stream()
        .filter(event -> event.getLoggerName().equals(RequestIds.ACCESS_LOGGER))
        .findFirst().orElseThrow();
    assertEquals("access-1", access.getMDCPropertyMap().get(RequestId.MDC_KEY));
    assertTrue(access.getFormattedMessage().matches("GET /slow 200 4 B \\d+ ms"), access.getFormattedMessage());
    Map<String, Object> fields = access.getKeyValuePairs().stream()
        .collect(Collectors.toMap(pair -> pair.key, pair -> pair.value));
    assertEquals("GET", fields.get("method"));
    assertEquals("/slow", fields.get("path"));
    assertEquals(200, fields.get("status"));
    assertEquals(4L, fields.get("bytes"));
  }

  @Test
  @DisplayName("outside a request there is no id, so a start-up line carries none")
  void noIdOutsideRequests() {
    LoggerFactory.getLogger(HANDLER_LOGGER).info("outside");
    assertNull(written.list.get(written.list.size() - 1).getMDCPropertyMap().get(RequestId.MDC_KEY));
  }

  @Test
  @DisplayName("FORUM_LOG_FORMAT=json writes one JSON object a line: time with its zone, level, logger, request id,"
      + " the access fields, and outside text escaped")
  void jsonLines() throws Exception {
    LoggerContext context = new LoggerContext();
    context.putProperty("FORUM_LOG_FORMAT", "json");
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(RequestLogTest.class.getResource("/logback.xml"));
    @SuppressWarnings("unchecked")
    OutputStreamAppender<ILoggingEvent> json = (OutputStreamAppender<ILoggingEvent>)
        context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("console");

    LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger(RequestIds.ACCESS_LOGGER),
        Level.INFO, "{} signed in", new IllegalStateException("bad\r\npath"), new Object[] {"eve\r\n{\"level\":\"ERROR\"}"});
    event.setMDCPropertyMap(Map.of(RequestId.MDC_KEY, "field-office-42"));
    event.addKeyValuePair(new org.slf4j.event.KeyValuePair("status", 200));
    String line = new String(json.getEncoder().encode(event), StandardCharsets.UTF_8);
    context.stop();

    assertEquals(1, line.strip().lines().count(), line);
    JsonObject record = new JsonObject(line);
    assertTrue(record.getString("@timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}([+-]\\d\\d:\\d\\d|Z)"),
        record.getString("@timestamp"));
    assertEquals("INFO", record.getString("level"));
    assertEquals(RequestIds.ACCESS_LOGGER, record.getString("logger_name"));
    assertEquals("eve\r\n{\"level\":\"ERROR\"} signed in", record.getString("message"));
    assertEquals("field-office-42", record.getString(RequestId.MDC_KEY));
    assertEquals(200, record.getInteger("status"));
    assertTrue(record.getString("stack_trace").startsWith("java.lang.IllegalStateException: bad\r\npath"),
        record.getString("stack_trace"));
  }

  @Test
  @DisplayName("the text format shows the time with its zone, and the request's id in brackets when there is one")
  void textLines() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    @SuppressWarnings("unchecked")
    OutputStreamAppender<ILoggingEvent> text = (OutputStreamAppender<ILoggingEvent>)
        context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("console");
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger("vn.ngoforum.web.FailureHandler"),
        Level.WARN, "Internal error", null, null);
    event.setMDCPropertyMap(Map.of(RequestId.MDC_KEY, "field-office-42"));
    String line = new String(text.getEncoder().encode(event), StandardCharsets.UTF_8);
    assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}([+-]\\d\\d:\\d\\d|Z) WARN  "
        + "v\\.n\\.w\\.FailureHandler \\[field-office-42] - Internal error\\R"), line);

    LoggingEvent outside = new LoggingEvent(Logger.class.getName(), context.getLogger("vn.ngoforum.Main"),
        Level.INFO, "Started", null, null);
    String plain = new String(text.getEncoder().encode(outside), StandardCharsets.UTF_8);
    assertTrue(plain.contains(" INFO  vn.ngoforum.Main - Started"), plain);
    assertFalse(plain.contains("["), plain);
  }

  /** A server with the forum's request-id handler and a handler that logs before and after asynchronous steps. */
  private static int serve(Vertx vertx) {
    org.slf4j.Logger log = LoggerFactory.getLogger(HANDLER_LOGGER);
    Router router = Router.router(vertx);
    router.route().handler(new RequestIds());
    router.get("/slow").handler(ctx -> {
      log.info("received");
      vertx.timer(20).compose(done -> {
        log.info("after the timer");
        return Future.succeededFuture("done");
      }).onSuccess(done -> {
        log.info("after the future");
        ctx.end("done");
      });
    });
    HttpServer server = ForumUnderTest.await(vertx.createHttpServer().requestHandler(router).listen(0));
    return server.actualPort();
  }

  private static HttpClientResponse get(Vertx vertx, int port, String path, String requestId) {
    return ForumUnderTest.await(send(vertx, port, path, requestId));
  }

  /** Sent on a Vert.x context, so the body is listened to before it can arrive (see BridgeLimitsTest.post). */
  private static Future<HttpClientResponse> send(Vertx vertx, int port, String path, String requestId) {
    Promise<HttpClientResponse> answered = Promise.promise();
    vertx.getOrCreateContext().runOnContext(ignored -> vertx.createHttpClient()
        .request(HttpMethod.GET, port, "127.0.0.1", path)
        .compose(request -> {
          if (requestId != null) {
            request.putHeader(RequestIds.HEADER, requestId);
          }
          return request.send();
        })
        .compose(response -> response.body().map(body -> response))
        .onComplete(answered));
    return answered.future();
  }

  private static Logger logger(String name) {
    return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(name);
  }
}
