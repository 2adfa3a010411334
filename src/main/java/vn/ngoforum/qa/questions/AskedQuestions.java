package vn.ngoforum.qa.questions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.ngoforum.auth.PersonalDataPart;

/**
 * Q&amp;A's part of a person's data download: every question they asked (anonymous, pending, hidden or withdrawn
 * ones too: they are theirs), with its text and what became of it, newest {@value #KEPT}. Read by key: the person's
 * list of questions, then the questions by {@code _id $in} ({@link QuestionRepository#askedBy}).
 */
public record AskedQuestions(QuestionRepository questions) implements PersonalDataPart {

  /** The most questions a download lists. */
  static final int KEPT = 500;

  /**
   * {@code {questions:[{id, sessionId, url, text, anonymous, onBehalf, status, createdAt, edited, answer}]}}, newest
   * first; {@code text} as the asker wrote it (before a moderator edited it).
   */
  @Override
  public Future<JsonObject> of(String userId) {
    return questions.askedBy(userId, KEPT).map(asked -> new JsonObject().put("questions",
        new JsonArray(asked.stream().map(AskedQuestions::question).toList())));
  }

  private static JsonObject question(Question question) {
    return new JsonObject().put("id", question.id()).put("sessionId", question.sessionId())
        .put("url", "/qa/" + question.sessionId()).put("text", question.originalText())
        .put("anonymous", question.anonymous()).put("onBehalf", question.onBehalf()).put("status", question.status())
        .put("createdAt", question.createdAt() == null ? null : question.createdAt().toString())
        .put("edited", question.edited()).put("answer", question.answer());
  }
}
