package vn.ngoforum.forum.moderation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.List;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.forum.common.Person;

/**
 * The {@code flags} collection: a reader's report that a post needs a moderator's look ({@link Flag}), one per
 * person and post (the id is {@code postId-userId}, so a second flag by the same person is a duplicate key).
 */
public record FlagRepository(MongoClient mongo) {

  public static final String FLAGS = "flags";

  /** Stores a new flag; answers {@code false} when this person has flagged this post already. */
  Future<Boolean> insertOnce(Flag flag) {
    JsonObject doc = new JsonObject()
        .put("_id", flag.id())
        .put("postId", flag.postId())
        .put("threadId", flag.threadId())
        .put("reason", flag.reason())
        .put("by", flag.by().toJson())
        .put("at", Dates.of(flag.at()))
        .put("status", flag.status());
    return mongo.insert(FLAGS, doc).map(true)
        .recover(failure -> Mongo.isDuplicateKey(failure) ? Future.succeededFuture(false)
            : Future.failedFuture(failure));
  }

  /** The flag, or {@code null}. */
  Future<Flag> find(String id) {
    return mongo.findOne(FLAGS, new JsonObject().put("_id", id), null).map(FlagRepository::flag);
  }

  /** Open flags, oldest first: the moderators' review queue. */
  Future<List<Flag>> open(int limit) {
    return mongo.findWithOptions(FLAGS, new JsonObject().put("status", Flag.OPEN),
            new FindOptions().setSort(new JsonObject().put("at", 1)).setLimit(limit))
        .map(docs -> docs.stream().map(FlagRepository::flag).toList());
  }

  /** Closes every open flag of a post with the moderator's decision ({@code resolution}: hide or dismiss). */
  Future<Void> resolveAll(String postId, String resolution, Person moderator, Instant at) {
    JsonObject resolved = new JsonObject().put("resolution", resolution).put("resolvedBy", moderator.toJson())
        .put("resolvedAt", Dates.of(at)).put("status", "resolved");
    return mongo.updateCollectionWithOptions(FLAGS, new JsonObject().put("postId", postId).put("status", Flag.OPEN),
        new JsonObject().put("$set", resolved), new UpdateOptions().setMulti(true)).mapEmpty();
  }

  public Future<Void> createIndexes() {
    return Future.all(mongo.createIndex(FLAGS, new JsonObject().put("status", 1).put("at", 1)),
        mongo.createIndex(FLAGS, new JsonObject().put("postId", 1).put("status", 1))).mapEmpty();
  }

  private static Flag flag(JsonObject doc) {
    return doc == null ? null : new Flag(doc.getString("_id"), doc.getString("postId"), doc.getString("threadId"),
        doc.getString("reason"), Person.from(doc.getJsonObject("by")), Dates.instant(doc.getValue("at")),
        doc.getString("status"));
  }
}
