package vn.ngoforum.search;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import vn.ngoforum.db.Dates;

/**
 * The {@code changes} collection, the forum's numbered log of changes to findable things ({@code _id} is the
 * change's number), and the {@code counters} documents that hand out the numbers ({@code changes}) and say
 * below which number the log was trimmed ({@code changes.floor}). Every read on a request path or in the
 * indexer's loop is by {@code _id}; only the trim scans, in the background.
 */
record ChangeRepository(MongoClient mongo) {

  static final String CHANGES = "changes";
  static final String COUNTERS = "counters";
  private static final String NUMBER = "changes";
  private static final String FLOOR = "changes.floor";
  private static final String STORE = "store";

  /** Takes the next number and writes the change under it. */
  Future<Change> append(String kind, String id, Instant at) {
    return mongo.findOneAndUpdateWithOptions(COUNTERS, new JsonObject().put("_id", NUMBER),
            new JsonObject().put("$inc", new JsonObject().put("seq", 1L)),
            new FindOptions(), new UpdateOptions().setUpsert(true).setReturningNewDocument(true))
        .map(counter -> new Change(counter.getLong("seq"), kind, id, at))
        .compose(change -> mongo.insert(CHANGES, new JsonObject().put("_id", change.seq()).put("kind", kind)
            .put("id", id).put("at", Dates.of(at))).map(change));
  }

  /**
   * Takes {@code ids.size()} numbers at once and writes a change under each, in one bulk write (a thread moved: each
   * of its posts changed).
   */
  Future<List<Change>> appendAll(String kind, List<String> ids, Instant at) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return mongo.findOneAndUpdateWithOptions(COUNTERS, new JsonObject().put("_id", NUMBER),
            new JsonObject().put("$inc", new JsonObject().put("seq", (long) ids.size())),
            new FindOptions(), new UpdateOptions().setUpsert(true).setReturningNewDocument(true))
        .compose(counter -> {
          long first = counter.getLong("seq") - ids.size() + 1;
          List<Change> changes = new java.util.ArrayList<>(ids.size());
          List<BulkOperation> inserts = new java.util.ArrayList<>(ids.size());
          for (int i = 0; i < ids.size(); i++) {
            Change change = new Change(first + i, kind, ids.get(i), at);
            changes.add(change);
            inserts.add(BulkOperation.createInsert(new JsonObject().put("_id", change.seq()).put("kind", kind)
                .put("id", change.id()).put("at", Dates.of(at))));
          }
          return mongo.bulkWrite(CHANGES, inserts).map(changes);
        });
  }

  /**
   * The store's identity: a random id written once into the store, so an index built from another store (another
   * database under the same data directory) is known as such and rebuilt.
   */
  Future<String> storeId() {
    return mongo.findOneAndUpdateWithOptions(COUNTERS, new JsonObject().put("_id", STORE),
            new JsonObject().put("$setOnInsert", new JsonObject().put("id", java.util.UUID.randomUUID().toString())),
            new FindOptions(), new UpdateOptions().setUpsert(true).setReturningNewDocument(true))
        .recover(failure -> vn.ngoforum.db.Mongo.isDuplicateKey(failure)
            ? mongo.findOne(COUNTERS, new JsonObject().put("_id", STORE), null) : Future.failedFuture(failure))
        .map(doc -> doc.getString("id"));
  }

  /** The number of the last change handed out (0 when none). */
  Future<Long> last() {
    return counter(NUMBER);
  }

  /** The number below which changes were trimmed from the log (0 when none were). */
  Future<Long> floor() {
    return counter(FLOOR);
  }

  /** The changes numbered {@code from} to {@code to} that are in the log, by number. */
  Future<List<Change>> between(long from, long to) {
    JsonArray numbers = new JsonArray(LongStream.rangeClosed(from, to).boxed().map(Long.class::cast).toList());
    return mongo.find(CHANGES, new JsonObject().put("_id", new JsonObject().put("$in", numbers)))
        .map(docs -> docs.stream()
            .map(doc -> new Change(doc.getLong("_id"), doc.getString("kind"), doc.getString("id"),
                Dates.instant(doc.getValue("at"))))
            .sorted(java.util.Comparator.comparingLong(Change::seq))
            .toList());
  }

  /**
   * Removes the changes recorded before {@code before} and raises the floor past them: an index whose
   * checkpoint is below the floor can no longer catch up and is rebuilt. Background only (it scans).
   */
  Future<Long> trim(Instant before) {
    return trim(before, 0);
  }

  /**
   * Like {@link #trim(Instant)}, but keeps the last {@code keepLast} changes however old they are. Background only
   * (it scans).
   */
  Future<Long> trim(Instant before, long keepLast) {
    return last().compose(last -> last - keepLast < 1 ? Future.succeededFuture(0L)
        : trimOld(new JsonObject().put("at", Dates.before(before))
            .put("_id", new JsonObject().put("$lte", last - keepLast))));
  }

  private Future<Long> trimOld(JsonObject old) {
    return mongo.findWithOptions(CHANGES, old, new FindOptions().setSort(new JsonObject().put("_id", -1))
            .setLimit(1).setFields(new JsonObject().put("_id", 1)))
        .compose(newest -> newest.isEmpty() ? Future.succeededFuture(0L)
            : raiseFloor(newest.get(0).getLong("_id") + 1)
                .compose(raised -> mongo.removeDocuments(CHANGES,
                    new JsonObject().put("_id", new JsonObject().put("$lt", newest.get(0).getLong("_id") + 1))))
                .map(removed -> removed.getRemovedCount()));
  }

  private Future<Void> raiseFloor(long floor) {
    return mongo.findOneAndUpdateWithOptions(COUNTERS, new JsonObject().put("_id", FLOOR),
        new JsonObject().put("$max", new JsonObject().put("seq", floor)), new FindOptions(),
        new UpdateOptions().setUpsert(true)).mapEmpty();
  }

  private Future<Long> counter(String name) {
    return mongo.findOne(COUNTERS, new JsonObject().put("_id", name), null)
        .map(doc -> doc == null ? 0L : doc.getLong("seq", 0L));
  }
}
