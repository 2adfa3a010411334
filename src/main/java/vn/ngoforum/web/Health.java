package vn.ngoforum.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.RoutingContext;
import vn.ngoforum.auth.Oidc;

/**
 * {@code GET /health}: 200 {@code {"status":"UP", ...}} while MongoDB answers, 503 {@code "DOWN"} otherwise.
 *
 * <p>Keycloak is reported too, but does not make the forum DOWN: without it the forum still serves reading.
 * <pre>  curl -s localhost:8080/health   → {"status":"UP","mongo":"UP","keycloak":"UP"}</pre>
 */
final class Health implements Handler<RoutingContext> {

  private final MongoClient mongo;
  private final Oidc oidc;

  Health(MongoClient mongo, Oidc oidc) {
    this.mongo = mongo;
    this.oidc = oidc;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String keycloak = oidc.provider().isPresent() ? "UP" : "DOWN";
    mongo.runCommand("ping", new JsonObject().put("ping", 1))
        .onComplete(ping -> {
          boolean up = ping.succeeded();
          JsonObject body = new JsonObject()
              .put("status", up ? "UP" : "DOWN")
              .put("mongo", up ? "UP" : "DOWN")
              .put("keycloak", keycloak);
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
