package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What an organisation has said in the forum, for its public profile: the registry asks, the forum answers (see
 * {@link ForumModule#organisationThreads()}).
 */
@FunctionalInterface
public interface OrganisationThreads {

  /** Nothing yet: the answer until the forum provides one. */
  OrganisationThreads NONE = (slug, limit) -> Future.succeededFuture(List.of());

  /**
   * The newest public posts written on behalf of organisation {@code slug} (or by its approved members), newest
   * first, as {@code [{threadId, title, url, excerpt, at}]} with {@code at} an ISO-8601 instant.
   */
  Future<List<JsonObject>> recentFor(String slug, int limit);
}
