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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Keys;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.qa.events.ListingRepository;
import vn.ngoforum.qa.events.Steps;

/**
 * The {@code polls} of Q&amp;A sessions and their {@code poll_votes} (one document per poll and person, kept
 * unique by an index, so a person votes once on every node).
 *
 * <p>A poll document: {@code {_id, sessionId, question:{vi,en}, multiple, options:[{text:{vi,en}, votes}],
 * voters, status: open|closed, createdAt, createdBy, closedAt, seq}}; {@code seq} is the session sequence number of
 * the poll's last change, as for questions.
 *
 * <p>Requests read by key only: each session has a list of its polls ({@code session_polls}, entries
 * {@code {id, seq}}, see {@link ListingRepository}) kept by every write that gives a poll a new seq; a vote's
 * {@code _id} is {@code <pollId>:<userId>}.
 */
public record PollRepository(MongoClient mongo) {

  static final String POLLS = "polls";
  static final String VOTES = "poll_votes";

  static final String LISTS = "session_polls";
  static final String MIGRATION = "poll-keys-v1";

  /** The lists kept in {@value #LISTS} (a record of the client and the collection name: cheap to make). */
  private ListingRepository lists() {
    return new ListingRepository(mongo, LISTS);
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
    return mongo.insert(POLLS, doc).compose(id -> list(poll));
  }

  /** The poll, or {@code null}. */
  public Future<Poll> find(String id) {
    return mongo.findOne(POLLS, new JsonObject().put("_id", id), null).map(PollRepository::poll);
  }

  /** The session's polls changed after {@code since} (all of them for -1), oldest change first. */
  public Future<List<Poll>> changedSince(String sessionId, long since) {
    return lists().entries(sessionId).compose(entries -> byIds(entries.stream()
            .filter(entry -> entry.getLong("seq", 0L) > since).map(entry -> entry.getString("id")).toList()))
        .map(docs -> docs.stream().map(PollRepository::poll)
            .filter(poll -> sessionId.equals(poll.sessionId()) && poll.seq() > since)
            .sorted(Comparator.comparingLong(Poll::seq)).toList());
  }

  /** Records a person's choices; false when this person had voted on the poll already. */
  public Future<Boolean> addVote(String pollId, String userId, List<Integer> choices, Instant at) {
    JsonObject vote = new JsonObject().put("_id", voteKey(pollId, userId)).put("pollId", pollId).put("userId", userId)
        .put("choices", new JsonArray(new ArrayList<>(choices))).put("at", Dates.of(at));
    return Mongo.isNew(mongo.insert(VOTES, vote));
  }

  /** The choices this person made on each of {@code pollIds} they voted on, by poll id. */
  public Future<Map<String, List<Integer>>> choicesOf(String userId, List<String> pollIds) {
    if (pollIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    JsonArray keys = new JsonArray(pollIds.stream().map(id -> voteKey(id, userId)).toList());
    return mongo.find(VOTES, new JsonObject().put("_id", new JsonObject().put("$in", keys)))
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

  /**
   * Closes the poll with the change's sequence number, unless it has a higher one ({@code $max}: an announcement of
   * its counts may have stamped a later seq meanwhile, see {@code PollService#close}); the poll as stored now, or
   * {@code null}.
   */
  public Future<Poll> close(String id, Instant at, long seq) {
    return update(id, new JsonObject()
        .put("$set", new JsonObject().put("status", Poll.CLOSED).put("closedAt", Dates.of(at)))
        .put("$max", new JsonObject().put("seq", seq)));
  }

  /**
   * Gives the poll the sequence number of an announcement of its counts, unless it has a higher one ({@code $max}:
   * two announcements may land in either order, see {@code CountAnnouncement}); the poll as stored now, or
   * {@code null}.
   */
  public Future<Poll> touch(String id, long seq) {
    return update(id, new JsonObject().put("$max", new JsonObject().put("seq", seq)));
  }

  public Future<Void> createIndexes() {
    return mongo.createIndexWithOptions(VOTES, new JsonObject().put("pollId", 1).put("userId", 1),
        new IndexOptions().unique(true));
  }

  /**
   * Builds the sessions' lists of polls and keys the votes of polls stored before they existed (a background scan at
   * start-up; idempotent, a no-op once marked done). A poll listed meanwhile keeps its entry.
   */
  public Future<Void> migrateKeys() {
    return ListingRepository.migrated(mongo, MIGRATION).compose(done -> done ? Future.succeededFuture()
        : mongo.findWithOptions(POLLS, new JsonObject(), new FindOptions().setFields(new JsonObject()
                .put("sessionId", 1).put("seq", 1)))
            .compose(all -> {
              Map<String, List<JsonObject>> bySession = new HashMap<>();
              all.stream().filter(doc -> doc.getString("sessionId") != null).forEach(doc -> bySession
                  .computeIfAbsent(doc.getString("sessionId"), k -> new ArrayList<>()).add(doc));
              return Steps.each(new ArrayList<>(bySession.entrySet()), session -> listUnlisted(session.getKey(),
                  session.getValue()));
            })
            .compose(v -> keyVotes())
            .compose(v -> ListingRepository.markMigrated(mongo, MIGRATION)));
  }

  private Future<Void> listUnlisted(String sessionId, List<JsonObject> polls) {
    return lists().entries(sessionId).compose(entries -> {
      Set<String> listed = entries.stream().map(entry -> entry.getString("id")).collect(Collectors.toSet());
      return lists().putAll(sessionId, polls.stream().filter(doc -> !listed.contains(doc.getString("_id")))
          .map(doc -> new JsonObject().put("id", doc.getString("_id")).put("seq", doc.getLong("seq", 0L)))
          .toList());
    });
  }

  /** Votes stored with a generated id get their key: removed, then stored again keyed (when the removal took one). */
  private Future<Void> keyVotes() {
    return ListingRepository.keyAll(mongo, VOTES, vote -> voteKey(vote.getString("pollId"), vote.getString("userId")));
  }

  private Future<Poll> update(String id, JsonObject update) {
    return mongo.findOneAndUpdateWithOptions(POLLS, new JsonObject().put("_id", id),
            update, new FindOptions(), new UpdateOptions().setReturningNewDocument(true))
        .map(PollRepository::poll)
        .compose(updated -> updated == null ? Future.succeededFuture(null) : list(updated).map(updated));
  }

  private Future<List<JsonObject>> byIds(List<String> ids) {
    return Keys.findAll(mongo, POLLS, ids, null);
  }

  /**
   * Keeps the poll's entry in its session's list, its seq raised, never set: a close and an announcement of the counts
   * may each write the entry after the other read the poll.
   */
  private Future<Void> list(Poll poll) {
    return lists().putRaising(poll.sessionId(), poll.id(), new JsonObject().put("seq", poll.seq()), "seq");
  }

  static String voteKey(String pollId, String userId) {
    return pollId + ":" + userId;
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
