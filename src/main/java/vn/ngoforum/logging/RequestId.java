package vn.ngoforum.logging;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

/**
 * The id of the HTTP request being served, kept on the request's own Vert.x context so that every log line
 * written while serving it carries it, in whichever callback it is written ({@link RequestIdFilter} copies it into
 * the logging MDC as {@value #MDC_KEY}).
 *
 * <p>Vert.x serves each request on a duplicated context, which the callbacks of everything the request starts
 * (database calls, timers, futures) run on too; a value put in its local data is the request's and no one else's.
 * Outside a request (an event loop's own context, a worker thread, start-up) there is no id.
 */
public final class RequestId {

  /** The MDC key, and so the JSON field and the text pattern's {@code %X{requestId}}. */
  public static final String MDC_KEY = "requestId";

  private static final String LOCAL_KEY = RequestId.class.getName();

  private RequestId() {
  }

  /** Makes {@code id} the current request's id; does nothing outside a request's context. */
  public static void set(String id) {
    ContextInternal context = requestContext();
    if (context != null) {
      context.putLocal(LOCAL_KEY, id);
    }
  }

  /** The id of the request being served on this thread, or {@code null}. */
  public static String current() {
    ContextInternal context = requestContext();
    return context == null ? null : context.getLocal(LOCAL_KEY);
  }

  private static ContextInternal requestContext() {
    Context context = Vertx.currentContext();
    return context instanceof ContextInternal internal && internal.isDuplicate() ? internal : null;
  }
}
