package vn.ngoforum.qa.questions;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.qa.events.Session;
import vn.ngoforum.qa.events.SessionService;
import vn.ngoforum.qa.events.Stamps;
import vn.ngoforum.qa.http.GuestPass;
import vn.ngoforum.qa.live.CountAnnouncement;
import vn.ngoforum.qa.live.VoteCoalescer;

/**
 * Attendees' part of a session's Q&amp;A: asking (as themselves, anonymously, or on behalf of their organisation),
 * editing a question while it waits for review, withdrawing it, and voting.
 *
 * <p>Every change is written to MongoDB first, with a sequence number taken atomically from the session (a fresh one
 * when an announcement of the votes overtook it: {@link QuestionSeqs#changed}); then it is announced
 * ({@link QuestionAnnouncements}): to moderators always, to attendees when they may see it. Vote counts are stored at
 * once but announced through a {@link VoteCoalescer}, so a vote storm costs attendees a few frames a second.
 */
public final class QuestionService {

  private final SessionService sessions;
  private final QuestionRepository questions;
  private final Memberships memberships;
  private final QuestionAnnouncements announce;
  private final QuestionSeqs seqs;
  private final VoteCoalescer coalescer;
  /** "sessionId/userId" of the voters this instance has listed in their session (the most recent, bounded). */
  private final Map<String, Boolean> listedVoters = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > LISTED_VOTERS_KEPT;
    }
  };
  /** How many listed voters an instance remembers: a hall of a few thousand, with room (about 100 bytes each). */
  private static final int LISTED_VOTERS_KEPT = 20_000;

  public QuestionService(Vertx vertx, SessionService sessions, QuestionRepository questions, Memberships memberships,
      QuestionAnnouncements announce) {
    this.sessions = sessions;
    this.questions = questions;
    this.memberships = memberships;
    this.announce = announce;
    this.seqs = new QuestionSeqs(sessions, questions);
    this.coalescer = VoteCoalescer.forNode(vertx, VoteCoalescer.byAudience(vertx), this::announceVotes);
  }

  /**
   * Asks a question, on behalf of organisation {@code onBehalfOf} when given: the asker must have an approved
   * membership of it and it must be verified (403 about the form's {@code organisation} field otherwise). Any
   * question records the asker's organisation (the one spoken for, else their first), shown next to their name unless
   * they ask anonymously. 409 when the session's questions are closed.
   */
  public Future<Question> ask(CurrentUser user, String sessionId, String text, boolean anonymous, String onBehalfOf) {
    return organisationsOf(user).compose(orgs -> {
      JsonObject organisation = orgs.isEmpty() ? null : orgs.get(0);
      if (onBehalfOf != null) {
        organisation = orgs.stream().filter(org -> onBehalfOf.equals(org.getString("slug"))
            && org.getBoolean("verified", false)).findFirst().orElse(null);
        if (organisation == null) {
          return Future.failedFuture(ForumException.forbidden(
              "You may speak only for a verified organisation you are an approved member of.").about("organisation"));
        }
      }
      Question.Asker asker = new Question.Asker(user.id(), user.username(), user.name(),
          Question.Organisation.from(organisation));
      // A guest without a name asks anonymously.
      boolean unnamed = anonymous || (GuestPass.isGuest(user) && user.name() == null);
      return ask(user, sessionId, text, unnamed, asker, onBehalfOf != null);
    });
  }

  /** The session, if guests may join it (public, and its {@code guests} setting not off): 403 otherwise. */
  public Future<Session> admitsGuests(String sessionId) {
    return sessions.readable(null, sessionId).compose(session -> Session.GUESTS_OFF.equals(session.guests())
        ? Future.failedFuture(ForumException.forbidden(
            "This session does not allow guests: please sign in.").withMessageKey("qa.guest.off"))
        : Future.succeededFuture(session));
  }

  /** The verified organisations this person may speak for, as {@code [{slug, name, acronym, verified, role}]}. */
  public Future<List<JsonObject>> verifiedOrganisationsOf(CurrentUser user) {
    return organisationsOf(user).map(orgs -> orgs.stream().filter(org -> org.getBoolean("verified", false)).toList());
  }

  /** The organisations this person belongs to (a guest: none). */
  private Future<List<JsonObject>> organisationsOf(CurrentUser user) {
    return user == null || GuestPass.isGuest(user) ? Future.succeededFuture(List.of()) : memberships.of(user.id());
  }

  /** Votes for a public question (once per person; again counts once) or withdraws the vote; the new count. */
  public Future<Integer> vote(CurrentUser user, String questionId, boolean on) {
    return votableQuestion(user, questionId).compose(question -> {
      Future<Boolean> changed = on ? questions.addVote(questionId, user.id(), Stamps.now())
          : questions.removeVote(questionId, user.id());
      return changed.compose(counted -> {
        if (!counted) {
          return Future.succeededFuture(question.votes());
        }
        Future<Void> listed = on && !GuestPass.isGuest(user) ? listVoter(question.sessionId(), user.id())
            : Future.succeededFuture();
        // The count and the voters' list side by side; the count, once stored, is announced whatever the list did.
        Future<Question> stored = questions.addToVotes(questionId, on ? 1 : -1)
            .onSuccess(updated -> coalescer.touch(question.sessionId(), questionId));
        return Future.all(listed, stored).map(both -> stored.result().votes());
      });
    });
  }

  /**
   * The asker rewrites their question while it waits for review (announced to moderators): 403 for anyone else,
   * 409 once it has been reviewed.
   */
  public Future<Question> edit(CurrentUser user, String questionId, String text) {
    return own(user, questionId).compose(question -> {
      if (!Question.PENDING.equals(question.status())) {
        return Future.failedFuture(reviewed());
      }
      return sessions.nextSeq(question.sessionId())
          .compose(seq -> questions.editPending(questionId, text, Stamps.now(), seq)
              .compose(edited -> seqs.changed(edited, seq)))
          .compose(updated -> updated == null ? Future.failedFuture(reviewed()) : announce.stored(updated));
    });
  }

  /**
   * The asker withdraws their question, whatever its status (withdrawing again changes nothing): it is gone for
   * everyone but them, announced like a hidden one; 403 for anyone else.
   */
  public Future<Question> withdraw(CurrentUser user, String questionId) {
    return own(user, questionId).compose(question -> {
      if (Question.WITHDRAWN.equals(question.status())) {
        return Future.succeededFuture(question);
      }
      String sessionId = question.sessionId();
      return sessions.nextSeq(sessionId)
          .compose(seq -> questions.withdraw(questionId, question.status(), Stamps.now(), seq)
              .compose(withdrawn -> seqs.changed(withdrawn, seq)))
          .compose(updated -> updated == null
              ? Future.failedFuture(ForumException.conflict("The question changed meanwhile: please try again."))
              : announce.stored(updated).map(stored -> {
                announce.counts(sessionId, stored.seq());
                return stored;
              }));
    });
  }

  /** The question, if this person asked it: 404 when there is none, 403 when someone else asked it. */
  private Future<Question> own(CurrentUser user, String questionId) {
    return questions.find(questionId).compose(question -> {
      if (question == null) {
        return Future.failedFuture(ForumException.notFound("There is no such question."));
      }
      if (!question.askedBy(user.id())) {
        return Future.failedFuture(ForumException.forbidden("Only the person who asked may change a question."));
      }
      return Future.succeededFuture(question);
    });
  }

  /** 409: the question was reviewed, so its asker can no longer edit it. */
  private static ForumException reviewed() {
    return ForumException.conflict("Only a question waiting for review can be edited.")
        .withMessageKey("qa.mine.reviewed");
  }

  private Future<Question> ask(CurrentUser user, String sessionId, String text, boolean anonymous,
      Question.Asker asker, boolean onBehalf) {
    // At the page's form, closed questions are about what was typed: the page shows the text again with the
    // message, to send once the session reopens.
    ForumException closed = closed().withMessageKey("qa.ask.closed").about("text");
    return openSession(user, sessionId, closed, false).compose(session -> {
      String status = session.postModerated() ? Question.APPROVED : Question.PENDING;
      return sessions.nextSeq(sessionId).compose(seq -> {
        Question question = new Question(Stamps.newId(), sessionId, text, anonymous, asker, onBehalf, status,
            Question.PUBLIC.contains(status), 0, Stamps.now(), seq, null, false);
        return questions.insert(question).compose(v -> announce.stored(question)).map(v -> {
          announce.counts(sessionId, seq);
          return question;
        });
      });
    });
  }

  /**
   * The session, if this person may read it, its questions are open ({@code closed} otherwise) and, for a guest,
   * it lets guests ask (or vote, when {@code voting}): 403 otherwise.
   */
  private Future<Session> openSession(CurrentUser user, String sessionId, ForumException closed, boolean voting) {
    return sessions.readable(user, sessionId).compose(session -> {
      if (GuestPass.isGuest(user) && !(voting ? Session.GUESTS_ASK_AND_VOTE.equals(session.guests())
          : !Session.GUESTS_OFF.equals(session.guests()))) {
        return Future.failedFuture(ForumException.forbidden(voting
                ? "This session does not let guests vote: please sign in to vote."
                : "This session does not take questions from guests: please sign in to ask.")
            .withMessageKey(voting ? "qa.guest.no_votes" : "qa.guest.off"));
      }
      return session.qaOpen() ? Future.succeededFuture(session) : Future.failedFuture(closed);
    });
  }

  /** 409: the session's questions are closed. */
  private static ForumException closed() {
    return ForumException.conflict("Questions are closed for this session.");
  }

  /** A question attendees can vote on: public, in a session this person may read whose questions are open. */
  private Future<Question> votableQuestion(CurrentUser user, String questionId) {
    return questions.find(questionId).compose(question -> {
      if (question == null || !question.isPublic()) {
        return Future.failedFuture(ForumException.notFound("There is no such question."));
      }
      return openSession(user, question.sessionId(), closed(), true).map(question);
    });
  }

  /**
   * Keeps the person among the session's voters (for the workshop report), unless this instance listed them there
   * already: entries are never taken out, so a person voting again and again is written once, not once a vote.
   */
  private Future<Void> listVoter(String sessionId, String userId) {
    String key = sessionId + "/" + userId;
    synchronized (listedVoters) {
      if (listedVoters.containsKey(key)) {
        return Future.succeededFuture();
      }
    }
    return questions.listVoter(sessionId, userId).onSuccess(v -> {
      synchronized (listedVoters) {
        listedVoters.put(key, Boolean.TRUE);
      }
    });
  }

  /**
   * Announces the vote count of a question voted on (at once when its session was quiet, else once per window),
   * with a fresh seq no other announcement of it overtook ({@link CountAnnouncement}).
   */
  private void announceVotes(String sessionId, String questionId) {
    seqs.stamped(sessionId, questionId)
        .onSuccess(updated -> {
          if (updated != null) {
            announce.votes(updated);
          }
        });
  }
}
