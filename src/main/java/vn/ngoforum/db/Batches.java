package vn.ngoforum.db;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.impl.MongoClientImpl;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Reading a whole collection a batch at a time, without holding it in memory (background work only: it scans).
 *
 * <p>The documents come from the driver's own reactive-streams publisher, asked for one batch at a time, never
 * through the client's {@code findBatch} stream. That stream (vertx-mongo-client 5.0.7's {@code PublisherAdapter})
 * can lose its request for more documents: when its buffer of 16 fills it notes itself paused on the driver's
 * thread, and notes the resume on the event loop without the lock its document handling holds, so the last document
 * of a driver batch and the resume can each miss the other, and the stream then neither delivers nor ends. That hung
 * a rebuild of the search index over 100,000 threads and, with a collection smaller than one of our batches (no
 * pause of ours at all), a migration in a test. Asking the publisher directly, with one request per batch, leaves
 * nothing to race.
 */
public final class Batches {

  private static final Method FIND = findMethod();

  private Batches() {
  }

  /**
   * Hands the documents of {@code collection} matching {@code query} to {@code batch} {@code size} at a time, asking
   * for the next ones only once the batch's future completed; completes when all were handed on, or fails with the
   * first failure (every caller is a rebuild or a migration that may run again whole). {@code batch} runs on the
   * caller's Vert.x context when it has one.
   */
  public static <T> Future<Void> each(MongoClient mongo, String collection, JsonObject query, FindOptions options,
      int size, Function<JsonObject, T> map, Function<List<T>, Future<Void>> batch) {
    Publisher<JsonObject> documents;
    try {
      documents = find(mongo, collection, query, options);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return each(documents, size, map, batch);
  }

  /** {@link #each(MongoClient, String, JsonObject, FindOptions, int, Function, Function)} of every document. */
  public static <T> Future<Void> each(MongoClient mongo, String collection, int size, Function<JsonObject, T> map,
      Function<List<T>, Future<Void>> batch) {
    return each(mongo, collection, new JsonObject(), new FindOptions(), size, map, batch);
  }

  static <T> Future<Void> each(Publisher<JsonObject> documents, int size, Function<JsonObject, T> map,
      Function<List<T>, Future<Void>> batch) {
    if (size < 1) {
      throw new IllegalArgumentException("A batch holds at least one document, not " + size);
    }
    Reader<T> reader = new Reader<>(Vertx.currentContext(), size, map, batch);
    documents.subscribe(reader);
    return reader.done.future();
  }

  /**
   * The driver's publisher of the documents, built by the client exactly as its {@code findBatchWithOptions} builds
   * it (the query, projection and sort encoded the client's way), before the client wraps it in its stream. The
   * method is private to the client, hence the reflection, checked by BatchesTest against the real store.
   */
  @SuppressWarnings("unchecked")
  private static Publisher<JsonObject> find(MongoClient mongo, String collection, JsonObject query,
      FindOptions options) {
    if (!(mongo instanceof MongoClientImpl)) {
      throw new IllegalArgumentException("A batch read needs the Vert.x MongoDB client, not " + mongo.getClass());
    }
    try {
      return (Publisher<JsonObject>) FIND.invoke(mongo, collection, query, options);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Method findMethod() {
    try {
      Method find = MongoClientImpl.class.getDeclaredMethod("doFind", String.class, JsonObject.class,
          FindOptions.class);
      find.setAccessible(true);
      return find;
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError("vertx-mongo-client no longer builds its finds in doFind: " + e);
    }
  }

  /**
   * One read: asks for {@code size} documents, hands them on once they are all here (or the collection ended), and
   * asks for the next ones when the batch is done. The publisher signals one at a time (reactive streams' rule 1.3),
   * so {@code pending} and {@code handing} need no lock; a batch's completion may come on any thread, and asking
   * from there is allowed (rule 2.7 holds: only this reader asks, and only when no batch is out).
   */
  private static final class Reader<T> implements Subscriber<JsonObject> {
    final Promise<Void> done = Promise.promise();
    private final Context context;
    private final int size;
    private final Function<JsonObject, T> map;
    private final Function<List<T>, Future<Void>> batch;
    private final List<T> pending;
    private Subscription subscription;
    /** The batch handed on last (its completion asks for the next documents, or ends the read). */
    private Future<Void> handing = Future.succeededFuture();

    Reader(Context context, int size, Function<JsonObject, T> map, Function<List<T>, Future<Void>> batch) {
      this.context = context;
      this.size = size;
      this.map = map;
      this.batch = batch;
      this.pending = new ArrayList<>(size);
    }

    @Override
    public void onSubscribe(Subscription subscription) {
      this.subscription = subscription;
      subscription.request(size);
    }

    @Override
    public void onNext(JsonObject document) {
      if (done.future().isComplete()) {
        return;
      }
      try {
        pending.add(map.apply(document));
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      if (pending.size() == size) {
        handing = hand(List.copyOf(pending));
        pending.clear();
        handing.onSuccess(v -> subscription.request(size)).onFailure(this::fail);
      }
    }

    @Override
    public void onError(Throwable failure) {
      done.tryFail(failure);
    }

    @Override
    public void onComplete() {
      if (done.future().isComplete()) {
        return;
      }
      // The end may come right after a full batch, before that batch is done: the rest waits for it.
      List<T> rest = List.copyOf(pending);
      pending.clear();
      handing.compose(v -> rest.isEmpty() ? Future.<Void>succeededFuture() : hand(rest)).onComplete(
          end -> done.tryComplete(), done::tryFail);
    }

    private void fail(Throwable failure) {
      if (!done.future().isComplete()) {
        subscription.cancel();
        done.tryFail(failure);
      }
    }

    /** {@code batch} of {@code documents}, on the caller's context when it had one; its failure as a future. */
    private Future<Void> hand(List<T> documents) {
      if (context == null) {
        return apply(documents);
      }
      Promise<Void> handed = Promise.promise();
      context.runOnContext(v -> apply(documents).onComplete(handed));
      return handed.future();
    }

    private Future<Void> apply(List<T> documents) {
      try {
        return batch.apply(documents);
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }
  }
}
