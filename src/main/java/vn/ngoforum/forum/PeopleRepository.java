package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;
import vn.ngoforum.auth.CurrentUser;

/**
 * The {@code forum_people} collection: who has written in the forum, by username, so that an {@code @username}
 * in a post finds the person to notify. (People who have never posted cannot be mentioned yet.)
 */
final class PeopleRepository {

  static final String PEOPLE = "forum_people";

  private final MongoClient mongo;

  PeopleRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** Records (or refreshes) the person's username and name. */
  Future<Void> remember(CurrentUser user) {
    return mongo.updateCollectionWithOptions(PEOPLE, new JsonObject().put("_id", user.id()),
        new JsonObject().put("$set", new JsonObject().put("username", user.username()).put("name", user.name())),
        new UpdateOptions().setUpsert(true)).mapEmpty();
  }

  /** The people with these usernames (those the forum knows). */
  Future<List<JsonObject>> byUsernames(List<String> usernames) {
    return mongo.find(PEOPLE, new JsonObject().put("username", new JsonObject().put("$in", new JsonArray(usernames))));
  }

  Future<Void> createIndexes() {
    return mongo.createIndex(PEOPLE, new JsonObject().put("username", 1));
  }
}
