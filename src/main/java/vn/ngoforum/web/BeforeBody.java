package vn.ngoforum.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The steps that run before a request's body is read: who is asking is found from the headers (session cookie,
 * Bearer token), and a request that its sender may not make is answered from its headers alone, so that nobody's
 * body is read into memory or written to disk before the forum knows it will take it.
 *
 * <p>The router runs {@link #hold(RoutingContext)}, then the identifying and refusing steps, then
 * {@link #release(RoutingContext)} right before the body handlers. Some of those steps wait on I/O (a Bearer token
 * is checked against the realm's keys, posting rights are looked up). Vert.x hands a request's body to whatever
 * handler is set when it arrives and drops it when none is, so the request is paused meanwhile and resumed only in
 * the same turn that the body handler sets its own (as vertx-web's asynchronous SessionHandler and
 * AuthenticationHandler do). A paused request also stops reading from its connection, so a client that sends a
 * large body gets no further than the socket buffers before it has an answer.
 *
 * <p>A request answered while paused (refused from its headers) is resumed once the answer is sent: what is left of
 * its body is then read and dropped, never kept nor written, and the connection stays usable — a browser still
 * sending a file sees the sign-in page or the error rather than a reset connection.
 */
public final class BeforeBody {

  private static final Set<HttpMethod> BODY_METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

  private BeforeBody() {
  }

  /** Pauses the request until {@link #release(RoutingContext)} or until it has been answered. */
  public static void hold(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!request.isEnded()) {
      request.pause();
      ctx.addEndHandler(done -> {
        if (!request.isEnded()) {
          request.resume();
        }
      });
    }
    ctx.next();
  }

  /** Resumes the request and goes on to the body handlers, which take its body from here. */
  public static void release(RoutingContext ctx) {
    if (!ctx.request().isEnded()) {
      ctx.request().resume();
    }
    ctx.next();
  }

  /**
   * Refuses, with {@code refusal}, a request that carries a body when {@code mayWrite} says its sender may not send
   * one (an anonymous sender where the route needs a person: {@code refusal} then answers as the route's own guard
   * would), except on the {@code open} addresses that take bodies from anyone (exact paths, or prefixes ending in
   * "/"). Requests without a body go on to their route unchanged.
   */
  public static Handler<RoutingContext> refuseBodies(Predicate<RoutingContext> mayWrite,
      Handler<RoutingContext> refusal, Set<String> open) {
    return ctx -> {
      if (mayWrite.test(ctx) || !carriesBody(ctx.request()) || isOpen(ctx.request().path(), open)) {
        ctx.next();
      } else {
        refusal.handle(ctx);
      }
    };
  }

  /**
   * An asynchronous check that a route runs before its body is read (e.g. "may this person upload at all"): the
   * request goes on when {@code check} succeeds and fails with its failure otherwise. The request is paused while
   * it runs, even if an earlier step resumed it (a resumed request delivers its body on the next turn of the event
   * loop, when nothing would take it yet).
   */
  public static Handler<RoutingContext> check(Function<RoutingContext, Future<Void>> check) {
    return ctx -> {
      if (!ctx.request().isEnded()) {
        ctx.request().pause();
      }
      check.apply(ctx).onComplete(done -> {
        if (done.succeeded()) {
          ctx.next();
        } else {
          ctx.fail(done.cause());
        }
      });
    };
  }

  /**
   * Whether the request brings a body to read: a POST, PUT or PATCH with a length above 0, with chunks, or over
   * HTTP/2 (where a body is announced by neither). Other methods carry none the forum reads.
   */
  static boolean carriesBody(HttpServerRequest request) {
    if (!BODY_METHODS.contains(request.method())) {
      return false;
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      try {
        return Long.parseLong(length.trim()) != 0;
      } catch (NumberFormatException e) {
        return true;
      }
    }
    return request.version() == HttpVersion.HTTP_2 || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
  }

  private static boolean isOpen(String path, Set<String> open) {
    return path != null && open.stream().anyMatch(prefix -> prefix.endsWith("/") ? path.startsWith(prefix)
        : path.equals(prefix));
  }
}
