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
 * The {@code polls} of Q&amp;A sessions and their {@code poll_votes} (one document per poll and person, kept
 * unique by an index, so a person votes once on every node).
 *
 * <p>A poll document: {@code {_id, sessionId, question:{vi,en}, multiple, options:[{text:{vi,en}, votes}],
 * voters, status: open|closed, createdAt, createdBy, seq}}; {@code seq} is the session sequence number of the
 * poll's last change, as for questions.
 */
final class PollRepository {

  static final String POLLS = "polls";
  static final String VOTES = "poll_votes";

  private final MongoClient mongo;

  PollRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  Future<Void> insert(JsonObject poll) {
    return mongo.insert(POLLS, poll).mapEmpty();
  }

  Future<JsonObject> find(String id) {
    return mongo.findOne(POLLS, new JsonObject().put("_id", id), null);
  }

  /** The session's polls changed after {@code since}, oldest change first. */
  Future<List<JsonObject>> inSession(String sessionId, long since) {
    return mongo.findWithOptions(POLLS, new JsonObject().put("sessionId", sessionId)
            .put("seq", new JsonObject().put("$gt", since)),
        new FindOptions().setSort(new JsonObject().put("seq", 1)));
  }

  /** Records a person's choices; false when this person had voted on the poll already. */
  Future<Boolean> addVote(String pollId, String userId, List<Integer> choices) {
    JsonObject vote = new JsonObject().put("pollId", pollId).put("userId", userId)
        .put("choices", new JsonArray(choices)).put("at", Question.now());
    return mongo.insert(VOTES, vote).map(true)
        .recover(failure -> Mongo.isDuplicateKey(failure) ? Future.succeededFuture(false)
            : Future.failedFuture(failure));
  }

  /** The choices this person made on each of {@code pollIds}, by poll id. */
  Future<List<JsonObject>> votesOf(String userId, List<String> pollIds) {
    if (pollIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return mongo.find(VOTES, new JsonObject().put("userId", userId)
        .put("pollId", new JsonObject().put("$in", new JsonArray(pollIds))));
  }

  /** Counts one voter and one vote for each chosen option. */
  Future<Void> count(String pollId, List<Integer> choices) {
    JsonObject inc = new JsonObject().put("voters", 1);
    choices.forEach(choice -> inc.put("options." + choice + ".votes", 1));
    return mongo.updateCollection(POLLS, new JsonObject().put("_id", pollId), new JsonObject().put("$inc", inc))
        .mapEmpty();
  }

  /** Applies {@code set} and the change's sequence number; the updated poll, or null. */
  Future<JsonObject> change(String id, JsonObject set, long seq) {
    return mongo.findOneAndUpdateWithOptions(POLLS, new JsonObject().put("_id", id),
        new JsonObject().put("$set", set.copy().put("seq", seq)),
        new FindOptions(), new UpdateOptions().setReturningNewDocument(true));
  }

  Future<Void> createIndexes() {
    return mongo.createIndex(POLLS, new JsonObject().put("sessionId", 1).put("seq", 1))
        .compose(v -> mongo.createIndexWithOptions(VOTES, new JsonObject().put("pollId", 1).put("userId", 1),
            new IndexOptions().unique(true)));
  }
}
