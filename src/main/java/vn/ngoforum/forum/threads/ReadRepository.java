package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code thread_reads} collection: how far each signed-in person has read each thread, one document per person
 * and thread ({@code {_id: "{userId}:{threadId}", upTo}}, read and written by key): {@code upTo} is the number of
 * the last post of the furthest page they opened, so the thread's posts after it are unread. Documents written
 * before {@code upTo} hold only {@code seq} (the thread's event number when the person last opened it): they still
 * say whether anything changed since ({@link Mark#seq}) until the person opens the thread again, which gives them
 * their {@code upTo}.
 */
public final class ReadRepository {

  static final String READS = "thread_reads";

  /** How many marks (person and thread) {@link #written} keeps. */
  static final int REMEMBERED = 10_000;

  /**
   * How far a person has read a thread: up to post number {@code upTo} ({@code null} for a document from before
   * it was kept), or, for such a document, up to the thread's event {@code seq}.
   */
  record Mark(Integer upTo, long seq) {
  }

  private final MongoClient mongo;
  /** The marks this repository wrote last: person:thread → post number; the least recently used go first. */
  private final Map<String, Integer> written = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
      return size() > REMEMBERED;
    }
  };

  public ReadRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  /**
   * Remembers that {@code userId} read {@code threadId} up to post {@code upTo} (never lowering what they had read
   * further); answers how far they have read now. A person reading the same thread again no further than before
   * writes nothing: this repository remembers the last {@value #REMEMBERED} marks it wrote.
   */
  Future<Integer> markRead(String userId, String threadId, int upTo) {
    String key = userId + ":" + threadId;
    synchronized (written) {
      Integer known = written.get(key);
      if (known != null && known >= upTo) {
        return Future.succeededFuture(known);
      }
    }
    return mongo.findOneAndUpdateWithOptions(READS, new JsonObject().put("_id", key),
            new JsonObject().put("$max", new JsonObject().put("upTo", upTo)),
            new FindOptions().setFields(new JsonObject().put("upTo", 1)),
            new UpdateOptions().setUpsert(true).setReturningNewDocument(true))
        .map(doc -> doc == null ? upTo : Math.max(upTo, doc.getInteger("upTo", upTo)))
        .onSuccess(now -> {
          synchronized (written) {
            written.merge(key, now, Math::max);
          }
        });
  }

  /** Thread id → how far the person has read it, for those of the given threads they have opened (by key). */
  Future<Map<String, Mark>> marks(String userId, List<String> threadIds) {
    JsonArray ids = new JsonArray(threadIds.stream().map(id -> userId + ":" + id).toList());
    return mongo.find(READS, new JsonObject().put("_id", new JsonObject().put("$in", ids)))
        .map(docs -> docs.stream().collect(Collectors.toMap(
            doc -> doc.getString("_id").substring(userId.length() + 1),
            doc -> new Mark(doc.getInteger("upTo"), doc.getLong("seq", 0L)))));
  }
}
