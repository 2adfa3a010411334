package vn.ngoforum.ops;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.BindException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management listener: what operators and their tools ask a node, on an address of its own
 * ({@code 127.0.0.1:9464} by default, {@code FORUM_MANAGEMENT_HOST} / {@code FORUM_MANAGEMENT_PORT}), never on the
 * public port, so the proxy in front of the forum never exposes it.
 *
 * <pre>
 *   curl -s 127.0.0.1:9464/metrics        → Prometheus text: Vert.x (HTTP, event bus, pools, JVM) and forum_* meters
 *   curl -s 127.0.0.1:9464/health/live    → 200 {"status":"UP"}: the process answers
 *   curl -s 127.0.0.1:9464/health/ready   → 200 {"status":"UP","mongo":"UP","keycloak":"UP"}; 503 while either is not
 * </pre>
 *
 * <p>Ready means the node can do its whole job: MongoDB answers a ping and Keycloak's discovery is done (sign-in
 * works). The public {@code /health} is more lenient (UP without Keycloak, since reading still works); a load
 * balancer that should route only to complete nodes asks {@code /health/ready}, a supervisor that restarts hung
 * processes asks {@code /health/live}. When the port is taken the next free one is used (a second node on one
 * machine gets 9465); the log says which.
 */
public final class ManagementVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ManagementVerticle.class);
  /** How many ports from the configured one are tried before giving up. */
  static final int PORTS_TRIED = 20;
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String JSON = "application/json; charset=utf-8";

  private final String host;
  private final int port;
  private final Supplier<Future<Void>> store;
  private final BooleanSupplier identityProvider;
  private Meters meters;

  /**
   * @param host             the interface to listen on ({@code 127.0.0.1}: this machine only)
   * @param port             the first port to try ({@code 0}: any free port)
   * @param store            answers when MongoDB answers a ping
   * @param identityProvider whether Keycloak's discovery is done
   */
  public ManagementVerticle(String host, int port, Supplier<Future<Void>> store, BooleanSupplier identityProvider) {
    this.host = host;
    this.port = port;
    this.store = store;
    this.identityProvider = identityProvider;
  }

  @Override
  public Future<?> start() {
    meters = Meters.of(vertx);
    Router router = Router.router(vertx);
    router.get("/metrics").handler(this::metrics);
    router.get("/health/live").handler(ManagementVerticle::live);
    router.get("/health/ready").handler(this::ready);
    return listen(router, port, PORTS_TRIED)
        .onSuccess(server -> {
          if (!meters.withVertxMetrics()) {
            LOG.info("Vert.x was started without metrics: /metrics shows the forum's own meters only");
          }
          LOG.info("Management listener (metrics, health) on http://{}:{}/metrics{}", host, server.actualPort(),
              port != 0 && server.actualPort() != port ? " (" + port + " was taken)" : "");
        });
  }

  /** Listens on {@code first}, or, when another process holds it, on the next port, {@code tries} ports at most. */
  private Future<HttpServer> listen(Router router, int first, int tries) {
    return vertx.createHttpServer().requestHandler(router).listen(first, host)
        .recover(failure -> first != 0 && tries > 1 && first < 65535 && portTaken(failure)
            ? listen(router, first + 1, tries - 1)
            : Future.failedFuture(failure));
  }

  private static boolean portTaken(Throwable failure) {
    return failure instanceof BindException
        || String.valueOf(failure.getMessage()).contains("Address already in use");
  }

  /** {@code GET /metrics}: the registry written out off the event loop (a few hundred meters, a millisecond). */
  private void metrics(RoutingContext ctx) {
    vertx.executeBlocking(meters::scrape, false)
        .onSuccess(text -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT)
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
            .end(text))
        .onFailure(ctx::fail);
  }

  private static void live(RoutingContext ctx) {
    respond(ctx, 200, new JsonObject().put("status", "UP"));
  }

  private void ready(RoutingContext ctx) {
    boolean keycloak = identityProvider.getAsBoolean();
    store.get().onComplete(ping -> {
      boolean mongo = ping.succeeded();
      boolean ready = mongo && keycloak;
      respond(ctx, ready ? 200 : 503, new JsonObject()
          .put("status", ready ? "UP" : "DOWN")
          .put("mongo", mongo ? "UP" : "DOWN")
          .put("keycloak", keycloak ? "UP" : "DOWN"));
    });
  }

  private static void respond(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.encode());
  }
}
