package vn.ngoforum.search;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/**
 * A feature's findable things of one kind, as its store has them now: the port through which the index reads a
 * feature (the feature implements it; the index never reads a feature's collections).
 */
public interface FindableSource {

  /** The kind of entries this source gives ("thread", "post" ...). */
  String kind();

  /**
   * The version of what this source puts in its entries: raise it when that changes, and every node rebuilds
   * its index once.
   */
  default int version() {
    return 1;
  }

  /**
   * These entries as they are now, read by key. An id not answered is no longer findable (deleted, hidden,
   * never existed): the index drops it.
   */
  Future<List<Findable>> find(List<String> ids);

  /**
   * Every findable entry, a batch at a time, each batch handed on only after the previous one's future
   * completed (to rebuild the index: this may read the whole collection, it is never on a request path).
   */
  Future<Void> all(Function<List<Findable>, Future<Void>> batch);

  /**
   * A source of one kind whose things a feature's store reads by key ({@code byIds}) and a batch at a time
   * ({@code each}), each read described by {@code describe} (which drops what is not findable).
   */
  static <T> FindableSource of(String kind, Function<List<String>, Future<List<T>>> byIds, Batched<T> each,
      Function<List<T>, Future<List<Findable>>> describe) {
    return new KeyedSource<>(kind, byIds, each, describe);
  }

  /** A store's whole collection, {@code size} documents at a time (see {@link #all}). */
  @FunctionalInterface
  interface Batched<T> {
    Future<Void> each(int size, Function<List<T>, Future<Void>> batch);
  }
}
