package vn.ngoforum.qa.questions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import vn.ngoforum.db.Keys;
import vn.ngoforum.qa.events.ListingRepository;
import vn.ngoforum.qa.events.SessionRepository;
import vn.ngoforum.qa.events.Steps;

/**
 * A question's {@code state}: its id and status in one field ({@code "<id> <status>"}), kept unique by a sparse
 * index and set by every write of a status. A change made only if the question still has the status its author saw
 * is one {@code findOneAndUpdate} on {@code {state}}: atomic in MongoDB and in the embedded store (which runs one
 * findAndModify of a collection at a time), and answered from the unique index (a query on {@code _id} and
 * {@code status} would make the embedded store decode every question).
 */
record QuestionStateRepository(MongoClient mongo) {

  static final String FIELD = "state";
  static final String MIGRATION = "question-state-v1";

  /** The state of a question with this id in this status. */
  static String of(String id, String status) {
    return id + " " + status;
  }

  /** {@code set} with the state that goes with its {@code status} (unchanged when it sets none). */
  static JsonObject with(String id, JsonObject set) {
    String status = set.getString("status");
    return status == null ? set : set.copy().put(FIELD, of(id, status));
  }

  /**
   * Applies {@code update} to the question if its status is {@code expected}; the question as stored now, or
   * {@code null} when it had another status (or there is no such question).
   */
  Future<JsonObject> updateIf(String id, String expected, JsonObject update) {
    return mongo.findOneAndUpdateWithOptions(QuestionRepository.QUESTIONS,
        new JsonObject().put(FIELD, of(id, expected)), update, new FindOptions(),
        new UpdateOptions().setReturningNewDocument(true));
  }

  Future<Void> createIndex() {
    return mongo.createIndexWithOptions(QuestionRepository.QUESTIONS, new JsonObject().put(FIELD, 1),
        new IndexOptions().unique(true).sparse(true)).mapEmpty();
  }

  /**
   * Gives the questions stored before states existed their state, and the sessions their highlighted question (see
   * {@link SessionRepository#swapHighlighted}): at start-up, before any request can change a status (one scan, one
   * bulk write; a no-op once marked done).
   */
  Future<Void> migrate() {
    return ListingRepository.migrated(mongo, MIGRATION).compose(done -> done ? Future.succeededFuture()
        : mongo.findWithOptions(QuestionRepository.QUESTIONS,
                new JsonObject().put(FIELD, new JsonObject().put("$exists", false)),
                new FindOptions().setFields(new JsonObject().put("status", 1).put("sessionId", 1)))
            .compose(docs -> docs.isEmpty() ? Future.succeededFuture() : mongo.bulkWrite(
                QuestionRepository.QUESTIONS, docs.stream().map(doc -> BulkOperation.createUpdate(
                    Keys.id(doc.getString("_id")), new JsonObject().put("$set", new JsonObject().put(FIELD,
                        of(doc.getString("_id"), doc.getString("status")))))).toList())
                .compose(v -> Steps.each(docs.stream()
                    .filter(doc -> Question.HIGHLIGHTED.equals(doc.getString("status"))).toList(),
                    doc -> new SessionRepository(mongo).swapHighlighted(doc.getString("sessionId"),
                        doc.getString("_id")).mapEmpty())))
            .compose(v -> ListingRepository.markMigrated(mongo, MIGRATION)));
  }
}
