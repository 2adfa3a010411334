package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code thread_reads} collection: how far each signed-in person has read each thread (the thread's event
 * number when they last opened it), for the "new" markers on category pages.
 */
public final class ReadRepository {

  static final String READS = "thread_reads";

  /** How many marks (person and thread) {@link #written} keeps. */
  static final int REMEMBERED = 10_000;

  private final MongoClient mongo;
  /** The marks this repository wrote last: person:thread → event number; the least recently used go first. */
  private final Map<String, Long> written = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > REMEMBERED;
    }
  };

  public ReadRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  /**
   * Remembers that {@code userId} read {@code threadId} up to event {@code seq}. A person reading the same thread
   * again at the same point writes nothing: this repository remembers the last {@value #REMEMBERED} marks it wrote.
   */
  Future<Void> markRead(String userId, String threadId, long seq) {
    String key = userId + ":" + threadId;
    synchronized (written) {
      Long known = written.get(key);
      if (known != null && known >= seq) {
        return Future.succeededFuture();
      }
    }
    return mongo.updateCollectionWithOptions(READS, new JsonObject().put("_id", key),
        new JsonObject().put("$set", new JsonObject().put("seq", seq)), new UpdateOptions().setUpsert(true))
        .onSuccess(done -> {
          synchronized (written) {
            written.merge(key, seq, Math::max);
          }
        })
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
