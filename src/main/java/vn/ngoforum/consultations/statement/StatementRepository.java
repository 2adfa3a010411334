package vn.ngoforum.consultations.statement;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Mongo;

/**
 * Statements in two collections, every read by {@code _id}:
 * <ul>
 *   <li>{@code consultation_statements}: {@code {_id: consultation, intro:{vi,en}, conclusion:{vi,en},
 *       signatories:[{org, name:{vi,en}, province:{vi,en}, by, at}], updatedBy, updatedAt}}, the signatories a bounded list (one per
 *       organisation) kept in the statement so its page is one read;</li>
 *   <li>{@code statement_signatures}: {@code {_id:"{consultation}:{org}", by, at}}: the unique {@code _id} makes one
 *       signature per organisation hold even for two admins signing at the same moment.</li>
 * </ul>
 */
public final class StatementRepository {

  static final String STATEMENTS = "consultation_statements";
  static final String SIGNATURES = "statement_signatures";

  private final MongoClient mongo;

  public StatementRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** The statement, or {@code null}. */
  public Future<JsonObject> find(String consultation) {
    return mongo.findOne(STATEMENTS, byId(consultation), null);
  }

  /** Writes the texts (creating the statement the first time), keeping its signatories; answers the statement. */
  public Future<JsonObject> write(String consultation, JsonObject intro, JsonObject conclusion, String by,
      Instant at) {
    return mongo.findOneAndUpdateWithOptions(STATEMENTS, byId(consultation), new JsonObject()
            .put("$set", new JsonObject().put("intro", intro).put("conclusion", conclusion).put("updatedBy", by)
                .put("updatedAt", Dates.of(at))), new FindOptions(),
        new UpdateOptions().setUpsert(true).setReturningNewDocument(true));
  }

  /** Signs for the organisation; signing again changes nothing. Answers the statement. */
  public Future<JsonObject> sign(String consultation, String org, JsonObject name, JsonObject province, String by,
      Instant at) {
    return mongo.insert(SIGNATURES, new JsonObject().put("_id", consultation + ":" + org).put("by", by)
            .put("at", Dates.of(at)))
        .compose(v -> mongo.findOneAndUpdateWithOptions(STATEMENTS, byId(consultation), new JsonObject()
                .put("$push", new JsonObject().put("signatories", new JsonObject().put("org", org).put("name", name)
                    .put("province", province).put("by", by).put("at", Dates.of(at)))), new FindOptions(),
            new UpdateOptions().setReturningNewDocument(true)))
        .recover(failure -> Mongo.isDuplicateKey(failure) ? find(consultation) : Future.failedFuture(failure));
  }

  /** Withdraws the organisation's signature (nothing to withdraw changes nothing). Answers the statement. */
  public Future<JsonObject> withdraw(String consultation, String org) {
    return mongo.removeDocument(SIGNATURES, byId(consultation + ":" + org))
        .compose(removed -> removed.getRemovedCount() == 0 ? find(consultation)
            : mongo.findOneAndUpdateWithOptions(STATEMENTS, byId(consultation), new JsonObject().put("$pull",
                    new JsonObject().put("signatories", new JsonObject().put("org", org))), new FindOptions(),
                new UpdateOptions().setReturningNewDocument(true)));
  }

  private static JsonObject byId(String id) {
    return new JsonObject().put("_id", id);
  }
}
