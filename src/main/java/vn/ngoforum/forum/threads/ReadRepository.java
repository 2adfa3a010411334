package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code thread_reads} collection: how far each signed-in person has read each thread (the thread's event
 * number when they last opened it), for the "new" markers on category pages.
 */
public final class ReadRepository {

  static final String READS = "thread_reads";

  private final MongoClient mongo;

  public ReadRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  Future<Void> markRead(String userId, String threadId, long seq) {
    return mongo.updateCollectionWithOptions(READS, new JsonObject().put("_id", userId + ":" + threadId),
        new JsonObject().put("$set", new JsonObject().put("seq", seq)), new UpdateOptions().setUpsert(true))
        .mapEmpty();
  }

  /** Thread id → the event number the person has read up to, for the given threads. */
  Future<Map<String, Long>> readUpTo(String userId, List<String> threadIds) {
    JsonArray ids = new JsonArray(threadIds.stream().map(id -> userId + ":" + id).toList());
    return mongo.find(READS, new JsonObject().put("_id", new JsonObject().put("$in", ids)))
        .map(docs -> docs.stream().collect(Collectors.toMap(
            doc -> doc.getString("_id").substring(userId.length() + 1), doc -> doc.getLong("seq", 0L))));
  }
}
