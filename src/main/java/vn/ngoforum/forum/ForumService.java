package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.error.ForumException;

/** Discussion categories, and the start-up work of the forum feature (indexes, demo data). */
public final class ForumService {

  /** How often each node looks for uploads that no post carries (see {@link #removeUnusedUploads()}). */
  static final Duration UNUSED_UPLOADS_EVERY = Duration.ofMinutes(15);
  private static final Logger LOG = LoggerFactory.getLogger(ForumService.class);

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

  /**
   * Creates a category (forum admins); answers its public view. A taken slug is a 409. The audit log records it.
   */
  Future<JsonObject> createCategory(CurrentUser admin, String slug, JsonObject name, JsonObject description,
      int position, String visibility) {
    JsonObject category = new JsonObject()
        .put("_id", slug)
        .put("name", name)
        .put("description", description == null ? new JsonObject().put("vi", "").put("en", "") : description)
        .put("position", position)
        .put("visibility", visibility)
        .put("createdAt", new JsonObject().put("$date", Instant.now().toString()));
    return categories.insert(category)
        .recover(failure -> Mongo.isDuplicateKey(failure)
            ? Future.failedFuture(ForumException.conflict("A category with the slug " + slug + " exists already."))
            : Future.failedFuture(failure))
        .compose(v -> new AuditLog(mongo).record(admin, "category.create", "category", slug, null, category))
        .map(v -> publicView(category));
  }

  /** Changes a category's names, description, position or visibility (forum admins); audited. */
  Future<JsonObject> updateCategory(CurrentUser admin, String slug, JsonObject changes) {
    return categories.update(slug, changes)
        .compose(found -> found ? new AuditLog(mongo).record(admin, "category.update", "category", slug, null, changes)
            : Future.failedFuture(ForumException.notFound("There is no such category.")))
        .compose(v -> categories.find(slug))
        .map(ForumService::publicView);
  }

  /**
   * Removes the uploads that no post carries, made more than {@link AttachmentService#UNUSED_REMOVED_AFTER} ago
   * (and their bytes); answers how many. Background work, idempotent: every node may run it.
   */
  public Future<Integer> removeUnusedUploads() {
    return new UnusedUploads(mongo).removeMadeBefore(Instant.now().minus(AttachmentService.UNUSED_REMOVED_AFTER));
  }

  /**
   * Runs {@link #removeUnusedUploads()} every {@link #UNUSED_UPLOADS_EVERY} on this node, from the caller's verticle
   * (its timer ends with it); a run still going when the next is due makes that one skip.
   */
  public void removeUnusedUploadsPeriodically(Vertx vertx) {
    AtomicBoolean running = new AtomicBoolean();
    vertx.setPeriodic(UNUSED_UPLOADS_EVERY.toMillis(), id -> {
      if (!running.compareAndSet(false, true)) {
        return;
      }
      removeUnusedUploads()
          .onSuccess(removed -> {
            if (removed > 0) {
              LOG.info("Removed {} uploads that no post carries", removed);
            }
          })
          .onFailure(failure -> LOG.warn("Could not remove unused uploads: {}", failure.toString()))
          .onComplete(done -> running.set(false));
    });
  }

  public Future<Void> createIndexes() {
    return Future.all(categories.createIndexes(), threads.createIndexes(), threads.dropThreadWords(),
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
