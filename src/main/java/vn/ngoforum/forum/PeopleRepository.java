package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;

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

  /**
   * Records (or refreshes) the person's username, name, e-mail and realm roles as their session or token shows
   * them now ({@code roles} with {@code rolesAt}): what the forum knows of their rights when they are mentioned
   * later, without their session.
   */
  Future<Void> remember(CurrentUser user) {
    JsonArray roles = new JsonArray(user.roles().stream().map(Role::realmRole).toList());
    return mongo.updateCollectionWithOptions(PEOPLE, new JsonObject().put("_id", user.id()),
        new JsonObject().put("$set", new JsonObject().put("username", user.username()).put("name", user.name())
                .put("email", user.email()).put("roles", roles)
                .put("rolesAt", ThreadRepository.date(java.time.Instant.now())))
            .put("$setOnInsert", new JsonObject().put("firstSeenAt", ThreadRepository.date(java.time.Instant.now()))),
        new UpdateOptions().setUpsert(true)).mapEmpty();
  }

  /** The person's record ({@code username, name, email, roles, rolesAt, firstSeenAt}), or {@code null}. */
  Future<JsonObject> find(String userId) {
    return mongo.findOne(PEOPLE, new JsonObject().put("_id", userId), null);
  }

  /** The person's e-mail address as Keycloak last told it, or {@code null}. */
  Future<String> email(String userId) {
    return mongo.findOne(PEOPLE, new JsonObject().put("_id", userId), new JsonObject().put("email", 1))
        .map(doc -> doc == null ? null : doc.getString("email"));
  }

  /** When the person first wrote in the forum; {@code null} if never (or before this was recorded). */
  Future<java.time.Instant> firstSeen(CurrentUser user) {
    return mongo.findOne(PEOPLE, new JsonObject().put("_id", user.id()), new JsonObject().put("firstSeenAt", 1))
        .map(doc -> doc == null || doc.getValue("firstSeenAt") == null ? null
            : java.time.Instant.parse(ThreadService.iso(doc.getValue("firstSeenAt"))));
  }

  /** Up to {@code limit} people whose username or name starts with {@code prefix} (for @mention completion). */
  Future<List<JsonObject>> startingWith(String prefix, int limit) {
    String pattern = "^" + prefix.replaceAll("([^\\p{L}\\p{N}_ ])", "\\\\$1");
    JsonObject query = new JsonObject().put("$or", new JsonArray()
        .add(new JsonObject().put("username", new JsonObject().put("$regex", pattern).put("$options", "i")))
        .add(new JsonObject().put("name", new JsonObject().put("$regex", pattern).put("$options", "i"))));
    return mongo.findWithOptions(PEOPLE, query, new io.vertx.ext.mongo.FindOptions().setLimit(limit)
        .setSort(new JsonObject().put("username", 1)));
  }

  /** The people with these usernames (those the forum knows). */
  Future<List<JsonObject>> byUsernames(List<String> usernames) {
    return mongo.find(PEOPLE, new JsonObject().put("username", new JsonObject().put("$in", new JsonArray(usernames))));
  }

  Future<Void> createIndexes() {
    return mongo.createIndex(PEOPLE, new JsonObject().put("username", 1));
  }
}
