package vn.ngoforum.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

/** The {@code users} collection: one document per person who has signed in, keyed by their Keycloak id. */
public record UserRepository(MongoClient mongo) {

  static final String USERS = "users";

  /** Creates or refreshes the person's record from what Keycloak says about them now. */
  public Future<Void> upsert(CurrentUser user) {
    JsonObject now = new JsonObject().put("$date", java.time.Instant.now().toString());
    JsonObject update = new JsonObject()
        .put("$set", new JsonObject()
            .put("username", user.username())
            .put("name", user.name())
            .put("email", user.email())
            .put("locale", user.locale())
            .put("roles", user.toJson().getJsonArray("roles"))
            .put("lastSignInAt", now))
        .put("$setOnInsert", new JsonObject().put("createdAt", now));
    return mongo.updateCollectionWithOptions(USERS, new JsonObject().put("_id", user.id()), update,
        new UpdateOptions().setUpsert(true)).mapEmpty();
  }

  /** The person's record ({@code _id}, username, name, email, locale, roles, lastSignInAt), or {@code null}. */
  Future<JsonObject> find(String userId) {
    return mongo.findOne(USERS, new JsonObject().put("_id", userId), null);
  }

  /** Indexes that the collection needs: people are found by username (mentions, admin pages). */
  public Future<Void> createIndexes() {
    return mongo.createIndex(USERS, new JsonObject().put("username", 1));
  }
}
