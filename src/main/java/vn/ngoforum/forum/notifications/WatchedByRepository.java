package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one person watches, for their data download only: {@code watches} is kept by key
 * ({@code "{userId} thread:{id}"}, see {@link WatchRepository}), with no list per person, so this is a bounded scan
 * (a prefix of {@code _id}; the store reads the collection, the forum's event loop only waits). A person downloads
 * their data rarely; a page of one's watches needs a per-person list instead.
 */
record WatchedByRepository(MongoClient mongo) {

  /** The most watches a download lists. */
  static final int BOUND = 5_000;

  /** {@code [{kind: "thread"|"category", id}]} that {@code userId} watches now (at most {@link #BOUND}). */
  Future<List<JsonObject>> of(String userId) {
    String prefix = userId + " ";
    JsonObject query = new JsonObject()
        .put("_id", new JsonObject().put("$regex", "^" + Pattern.quote(prefix)))
        .put("on", true);
    return mongo.findWithOptions(WatchRepository.WATCHES, query, new FindOptions().setLimit(BOUND)
            .setFields(new JsonObject().put("_id", 1)))
        .map(docs -> docs.stream().map(doc -> doc.getString("_id").substring(prefix.length()))
            .filter(key -> key.indexOf(':') > 0)
            .map(key -> new JsonObject().put("kind", key.substring(0, key.indexOf(':')))
                .put("id", key.substring(key.indexOf(':') + 1)))
            .toList());
  }
}
