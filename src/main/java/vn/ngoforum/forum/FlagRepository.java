package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;

/**
 * The {@code flags} collection: a reader's report that a post needs a moderator's look, one per person and post
 * (the id is {@code postId-userId}, so a second flag by the same person is a duplicate key).
 */
final class FlagRepository {

  static final String FLAGS = "flags";

  private final MongoClient mongo;

  FlagRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  Future<Void> insert(JsonObject flag) {
    return mongo.insert(FLAGS, flag).mapEmpty();
  }

  Future<JsonObject> find(String id) {
    return mongo.findOne(FLAGS, new JsonObject().put("_id", id), null);
  }

  /** Open flags, oldest first: the moderators' review queue. */
  Future<List<JsonObject>> open(int limit) {
    return mongo.findWithOptions(FLAGS, new JsonObject().put("status", "open"),
        new FindOptions().setSort(new JsonObject().put("at", 1)).setLimit(limit));
  }

  /** Closes every open flag of a post with the moderator's decision. */
  Future<Void> resolveAll(String postId, JsonObject resolution) {
    return mongo.updateCollectionWithOptions(FLAGS, new JsonObject().put("postId", postId).put("status", "open"),
        new JsonObject().put("$set", resolution.copy().put("status", "resolved")),
        new UpdateOptions().setMulti(true)).mapEmpty();
  }

  Future<Void> createIndexes() {
    return Future.all(mongo.createIndex(FLAGS, new JsonObject().put("status", 1).put("at", 1)),
        mongo.createIndex(FLAGS, new JsonObject().put("postId", 1).put("status", 1))).mapEmpty();
  }
}
