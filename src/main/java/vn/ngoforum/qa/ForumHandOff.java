package vn.ngoforum.qa;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.forum.ForumThreads;
import vn.ngoforum.error.ForumException;

/**
 * After a session, carries its approved but unanswered questions into the forum: one thread per question, in a
 * category the moderator chooses, each linking back to the session. The moderator is the threads' author (an
 * anonymous asker stays anonymous); the asker is named in the text unless they asked anonymously. A question
 * remembers its thread, so running the action again only carries questions not carried yet.
 */
final class ForumHandOff {

  private static final int MAX_TITLE = 180;

  private final EventRepository events;
  private final QuestionRepository questions;
  private final ForumThreads forum;
  private final AuditLog audit;

  ForumHandOff(EventRepository events, QuestionRepository questions, ForumThreads forum, AuditLog audit) {
    this.events = events;
    this.questions = questions;
    this.forum = forum;
    this.audit = audit;
  }

  /** Answers {@code {created: [{questionId, threadId, url}]}}. */
  Future<JsonObject> carry(CurrentUser moderator, String sessionId, String category) {
    return events.session(sessionId).compose(session -> {
      if (session == null) {
        return Future.failedFuture(ForumException.notFound("There is no such session."));
      }
      JsonObject open = new JsonObject()
          .put("status", new JsonObject().put("$in", new JsonArray().add(Question.APPROVED).add(Question.HIGHLIGHTED)))
          .put("threadId", new JsonObject().put("$exists", false));
      return questions.inSession(sessionId, open).compose(docs -> carryEach(moderator, session, category, docs));
    });
  }

  private Future<JsonObject> carryEach(CurrentUser moderator, JsonObject session, String category,
      List<JsonObject> docs) {
    JsonArray created = new JsonArray();
    Future<Void> chain = Future.succeededFuture();
    for (JsonObject question : docs) {
      // One after another: a failure (say, an unknown category) stops before anything else is written.
      chain = chain.compose(v -> forum.start(moderator, category, title(question), body(session, question))
          .compose(thread -> questions.linkThread(question.getString("_id"), thread.getString("id"))
              .onSuccess(linked -> created.add(new JsonObject()
                  .put("questionId", question.getString("_id"))
                  .put("threadId", thread.getString("id"))
                  .put("url", thread.getString("url", "/t/" + thread.getString("id")))))
              .mapEmpty()));
    }
    String sessionId = session.getString("_id");
    return chain
        .compose(v -> created.isEmpty() ? Future.succeededFuture()
            : audit.record(moderator, "session.to-forum", "session", sessionId, null,
                new JsonObject().put("category", category).put("threads", created)))
        .map(v -> new JsonObject().put("created", created));
  }

  private static String title(JsonObject question) {
    String text = question.getString("text", "").strip();
    String firstLine = text.lines().findFirst().orElse(text);
    return firstLine.length() <= MAX_TITLE ? firstLine : firstLine.substring(0, MAX_TITLE - 1).strip() + "…";
  }

  private static String body(JsonObject session, JsonObject question) {
    JsonObject title = session.getJsonObject("title", new JsonObject());
    String sessionTitle = title.getString("vi", title.getString("en", ""));
    StringBuilder body = new StringBuilder(question.getString("text", "").strip())
        .append("\n\n---\n\nCâu hỏi từ phiên Hỏi đáp / A question from the Q&A session: [")
        .append(sessionTitle.replace("[", "(").replace("]", ")"))
        .append("](/qa/").append(session.getString("_id")).append(")");
    JsonObject author = question.getJsonObject("author");
    if (!question.getBoolean("anonymous", false) && author != null && author.getString("name") != null) {
      body.append("\n\nNgười hỏi / Asked by: ").append(author.getString("name"));
    }
    body.append("\n\nBình chọn / Votes: ").append(question.getInteger("votes", 0));
    return body.toString();
  }
}
