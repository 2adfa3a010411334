package vn.ngoforum.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.forum.OrganisationThreads;
import vn.ngoforum.qa.OrganisationQuestions;
import vn.ngoforum.web.Idempotency;
import vn.ngoforum.web.RateLimiter;
import vn.ngoforum.web.Views;

/**
 * The NGO registry as the composition root sees it: organisations, their members, verification and the directory.
 * It is the forum's {@link Memberships}: who belongs where decides member rights everywhere. Its profile pages show
 * what an organisation said, through the forum's and Q&amp;A's ports.
 */
public final class RegistryModule {

  private final RegistryService registry;
  private final Views views;
  private final MongoClient mongo;

  public RegistryModule(Vertx vertx, MongoClient mongo, Views views) {
    this.registry = new RegistryService(vertx, mongo);
    this.views = views;
    this.mongo = mongo;
  }

  public static Future<Void> createIndexes(Vertx vertx, MongoClient mongo) {
    return new RegistryService(vertx, mongo).createIndexes();
  }

  public static Future<Void> seedDemoData(Vertx vertx, MongoClient mongo) {
    return new RegistryService(vertx, mongo).seedDemoData();
  }

  /** Who belongs to which organisation, and the rule of member rights that follows. */
  public Memberships memberships() {
    return registry;
  }

  /** The body handler of the logo form, mounted before the router's shared one ({@code uploadDir}: its temp files). */
  public void mountBodyHandlers(Router router, String uploadDir) {
    router.post(RegistryRoutes.LOGO_FORM_PATH).handler(RegistryRoutes.logoFormBody(uploadDir));
  }

  /** The directory, profiles and their forms, and the API. */
  public void mount(Router router, OrganisationThreads threads, OrganisationQuestions questions) {
    new RegistryRoutes(registry, views, new RateLimiter(mongo), new Idempotency(mongo),
        new OrganisationActivity(threads, questions)).mount(router);
  }
}
