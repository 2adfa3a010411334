package vn.ngoforum.consultations.documents;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;

/**
 * Who wrote a comment or an amendment, as consultations keep it ({@code author:{id, name}}), and how it is forgotten:
 * a person who closed their account keeps their id there, loses their name, and is marked {@code former}, which
 * pages show as "former member". Used by the repositories of comments and of amendments.
 */
public record AuthorRepository(MongoClient mongo) {

  /**
   * Forgets {@code userId}'s name on every document of {@code collection} they wrote: a filter on the whole
   * collection, so background work (an account closing), never a request's. Idempotent.
   */
  public Future<Void> forget(String collection, String userId) {
    return forget(collection, "author", userId);
  }

  /** As {@link #forget(String, String)}, for an author kept at {@code path} (e.g. in a kept live event). */
  public Future<Void> forget(String collection, String path, String userId) {
    return mongo.updateCollectionWithOptions(collection, new JsonObject().put(path + ".id", userId),
        new JsonObject().put("$unset", new JsonObject().put(path + ".name", ""))
            .put("$set", new JsonObject().put(path + ".former", true)),
        new UpdateOptions().setMulti(true)).mapEmpty();
  }
}
