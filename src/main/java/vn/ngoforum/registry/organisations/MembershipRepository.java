package vn.ngoforum.registry.organisations;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.MongoClientUpdateResult;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.List;
import vn.ngoforum.db.Dates;

/**
 * The {@code memberships} collection: one document per (organisation, person), keyed {@code slug|userId}
 * ({@link Membership#id}), so a person has at most one request or membership per organisation.
 */
public final class MembershipRepository {

  static final String MEMBERSHIPS = "memberships";

  private final MongoClient mongo;

  public MembershipRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<Void> createIndexes() {
    return Future.all(
            mongo.createIndex(MEMBERSHIPS, new JsonObject().put("userId", 1).put("status", 1)),
            mongo.createIndex(MEMBERSHIPS, new JsonObject().put("org", 1).put("status", 1)))
        .mapEmpty();
  }

  /** The person's request or membership of the organisation, or {@code null}. */
  public Future<Membership> find(String slug, String userId) {
    return mongo.findOne(MEMBERSHIPS, new JsonObject().put("_id", Membership.id(slug, userId)), null)
        .map(doc -> doc == null ? null : membership(doc));
  }

  public Future<Void> insert(Membership membership) {
    return mongo.insert(MEMBERSHIPS, document(membership)).mapEmpty();
  }

  /**
   * Makes (or renews) a pending request, unless the person is already an approved member: then the upsert meets
   * their membership's key and fails with a duplicate key.
   */
  public Future<Boolean> request(String slug, String userId, String name, String username, Instant at) {
    JsonObject filter = new JsonObject().put("_id", Membership.id(slug, userId))
        .put("status", new JsonObject().put("$ne", Membership.APPROVED));
    JsonObject update = new JsonObject().put("$set", new JsonObject()
        .put("org", slug).put("userId", userId).put("name", name).put("username", username)
        .put("status", Membership.PENDING).put("role", Membership.MEMBER).put("requestedAt", Dates.of(at)));
    return mongo.updateCollectionWithOptions(MEMBERSHIPS, filter, update, new UpdateOptions().setUpsert(true))
        .map(result -> result.getDocMatched() > 0 || result.getDocUpsertedId() != null);
  }

  /**
   * Moves a membership from {@code fromStatus} (and, if given, {@code fromRole}) to {@code toStatus} and
   * {@code toRole} (each {@code null} to keep it), decided at {@code at}. Answers whether it was in that state.
   */
  public Future<Boolean> transition(String slug, String userId, String fromStatus, String fromRole, String toStatus,
      String toRole, Instant at) {
    JsonObject filter = new JsonObject().put("_id", Membership.id(slug, userId)).put("status", fromStatus);
    if (fromRole != null) {
      filter.put("role", fromRole);
    }
    JsonObject set = new JsonObject().put("decidedAt", Dates.of(at));
    if (toStatus != null) {
      set.put("status", toStatus);
    }
    if (toRole != null) {
      set.put("role", toRole);
    }
    return mongo.updateCollection(MEMBERSHIPS, filter, new JsonObject().put("$set", set))
        .map(MongoClientUpdateResult::getDocMatched)
        .map(matched -> matched > 0);
  }

  /** Ends an approved membership; answers whether there was one. */
  public Future<Boolean> deleteApproved(String slug, String userId) {
    return mongo.removeDocument(MEMBERSHIPS, new JsonObject().put("_id", Membership.id(slug, userId))
            .put("status", Membership.APPROVED))
        .map(result -> result.getRemovedCount() > 0);
  }

  /** Puts a membership back as it was (undoing a change that left an organisation without admins). */
  public Future<Void> restore(Membership membership) {
    return mongo.save(MEMBERSHIPS, document(membership)).mapEmpty();
  }

  public Future<Long> countAdmins(String slug) {
    return mongo.count(MEMBERSHIPS, new JsonObject().put("org", slug).put("status", Membership.APPROVED)
        .put("role", Membership.ADMIN));
  }

  /** The organisation's memberships in one status, oldest request first. */
  public Future<List<Membership>> members(String slug, String status) {
    return mongo.findWithOptions(MEMBERSHIPS, new JsonObject().put("org", slug).put("status", status),
            new FindOptions().setSort(new JsonObject().put("requestedAt", 1)))
        .map(docs -> docs.stream().map(MembershipRepository::membership).toList());
  }

  /** The person's approved memberships, of every organisation. */
  public Future<List<Membership>> approvedOf(String userId) {
    return mongo.find(MEMBERSHIPS, new JsonObject().put("userId", userId).put("status", Membership.APPROVED))
        .map(docs -> docs.stream().map(MembershipRepository::membership).toList());
  }

  private static JsonObject document(Membership membership) {
    JsonObject document = new JsonObject().put("_id", membership.id())
        .put("org", membership.org()).put("userId", membership.userId()).put("name", membership.name())
        .put("username", membership.username()).put("status", membership.status()).put("role", membership.role());
    if (membership.requestedAt() != null) {
      document.put("requestedAt", Dates.of(membership.requestedAt()));
    }
    if (membership.decidedAt() != null) {
      document.put("decidedAt", Dates.of(membership.decidedAt()));
    }
    return document;
  }

  private static Membership membership(JsonObject doc) {
    return new Membership(doc.getString("org"), doc.getString("userId"), doc.getString("name"),
        doc.getString("username"), doc.getString("status"), doc.getString("role"),
        Dates.instant(doc.getValue("requestedAt")), Dates.instant(doc.getValue("decidedAt")));
  }
}
