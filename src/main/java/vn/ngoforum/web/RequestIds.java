package vn.ngoforum.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.logging.RequestId;

/**
 * Gives every request an id and writes the access log. The id is the caller's {@code X-Request-Id} when it is a
 * plain token (a proxy's or a client's, so one id follows the request through them), else a new one; it is
 * returned in the response's {@code X-Request-Id} and carried by every log line written while serving the request
 * ({@link RequestId}). When the response ends, one access record: method, path (without the query, which may
 * hold what people searched for), status, bytes, milliseconds, as the message and as key-value pairs (fields in
 * JSON logs). The access log is the logger {@value #ACCESS_LOGGER} at INFO, off unless {@code FORUM_ACCESS_LOG}
 * says INFO (see logback.xml).
 *
 * <p>{@code curl -i -H 'X-Request-Id: abc-123' http://localhost:8080/health} answers with {@code X-Request-Id: abc-123}.
 */
public final class RequestIds implements Handler<RoutingContext> {

  public static final String HEADER = "X-Request-Id";
  public static final String ACCESS_LOGGER = "vn.ngoforum.access";

  /** What is taken from outside: letters, digits and - _ . : only, so it cannot break or forge a log line. */
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  private static final Logger ACCESS = LoggerFactory.getLogger(ACCESS_LOGGER);

  @Override
  public void handle(RoutingContext ctx) {
    String offered = ctx.request().getHeader(HEADER);
    String id = offered != null && ACCEPTED.matcher(offered).matches() ? offered : newId();
    RequestId.set(id);
    ctx.response().putHeader(HEADER, id);
    if (ACCESS.isInfoEnabled()) {
      long started = System.nanoTime();
      ctx.addEndHandler(ended -> access(ctx, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
    }
    ctx.next();
  }

  /**
   * A random (version 4) UUID from the thread's own generator: an id needs to be unique, not unguessable, and
   * {@link UUID#randomUUID()}'s shared SecureRandom would be one more lock on every request of every event loop.
   */
  private static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = random.nextLong() & ~0xF000L | 0x4000L;
    long low = random.nextLong() & ~(0xC000L << 48) | 0x8000L << 48;
    return new UUID(high, low).toString();
  }

  private static void access(RoutingContext ctx, long millis) {
    String method = ctx.request().method().name();
    String path = ctx.request().path();
    int status = ctx.response().getStatusCode();
    long bytes = ctx.response().bytesWritten();
    ACCESS.atInfo()
        .addKeyValue("method", method)
        .addKeyValue("path", path)
        .addKeyValue("status", status)
        .addKeyValue("bytes", bytes)
        .addKeyValue("ms", millis)
        .log("{} {} {} {} B {} ms", method, path, status, bytes, millis);
  }
}
