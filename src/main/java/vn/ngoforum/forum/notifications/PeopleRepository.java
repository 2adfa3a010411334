package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import io.vertx.ext.mongo.BulkOperation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.db.Batches;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Marker;

/**
 * The {@code forum_people} collection: who has written in the forum ({@link KnownPerson}), by username, so that an
 * {@code @username} in a post finds the person to notify. (People who have never posted cannot be mentioned yet.)
 * Mentions are read by key: {@code forum_usernames} holds one {@code {_id: username in lower case, userId}} per
 * person, kept by {@link #remember}, filled for people remembered before it by {@link #migrate}.
 */
public final class PeopleRepository {

  static final String PEOPLE = "forum_people";
  static final String USERNAMES = "forum_usernames";
  static final String MIGRATIONS = "forum_migrations";
  static final String USERNAMES_MIGRATION = "people-usernames";
  private static final int MIGRATION_BATCH = 500;

  private final MongoClient mongo;

  /** Seen once {@link #migrate} has run: from then on mentions never fall back to the username filter. */
  private final Marker migrated = new Marker(MIGRATIONS, USERNAMES_MIGRATION);

  public PeopleRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  /**
   * Records (or refreshes) the person's username, name, e-mail and realm roles as their session or token shows
   * them now ({@code roles} with {@code rolesAt}): what the forum knows of their rights when they are mentioned
   * later, without their session.
   */
  public Future<Void> remember(CurrentUser user) {
    JsonArray roles = new JsonArray(user.roles().stream().map(Role::realmRole).toList());
    return mongo.updateCollectionWithOptions(PEOPLE, new JsonObject().put("_id", user.id()),
        new JsonObject().put("$set", new JsonObject().put("username", user.username()).put("name", user.name())
                .put("email", user.email()).put("roles", roles)
                .put("rolesAt", Dates.of(Instant.now())))
            .put("$setOnInsert", new JsonObject().put("firstSeenAt", Dates.of(Instant.now()))),
        new UpdateOptions().setUpsert(true))
        .compose(v -> user.username() == null ? Future.<Void>succeededFuture()
            : mongo.updateCollectionWithOptions(USERNAMES, new JsonObject().put("_id", lower(user.username())),
                new JsonObject().put("$set", new JsonObject().put("userId", user.id())),
                new UpdateOptions().setUpsert(true)).mapEmpty());
  }

  /** The person as last seen, or {@code null}. */
  public Future<KnownPerson> find(String userId) {
    return mongo.findOne(PEOPLE, new JsonObject().put("_id", userId), null).map(PeopleRepository::person);
  }

  /**
   * The person with this username (in any case), or {@code null}: their key in {@code forum_usernames}, then the
   * person, both by {@code _id} (a profile page's read); kept only if their username is still the one asked.
   */
  public Future<KnownPerson> byUsername(String username) {
    return mongo.findOne(USERNAMES, new JsonObject().put("_id", lower(username)), null)
        .compose(key -> key == null ? Future.<KnownPerson>succeededFuture() : find(key.getString("userId")))
        .map(person -> person != null && person.username() != null
            && lower(person.username()).equals(lower(username)) ? person : null);
  }

  /**
   * Keeps the display name the person chose (their profile and the API show it); {@link #remember}s them first, so
   * that someone who has not written yet has a profile from then on.
   */
  public Future<Void> rename(CurrentUser user, String displayName) {
    return remember(user).compose(v -> mongo.updateCollection(PEOPLE, new JsonObject().put("_id", user.id()),
        new JsonObject().put("$set", new JsonObject().put("displayName", displayName)))).mapEmpty();
  }

  /**
   * The person closed their account: their name, display name and e-mail are forgotten and they are marked closed
   * (their profile shows a former member). By key; doing it again changes nothing. Their username key stays, so that
   * their profile's address still answers.
   */
  public Future<Void> close(String userId) {
    return mongo.updateCollectionWithOptions(PEOPLE, new JsonObject().put("_id", userId),
        new JsonObject().put("$set", new JsonObject().put("closed", true))
            .put("$unset", new JsonObject().put("name", "").put("displayName", "").put("email", "")),
        new UpdateOptions().setUpsert(true)).mapEmpty();
  }

  /**
   * Whether the forum may e-mail the person and at which address, in one read by key: not once they closed their
   * account ({@link #close}; their last sign-in still holds the address); else their address as Keycloak last told it
   * ({@code null} when the forum knows none).
   */
  Future<Mailbox> mailbox(String userId) {
    return mongo.findOne(PEOPLE, new JsonObject().put("_id", userId), new JsonObject().put("closed", 1).put("email", 1))
        .map(doc -> doc == null ? new Mailbox(true, null)
            : new Mailbox(!doc.getBoolean("closed", false), doc.getString("email")));
  }

  /** See {@link #mailbox}: {@code reachable} false once the person closed their account. */
  record Mailbox(boolean reachable, String email) {
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

  /**
   * The people with these usernames (those the forum knows), in the order asked: their keys in
   * {@code forum_usernames} by {@code _id $in}, then the people by {@code _id $in}, kept only if their username is
   * still the one asked (a renamed person's old key may linger). Until {@link #migrate} has run, by the username
   * filter as before (a scan: only in an upgrade's first moments).
   */
  Future<List<KnownPerson>> byUsernames(List<String> usernames) {
    return migrated.isSet(mongo).compose(migrated -> migrated ? byKeys(usernames)
        : mongo.find(PEOPLE, new JsonObject().put("username", new JsonObject().put("$in", new JsonArray(usernames))))
            .map(docs -> docs.stream().map(PeopleRepository::person).toList()));
  }

  private Future<List<KnownPerson>> byKeys(List<String> usernames) {
    Set<String> keys = usernames.stream().map(PeopleRepository::lower).collect(Collectors.toCollection(
        LinkedHashSet::new));
    return mongo.find(USERNAMES, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(
            List.copyOf(keys)))))
        .compose(found -> {
          Map<String, String> idByKey = found.stream().collect(Collectors.toMap(doc -> doc.getString("_id"),
              doc -> doc.getString("userId")));
          List<String> ids = keys.stream().map(idByKey::get).filter(id -> id != null).distinct().toList();
          if (ids.isEmpty()) {
            return Future.succeededFuture(List.<KnownPerson>of());
          }
          return mongo.find(PEOPLE, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(ids))))
              .map(docs -> {
                Map<String, KnownPerson> byId = docs.stream().map(PeopleRepository::person)
                    .collect(Collectors.toMap(KnownPerson::id, Function.identity()));
                Set<String> asked = Set.copyOf(usernames);
                return ids.stream().map(byId::get)
                    .filter(person -> person != null && asked.contains(person.username())).toList();
              });
        });
  }

  /**
   * Once, in the background at start-up, for a forum upgraded from before mentions were read by key: gives every
   * person remembered so far their {@code forum_usernames} key (only where none is there: {@link #remember} may
   * have written a fresher one meanwhile), then notes that it is done (a later start-up does nothing). A scan of
   * the people, fine in the background; idempotent, a run cut short is run again whole.
   */
  public Future<Void> migrate() {
    return migrated.isSet(mongo).compose(done -> done ? Future.<Void>succeededFuture() : Batches.each(
            mongo, PEOPLE, new JsonObject(), new FindOptions().setFields(new JsonObject().put("username", 1)),
            MIGRATION_BATCH, doc -> doc, this::migrate)
        .compose(v -> migrated.set(mongo)));
  }

  private Future<Void> migrate(List<JsonObject> docs) {
    List<BulkOperation> keys = new ArrayList<>();
    for (JsonObject doc : docs) {
      if (doc.getString("username") != null) {
        keys.add(BulkOperation.createUpdate(new JsonObject().put("_id", lower(doc.getString("username"))),
            new JsonObject().put("$setOnInsert", new JsonObject().put("userId", doc.getString("_id"))), true,
            false));
      }
    }
    return keys.isEmpty() ? Future.succeededFuture() : mongo.bulkWrite(USERNAMES, keys).mapEmpty();
  }

  private static String lower(String username) {
    return username.toLowerCase(Locale.ROOT);
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
        Dates.instant(doc.getValue("firstSeenAt")), doc.getString("displayName"), doc.getBoolean("closed", false));
  }
}
