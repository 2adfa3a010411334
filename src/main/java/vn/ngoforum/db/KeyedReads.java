package vn.ngoforum.db;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads of one collection by {@code _id} that requests make at the same time, made together: a read asked for while
 * another is on its way to MongoDB waits until that one is answered, then every read waiting is made in one query
 * ({@code _id $in}, at most {@value #MOST} ids). With no read on its way, a read is made at once, so a quiet forum
 * waits for nothing; a busy one makes one query per round trip instead of one per request (a signed-in page asks the
 * registry's version and whether the reader watches the thread: at 64 pages at a time, the same few documents).
 *
 * <p>Every read is made after it was asked for, never answered from a query sent before: it sees every write
 * acknowledged before it was asked, as a read of its own would.
 */
public final class KeyedReads {

  /** The most ids one query asks for; the rest wait for the next. */
  static final int MOST = 500;

  private final MongoClient mongo;
  private final String collection;
  /** Who waits for which id, in the order asked. */
  private final Map<String, List<Waiter>> waiting = new LinkedHashMap<>();
  private boolean reading;

  /** One read asked for: answered on the context it was asked on (a request's, so that its logging knows it). */
  private record Waiter(Promise<JsonObject> answer, Context context) {
  }

  public KeyedReads(MongoClient mongo, String collection) {
    this.mongo = mongo;
    this.collection = collection;
  }

  /** The document at {@code id} ({@code null}: none), as stored. */
  public Future<JsonObject> find(String id) {
    Promise<JsonObject> answer = Promise.promise();
    Context context = Vertx.currentContext();
    Map<String, List<Waiter>> now;
    synchronized (this) {
      waiting.computeIfAbsent(id, key -> new ArrayList<>(2)).add(new Waiter(answer, context));
      if (reading) {
        return answer.future();
      }
      reading = true;
      now = taken();
    }
    read(now);
    return answer.future();
  }

  /**
   * Up to {@value #MOST} of the ids waiting, with their waiters, taken out of {@link #waiting}: whoever asks for one
   * of them from now on waits for the next query (the caller holds the lock).
   */
  private Map<String, List<Waiter>> taken() {
    Map<String, List<Waiter>> batch = new HashMap<>();
    for (Iterator<Map.Entry<String, List<Waiter>>> it = waiting.entrySet().iterator();
        it.hasNext() && batch.size() < MOST; ) {
      Map.Entry<String, List<Waiter>> entry = it.next();
      batch.put(entry.getKey(), entry.getValue());
      it.remove();
    }
    return batch;
  }

  private void read(Map<String, List<Waiter>> batch) {
    List<String> ids = List.copyOf(batch.keySet());
    Future<List<JsonObject>> found;
    try {
      found = ids.size() == 1
          ? mongo.findOne(collection, Keys.id(ids.get(0)), null).map(doc -> doc == null ? List.of() : List.of(doc))
          : mongo.find(collection, Keys.idIn(ids));
    } catch (RuntimeException e) {
      // A client that throws instead of failing its future must not leave every later read waiting.
      found = Future.failedFuture(e);
    }
    found.onComplete(done -> {
      Map<String, List<Waiter>> next;
      synchronized (this) {
        next = waiting.isEmpty() ? null : taken();
        reading = next != null;
      }
      if (next != null) {
        read(next);
      }
      Map<String, JsonObject> byId = new HashMap<>();
      if (done.succeeded()) {
        done.result().forEach(doc -> byId.put(String.valueOf(doc.getValue("_id")), doc));
      }
      batch.forEach((id, waiters) -> {
        JsonObject doc = byId.get(id);
        for (int i = 0; i < waiters.size(); i++) {
          // Each waiter gets a document of its own (the first the one read), since callers may change what they got.
          JsonObject own = doc == null || i == 0 ? doc : doc.copy();
          Waiter waiter = waiters.get(i);
          Runnable tell = done.succeeded() ? () -> waiter.answer().complete(own)
              : () -> waiter.answer().fail(done.cause());
          if (waiter.context() == null || waiter.context() == Vertx.currentContext()) {
            tell.run();
          } else {
            waiter.context().runOnContext(v -> tell.run());
          }
        }
      });
    });
  }
}
