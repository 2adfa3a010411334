package vn.ngoforum.qa.questions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import vn.ngoforum.auth.AccountClosed;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.qa.events.SessionService;
import vn.ngoforum.qa.events.Steps;

/**
 * What Q&amp;A does when a person closes their account: their questions stay, shown as asked by a former member. Each
 * question forgets its asker's name ({@link QuestionRepository#forgetAsker}) with its session's next sequence number,
 * then is announced like any change ({@link QuestionAnnouncements}): open pages on every node replace it, a page
 * catching up or loading afresh reads it so, and the search index is told. Background work: the person's questions
 * are found by a scan. Idempotent: a question already forgotten is left alone.
 */
public record FormerAskers(SessionService sessions, QuestionRepository questions, QuestionAnnouncements announce)
    implements AccountClosed {

  @Override
  public Future<Void> accountClosed(String userId, CurrentUser person) {
    return questions.notForgotten(userId).compose(found -> Steps.each(found, this::forget));
  }

  private Future<Void> forget(JsonObject question) {
    return sessions.nextSeq(question.getString("sessionId"))
        .map(seq -> seq == null ? question.getLong("seq", 0L) : seq)
        .compose(seq -> questions.forgetAsker(question.getString("_id"), question.getBoolean("onBehalf", false), seq)
            .compose(forgotten -> new QuestionSeqs(sessions, questions).changed(forgotten, seq)))
        .compose(forgotten -> forgotten == null ? Future.succeededFuture() : announce.stored(forgotten))
        .mapEmpty();
  }
}
