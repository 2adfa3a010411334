package vn.ngoforum.qa;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.forum.ForumThreads;
import vn.ngoforum.realtime.EventBusBridge;
import vn.ngoforum.web.Views;

/**
 * Live workshop Q&amp;A as the composition root sees it: events, sessions, questions, votes, polls and exports.
 * Built once per HTTP verticle from the ports it needs ({@link Memberships}, {@link ForumThreads}); it offers
 * {@link LatestEvents} and {@link OrganisationQuestions} to other features.
 */
public final class QaModule {

  private final MongoClient mongo;
  private final QaService qa;
  private final QaRoutes routes;

  public QaModule(Vertx vertx, MongoClient mongo, AppConfig config, Memberships memberships, ForumThreads forum,
      Views views) {
    this.mongo = mongo;
    this.qa = new QaService(vertx, mongo, memberships);
    this.routes = new QaRoutes(qa, mongo, views, config.publicUrl(), forum);
  }

  public static Future<Void> createIndexes(MongoClient mongo) {
    return new QaService(mongo).createIndexes();
  }

  public static Future<Void> seedDemoData(MongoClient mongo) {
    return new QaService(mongo).seedDemoData();
  }

  /** The Q&amp;A pages and API, and who may follow a session (and its moderation queue) live. */
  public void mount(Router router, EventBusBridge bridge) {
    routes.mount(router, bridge);
  }

  public LatestEvents latestEvents() {
    return qa::latestEvents;
  }

  /** What organisations asked in workshops, for their profiles. */
  public OrganisationQuestions organisationQuestions() {
    return OrganisationQuestions.from(mongo);
  }
}
