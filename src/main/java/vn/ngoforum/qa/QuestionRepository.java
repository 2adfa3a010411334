package vn.ngoforum.qa;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;
import vn.ngoforum.db.Mongo;

/**
 * The {@code questions} of Q&amp;A sessions and their {@code question_votes} (one document per person and question,
 * kept unique by an index so that voting again counts once, on every node).
 *
 * <p>A question document: {@code {_id, sessionId, text, anonymous, author:{id, username, name}, status, shown,
 * votes, createdAt, updatedAt, seq, hiddenReason}}. {@code seq} is the session sequence number of the question's
 * last change, so "what changed since N" is a query; {@code shown} is set once the question was ever public, so
 * that hiding it later is announced to attendees who saw it.
 */
final class QuestionRepository {

  static final String QUESTIONS = "questions";
  static final String VOTES = "question_votes";

  private final MongoClient mongo;

  QuestionRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  Future<Void> insert(JsonObject question) {
    return mongo.insert(QUESTIONS, question).mapEmpty();
  }

  Future<JsonObject> find(String id) {
    return mongo.findOne(QUESTIONS, new JsonObject().put("_id", id), null);
  }

  /** The questions of a session matching {@code filter}, oldest change first. */
  Future<List<JsonObject>> inSession(String sessionId, JsonObject filter) {
    JsonObject query = filter.copy().put("sessionId", sessionId);
    return mongo.findWithOptions(QUESTIONS, query, new FindOptions().setSort(new JsonObject().put("seq", 1)));
  }

  /** Applies {@code set} and the change's sequence number to a question; the updated question, or null. */
  Future<JsonObject> change(String id, JsonObject set, long seq) {
    return mongo.findOneAndUpdateWithOptions(QUESTIONS, new JsonObject().put("_id", id),
        new JsonObject().put("$set", set.copy().put("seq", seq)),
        new FindOptions(), new UpdateOptions().setReturningNewDocument(true));
  }

  /** Remembers the forum thread a question was carried into (not a change attendees need to see). */
  Future<Void> linkThread(String id, String threadId) {
    return mongo.updateCollection(QUESTIONS, new JsonObject().put("_id", id),
        new JsonObject().put("$set", new JsonObject().put("threadId", threadId))).mapEmpty();
  }

  /** Ids of the session's highlighted questions other than {@code exceptId}. */
  Future<List<JsonObject>> highlighted(String sessionId, String exceptId) {
    return mongo.find(QUESTIONS, new JsonObject().put("sessionId", sessionId).put("status", Question.HIGHLIGHTED)
        .put("_id", new JsonObject().put("$ne", exceptId)));
  }

  /** Records the vote; true when it is new (false when this person had voted already). */
  Future<Boolean> addVote(String questionId, String userId) {
    JsonObject vote = new JsonObject().put("questionId", questionId).put("userId", userId)
        .put("at", Question.now());
    return mongo.insert(VOTES, vote).map(true)
        .recover(failure -> Mongo.isDuplicateKey(failure) ? Future.succeededFuture(false)
            : Future.failedFuture(failure));
  }

  /** Removes the vote; true when there was one. */
  Future<Boolean> removeVote(String questionId, String userId) {
    return mongo.removeDocument(VOTES, new JsonObject().put("questionId", questionId).put("userId", userId))
        .map(result -> result != null && result.getRemovedCount() > 0);
  }

  /** Which of {@code questionIds} this person voted for. */
  Future<List<String>> votedBy(String userId, List<String> questionIds) {
    if (questionIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return mongo.find(VOTES, new JsonObject().put("userId", userId)
            .put("questionId", new JsonObject().put("$in", new JsonArray(questionIds))))
        .map(votes -> votes.stream().map(vote -> vote.getString("questionId")).toList());
  }

  /** Adds {@code delta} to the question's vote count; the updated question. */
  Future<JsonObject> addToVotes(String questionId, int delta) {
    return mongo.findOneAndUpdateWithOptions(QUESTIONS, new JsonObject().put("_id", questionId),
        new JsonObject().put("$inc", new JsonObject().put("votes", delta)),
        new FindOptions(), new UpdateOptions().setReturningNewDocument(true));
  }

  /** How many of the session's questions wait for review, and the reasons of the hidden ones (one per question). */
  Future<JsonObject> moderationCounts(String sessionId) {
    return Future.all(
            mongo.count(QUESTIONS, new JsonObject().put("sessionId", sessionId).put("status", Question.PENDING)),
            mongo.findWithOptions(QUESTIONS, new JsonObject().put("sessionId", sessionId)
                .put("status", Question.HIDDEN), new FindOptions().setFields(new JsonObject().put("hiddenReason", 1))))
        .map(all -> {
          List<JsonObject> hidden = all.resultAt(1);
          JsonArray reasons = new JsonArray();
          hidden.stream()
              .collect(java.util.stream.Collectors.groupingBy(
                  doc -> java.util.Objects.requireNonNullElse(doc.getString("hiddenReason"), ""),
                  java.util.TreeMap::new, java.util.stream.Collectors.counting()))
              .forEach((reason, count) -> reasons.add(new JsonObject().put("reason", reason).put("count", count)));
          return new JsonObject().put("pending", (Long) all.resultAt(0)).put("hidden", hidden.size())
              .put("reasons", reasons);
        });
  }

  Future<Void> createIndexes() {
    return mongo.createIndex(QUESTIONS, new JsonObject().put("sessionId", 1).put("seq", 1))
        .compose(v -> mongo.createIndex(QUESTIONS, new JsonObject().put("organisationSlug", 1).put("createdAt", -1)))
        .compose(v -> mongo.createIndexWithOptions(VOTES, new JsonObject().put("questionId", 1).put("userId", 1),
            new IndexOptions().unique(true)));
  }
}
