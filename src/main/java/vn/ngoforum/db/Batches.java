package vn.ngoforum.db;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reading a whole collection a batch at a time, without holding it in memory (background work only: it scans). */
public final class Batches {

  private Batches() {
  }

  /**
   * Hands the documents of {@code stream} (say {@code mongo.findBatch(...)}) to {@code batch} {@code size} at a
   * time, pausing the stream until each batch's future completes; completes when all were handed on, or fails with
   * the first failure.
   */
  public static <T> Future<Void> each(ReadStream<JsonObject> stream, int size, Function<JsonObject, T> map,
      Function<List<T>, Future<Void>> batch) {
    Promise<Void> done = Promise.promise();
    List<T> pending = new ArrayList<>(size);
    stream.exceptionHandler(done::tryFail);
    stream.endHandler(end -> (pending.isEmpty() ? Future.<Void>succeededFuture() : batch.apply(List.copyOf(pending)))
        .onComplete(done));
    stream.handler(doc -> {
      pending.add(map.apply(doc));
      if (pending.size() >= size) {
        List<T> full = List.copyOf(pending);
        pending.clear();
        stream.pause();
        batch.apply(full).onSuccess(v -> stream.resume()).onFailure(done::tryFail);
      }
    });
    return done.future();
  }
}
