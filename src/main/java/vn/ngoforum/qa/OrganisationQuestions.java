package vn.ngoforum.qa;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import vn.ngoforum.qa.events.SessionRepository;
import vn.ngoforum.qa.questions.QuestionRepository;
import vn.ngoforum.qa.questions.RecentOrganisationQuestions;

/**
 * What an organisation has asked in workshop Q&amp;A, for its public profile: the registry asks, Q&amp;A answers.
 */
@FunctionalInterface
public interface OrganisationQuestions {

  /** Nothing yet: the answer until Q&amp;A provides one. */
  OrganisationQuestions NONE = (slug, limit) -> Future.succeededFuture(List.of());

  /**
   * The newest publicly visible questions asked on behalf of organisation {@code slug} (never anonymous ones),
   * newest first, as {@code [{sessionId, questionId, text, url, at}]} with {@code at} an ISO-8601 instant.
   */
  Future<List<JsonObject>> recentFor(String slug, int limit);

  /** The questions asked on behalf of organisations, read straight from the Q&amp;A store (the module's is built once). */
  static OrganisationQuestions from(MongoClient mongo) {
    return new RecentOrganisationQuestions(new QuestionRepository(mongo), new SessionRepository(mongo))::recentFor;
  }
}
