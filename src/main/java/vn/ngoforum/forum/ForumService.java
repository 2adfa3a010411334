package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.List;

/** Discussion categories, and the start-up work of the forum feature (indexes, demo data). */
public final class ForumService {

  private final CategoryRepository categories;
  private final ThreadRepository threads;
  private final MongoClient mongo;

  public ForumService(MongoClient mongo) {
    this.mongo = mongo;
    this.categories = new CategoryRepository(mongo);
    this.threads = new ThreadRepository(mongo);
  }

  /** Categories in display order, as {@code {slug, name:{vi,en}, description:{vi,en}, position, visibility}}. */
  public Future<List<JsonObject>> categories() {
    return categories.listInOrder().map(docs -> docs.stream().map(ForumService::publicView).toList());
  }

  public Future<Void> createIndexes() {
    return Future.all(categories.createIndexes(), threads.createIndexes(),
        new NotificationRepository(mongo).createIndexes(), new PeopleRepository(mongo).createIndexes(),
        new FlagRepository(mongo).createIndexes()).mapEmpty();
  }

  /**
   * Creates the workshop's categories when there are none yet. Safe when two nodes start at once: each category
   * has a fixed slug, so the second insert of the same one is ignored.
   */
  public Future<Void> seedDemoData() {
    return categories.count().compose(count -> {
      if (count > 0) {
        return Future.succeededFuture();
      }
      Future<Void> chain = Future.succeededFuture();
      for (JsonObject category : DemoCategories.all(Instant.now())) {
        chain = chain.compose(v -> categories.insertIfAbsent(category));
      }
      return chain;
    });
  }

  static JsonObject publicView(JsonObject doc) {
    return new JsonObject()
        .put("slug", doc.getString("_id"))
        .put("name", doc.getJsonObject("name"))
        .put("description", doc.getJsonObject("description"))
        .put("position", doc.getInteger("position"))
        .put("visibility", doc.getString("visibility", "public"))
        .put("url", "/c/" + doc.getString("_id"));
  }
}
