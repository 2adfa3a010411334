package vn.ngoforum;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mongo.MongoClient;
import vn.ngoforum.auth.Oidc;
import vn.ngoforum.consultations.ConsultationsModule;
import vn.ngoforum.forum.ForumModule;
import vn.ngoforum.qa.QaModule;
import vn.ngoforum.registry.RegistryModule;
import vn.ngoforum.search.FindableSource;
import vn.ngoforum.search.Indexer;
import vn.ngoforum.signin.SignInModule;
import java.util.ArrayList;
import java.util.List;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.ops.ManagementVerticle;
import vn.ngoforum.web.Idempotency;
import vn.ngoforum.web.KeyExpiry;
import vn.ngoforum.web.RateLimiter;

/**
 * Starts the forum in order: database indexes → demo data (once, into an empty database) → the background sweep of
 * expired keys and counters ({@link KeyExpiry}) → Keycloak discovery (never fatal, see {@link Oidc}) → the HTTP
 * verticles → the management listener (metrics, liveness, readiness: {@link ManagementVerticle}). Its start future
 * completes when the forum serves. It also runs the node's other background work: removing uploads that no post
 * carries.
 */
public final class MainVerticle extends VerticleBase {

  private final AppConfig config;
  private Oidc oidc;
  private MongoClient mongo;
  private Indexer search;

  public MainVerticle(AppConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    mongo = Mongo.client(vertx, config);
    oidc = new Oidc(vertx, config);
    return Future.all(List.of(SignInModule.createIndexes(mongo), new AuditLog(mongo).createIndexes(),
            new RateLimiter(mongo).createIndexes(), new Idempotency(mongo).createIndexes(),
            ForumModule.createIndexes(mongo), QaModule.createIndexes(mongo),
            RegistryModule.createIndexes(vertx, mongo)))
        .compose(v -> config.demoData()
            ? ForumModule.seedDemoData(mongo).compose(seeded -> QaModule.seedDemoData(mongo))
                .compose(seeded -> RegistryModule.seedDemoData(vertx, mongo))
            : Future.succeededFuture())
        .compose(v -> vertx.deployVerticle(new KeyExpiry(mongo)))
        .compose(v -> {
          List<FindableSource> findables = new ArrayList<>(ForumModule.findables(mongo));
          findables.add(QaModule.findables(mongo));
          findables.add(RegistryModule.findables(mongo));
          findables.add(ConsultationsModule.findables(mongo));
          search = new Indexer(config.dataDir().resolve("search-" + config.httpPort()), mongo, findables);
          return vertx.deployVerticle(search, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER));
        })
        .onSuccess(v -> ForumModule.startBackgroundWork(vertx, mongo, config))
        .onSuccess(v -> RegistryModule.startBackgroundWork(vertx, mongo))
        .onSuccess(v -> AuditLog.startBackgroundWork(mongo))
        .onSuccess(v -> ConsultationsModule.startBackgroundWork(mongo, RegistryModule.memberships(mongo)))
        .compose(v -> oidc.start())
        .compose(v -> vertx.deployVerticle(() -> new HttpVerticle(config, oidc, search),
            new DeploymentOptions().setInstances(config.httpInstances())))
        .compose(v -> vertx.deployVerticle(new ManagementVerticle(config.managementHost(), config.managementPort(),
            () -> Mongo.ping(mongo), () -> oidc.provider().isPresent())));
  }

  @Override
  public Future<?> stop() {
    if (oidc != null) {
      oidc.close();
    }
    return mongo == null ? Future.succeededFuture() : mongo.close();
  }
}
