package vn.ngoforum.qa.polls;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.qa.events.Stamps;
import vn.ngoforum.qa.events.SessionService;
import vn.ngoforum.qa.live.SessionFeed;
import vn.ngoforum.qa.live.CountAnnouncement;
import vn.ngoforum.qa.live.VoteCoalescer;
import vn.ngoforum.realtime.Coalescer;

/**
 * Live polls in a Q&amp;A session: a moderator launches one (single or multiple choice, 2 to 10 options), signed-in
 * people who may follow the session vote once (a vote cannot be changed: the unique index on poll and person makes
 * a second vote a 409 on every node), a moderator closes it and the results stay.
 *
 * <p>Like questions, every change is stored with the session's next {@code seq} and then published to everyone
 * following the session; results are public. Vote counts are announced through a {@link VoteCoalescer}, so a room
 * voting at once costs followers a few frames.
 */
public final class PollService {

  private final SessionService sessions;
  private final PollRepository polls;
  private final AuditLog audit;
  private final SessionFeed feed;
  private final VoteCoalescer coalescer;

  public PollService(Vertx vertx, SessionService sessions, PollRepository polls, AuditLog audit, SessionFeed feed) {
    this.sessions = sessions;
    this.polls = polls;
    this.audit = audit;
    this.feed = feed;
    // One per node, as the questions' is: one per HTTP verticle would announce a poll once per event loop and
    // window, the announcements racing each other.
    this.coalescer = Coalescer.forNode(vertx, "qa.polls",
        new VoteCoalescer(vertx, VoteCoalescer.byAudience(vertx), this::announce));
  }

  /** Launches a poll in the session (moderators only: the route checks); 404 when there is no such session. */
  public Future<Poll> launch(CurrentUser by, String sessionId, JsonObject question, List<JsonObject> options,
      boolean multiple) {
    if (options.size() < Poll.MIN_OPTIONS || options.size() > Poll.MAX_OPTIONS) {
      return Future.failedFuture(ForumException.invalid("options",
          "A poll needs " + Poll.MIN_OPTIONS + " to " + Poll.MAX_OPTIONS + " options."));
    }
    return sessions.readable(by, sessionId)
        .compose(session -> sessions.nextSeq(sessionId))
        .compose(seq -> {
          Poll poll = new Poll(Stamps.newId(), sessionId, question, multiple,
              options.stream().map(text -> new Poll.Option(text, 0)).toList(), 0, Poll.OPEN, Stamps.now(), seq);
          return polls.insert(poll, by.id())
              .compose(v -> audit.record(by, "poll.launch", "poll", poll.id(), null,
                  new JsonObject().put("sessionId", sessionId)))
              .map(v -> publish(poll));
        });
  }

  /**
   * Records a person's choices (indexes of options; exactly one in a single-choice poll): 404 for an unknown poll
   * or a session this person may not read, 409 when the poll is closed or they voted already. Answers the poll
   * with this person's choices.
   */
  public Future<PollSeen> vote(CurrentUser user, String pollId, List<Integer> choices) {
    return existing(pollId).compose(poll -> sessions.readable(user, poll.sessionId()).compose(session -> {
      if (!poll.open()) {
        return Future.failedFuture(ForumException.conflict("This poll is closed."));
      }
      List<Integer> chosen = choices.stream().distinct().sorted().toList();
      if (chosen.isEmpty() || chosen.stream().anyMatch(i -> i < 0 || i >= poll.options().size())
          || (!poll.multiple() && chosen.size() != 1)) {
        return Future.failedFuture(ForumException.invalid("choices", poll.multiple()
            ? "Choose one or more of the poll's options." : "Choose exactly one of the poll's options."));
      }
      return polls.addVote(pollId, user.id(), chosen, Stamps.now()).compose(added -> {
        if (!added) {
          return Future.failedFuture(ForumException.conflict("You have voted on this poll already."));
        }
        return polls.count(pollId, chosen)
            .compose(v -> polls.find(pollId))
            .map(updated -> {
              coalescer.touch(poll.sessionId(), pollId);
              return new PollSeen(updated, chosen);
            });
      });
    }));
  }

  /** Closes the poll (its results stay); answers the poll. Closing a closed poll changes nothing. */
  public Future<Poll> close(CurrentUser by, String pollId) {
    return existing(pollId).compose(poll -> {
      if (!poll.open()) {
        return Future.succeededFuture(poll);
      }
      String sessionId = poll.sessionId();
      // An announcement of the counts may take its seq after the close took its own and stamp it first, its frame
      // showing the poll open: pages would keep that one and ignore the close. Overtaken, the close takes a fresh
      // seq, as overtaken announcements do (CountAnnouncement).
      return sessions.nextSeq(sessionId)
          .compose(seq -> polls.close(pollId, Stamps.now(), seq).compose(closed -> CountAnnouncement.changed(closed,
              seq, Poll::seq, () -> stamped(sessionId, pollId))))
          .compose(updated -> audit.record(by, "poll.close", "poll", pollId, null,
                  new JsonObject().put("sessionId", sessionId))
              .map(v -> publish(updated)));
    });
  }

  /** The session's polls changed after {@code since}, with this person's choices if they voted. */
  public Future<List<PollSeen>> changedSince(CurrentUser user, String sessionId, long since) {
    return polls.changedSince(sessionId, since).compose(found -> {
      if (user == null || found.isEmpty()) {
        return Future.succeededFuture(found.stream().map(poll -> new PollSeen(poll, null)).toList());
      }
      return polls.choicesOf(user.id(), found.stream().map(Poll::id).toList()).map(mine -> found.stream()
          .map(poll -> new PollSeen(poll, mine.get(poll.id()))).toList());
    });
  }

  /** All the session's polls, for the export. */
  public Future<List<Poll>> inSession(String sessionId) {
    return polls.changedSince(sessionId, -1);
  }

  private Future<Poll> existing(String pollId) {
    return polls.find(pollId).compose(poll -> poll == null
        ? Future.failedFuture(ForumException.notFound("There is no such poll."))
        : Future.succeededFuture(poll));
  }

  /**
   * Announces the counts of a poll voted on during the last window, with a fresh seq; not once it is closed: its
   * close carried the final counts, and announcing them again would be one more change after the last one.
   */
  private void announce(String sessionId, String pollId) {
    polls.find(pollId)
        .compose(poll -> poll == null || !poll.open() ? Future.<Poll>succeededFuture(null)
            : stamped(sessionId, pollId))
        .onSuccess(updated -> {
          if (updated != null) {
            publish(updated);
          }
        });
  }

  /** The poll stamped with a fresh seq that no other announcement overtook ({@link CountAnnouncement}). */
  private Future<Poll> stamped(String sessionId, String pollId) {
    return CountAnnouncement.stamped(() -> sessions.nextSeq(sessionId), seq -> polls.touch(pollId, seq), Poll::seq);
  }

  private Poll publish(Poll poll) {
    feed.toEveryone(poll.sessionId(), poll.json());
    return poll;
  }

}
