package vn.ngoforum.registry.organisations;

import com.mongodb.MongoException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.MongoClientUpdateResult;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Fields;
import vn.ngoforum.db.Keys;
import vn.ngoforum.db.Marker;
import vn.ngoforum.db.Mongo;

/**
 * The {@code memberships} collection: one document per (organisation, person), keyed {@code slug|userId}
 * ({@link Membership#id}), so a person has at most one request or membership per organisation.
 *
 * <p>Every read is by key, so that none decodes the whole collection (the embedded store scans any other query).
 * Who belongs where is found through {@code membership_lists}, a small document per person
 * ({@code {_id: "person:"+userId, orgs: [slug]}}) and per organisation ({@code {_id: "org:"+slug, people:
 * [userId]}}), kept on every write here: the lists name the memberships to read ({@code _id $in}); the membership
 * documents are the truth. A listed membership that is gone (a write failed half-way, or a removal raced the
 * lists' first build) is simply not found, so a list may hold too much but grants nothing: a membership is listed
 * <em>before</em> it is written, and unlisted only <em>after</em> it is deleted. The conditional writes
 * ({@code {_id, status}}, {@code {_id, status, role}}) are answered by unique indexes of exactly those keys.
 *
 * <p>A forum upgraded from before the lists has memberships nobody listed: {@link #buildLists} (a background scan at
 * start-up, idempotent, a no-op once its marker is written) lists them all, and until its marker is there the reads
 * fall back to the scans they replaced, so nobody loses their rights meanwhile.
 */
public final class MembershipRepository {

  static final String MEMBERSHIPS = "memberships";
  static final String LISTS = "membership_lists";
  private static final String BUILT = "built";

  private final MongoClient mongo;
  private final Marker listsBuilt = new Marker(LISTS, BUILT);

  public MembershipRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<Void> createIndexes() {
    IndexOptions unique = new IndexOptions().unique(true);
    return Future.all(
            mongo.createIndex(MEMBERSHIPS, new JsonObject().put("userId", 1).put("status", 1)),
            mongo.createIndex(MEMBERSHIPS, new JsonObject().put("org", 1).put("status", 1)),
            mongo.createIndexWithOptions(MEMBERSHIPS, new JsonObject().put("_id", 1).put("status", 1), unique),
            mongo.createIndexWithOptions(MEMBERSHIPS, new JsonObject().put("_id", 1).put("status", 1).put("role", 1),
                unique))
        .mapEmpty();
  }

  /** {@code write}'s answer once the {@link RegistryVersionRepository} moved on (a node's read models read again). */
  private <T> Future<T> moved(Future<T> write) {
    return write.compose(answer -> RegistryVersionRepository.moved(mongo).map(answer));
  }

  /** The person's request or membership of the organisation, or {@code null}. */
  public Future<Membership> find(String slug, String userId) {
    return mongo.findOne(MEMBERSHIPS, new JsonObject().put("_id", Membership.id(slug, userId)), null)
        .map(doc -> doc == null ? null : membership(doc));
  }

  public Future<Void> insert(Membership membership) {
    return list(membership.org(), membership.userId())
        .compose(v -> mongo.insert(MEMBERSHIPS, document(membership))).compose(v -> RegistryVersionRepository.moved(mongo));
  }

  /**
   * Makes (or renews) a pending request, unless the person is already an approved member: then it fails with a
   * duplicate key (as an upsert meeting their membership's key would).
   */
  public Future<Boolean> request(String slug, String userId, String name, String username, Instant at) {
    return moved(request(slug, userId, name, username, at, true));
  }

  private Future<Boolean> request(String slug, String userId, String name, String username, Instant at,
      boolean firstTry) {
    JsonObject fields = new JsonObject()
        .put("org", slug).put("userId", userId).put("name", name).put("username", username)
        .put("status", Membership.PENDING).put("role", Membership.MEMBER).put("requestedAt", Dates.of(at));
    return list(slug, userId).compose(v -> find(slug, userId)).compose(before -> {
      if (before == null) {
        return mongo.insert(MEMBERSHIPS, fields.copy().put("_id", Membership.id(slug, userId))).map(true)
            .recover(failure -> firstTry && Mongo.isDuplicateKey(failure)
                ? request(slug, userId, name, username, at, false) : Future.failedFuture(failure));
      }
      if (before.isApproved()) {
        return Future.failedFuture(new MongoException(Mongo.DUPLICATE_KEY, "already a member: "
            + Membership.id(slug, userId)));
      }
      JsonObject filter = new JsonObject().put("_id", Membership.id(slug, userId)).put("status", before.status());
      return mongo.updateCollection(MEMBERSHIPS, filter, new JsonObject().put("$set", fields))
          .map(result -> result.getDocMatched() > 0);
    });
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
    return list(slug, userId)
        .compose(v -> mongo.updateCollection(MEMBERSHIPS, filter, new JsonObject().put("$set", set)))
        .map(MongoClientUpdateResult::getDocMatched)
        .compose(matched -> moved(Future.succeededFuture(matched > 0)));
  }

  /** Ends an approved membership; answers whether there was one. */
  public Future<Boolean> deleteApproved(String slug, String userId) {
    return delete(slug, userId, Membership.APPROVED);
  }

  /** Ends a membership, or withdraws a request, in {@code status}; answers whether there was one. */
  public Future<Boolean> delete(String slug, String userId, String status) {
    return mongo.removeDocument(MEMBERSHIPS, new JsonObject().put("_id", Membership.id(slug, userId))
            .put("status", status))
        .map(result -> result.getRemovedCount() > 0)
        .compose(removed -> removed ? moved(unlist(slug, userId).map(true)) : Future.succeededFuture(false));
  }

  /** Puts a membership back as it was (undoing a change that left an organisation without admins). */
  public Future<Void> restore(Membership membership) {
    return list(membership.org(), membership.userId())
        .compose(v -> mongo.save(MEMBERSHIPS, document(membership))).compose(v -> RegistryVersionRepository.moved(mongo));
  }

  public Future<Long> countAdmins(String slug) {
    return members(slug, Membership.APPROVED)
        .map(members -> members.stream().filter(member -> member.isApprovedAdmin()).count());
  }

  /** The organisation's memberships in one status, oldest request first. */
  public Future<List<Membership>> members(String slug, String status) {
    return listsBuilt.isSet(mongo).compose(built -> built
            ? listed(ORG + slug, "people").compose(userIds -> byIds(userIds.stream()
                .map(userId -> Membership.id(slug, userId)).toList()))
            : mongo.find(MEMBERSHIPS, new JsonObject().put("org", slug).put("status", status))
                .map(docs -> docs.stream().map(MembershipRepository::membership).toList()))
        .map(all -> all.stream().filter(membership -> status.equals(membership.status())
                && slug.equals(membership.org()))
            .sorted(Comparator.comparing(Membership::requestedAt, Comparator.nullsFirst(Comparator.naturalOrder())))
            .toList());
  }

  /** The person's approved memberships, of every organisation. */
  public Future<List<Membership>> approvedOf(String userId) {
    return ofPerson(userId, Membership.APPROVED);
  }

  /** The person's memberships (or requests) in {@code status}, of every organisation. */
  public Future<List<Membership>> ofPerson(String userId, String status) {
    return listsBuilt.isSet(mongo).compose(built -> built
            ? listed(PERSON + userId, "orgs").compose(slugs -> byIds(slugs.stream()
                .map(slug -> Membership.id(slug, userId)).toList()))
            : mongo.find(MEMBERSHIPS, new JsonObject().put("userId", userId).put("status", status))
                .map(docs -> docs.stream().map(MembershipRepository::membership).toList()))
        .map(all -> all.stream().filter(membership -> status.equals(membership.status())
                && userId.equals(membership.userId()))
            .toList());
  }

  /**
   * Lists every membership on its person's and its organisation's document, then marks the lists built: the
   * start-up migration of a forum whose memberships were written before the lists. It reads the whole collection
   * once (background work); run again it only checks its marker. Answers how many memberships it listed (0 when it
   * had run before).
   */
  public Future<Integer> buildLists() {
    return listsBuilt.isSet(mongo).compose(built -> {
      if (built) {
        return Future.succeededFuture(0);
      }
      return mongo.findWithOptions(MEMBERSHIPS, new JsonObject(),
              new FindOptions().setFields(new JsonObject().put("org", 1).put("userId", 1)))
          .compose(docs -> {
            Map<String, Set<String>> orgsOf = new HashMap<>();
            Map<String, Set<String>> peopleOf = new HashMap<>();
            for (JsonObject doc : docs) {
              String slug = doc.getString("org");
              String userId = doc.getString("userId");
              if (slug != null && userId != null) {
                orgsOf.computeIfAbsent(userId, k -> new TreeSet<>()).add(slug);
                peopleOf.computeIfAbsent(slug, k -> new TreeSet<>()).add(userId);
              }
            }
            List<BulkOperation> writes = new ArrayList<>();
            orgsOf.forEach((userId, slugs) -> writes.add(addAll(PERSON + userId, "orgs", slugs)));
            peopleOf.forEach((slug, userIds) -> writes.add(addAll(ORG + slug, "people", userIds)));
            Future<?> written = writes.isEmpty() ? Future.succeededFuture()
                : mongo.bulkWriteWithOptions(LISTS, writes, new BulkWriteOptions().setOrdered(false));
            return written.compose(v -> listsBuilt.set(mongo, new JsonObject().put("memberships", docs.size())))
                .map(v -> docs.size());
          });
    });
  }

  private static final String PERSON = "person:";
  private static final String ORG = "org:";

  /** Lists the membership on its person's and organisation's documents (before it is written). */
  private Future<Void> list(String slug, String userId) {
    return Future.all(
            mongo.updateCollectionWithOptions(LISTS, new JsonObject().put("_id", PERSON + userId),
                new JsonObject().put("$addToSet", new JsonObject().put("orgs", slug)), UPSERT),
            mongo.updateCollectionWithOptions(LISTS, new JsonObject().put("_id", ORG + slug),
                new JsonObject().put("$addToSet", new JsonObject().put("people", userId)), UPSERT))
        .mapEmpty();
  }

  /**
   * Unlists a deleted membership; should the same person have asked again meanwhile (a new membership document
   * under the same key), it is listed again.
   */
  private Future<Void> unlist(String slug, String userId) {
    return Future.all(
            mongo.updateCollection(LISTS, new JsonObject().put("_id", PERSON + userId),
                new JsonObject().put("$pull", new JsonObject().put("orgs", slug))),
            mongo.updateCollection(LISTS, new JsonObject().put("_id", ORG + slug),
                new JsonObject().put("$pull", new JsonObject().put("people", userId))))
        .compose(v -> find(slug, userId))
        .compose(again -> again == null ? Future.succeededFuture() : list(slug, userId));
  }

  private static final UpdateOptions UPSERT = new UpdateOptions().setUpsert(true);

  private static BulkOperation addAll(String id, String field, Set<String> values) {
    return BulkOperation.createUpdate(new JsonObject().put("_id", id), new JsonObject().put("$addToSet",
        new JsonObject().put(field, new JsonObject().put("$each", new JsonArray(new ArrayList<>(values))))), true,
        false);
  }

  /** The values listed on one document of {@code membership_lists} (none when it is missing). */
  private Future<List<String>> listed(String id, String field) {
    return mongo.findOne(LISTS, new JsonObject().put("_id", id), new JsonObject().put(field, 1))
        .map(doc -> doc == null ? List.<String>of()
            : doc.getJsonArray(field, new JsonArray()).stream().map(String::valueOf).toList());
  }

  /** The memberships at these keys (those that exist). */
  private Future<List<Membership>> byIds(List<String> ids) {
    return Keys.findAll(mongo, MEMBERSHIPS, ids, null, MembershipRepository::membership);
  }

  private static JsonObject document(Membership membership) {
    JsonObject document = new JsonObject().put("_id", membership.id())
        .put("org", membership.org()).put("userId", membership.userId()).put("name", membership.name())
        .put("username", membership.username()).put("status", membership.status()).put("role", membership.role());
    return Fields.into(document).date("requestedAt", membership.requestedAt())
        .date("decidedAt", membership.decidedAt()).json();
  }

  private static Membership membership(JsonObject doc) {
    return new Membership(doc.getString("org"), doc.getString("userId"), doc.getString("name"),
        doc.getString("username"), doc.getString("status"), doc.getString("role"),
        Dates.instant(doc.getValue("requestedAt")), Dates.instant(doc.getValue("decidedAt")));
  }
}
