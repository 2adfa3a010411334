package vn.ngoforum.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.ngoforum.db.Keys;
import vn.ngoforum.db.Marker;

/**
 * The {@code audit} collection: entries only ever added, each numbered on insert ({@code seq}, under a sparse unique
 * index), so the admins' page reads a run of numbers by key ({@code seq $in [...]}) instead of filtering the whole
 * collection, which the embedded store would scan.
 *
 * <p>Beside it, {@code audit_counters} holds the next number ({@code {_id: "next", seq}}) and the lowest one given to
 * an entry written before the numbers ({@code {_id: "low", seq}}, zero and below), and {@code audit_days} one small
 * document per day in Asia/Ho_Chi_Minh ({@code {_id: "2026-12-06", first, last}}) naming the numbers written that
 * day, so that "until that day" starts at the right number. All are read and written by {@code _id}.
 *
 * <p>A forum upgraded from before the numbers has entries without one: {@link #numberOlderEntries} (a background
 * scan at start-up, idempotent, a no-op once its marker is written) numbers them below every new entry, newest
 * first, so that the page lists them after the new ones in the order they were written.
 */
record AuditRepository(MongoClient mongo) {

  static final String AUDIT = "audit";
  static final String COUNTERS = "audit_counters";
  static final String DAYS = "audit_days";
  private static final String NEXT = "next";
  private static final String LOW = "low";
  /** The marker's id in {@link #COUNTERS}. A Marker remembers once it saw it set: one per run, not per JVM. */
  private static final String NUMBERED = "numbered";

  /** Numbers the entry, names its number on its day, then stores it. */
  Future<Void> insert(JsonObject entry, String day) {
    return bump(NEXT, 1)
        .compose(seq -> markDays(Map.of(day, new long[] {seq, seq})).map(seq))
        .compose(seq -> mongo.insert(AUDIT, entry.copy().put("seq", seq)))
        .mapEmpty();
  }

  /** The newest number given (0 when none). */
  Future<Long> highest() {
    return counter(NEXT, 0L);
  }

  /** The lowest number an entry may have: 1, or below when older entries were numbered. */
  Future<Long> lowest() {
    return counter(LOW, 1L);
  }

  /** The entries numbered {@code from} down to {@code downTo} (both included) that exist, newest first. */
  Future<List<JsonObject>> run(long from, long downTo) {
    JsonArray seqs = new JsonArray();
    for (long seq = from; seq >= downTo; seq--) {
      seqs.add(seq);
    }
    return mongo.find(AUDIT, new JsonObject().put("seq", new JsonObject().put("$in", seqs)))
        .map(found -> found.stream()
            .sorted((a, b) -> Long.compare(b.getLong("seq"), a.getLong("seq")))
            .toList());
  }

  /** The days among {@code days} that have entries: {@code {_id: day, first, last}}. */
  Future<List<JsonObject>> days(List<String> days) {
    return mongo.find(DAYS, Keys.idIn(days));
  }

  /** Newest first, at most {@code limit}, only those about the target when given (either may be {@code null}). */
  Future<List<JsonObject>> latest(String targetType, String targetId, int limit) {
    JsonObject query = new JsonObject();
    if (targetType != null) {
      query.put("target.type", targetType);
    }
    if (targetId != null) {
      query.put("target.id", targetId);
    }
    return mongo.findWithOptions(AUDIT, query, new FindOptions()
        .setSort(new JsonObject().put("at", -1)).setLimit(limit));
  }

  Future<Void> createIndexes() {
    return mongo.createIndex(AUDIT, new JsonObject().put("at", -1))
        .compose(v -> mongo.createIndex(AUDIT, new JsonObject().put("target.type", 1).put("target.id", 1)))
        .compose(v -> mongo.createIndexWithOptions(AUDIT, new JsonObject().put("seq", 1),
            new IndexOptions().unique(true).sparse(true)));
  }

  /**
   * Numbers the entries written before numbers existed, below every number given so far, newest first; names them
   * on their days; then writes its marker. Reads the whole collection once (background work at start-up). The
   * numbers are reserved before they are written, so a run cut short leaves a gap, never a clash. Answers how many
   * entries it numbered (0 when it had run before).
   *
   * @param dayOf the day in Asia/Ho_Chi_Minh of an entry's {@code at}
   */
  Future<Integer> numberOlderEntries(java.util.function.Function<Object, String> dayOf) {
    Marker numbered = new Marker(COUNTERS, NUMBERED);
    return numbered.isSet(mongo).compose(done -> done ? Future.succeededFuture(0)
        : mongo.findWithOptions(AUDIT, new JsonObject().put("seq", new JsonObject().put("$exists", false)),
                new FindOptions().setFields(new JsonObject().put("at", 1)).setSort(new JsonObject().put("at", -1)))
            .compose(older -> older.isEmpty() ? Future.succeededFuture(0) : bump(LOW, -older.size())
                .compose(low -> number(older, low + older.size() - 1, dayOf)))
            .compose(count -> numbered.set(mongo, new JsonObject().put("numbered", count)).map(count)));
  }

  private Future<Integer> number(List<JsonObject> newestFirst, long top, java.util.function.Function<Object, String>
      dayOf) {
    List<BulkOperation> updates = new ArrayList<>();
    Map<String, long[]> days = new TreeMap<>();
    long seq = top;
    for (JsonObject entry : newestFirst) {
      updates.add(BulkOperation.createUpdate(new JsonObject().put("_id", entry.getValue("_id")),
          new JsonObject().put("$set", new JsonObject().put("seq", seq))));
      long number = seq;
      days.merge(dayOf.apply(entry.getValue("at")), new long[] {number, number},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
      seq--;
    }
    return markDays(days).compose(v -> mongo.bulkWrite(AUDIT, updates)).map(newestFirst.size());
  }

  /** Widens each day's {@code [first, last]} to take in the given numbers. */
  private Future<Void> markDays(Map<String, long[]> days) {
    List<BulkOperation> updates = new ArrayList<>();
    days.forEach((day, range) -> updates.add(BulkOperation.createUpdate(Keys.id(day), new JsonObject()
        .put("$min", new JsonObject().put("first", range[0]))
        .put("$max", new JsonObject().put("last", range[1])), true, false)));
    return mongo.bulkWrite(DAYS, updates).mapEmpty();
  }

  /** Adds {@code by} to a counter and answers its new value; a counter not yet written starts from its default. */
  private Future<Long> bump(String counter, long by) {
    long start = LOW.equals(counter) ? 1L : 0L;
    return mongo.findOneAndUpdateWithOptions(COUNTERS, Keys.id(counter),
            new JsonObject().put("$inc", new JsonObject().put("seq", by)),
            new FindOptions(), new UpdateOptions().setUpsert(true).setReturningNewDocument(true))
        .map(doc -> doc.getLong("seq") + start);
  }

  private Future<Long> counter(String counter, long otherwise) {
    long start = LOW.equals(counter) ? 1L : 0L;
    return mongo.findOne(COUNTERS, Keys.id(counter), null)
        .map(doc -> doc == null ? otherwise : doc.getLong("seq") + start);
  }
}
