package vn.ngoforum.qa.polls;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Mongo;

/**
 * The {@code polls} of Q&amp;A sessions and their {@code poll_votes} (one document per poll and person, kept
 * unique by an index, so a person votes once on every node).
 *
 * <p>A poll document: {@code {_id, sessionId, question:{vi,en}, multiple, options:[{text:{vi,en}, votes}],
 * voters, status: open|closed, createdAt, createdBy, closedAt, seq}}; {@code seq} is the session sequence number of
 * the poll's last change, as for questions.
 */
public final class PollRepository {

  static final String POLLS = "polls";
  static final String VOTES = "poll_votes";

  private final MongoClient mongo;

  public PollRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<Void> insert(Poll poll, String createdBy) {
    JsonArray options = new JsonArray();
    poll.options().forEach(option -> options.add(new JsonObject().put("text", option.text())
        .put("votes", option.votes())));
    JsonObject doc = new JsonObject()
        .put("_id", poll.id())
        .put("sessionId", poll.sessionId())
        .put("question", poll.question())
        .put("multiple", poll.multiple())
        .put("options", options)
        .put("voters", poll.voters())
        .put("status", poll.status())
        .put("createdBy", createdBy)
        .put("createdAt", Dates.of(poll.createdAt()))
        .put("seq", poll.seq());
    return mongo.insert(POLLS, doc).mapEmpty();
  }

  /** The poll, or {@code null}. */
  public Future<Poll> find(String id) {
    return mongo.findOne(POLLS, new JsonObject().put("_id", id), null).map(PollRepository::poll);
  }

  /** The session's polls changed after {@code since} (all of them for -1), oldest change first. */
  public Future<List<Poll>> changedSince(String sessionId, long since) {
    return mongo.findWithOptions(POLLS, new JsonObject().put("sessionId", sessionId)
                .put("seq", new JsonObject().put("$gt", since)),
            new FindOptions().setSort(new JsonObject().put("seq", 1)))
        .map(docs -> docs.stream().map(PollRepository::poll).toList());
  }

  /** Records a person's choices; false when this person had voted on the poll already. */
  public Future<Boolean> addVote(String pollId, String userId, List<Integer> choices, Instant at) {
    JsonObject vote = new JsonObject().put("pollId", pollId).put("userId", userId)
        .put("choices", new JsonArray(new ArrayList<>(choices))).put("at", Dates.of(at));
    return mongo.insert(VOTES, vote).map(true)
        .recover(failure -> Mongo.isDuplicateKey(failure) ? Future.succeededFuture(false)
            : Future.failedFuture(failure));
  }

  /** The choices this person made on each of {@code pollIds} they voted on, by poll id. */
  public Future<Map<String, List<Integer>>> choicesOf(String userId, List<String> pollIds) {
    if (pollIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return mongo.find(VOTES, new JsonObject().put("userId", userId)
            .put("pollId", new JsonObject().put("$in", new JsonArray(new ArrayList<>(pollIds)))))
        .map(votes -> {
          Map<String, List<Integer>> choices = new HashMap<>();
          votes.forEach(vote -> choices.put(vote.getString("pollId"), vote.getJsonArray("choices", new JsonArray())
              .stream().map(choice -> ((Number) choice).intValue()).toList()));
          return choices;
        });
  }

  /** Counts one voter and one vote for each chosen option. */
  public Future<Void> count(String pollId, List<Integer> choices) {
    JsonObject inc = new JsonObject().put("voters", 1);
    choices.forEach(choice -> inc.put("options." + choice + ".votes", 1));
    return mongo.updateCollection(POLLS, new JsonObject().put("_id", pollId), new JsonObject().put("$inc", inc))
        .mapEmpty();
  }

  /** Closes the poll with the change's sequence number; the poll as stored now, or {@code null}. */
  public Future<Poll> close(String id, Instant at, long seq) {
    return set(id, new JsonObject().put("status", Poll.CLOSED).put("closedAt", Dates.of(at)).put("seq", seq));
  }

  /** Gives the poll the sequence number of an announcement of its counts; the poll as stored now, or {@code null}. */
  public Future<Poll> touch(String id, long seq) {
    return set(id, new JsonObject().put("seq", seq));
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(POLLS, new JsonObject().put("sessionId", 1).put("seq", 1))
        .compose(v -> mongo.createIndexWithOptions(VOTES, new JsonObject().put("pollId", 1).put("userId", 1),
            new IndexOptions().unique(true)));
  }

  private Future<Poll> set(String id, JsonObject set) {
    return mongo.findOneAndUpdateWithOptions(POLLS, new JsonObject().put("_id", id),
            new JsonObject().put("$set", set), new FindOptions(), new UpdateOptions().setReturningNewDocument(true))
        .map(PollRepository::poll);
  }

  private static Poll poll(JsonObject doc) {
    if (doc == null) {
      return null;
    }
    List<Poll.Option> options = new ArrayList<>();
    doc.getJsonArray("options", new JsonArray()).forEach(item -> {
      JsonObject option = (JsonObject) item;
      options.add(new Poll.Option(option.getJsonObject("text"), option.getInteger("votes", 0)));
    });
    return new Poll(doc.getString("_id"), doc.getString("sessionId"), doc.getJsonObject("question"),
        doc.getBoolean("multiple", false), options, doc.getInteger("voters", 0), doc.getString("status"),
        Dates.instant(doc.getValue("createdAt")), doc.getLong("seq", 0L));
  }
}
