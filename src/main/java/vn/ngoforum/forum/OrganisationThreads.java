package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What an organisation has said in the forum, for its public profile: the registry asks, the forum answers.
 */
@FunctionalInterface
public interface OrganisationThreads {

  /** Nothing yet: the answer until the forum provides one. */
  OrganisationThreads NONE = (slug, limit) -> Future.succeededFuture(List.of());

  /** The forum's own answer, read from its posts in {@code mongo}. */
  static OrganisationThreads of(io.vertx.ext.mongo.MongoClient mongo) {
    return new OrganisationPosts(mongo);
  }

  /**
   * The newest public posts written on behalf of organisation {@code slug} (or by its approved members), newest
   * first, as {@code [{threadId, title, url, excerpt, at}]} with {@code at} an ISO-8601 instant.
   */
  Future<List<JsonObject>> recentFor(String slug, int limit);
}
