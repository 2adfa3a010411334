package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.List;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.db.Dates;

/**
 * The {@code forum_people} collection: who has written in the forum ({@link KnownPerson}), by username, so that an
 * {@code @username} in a post finds the person to notify. (People who have never posted cannot be mentioned yet.)
 */
public final class PeopleRepository {

  static final String PEOPLE = "forum_people";

  private final MongoClient mongo;

  public PeopleRepository(MongoClient mongo) {
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
                .put("rolesAt", Dates.of(Instant.now())))
            .put("$setOnInsert", new JsonObject().put("firstSeenAt", Dates.of(Instant.now()))),
        new UpdateOptions().setUpsert(true)).mapEmpty();
  }

  /** The person as last seen, or {@code null}. */
  Future<KnownPerson> find(String userId) {
    return mongo.findOne(PEOPLE, new JsonObject().put("_id", userId), null).map(PeopleRepository::person);
  }

  /** The person's e-mail address as Keycloak last told it, or {@code null}. */
  Future<String> email(String userId) {
    return mongo.findOne(PEOPLE, new JsonObject().put("_id", userId), new JsonObject().put("email", 1))
        .map(doc -> doc == null ? null : doc.getString("email"));
  }

  /** When the person first wrote in the forum; {@code null} if never (or before this was recorded). */
  public Future<Instant> firstSeen(String userId) {
    return mongo.findOne(PEOPLE, new JsonObject().put("_id", userId), new JsonObject().put("firstSeenAt", 1))
        .map(doc -> doc == null ? null : Dates.instant(doc.getValue("firstSeenAt")));
  }

  /** Up to {@code limit} people whose username or name starts with {@code prefix} (for @mention completion). */
  Future<List<KnownPerson>> startingWith(String prefix, int limit) {
    String pattern = "^" + prefix.replaceAll("([^\\p{L}\\p{N}_ ])", "\\\\$1");
    JsonObject query = new JsonObject().put("$or", new JsonArray()
        .add(new JsonObject().put("username", new JsonObject().put("$regex", pattern).put("$options", "i")))
        .add(new JsonObject().put("name", new JsonObject().put("$regex", pattern).put("$options", "i"))));
    return mongo.findWithOptions(PEOPLE, query, new FindOptions().setLimit(limit)
            .setSort(new JsonObject().put("username", 1)))
        .map(docs -> docs.stream().map(PeopleRepository::person).toList());
  }

  /** The people with these usernames (those the forum knows). */
  Future<List<KnownPerson>> byUsernames(List<String> usernames) {
    return mongo.find(PEOPLE, new JsonObject().put("username", new JsonObject().put("$in", new JsonArray(usernames))))
        .map(docs -> docs.stream().map(PeopleRepository::person).toList());
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(PEOPLE, new JsonObject().put("username", 1));
  }

  private static KnownPerson person(JsonObject doc) {
    if (doc == null) {
      return null;
    }
    JsonArray roles = doc.getJsonArray("roles", new JsonArray());
    return new KnownPerson(doc.getString("_id"), doc.getString("username"), doc.getString("name"),
        doc.getString("email"), roles.stream().map(String::valueOf).toList(), Dates.instant(doc.getValue("rolesAt")),
        Dates.instant(doc.getValue("firstSeenAt")));
  }
}
