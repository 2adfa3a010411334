package vn.ngoforum.search;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/** {@link FindableSource#of}: one kind, read by key and in batches of {@link #BATCH}. */
record KeyedSource<T>(String kind, Function<List<String>, Future<List<T>>> byIds, FindableSource.Batched<T> each,
    Function<List<T>, Future<List<Findable>>> describe) implements FindableSource {

  /** How many documents a rebuild reads at a time. */
  static final int BATCH = 500;

  @Override
  public Future<List<Findable>> find(List<String> ids) {
    return byIds.apply(ids).compose(describe);
  }

  @Override
  public Future<Void> all(Function<List<Findable>, Future<Void>> batch) {
    return each.each(BATCH, found -> describe.apply(found).compose(batch));
  }
}
