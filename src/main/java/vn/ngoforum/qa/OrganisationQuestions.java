package vn.ngoforum.qa;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What an organisation has asked in workshop Q&amp;A, for its public profile: the registry asks, Q&amp;A answers
 * ({@link QaModule#organisationQuestions()}).
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
}
