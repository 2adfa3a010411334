package vn.ngoforum.forum.categories;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Fields;
import vn.ngoforum.db.Keys;
import vn.ngoforum.db.Mongo;

/**
 * The {@code categories} collection: one document per category, keyed by its slug, with its names, description,
 * position, visibility and when it was made. A small collection by nature: read whole and in order.
 */
public record CategoryRepository(MongoClient mongo) {

  public static final String CATEGORIES = "categories";

  /** All categories in their display order. */
  public Future<List<Category>> listInOrder() {
    return mongo.findWithOptions(CATEGORIES, new JsonObject(),
            new FindOptions().setSort(new JsonObject().put("position", 1)))
        .map(docs -> docs.stream().map(CategoryRepository::category).toList());
  }

  /** The category with this slug, or {@code null}. */
  public Future<Category> find(String slug) {
    return mongo.findOne(CATEGORIES, new JsonObject().put("_id", slug), null).map(CategoryRepository::category);
  }

  /** The categories with these slugs (those that exist), by {@code _id $in}. */
  public Future<List<Category>> findAll(Collection<String> slugs) {
    return Keys.findAll(mongo, CATEGORIES, slugs, null, CategoryRepository::category);
  }

  /** Inserts a new category; fails with the driver's duplicate-key error when the slug is taken. */
  public Future<Void> insert(Category category, Instant createdAt) {
    return mongo.insert(CATEGORIES, document(category, createdAt)).mapEmpty();
  }

  /** Inserts a category; one that already exists (same slug) is left as it is. */
  public Future<Void> insertIfAbsent(Category category, Instant createdAt) {
    return Mongo.unlessDuplicate(insert(category, createdAt));
  }

  /**
   * The changes to a category: those of its names, description, position and visibility that are not {@code null}
   * (empty when all are).
   */
  public static JsonObject changes(JsonObject name, JsonObject description, Integer position, String visibility) {
    return Fields.of().put("name", name).put("description", description).put("position", position)
        .put("visibility", visibility).json();
  }

  /** Sets {@code changes} (from {@link #changes}) on a category; answers whether the category exists. */
  public Future<Boolean> update(String slug, JsonObject changes) {
    return mongo.updateCollection(CATEGORIES, new JsonObject().put("_id", slug),
        new JsonObject().put("$set", changes)).map(result -> result.getDocMatched() == 1);
  }

  public Future<Long> count() {
    return mongo.count(CATEGORIES, new JsonObject());
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(CATEGORIES, new JsonObject().put("position", 1));
  }

  /** The document of a category as stored (also what the audit log keeps of a new one). */
  static JsonObject document(Category category, Instant createdAt) {
    return new JsonObject()
        .put("_id", category.slug())
        .put("name", category.name())
        .put("description", category.description())
        .put("position", category.position())
        .put("visibility", category.visibility())
        .put("createdAt", Dates.of(createdAt));
  }

  private static Category category(JsonObject doc) {
    return doc == null ? null : new Category(doc.getString("_id"), doc.getJsonObject("name"),
        doc.getJsonObject("description"), doc.getInteger("position"), doc.getString("visibility", Category.PUBLIC));
  }
}
