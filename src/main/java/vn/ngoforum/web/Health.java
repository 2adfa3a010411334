package vn.ngoforum.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /health}: 200 {@code {"status":"UP", ...}} while MongoDB answers, 503 {@code "DOWN"} otherwise.
 *
 * <p>Keycloak is reported too, but does not make the forum DOWN: without it the forum still serves reading. So is
 * the node's search index: {@code "STARTING"} while it opens or is built from the database (a first start, or after
 * a restore), when searches may miss what the index has not read yet; the rest of the forum serves meanwhile.
 * <pre>  curl -s localhost:8080/health   → {"status":"UP","mongo":"UP","keycloak":"UP","search":"UP"}</pre>
 *
 * @param store            answers when MongoDB answers a ping
 * @param identityProvider whether sign-in works (Keycloak discovered)
 * @param searchReady      whether the node's search index is built and following changes
 */
public record Health(Supplier<Future<Void>> store, BooleanSupplier identityProvider,
    BooleanSupplier searchReady) implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext ctx) {
    String keycloak = identityProvider.getAsBoolean() ? "UP" : "DOWN";
    String search = searchReady.getAsBoolean() ? "UP" : "STARTING";
    store.get()
        .onComplete(ping -> {
          boolean up = ping.succeeded();
          JsonObject body = new JsonObject()
              .put("status", up ? "UP" : "DOWN")
              .put("mongo", up ? "UP" : "DOWN")
              .put("keycloak", keycloak)
              .put("search", search);
          ctx.response()
              .setStatusCode(up ? 200 : 503)
              .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
              .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
          if (!up) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "5");
          }
          ctx.response().end(body.encode());
        });
  }
}
