package vn.ngoforum.bench;

import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import vn.ngoforum.MainVerticle;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.realtime.LiveEvent;

/**
 * The forum under test, in its own JVM: the real {@link MainVerticle} with production defaults (one HTTP
 * instance per core, demo data), against the benchmark's MongoDB-wire store and Keycloak, plus the {@link Control}
 * side door whose publishes go through the real event bus and SockJS bridge.
 *
 * <p>Arguments: forumPort controlPort mongoUri keycloakUrl dataDir.
 */
public final class BenchForum {

  private BenchForum() {
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int controlPort = Integer.parseInt(args[1]);
    AppConfig config = AppConfig.from(Map.of(
        AppConfig.FORUM_HTTP_PORT, String.valueOf(port),
        AppConfig.MONGO_URI, args[2],
        AppConfig.KEYCLOAK_URL, args[3],
        AppConfig.FORUM_DATA_DIR, args[4]), new Properties());
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(new MainVerticle(config)).toCompletionStage().toCompletableFuture()
        .get(3, TimeUnit.MINUTES);
    // Published the way the forum publishes its own changes.
    Control.start(vertx, controlPort, (address, body) -> LiveEvent.publish(vertx, address, body))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    System.out.println("READY");
  }
}
