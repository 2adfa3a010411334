package vn.ngoforum.qa;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.realtime.LiveEvent;
import vn.ngoforum.error.ForumException;

/**
 * Live polls in a Q&amp;A session: a moderator launches one (single or multiple choice, 2 to 10 options), signed-in
 * people who may follow the session vote once (a vote cannot be changed: the unique index on poll and person makes
 * a second vote a 409 on every node), a moderator closes it and the results stay.
 *
 * <p>Like questions, every change is stored with the session's next {@code seq} and then published on both
 * {@code qa.session.{id}} and {@code qa.session.{id}.mod}; results are public. Vote counts are announced through a
 * {@link VoteCoalescer}, so a room voting at once costs followers a few frames.
 */
final class PollService {

  private final QaService qa;
  private final EventRepository events;
  private final PollRepository polls;
  private final AuditLog audit;
  private final Vertx vertx;
  private final VoteCoalescer coalescer;

  PollService(Vertx vertx, MongoClient mongo, QaService qa) {
    this.qa = qa;
    this.events = new EventRepository(mongo);
    this.polls = new PollRepository(mongo);
    this.audit = new AuditLog(mongo);
    this.vertx = vertx;
    this.coalescer = new VoteCoalescer(vertx, qa::voteWindowMillis, this::announce);
  }

  /** Launches a poll in the session; answers the poll's view. Moderators only (the route checks). */
  Future<JsonObject> launch(CurrentUser by, String sessionId, JsonObject question, List<JsonObject> options,
      boolean multiple) {
    if (options.size() < Poll.MIN_OPTIONS || options.size() > Poll.MAX_OPTIONS) {
      return Future.failedFuture(ForumException.invalid(
          "A poll needs " + Poll.MIN_OPTIONS + " to " + Poll.MAX_OPTIONS + " options."));
    }
    return qa.readableSession(by, sessionId)
        .compose(session -> events.nextSeq(sessionId))
        .compose(seq -> {
          JsonObject doc = new JsonObject()
              .put("_id", Question.newId())
              .put("sessionId", sessionId)
              .put("question", question)
              .put("multiple", multiple)
              .put("options", new JsonArray(options.stream()
                  .map(text -> new JsonObject().put("text", text).put("votes", 0)).toList()))
              .put("voters", 0)
              .put("status", Poll.OPEN)
              .put("createdBy", by.id())
              .put("createdAt", Question.now())
              .put("seq", seq);
          return polls.insert(doc)
              .compose(v -> audit.record(by, "poll.launch", "poll", doc.getString("_id"), null,
                  new JsonObject().put("sessionId", sessionId)))
              .map(v -> publish(doc));
        });
  }

  /**
   * Records a person's choices (indexes of options; exactly one in a single-choice poll): 404 for an unknown poll
   * or a session this person may not read, 409 when the poll is closed or they voted already. Answers the poll
   * with this person's choices.
   */
  Future<JsonObject> vote(CurrentUser user, String pollId, List<Integer> choices) {
    return polls.find(pollId).compose(poll -> {
      if (poll == null) {
        return Future.failedFuture(ForumException.notFound("There is no such poll."));
      }
      String sessionId = poll.getString("sessionId");
      return qa.readableSession(user, sessionId).compose(session -> {
        if (!Poll.OPEN.equals(poll.getString("status"))) {
          return Future.failedFuture(ForumException.conflict("This poll is closed."));
        }
        int size = poll.getJsonArray("options", new JsonArray()).size();
        List<Integer> chosen = choices.stream().distinct().sorted().toList();
        if (chosen.isEmpty() || chosen.stream().anyMatch(i -> i < 0 || i >= size)
            || (!poll.getBoolean("multiple", false) && chosen.size() != 1)) {
          return Future.failedFuture(ForumException.invalid(poll.getBoolean("multiple", false)
              ? "Choose one or more of the poll's options." : "Choose exactly one of the poll's options."));
        }
        return polls.addVote(pollId, user.id(), chosen).compose(added -> {
          if (!added) {
            return Future.failedFuture(ForumException.conflict("You have voted on this poll already."));
          }
          return polls.count(pollId, chosen)
              .compose(v -> polls.find(pollId))
              .map(updated -> {
                coalescer.touch(sessionId, pollId);
                return Poll.view(updated).put("myChoices", new JsonArray(chosen));
              });
        });
      });
    });
  }

  /** Closes the poll (its results stay); answers the poll. Closing a closed poll changes nothing. */
  Future<JsonObject> close(CurrentUser by, String pollId) {
    return polls.find(pollId).compose(poll -> {
      if (poll == null) {
        return Future.failedFuture(ForumException.notFound("There is no such poll."));
      }
      if (Poll.CLOSED.equals(poll.getString("status"))) {
        return Future.succeededFuture(Poll.view(poll));
      }
      String sessionId = poll.getString("sessionId");
      return events.nextSeq(sessionId)
          .compose(seq -> polls.change(pollId, new JsonObject().put("status", Poll.CLOSED)
              .put("closedAt", Question.now()), seq))
          .compose(updated -> audit.record(by, "poll.close", "poll", pollId, null,
                  new JsonObject().put("sessionId", sessionId))
              .map(v -> publish(updated)));
    });
  }

  /** The session's polls changed after {@code since}, with this person's choices ({@code myChoices}) if any. */
  Future<List<JsonObject>> changedSince(CurrentUser user, String sessionId, long since) {
    return polls.inSession(sessionId, since).compose(docs -> {
      List<JsonObject> views = docs.stream().map(Poll::view).toList();
      if (user == null || views.isEmpty()) {
        return Future.succeededFuture(views);
      }
      return polls.votesOf(user.id(), views.stream().map(view -> view.getString("id")).toList()).map(votes -> {
        Map<String, JsonArray> mine = votes.stream().collect(Collectors.toMap(
            vote -> vote.getString("pollId"), vote -> vote.getJsonArray("choices")));
        views.forEach(view -> {
          if (mine.containsKey(view.getString("id"))) {
            view.put("myChoices", mine.get(view.getString("id")));
          }
        });
        return views;
      });
    });
  }

  private void announce(String sessionId, String pollId) {
    events.nextSeq(sessionId)
        .compose(seq -> polls.change(pollId, new JsonObject(), seq))
        .onSuccess(updated -> {
          if (updated != null) {
            publish(updated);
          }
        });
  }

  private JsonObject publish(JsonObject doc) {
    JsonObject view = Poll.view(doc);
    String sessionId = doc.getString("sessionId");
    LiveEvent.publish(vertx, Addresses.session(sessionId), view);
    LiveEvent.publish(vertx, Addresses.sessionModerators(sessionId), view);
    return view;
  }
}
