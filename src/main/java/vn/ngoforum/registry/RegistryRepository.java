package vn.ngoforum.registry;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.GridFsUploadOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.MongoClientUpdateResult;
import io.vertx.ext.mongo.MongoGridFsClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import vn.ngoforum.db.BufferReadStream;

/**
 * The registry's two collections. {@code organisations}: one document per organisation keyed by its slug, with
 * folded keys ({@code nameViKey}, {@code nameEnKey}, {@code acronymKey}) under unique indexes, so the same name or
 * acronym cannot be registered twice even by two requests at once, and a {@code tokens} array of the folded words
 * of its names and description for search. {@code memberships}: one document per (organisation, person), keyed
 * {@code slug|userId}, so a person has at most one request or membership per organisation.
 */
final class RegistryRepository {

  static final String ORGANISATIONS = "organisations";
  static final String MEMBERSHIPS = "memberships";
  /**
   * Where logos lived before GridFS: one document per organisation keyed by slug, the PNG in a binary field. Still
   * read for organisations whose logo was stored there (no {@code logoFile} on the organisation yet).
   */
  static final String LEGACY_LOGOS = "org_logos";
  /** The GridFS bucket of logos ({@code logos.files} and {@code logos.chunks}), one file per uploaded logo. */
  static final String LOGO_BUCKET = "logos";

  static final String PENDING = "pending";
  static final String APPROVED = "approved";
  static final String REJECTED = "rejected";
  static final String ADMIN = "admin";
  static final String MEMBER = "member";

  /** The most organisations the CSV export lists. */
  static final int MAX_EXPORT = 10_000;

  private final MongoClient mongo;
  /** Made once, on first use; a failure is not cached. */
  private volatile Future<MongoGridFsClient> logoBucket;

  RegistryRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  static JsonObject now() {
    return new JsonObject().put("$date", Instant.now().toString());
  }

  static String membershipId(String slug, String userId) {
    return slug + "|" + userId;
  }

  Future<Void> insertOrganisation(JsonObject organisation) {
    return mongo.insert(ORGANISATIONS, organisation).mapEmpty();
  }

  Future<Void> update(String slug, JsonObject update) {
    return mongo.updateCollection(ORGANISATIONS, new JsonObject().put("_id", slug), update).mapEmpty();
  }

  /** Stores the PNG as a new GridFS file and answers its id; the organisation then points at it. */
  Future<String> saveLogo(String slug, byte[] png) {
    GridFsUploadOptions options = new GridFsUploadOptions().setMetadata(new JsonObject()
        .put("org", slug).put("contentType", "image/png"));
    return logoBucket().compose(bucket -> bucket.uploadByFileNameWithOptions(
        new BufferReadStream(Buffer.buffer(png)), slug + ".png", options));
  }

  /** The PNG of GridFS file {@code fileId}, or {@code null} when there is no such file. */
  Future<byte[]> logoFile(String fileId) {
    return logoBucket().compose(bucket -> bucket.readById(fileId)
            .collect(Collectors.reducing(Buffer.buffer(), (a, b) -> a.appendBuffer(b))))
        .map(buffer -> buffer.length() == 0 ? null : buffer.getBytes())
        // A file removed behind our back is a missing logo (404), not a server error.
        .recover(failure -> failure instanceof com.mongodb.MongoGridFSException ? Future.succeededFuture(null)
            : Future.failedFuture(failure));
  }

  /** Removes an old logo file once the organisation points at its successor. */
  Future<Void> deleteLogoFile(String fileId) {
    return logoBucket().compose(bucket -> bucket.delete(fileId));
  }

  /** A logo stored before GridFS (collection {@value #LEGACY_LOGOS}), or {@code null}. */
  Future<byte[]> legacyLogo(String slug) {
    return mongo.findOne(LEGACY_LOGOS, new JsonObject().put("_id", slug), null)
        .map(doc -> doc == null ? null : doc.getJsonObject("png").getBinary("$binary"));
  }

  /** Drops a logo stored before GridFS once the organisation has a GridFS one. */
  Future<Void> deleteLegacyLogo(String slug) {
    return mongo.removeDocument(LEGACY_LOGOS, new JsonObject().put("_id", slug)).mapEmpty();
  }

  private Future<MongoGridFsClient> logoBucket() {
    Future<MongoGridFsClient> bucket = logoBucket;
    if (bucket == null || bucket.failed()) {
      bucket = mongo.createGridFsBucketService(LOGO_BUCKET);
      logoBucket = bucket;
    }
    return bucket;
  }

  Future<Long> countOrganisations() {
    return mongo.count(ORGANISATIONS, new JsonObject());
  }

  Future<JsonObject> organisation(String slug) {
    return mongo.findOne(ORGANISATIONS, new JsonObject().put("_id", slug), null);
  }

  /**
   * An organisation that already holds one of these folded names or this acronym, if any. A stand-in key of an
   * organisation without an acronym ({@code ~slug}) says nothing about a clash, so it is not looked for.
   */
  Future<JsonObject> clashing(String nameViKey, String nameEnKey, String acronymKey) {
    JsonArray names = new JsonArray().add(nameViKey).add(nameEnKey);
    JsonArray any = new JsonArray()
        .add(new JsonObject().put("nameViKey", new JsonObject().put("$in", names)))
        .add(new JsonObject().put("nameEnKey", new JsonObject().put("$in", names.copy())));
    if (!acronymKey.startsWith("~")) {
      any.add(new JsonObject().put("acronymKey", acronymKey));
    }
    return mongo.findOne(ORGANISATIONS, new JsonObject().put("$or", any), new JsonObject().put("_id", 1));
  }

  Future<List<JsonObject>> search(JsonObject query, JsonObject sort, int skip, int limit) {
    return mongo.findWithOptions(ORGANISATIONS, query, new FindOptions().setSort(sort).setSkip(skip)
        .setLimit(limit).setFields(new JsonObject().put("tokens", 0)));
  }

  Future<Long> count(JsonObject query) {
    return mongo.count(ORGANISATIONS, query);
  }

  Future<List<JsonObject>> organisations(List<String> slugs) {
    return mongo.find(ORGANISATIONS, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(slugs))));
  }

  /** Sets the verification; a request for it, answered now, is dropped. */
  Future<Boolean> setVerified(String slug, boolean verified, JsonObject verification) {
    JsonObject update = new JsonObject().put("$set", new JsonObject().put("verified", verified)
        .put("verification", verification)).put("$unset", new JsonObject().put("verificationRequest", ""));
    return mongo.updateCollection(ORGANISATIONS, new JsonObject().put("_id", slug), update)
        .map(result -> result.getDocMatched() > 0);
  }

  /** Number of organisations per value of {@code field} ({@code province} or {@code focusAreas}). */
  Future<List<JsonObject>> countBy(String field) {
    JsonArray pipeline = new JsonArray();
    if (field.equals("focusAreas")) {
      pipeline.add(new JsonObject().put("$unwind", "$focusAreas"));
    }
    pipeline.add(new JsonObject().put("$group", new JsonObject().put("_id", "$" + field)
        .put("count", new JsonObject().put("$sum", 1))));
    List<JsonObject> rows = new java.util.ArrayList<>();
    return Future.<Void>future(promise -> mongo.aggregate(ORGANISATIONS, pipeline)
            .exceptionHandler(promise::tryFail)
            .endHandler(v -> promise.tryComplete())
            .handler(rows::add))
        .map(v -> rows);
  }

  // ---- memberships

  Future<JsonObject> membership(String slug, String userId) {
    return mongo.findOne(MEMBERSHIPS, new JsonObject().put("_id", membershipId(slug, userId)), null);
  }

  Future<Void> insertMembership(JsonObject membership) {
    return mongo.insert(MEMBERSHIPS, membership).mapEmpty();
  }

  /** Makes (or renews) a pending request, unless the person is already an approved member. */
  Future<Boolean> request(String slug, String userId, String name, String username) {
    JsonObject filter = new JsonObject().put("_id", membershipId(slug, userId))
        .put("status", new JsonObject().put("$ne", APPROVED));
    JsonObject update = new JsonObject().put("$set", new JsonObject()
        .put("org", slug).put("userId", userId).put("name", name).put("username", username)
        .put("status", PENDING).put("role", MEMBER).put("requestedAt", now()));
    return mongo.updateCollectionWithOptions(MEMBERSHIPS, filter, update, new UpdateOptions().setUpsert(true))
        .map(result -> result.getDocMatched() > 0 || result.getDocUpsertedId() != null);
  }

  /** Moves a membership from {@code fromStatus} (and, if given, {@code fromRole}) to the new values. */
  Future<Boolean> transition(String slug, String userId, String fromStatus, String fromRole, JsonObject set) {
    JsonObject filter = new JsonObject().put("_id", membershipId(slug, userId)).put("status", fromStatus);
    if (fromRole != null) {
      filter.put("role", fromRole);
    }
    return mongo.updateCollection(MEMBERSHIPS, filter, new JsonObject().put("$set", set))
        .map(MongoClientUpdateResult::getDocMatched)
        .map(matched -> matched > 0);
  }

  Future<Boolean> deleteMembership(String slug, String userId) {
    return mongo.removeDocument(MEMBERSHIPS, new JsonObject().put("_id", membershipId(slug, userId))
            .put("status", APPROVED))
        .map(result -> result.getRemovedCount() > 0);
  }

  /** Puts a membership back exactly as it was (undoing a change that left an organisation without admins). */
  Future<Void> restoreMembership(JsonObject membership) {
    return mongo.save(MEMBERSHIPS, membership).mapEmpty();
  }

  Future<Long> countAdmins(String slug) {
    return mongo.count(MEMBERSHIPS, new JsonObject().put("org", slug).put("status", APPROVED).put("role", ADMIN));
  }

  /** The organisation's memberships in one status, oldest first. */
  Future<List<JsonObject>> members(String slug, String status) {
    return mongo.findWithOptions(MEMBERSHIPS, new JsonObject().put("org", slug).put("status", status),
        new FindOptions().setSort(new JsonObject().put("requestedAt", 1)));
  }

  Future<List<JsonObject>> approvedOf(String userId) {
    return mongo.find(MEMBERSHIPS, new JsonObject().put("userId", userId).put("status", APPROVED));
  }

  Future<Void> createIndexes() {
    IndexOptions unique = new IndexOptions().unique(true);
    return Future.all(List.of(
            mongo.createIndexWithOptions(ORGANISATIONS, new JsonObject().put("nameViKey", 1), unique),
            mongo.createIndexWithOptions(ORGANISATIONS, new JsonObject().put("nameEnKey", 1), unique),
            mongo.createIndexWithOptions(ORGANISATIONS, new JsonObject().put("acronymKey", 1), unique),
            mongo.createIndex(ORGANISATIONS, new JsonObject().put("tokens", 1)),
            mongo.createIndex(ORGANISATIONS, new JsonObject().put("province", 1)),
            mongo.createIndex(ORGANISATIONS, new JsonObject().put("focusAreas", 1)),
            mongo.createIndex(ORGANISATIONS, new JsonObject().put("sortKey", 1)),
            mongo.createIndex(ORGANISATIONS, new JsonObject().put("createdAt", -1)),
            mongo.createIndex(MEMBERSHIPS, new JsonObject().put("userId", 1).put("status", 1)),
            mongo.createIndex(MEMBERSHIPS, new JsonObject().put("org", 1).put("status", 1))))
        .mapEmpty();
  }
}
