package vn.ngoforum.consultations.amendments;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import vn.ngoforum.consultations.documents.AuthorRepository;
import vn.ngoforum.consultations.documents.WritingsRepository;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Keys;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.error.ForumException;

/**
 * Amendments in four collections, every read by {@code _id} (the embedded store scans any other query):
 * <ul>
 *   <li>{@code consultation_amendments}: {@code {_id:"{consultation}:{clause}:a{n}", consultation, clause, kind,
 *       text, justification, current, diff, author:{id,name}, at, supports, endorsements:[{org,name}], status,
 *       reason}};</li>
 *   <li>{@code amendment_counts}: per consultation {@code {_id: consultation, counts:{clause:n}, adopted:[ids]}},
 *       which says which amendment ids exist and which are adopted, so no page needs a query;</li>
 *   <li>{@code amendment_supports}: {@code {_id:"{amendment}:{userId}", at}}: the unique {@code _id} makes
 *       "once per person" hold even for two requests at the same moment;</li>
 *   <li>{@code amendment_endorsements}: {@code {_id:"{amendment}:{org}", by, at}}, once per organisation.</li>
 * </ul>
 */
public final class AmendmentRepository {

  static final String AMENDMENTS = "consultation_amendments";
  static final String COUNTS = "amendment_counts";
  static final String SUPPORTS = "amendment_supports";
  static final String ENDORSEMENTS = "amendment_endorsements";

  private final MongoClient mongo;

  public AmendmentRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** Counts one more amendment on the clause and answers its number (1 for the first). */
  public Future<Integer> next(String consultation, String clause) {
    return mongo.findOneAndUpdateWithOptions(COUNTS, byId(consultation),
            new JsonObject().put("$inc", new JsonObject().put("counts." + clause, 1)), new FindOptions(),
            new UpdateOptions().setUpsert(true).setReturningNewDocument(true))
        .map(doc -> doc.getJsonObject("counts").getInteger(clause));
  }

  /** {@code {counts:{clause:n}, adopted:[ids]}} of a consultation (empty when it has no amendment). */
  public Future<JsonObject> counts(String consultation) {
    return mongo.findOne(COUNTS, byId(consultation), null)
        .map(doc -> doc == null ? new JsonObject() : doc);
  }

  public Future<Void> insert(Amendment a) {
    return mongo.insert(AMENDMENTS, new JsonObject().put("_id", a.id()).put("consultation", a.consultation())
        .put("clause", a.clause()).put("kind", a.kind()).put("text", a.text())
        .put("justification", a.justification()).put("current", a.current()).put("diff", a.diff())
        .put("author", new JsonObject().put("id", a.authorId()).put("name", a.authorName()))
        .put("at", Dates.of(a.at())).put("supports", a.supports()).put("endorsements", a.endorsements())
        .put("status", a.status()).put("reason", a.reason()).put("organisation", a.organisation()))
        .compose(v -> new WritingsRepository(mongo).wrote(a.authorId(), WritingsRepository.AMENDMENTS, a.id()));
  }

  /** Every amendment's id and author id (a scan: the start-up migration of {@link WritingsRepository}). */
  public Future<List<JsonObject>> authors() {
    return mongo.findWithOptions(AMENDMENTS, new JsonObject(), new FindOptions().setFields(
        new JsonObject().put("author.id", 1)));
  }

  /**
   * Forgets the name of {@code userId} on the amendments they proposed (they closed their account: pages show a
   * former member). A filter on the whole collection: background work. Doing it again changes nothing.
   */
  public Future<Void> forgetAuthor(String userId) {
    return new AuthorRepository(mongo).forget(AMENDMENTS, userId);
  }

  /** The amendment, or {@code null}. */
  public Future<Amendment> find(String id) {
    return mongo.findOne(AMENDMENTS, byId(id), null).map(doc -> doc == null ? null : amendment(doc));
  }

  /** The amendments with these ids, by {@code _id $in}, oldest first. */
  public Future<List<Amendment>> find(Collection<String> ids) {
    return Keys.findAll(mongo, AMENDMENTS, ids, null, AmendmentRepository::amendment)
        .map(found -> found.stream().sorted(Comparator.comparing(Amendment::at)).toList());
  }

  /**
   * Records a person's support, then counts it on the amendment; a second support by the same person fails with
   * a 409 (the unique {@code _id} of the support decides, even for two requests at once). Answers the new count.
   */
  public Future<Integer> support(String amendmentId, String userId, Instant at) {
    return mongo.insert(SUPPORTS, new JsonObject().put("_id", amendmentId + ":" + userId).put("at", Dates.of(at)))
        .recover(failure -> Future.failedFuture(Mongo.isDuplicateKey(failure)
            ? ForumException.conflict("You already support this amendment.")
                .withMessageKey("consultations.amendment.alreadySupported") : failure))
        .compose(v -> mongo.findOneAndUpdateWithOptions(AMENDMENTS, byId(amendmentId),
            new JsonObject().put("$inc", new JsonObject().put("supports", 1)), new FindOptions(),
            new UpdateOptions().setReturningNewDocument(true)))
        .map(doc -> doc.getInteger("supports"));
  }

  /** Whether each of these amendments has this person's support, by {@code _id $in}: the supported ids. */
  public Future<List<String>> supportedBy(String userId, Collection<String> amendmentIds) {
    if (amendmentIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    JsonArray keys = new JsonArray();
    amendmentIds.forEach(id -> keys.add(id + ":" + userId));
    return mongo.find(SUPPORTS, new JsonObject().put("_id", new JsonObject().put("$in", keys)))
        .map(docs -> docs.stream().map(d -> {
          String key = d.getString("_id");
          return key.substring(0, key.length() - userId.length() - 1);
        }).toList());
  }

  /** Records an organisation's endorsement (duplicate key the second time), then lists it on the amendment. */
  public Future<Amendment> endorse(String amendmentId, String org, JsonObject name, String by, Instant at) {
    return mongo.insert(ENDORSEMENTS, new JsonObject().put("_id", amendmentId + ":" + org).put("by", by)
            .put("at", Dates.of(at)))
        .recover(failure -> Future.failedFuture(Mongo.isDuplicateKey(failure)
            ? ForumException.conflict("This organisation already endorses this amendment.") : failure))
        .compose(v -> mongo.findOneAndUpdateWithOptions(AMENDMENTS, byId(amendmentId),
            new JsonObject().put("$push", new JsonObject().put("endorsements",
                new JsonObject().put("org", org).put("name", name))), new FindOptions(),
            new UpdateOptions().setReturningNewDocument(true)))
        .map(AmendmentRepository::amendment);
  }

  /** Sets the decision, and keeps the consultation's list of adopted amendments in step. */
  public Future<Amendment> decide(Amendment a, String status, String reason, String by, Instant at) {
    JsonObject adopted = new JsonObject().put("adopted", a.id());
    JsonObject listed = Amendment.ADOPTED.equals(status) ? new JsonObject().put("$addToSet", adopted)
        : new JsonObject().put("$pull", adopted);
    return mongo.findOneAndUpdateWithOptions(AMENDMENTS, byId(a.id()), new JsonObject().put("$set",
                new JsonObject().put("status", status).put("reason", reason).put("decidedBy", by)
                    .put("decidedAt", Dates.of(at))), new FindOptions(),
            new UpdateOptions().setReturningNewDocument(true))
        .compose(doc -> mongo.updateCollectionWithOptions(COUNTS, byId(a.consultation()), listed,
                new UpdateOptions().setUpsert(true))
            .map(v -> amendment(doc)));
  }

  private static JsonObject byId(String id) {
    return new JsonObject().put("_id", id);
  }

  private static Amendment amendment(JsonObject doc) {
    JsonObject author = doc.getJsonObject("author", new JsonObject());
    return new Amendment(doc.getString("_id"), doc.getString("consultation"), doc.getString("clause"),
        doc.getString("kind"), doc.getString("text", ""), doc.getString("justification"),
        doc.getString("current", ""), doc.getJsonArray("diff", new JsonArray()), author.getString("id"),
        author.getString("name"), Dates.instant(doc.getValue("at")), doc.getInteger("supports", 0),
        doc.getJsonArray("endorsements", new JsonArray()), doc.getString("status", Amendment.PROPOSED),
        doc.getString("reason"), doc.getJsonObject("organisation"));
  }
}
