package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import vn.ngoforum.db.Mongo;

/** The {@code categories} collection: one document per category, keyed by its slug. */
final class CategoryRepository {

  static final String CATEGORIES = "categories";

  private final MongoClient mongo;

  CategoryRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** All categories in their display order. */
  Future<List<JsonObject>> listInOrder() {
    return mongo.findWithOptions(CATEGORIES, new JsonObject(),
        new FindOptions().setSort(new JsonObject().put("position", 1)));
  }

  /** The category with this slug, or {@code null}. */
  Future<JsonObject> find(String slug) {
    return mongo.findOne(CATEGORIES, new JsonObject().put("_id", slug), null);
  }

  /** Inserts a new category; fails with the driver's duplicate-key error when the slug is taken. */
  Future<Void> insert(JsonObject category) {
    return mongo.insert(CATEGORIES, category).mapEmpty();
  }

  /** Sets the given fields of a category; answers whether it exists. */
  Future<Boolean> update(String slug, JsonObject changes) {
    return mongo.updateCollection(CATEGORIES, new JsonObject().put("_id", slug),
        new JsonObject().put("$set", changes)).map(result -> result.getDocMatched() == 1);
  }

  Future<Long> count() {
    return mongo.count(CATEGORIES, new JsonObject());
  }

  /** Inserts a category; one that already exists (same slug) is left as it is. */
  Future<Void> insertIfAbsent(JsonObject category) {
    return mongo.insert(CATEGORIES, category)
        .<Void>mapEmpty()
        .recover(failure -> Mongo.isDuplicateKey(failure) ? Future.succeededFuture() : Future.failedFuture(failure));
  }

  Future<Void> createIndexes() {
    return mongo.createIndex(CATEGORIES, new JsonObject().put("position", 1));
  }
}
