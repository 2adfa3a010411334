package vn.ngoforum.forum.categories;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.common.ThreadChanges;
import vn.ngoforum.realtime.AccessChanges;

/**
 * Discussion categories: the list in display order, and the forum admins' creating and changing them, each
 * recorded in the audit log. A change shows on every thread of the category (its name on their pages, its visibility
 * deciding who reads them), so it is said as a change of every thread ({@link ThreadChanges#allChanged}) and, when
 * the visibility changed, every bridge checks who follows which thread again ({@link AccessChanges#allThreads}).
 */
public record CategoryService(Vertx vertx, CategoryRepository repository, AuditLog audit) {

  /** Categories in display order, as {@code {slug, name:{vi,en}, description:{vi,en}, position, visibility}}. */
  public Future<List<JsonObject>> categories() {
    return repository.listInOrder().map(list -> list.stream().map(Category::publicView).toList());
  }

  /** Creates a category (forum admins); answers its public view. A taken slug is a 409. The audit log records it. */
  Future<JsonObject> create(CurrentUser admin, String slug, JsonObject name, JsonObject description, int position,
      String visibility) {
    Category category = new Category(slug, name,
        description == null ? new JsonObject().put("vi", "").put("en", "") : description, position, visibility);
    Instant now = Instant.now();
    return repository.insert(category, now)
        .recover(failure -> Mongo.isDuplicateKey(failure)
            ? Future.failedFuture(ForumException.conflict("A category with the slug " + slug + " exists already.")
                .about("slug").withMessageKey("forum.admin.error_exists"))
            : Future.failedFuture(failure))
        .compose(v -> audit.record(admin, "category.create", "category", slug, null,
            CategoryRepository.document(category, now)))
        .map(v -> category.publicView());
  }

  /**
   * Changes those of a category's names, description, position and visibility that are not {@code null} (forum
   * admins); audited, and said as a change of every thread.
   */
  Future<JsonObject> update(CurrentUser admin, String slug, JsonObject name, JsonObject description,
      Integer position, String visibility) {
    JsonObject changes = CategoryRepository.changes(name, description, position, visibility);
    if (changes.isEmpty()) {
      return Future.failedFuture(ForumException.invalid(
          "Nothing to change: send name, description, position or visibility."));
    }
    return repository.update(slug, changes)
        .compose(found -> found ? audit.record(admin, "category.update", "category", slug, null, changes)
            : Future.failedFuture(ForumException.notFound("There is no such category.")))
        .onSuccess(v -> {
          ThreadChanges.allChanged(vertx);
          if (visibility != null) {
            // Closed to some readers: their open pages may follow none of its threads any more.
            AccessChanges.allThreads(vertx);
          }
        })
        .compose(v -> repository.find(slug))
        .map(Category::publicView);
  }
}
