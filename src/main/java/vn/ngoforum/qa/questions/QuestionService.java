package vn.ngoforum.qa.questions;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.qa.events.Session;
import vn.ngoforum.qa.events.SessionService;
import vn.ngoforum.qa.events.Stamps;
import vn.ngoforum.qa.live.VoteCoalescer;

/**
 * Attendees' part of a session's Q&amp;A: asking (as themselves, anonymously, or on behalf of their organisation)
 * and voting.
 *
 * <p>Every change is written to MongoDB first, with a sequence number taken atomically from the session; then it is
 * announced ({@link QuestionAnnouncements}): to moderators always, to attendees when they may see it. Vote counts are
 * stored at once but announced through a {@link VoteCoalescer}, so a vote storm costs attendees a few frames a
 * second.
 */
public final class QuestionService {

  private final SessionService sessions;
  private final QuestionRepository questions;
  private final Memberships memberships;
  private final QuestionAnnouncements announce;
  private final VoteCoalescer coalescer;

  public QuestionService(Vertx vertx, SessionService sessions, QuestionRepository questions, Memberships memberships,
      QuestionAnnouncements announce) {
    this.sessions = sessions;
    this.questions = questions;
    this.memberships = memberships;
    this.announce = announce;
    this.coalescer = VoteCoalescer.forNode(vertx, VoteCoalescer.byAudience(vertx), this::announceVotes);
  }

  /**
   * Asks a question, on behalf of organisation {@code onBehalfOf} when given: the asker must have an approved
   * membership of it and it must be verified (403 about the form's {@code organisation} field otherwise). Any
   * question records the asker's organisation (the one spoken for, else their first), shown next to their name unless
   * they ask anonymously. 409 when the session's questions are closed.
   */
  public Future<Question> ask(CurrentUser user, String sessionId, String text, boolean anonymous, String onBehalfOf) {
    return memberships.of(user.id()).compose(orgs -> {
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
      return ask(user, sessionId, text, anonymous, asker, onBehalfOf != null);
    });
  }

  /** The verified organisations this person may speak for, as {@code [{slug, name, acronym, verified, role}]}. */
  public Future<List<JsonObject>> verifiedOrganisationsOf(CurrentUser user) {
    if (user == null) {
      return Future.succeededFuture(List.of());
    }
    return memberships.of(user.id())
        .map(orgs -> orgs.stream().filter(org -> org.getBoolean("verified", false)).toList());
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
        return questions.addToVotes(questionId, on ? 1 : -1).map(updated -> {
          coalescer.touch(question.sessionId(), questionId);
          return updated.votes();
        });
      });
    });
  }

  private Future<Question> ask(CurrentUser user, String sessionId, String text, boolean anonymous,
      Question.Asker asker, boolean onBehalf) {
    // At the page's form, closed questions are about what was typed: the page shows the text again with the
    // message, to send once the session reopens.
    ForumException closed = closed().withMessageKey("qa.ask.closed").about("text");
    return openSession(user, sessionId, closed).compose(session -> {
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

  /** The session, if this person may read it and its questions are open ({@code closed} otherwise). */
  private Future<Session> openSession(CurrentUser user, String sessionId, ForumException closed) {
    return sessions.readable(user, sessionId).compose(session -> session.qaOpen()
        ? Future.succeededFuture(session) : Future.failedFuture(closed));
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
      return openSession(user, question.sessionId(), closed()).map(question);
    });
  }

  /** Announces the vote count of a question voted on during the last window, with a fresh seq. */
  private void announceVotes(String sessionId, String questionId) {
    sessions.nextSeq(sessionId)
        .compose(seq -> questions.touch(questionId, seq))
        .onSuccess(updated -> {
          if (updated != null) {
            announce.change(updated);
          }
        });
  }
}
