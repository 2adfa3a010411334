package vn.ngoforum.qa.handoff;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.forum.ForumThreads;
import vn.ngoforum.qa.events.Session;
import vn.ngoforum.qa.events.SessionService;
import vn.ngoforum.qa.questions.Question;
import vn.ngoforum.qa.questions.QuestionRepository;

/**
 * After a session, carries its approved but unanswered questions into the forum: one thread per question, in a
 * category the moderator chooses, each linking back to the session. The moderator is the threads' author (an
 * anonymous asker stays anonymous); the asker is named in the text unless they asked anonymously. A question
 * remembers its thread, so running the action again only carries questions not carried yet.
 */
public record ForumHandOff(SessionService sessions, QuestionRepository questions, ForumThreads forum, AuditLog audit) {

  private static final int MAX_TITLE = 180;

  /** Carries them (moderators only: the routes check); answers {@code {created: [{questionId, threadId, url}]}}. */
  public Future<JsonObject> carry(CurrentUser moderator, String sessionId, String category) {
    return sessions.existing(sessionId).compose(session -> questions.notCarriedToForum(sessionId)
        .compose(open -> carryEach(moderator, session, category, open)));
  }

  private Future<JsonObject> carryEach(CurrentUser moderator, Session session, String category,
      List<Question> open) {
    JsonArray created = new JsonArray();
    Future<Void> chain = Future.succeededFuture();
    for (Question question : open) {
      // One after another: a failure (say, an unknown category) stops before anything else is written.
      chain = chain.compose(v -> forum.start(moderator, category, title(question), body(session, question))
          .compose(thread -> questions.linkThread(question.id(), thread.getString("id"))
              .onSuccess(linked -> created.add(new JsonObject()
                  .put("questionId", question.id())
                  .put("threadId", thread.getString("id"))
                  .put("url", thread.getString("url", "/t/" + thread.getString("id")))))
              .mapEmpty()));
    }
    return chain
        .compose(v -> created.isEmpty() ? Future.succeededFuture()
            : audit.record(moderator, "session.to-forum", "session", session.id(), null,
                new JsonObject().put("category", category).put("threads", created)))
        .map(v -> new JsonObject().put("created", created));
  }

  private static String title(Question question) {
    String text = question.text() == null ? "" : question.text().strip();
    String firstLine = text.lines().findFirst().orElse(text);
    return firstLine.length() <= MAX_TITLE ? firstLine : firstLine.substring(0, MAX_TITLE - 1).strip() + "…";
  }

  private static String body(Session session, Question question) {
    JsonObject title = session.title() == null ? new JsonObject() : session.title();
    String sessionTitle = title.getString("vi", title.getString("en", ""));
    StringBuilder body = new StringBuilder(question.text() == null ? "" : question.text().strip())
        .append("\n\n---\n\nCâu hỏi từ phiên Hỏi đáp / A question from the Q&A session: [")
        .append(sessionTitle.replace("[", "(").replace("]", ")"))
        .append("](/qa/").append(session.id()).append(")");
    Question.Asker asker = question.asker();
    if (!question.anonymous() && asker != null && asker.name() != null) {
      body.append("\n\nNgười hỏi / Asked by: ").append(asker.name());
    }
    body.append("\n\nBình chọn / Votes: ").append(question.votes());
    return body.toString();
  }
}
