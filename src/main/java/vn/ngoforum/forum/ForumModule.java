package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.realtime.EventBusBridge;
import vn.ngoforum.web.Views;

/**
 * The discussion forum as the composition root sees it: categories, threads, posts, attachments, moderation,
 * notifications and search. Built once per HTTP verticle from the client, the configuration and the ports it needs
 * ({@link Memberships}); it offers other features its own ports ({@link ForumThreads}, {@link OrganisationThreads}).
 *
 * <p>Once per process, before the HTTP verticles: {@link #createIndexes}, {@link #seedDemoData} (into an empty
 * database) and {@link #startBackgroundWork} (the sweep of uploads no post carries).
 */
public final class ForumModule {

  private final MongoClient mongo;
  private final Memberships memberships;
  private final ForumService categories;
  private final ForumRoutes routes;

  public ForumModule(Vertx vertx, MongoClient mongo, AppConfig config, Memberships memberships, Views views) {
    this.mongo = mongo;
    this.memberships = memberships;
    this.categories = new ForumService(mongo);
    this.routes = new ForumRoutes(vertx, mongo, categories, views, memberships, config.smtp(), config.publicUrl(),
        config.uploadBytesPerDay());
  }

  public static Future<Void> createIndexes(MongoClient mongo) {
    return new ForumService(mongo).createIndexes();
  }

  public static Future<Void> seedDemoData(MongoClient mongo) {
    return new ForumService(mongo).seedDemoData();
  }

  /** The node's background work: removing uploads that no post carries. */
  public static void startBackgroundWork(Vertx vertx, MongoClient mongo) {
    new ForumService(mongo).removeUnusedUploadsPeriodically(vertx);
  }

  /** Before any body is read: files only from people who may post (the attachments API, the forms with files). */
  public void mountUploadChecks(Router router) {
    router.post().handler(ForumRoutes.mayUpload(memberships));
  }

  /**
   * The body handlers of the routes that take files, mounted before the router's shared one (which then steps
   * aside): the attachments API (one file of 10 MB) and the new-thread and reply forms (multipart, up to 5 × 10 MB,
   * to files in {@code uploadDir} deleted when the request ends).
   */
  public void mountBodyHandlers(Router router, String uploadDir) {
    router.post(ForumRoutes.UPLOAD_PATH).handler(BodyHandler.create(false)
        .setBodyLimit(ForumRoutes.UPLOAD_BODY_LIMIT));
    BodyHandler formUploads = BodyHandler.create(uploadDir)
        .setBodyLimit(ForumRoutes.FORM_UPLOAD_BODY_LIMIT).setDeleteUploadedFilesOnEnd(true);
    router.post().handler(ctx -> {
      if (ForumRoutes.isUploadForm(ctx)) {
        formUploads.handle(ctx);
      } else {
        ctx.next();
      }
    });
  }

  /** The forum's pages and API, and who may follow a thread live. */
  public void mount(Router router, EventBusBridge bridge) {
    routes.mount(router, bridge);
  }

  /** What other features may do in the forum (Q&amp;A carries questions into threads; the home page lists categories). */
  public ForumThreads threads() {
    return routes.threads();
  }

  /** What organisations said in the forum, for their profiles. */
  public OrganisationThreads organisationThreads() {
    return OrganisationThreads.of(mongo);
  }
}
