package vn.ngoforum.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;

/**
 * A one-way fact kept as one document {@code {_id}} in a collection: a start-up migration has run, a read model is
 * built. Read by {@code _id} until it is seen, then remembered (it is never undone), so a request path asks the
 * store nothing once it is set.
 */
public final class Marker {

  private final String collection;
  private final String id;
  private volatile boolean seen;

  public Marker(String collection, String id) {
    this.collection = collection;
    this.id = id;
  }

  /** Whether the marker is written (by this node or any other). */
  public Future<Boolean> isSet(MongoClient mongo) {
    if (seen) {
      return Future.succeededFuture(true);
    }
    return mongo.findOne(collection, Keys.id(id), new JsonObject().put("_id", 1)).map(doc -> {
      if (doc != null) {
        seen = true;
      }
      return doc != null;
    });
  }

  /** Writes the marker with the time now. */
  public Future<Void> set(MongoClient mongo) {
    return set(mongo, new JsonObject());
  }

  /** Writes the marker with the time now and {@code fields} (what the work found, for a reader of the store). */
  public Future<Void> set(MongoClient mongo, JsonObject fields) {
    return mongo.save(collection, fields.copy().put("_id", id).put("at", Dates.of(Instant.now())))
        .onSuccess(v -> seen = true)
        .mapEmpty();
  }
}
