package vn.ngoforum;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mongo.MongoClient;
import vn.ngoforum.auth.Oidc;
import java.util.List;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.AuthRoutes;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.forum.ForumService;
import vn.ngoforum.qa.QaService;
import vn.ngoforum.registry.RegistryService;
import vn.ngoforum.web.HttpVerticle;
import vn.ngoforum.web.Idempotency;
import vn.ngoforum.web.KeyExpiry;
import vn.ngoforum.web.RateLimiter;

/**
 * Starts the forum in order: database indexes → demo data (once, into an empty database) → the background sweep of
 * expired keys and counters ({@link KeyExpiry}) → Keycloak discovery (never fatal, see {@link Oidc}) → the HTTP
 * verticles. Its start future completes when the forum serves. It also runs the node's other background work:
 * removing uploads that no post carries.
 */
public final class MainVerticle extends VerticleBase {

  private final AppConfig config;
  private Oidc oidc;
  private MongoClient mongo;

  public MainVerticle(AppConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    mongo = Mongo.client(vertx, config);
    oidc = new Oidc(vertx, config);
    ForumService forum = new ForumService(mongo);
    QaService qa = new QaService(mongo);
    RegistryService registry = new RegistryService(vertx, mongo);
    return Future.all(List.of(AuthRoutes.createIndexes(mongo), new AuditLog(mongo).createIndexes(),
            new RateLimiter(mongo).createIndexes(), new Idempotency(mongo).createIndexes(), forum.createIndexes(),
            qa.createIndexes(), registry.createIndexes()))
        .compose(v -> config.demoData()
            ? forum.seedDemoData().compose(seeded -> qa.seedDemoData())
                .compose(seeded -> registry.seedDemoData())
            : Future.succeededFuture())
        .compose(v -> vertx.deployVerticle(new KeyExpiry(mongo)))
        .onSuccess(v -> forum.removeUnusedUploadsPeriodically(vertx))
        .compose(v -> oidc.start())
        .compose(v -> vertx.deployVerticle(() -> new HttpVerticle(config, oidc),
            new DeploymentOptions().setInstances(config.httpInstances())));
  }

  @Override
  public Future<?> stop() {
    if (oidc != null) {
      oidc.close();
    }
    return mongo == null ? Future.succeededFuture() : mongo.close();
  }
}
