package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.cluster.OnThisNode;

/**
 * The {@code thread_reads} collection: how far each signed-in person has read each thread, one document per person
 * and thread ({@code {_id: "{userId}:{threadId}", upTo}}, read and written by key): {@code upTo} is the number of
 * the last post of the furthest page they opened, so the thread's posts after it are unread. Documents written
 * before {@code upTo} hold only {@code seq} (the thread's event number when the person last opened it): they still
 * say whether anything changed since ({@link Mark#seq}) until the person opens the thread again, which gives them
 * their {@code upTo}.
 *
 * <p>A page answers with how far its reader has read without waiting for the mark to be written: the answer needs
 * only a read by key, and the write ({@code $max}, so writes landing in any order keep the furthest) goes on behind
 * it. On the embedded store a durable write took 200 to 300 ms about once in twenty (100,000 threads), and every
 * signed-in page that opened a thread waited for one (p99 283 ms where the guest's was 37). Until its write lands, a
 * mark is read from this node's memory ({@link Remembered}), so the person's next page on this node shows it read.
 * A mark is a convenience, not something the person was told was saved: one whose write fails is logged and
 * forgotten, and the next visit writes it again.
 */
public final class ReadRepository {

  private static final Logger LOG = LoggerFactory.getLogger(ReadRepository.class);

  static final String READS = "thread_reads";

  /** How many marks (person and thread) {@link Remembered} keeps. */
  static final int REMEMBERED = 10_000;

  /**
   * How far a person has read a thread: up to post number {@code upTo} ({@code null} for a document from before
   * it was kept), or, for such a document, up to the thread's event {@code seq}.
   */
  record Mark(Integer upTo, long seq) {
  }

  private final MongoClient mongo;
  private final Remembered remembered;

  public ReadRepository(Vertx vertx, MongoClient mongo) {
    this.mongo = mongo;
    this.remembered = Remembered.of(vertx);
  }

  /**
   * Remembers that {@code userId} read {@code threadId} up to post {@code upTo} (never lowering what they had read
   * further); answers how far they have read now, once that is known, before the mark is written. A person reading
   * the same thread again no further than before writes nothing: this node remembers the last {@value #REMEMBERED}
   * marks it wrote.
   */
  Future<Integer> markRead(String userId, String threadId, int upTo) {
    String key = key(userId, threadId);
    Integer known = remembered.get(key);
    if (known != null && known >= upTo) {
      return Future.succeededFuture(known);
    }
    Future<Integer> before = known != null ? Future.succeededFuture(known)
        : mongo.findOne(READS, new JsonObject().put("_id", key), new JsonObject().put("upTo", 1))
            .map(doc -> doc == null ? 0 : doc.getInteger("upTo", 0));
    return before.map(read -> {
      int now = Math.max(read, upTo);
      remembered.raise(key, now);
      if (now > read) {
        write(key, now);
      }
      return now;
    });
  }

  private void write(String key, int upTo) {
    mongo.updateCollectionWithOptions(READS, new JsonObject().put("_id", key),
            new JsonObject().put("$max", new JsonObject().put("upTo", upTo)), new UpdateOptions().setUpsert(true))
        .onFailure(failure -> {
          LOG.warn("Could not remember that {} read up to post {}: {}", key, upTo, failure.toString());
          remembered.forget(key, upTo);
        });
  }

  /**
   * Thread id → how far the person has read it, for those of the given threads they have opened (by key), with
   * what this node noted and may still be writing.
   */
  Future<Map<String, Mark>> marks(String userId, List<String> threadIds) {
    JsonArray ids = new JsonArray(threadIds.stream().map(id -> key(userId, id)).toList());
    return mongo.find(READS, new JsonObject().put("_id", new JsonObject().put("$in", ids))).map(docs -> {
      Map<String, Mark> marks = new HashMap<>(docs.stream().collect(Collectors.toMap(
          doc -> doc.getString("_id").substring(userId.length() + 1),
          doc -> new Mark(doc.getInteger("upTo"), doc.getLong("seq", 0L)))));
      for (String threadId : threadIds) {
        Integer noted = remembered.get(key(userId, threadId));
        Mark stored = marks.get(threadId);
        if (noted != null && (stored == null || stored.upTo() == null || stored.upTo() < noted)) {
          marks.put(threadId, new Mark(noted, stored == null ? 0 : stored.seq()));
        }
      }
      return marks;
    });
  }

  private static String key(String userId, String threadId) {
    return userId + ":" + threadId;
  }

  /**
   * The marks this node noted last, person:thread → post number, the least recently used dropped first: one per node,
   * shared by the HTTP verticle instances, so that a person's next request sees their mark whichever event loop
   * takes it.
   */
  static final class Remembered implements Shareable {

    private final Map<String, Integer> marks = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
        return size() > REMEMBERED;
      }
    };

    static Remembered of(Vertx vertx) {
      return OnThisNode.one(vertx, Remembered.class, "marks", Remembered::new);
    }

    synchronized Integer get(String key) {
      return marks.get(key);
    }

    synchronized void raise(String key, int upTo) {
      marks.merge(key, upTo, Math::max);
    }

    /** Forgets a mark whose write failed, unless a later one replaced it. */
    synchronized void forget(String key, int upTo) {
      marks.remove(key, upTo);
    }
  }
}
