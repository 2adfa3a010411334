package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import vn.ngoforum.db.Batches;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.KeyedReads;
import vn.ngoforum.db.Keys;
import vn.ngoforum.db.Marker;

/**
 * Who watches what, read by key only. {@code watcher_buckets} holds the watchers of each thread or category split
 * over {@value #BUCKETS} documents by a hash of the person's id ({@code {_id: "thread:{id}#{n}" |
 * "category:{slug}#{n}", people: [userIds]}}), all read by {@code _id $in} when a post is written to find whom to
 * tell: a thread with 5,000 watchers is 16 documents of about 300 ids, none of which grows without bound, and a
 * watch or unwatch rewrites one of them, never the whole list. ({@code watchers} held each list as one document
 * {@code {_id: "thread:{id}", people}}; {@link #migrateBuckets} moves them into the buckets, and until it has, they
 * are read too.) {@code watches} holds one document per person and thing ({@code {_id: "{userId} thread:{id}",
 * on}}), read when a page shows its watch button. {@code on: false} remembers that a person stopped watching, so
 * that writing in the thread again does not make them watch it again by default.
 *
 * <p>{@code watch_lists} is each person's "my watches" page, read by key: {@code {_id: userId, items: [{w:
 * "thread:{id}", at}], newest first}}, at most {@value #LISTED} items (the oldest fall off the list, not off the
 * watches), kept with every watch and unwatch. {@link #migrateLists} builds it once at start-up from the
 * {@code watches} of a forum upgraded from before it.
 */
public final class WatchRepository {

  static final String BUCKET_LISTS = "watcher_buckets";
  /** How many documents the watchers of one thing are spread over. */
  static final int BUCKETS = 16;
  /** The lists of watchers as one document each, from before the buckets. */
  static final String WATCHERS = "watchers";
  static final String BUCKETS_MIGRATION = "watcher-buckets";
  static final String WATCHES = "watches";
  static final String LISTS = "watch_lists";
  static final String MIGRATIONS = PeopleRepository.MIGRATIONS;
  static final String LISTS_MIGRATION = "watch-lists";
  /** How many things a person's list keeps: the newest they watched. */
  static final int LISTED = 1000;
  private static final int MIGRATION_BATCH = 500;

  /** Something that can be watched: a thread (by id) or a category (by slug). */
  public record Watched(String kind, String id) {

    public static Watched thread(String threadId) {
      return new Watched("thread", threadId);
    }

    public static Watched category(String slug) {
      return new Watched("category", slug);
    }

    String key() {
      return kind + ":" + id;
    }

    /** The thing of a key {@code "thread:{id}"} or {@code "category:{slug}"}. */
    static Watched of(String key) {
      int colon = key.indexOf(':');
      return new Watched(key.substring(0, colon), key.substring(colon + 1));
    }
  }

  /** One line of a person's list: what they watch and since when ({@code null}: from before the lists). */
  public record Listed(Watched watched, Instant at) {
  }

  /** One page of a person's list, newest first, and how many things the whole list holds. */
  public record ListPage(int total, List<Listed> items) {
  }

  private final MongoClient mongo;
  /** Whether people watch what they read: asked on every signed-in page, so made together ({@link KeyedReads}). */
  private final KeyedReads watchReads;
  /** Seen once {@link #migrateLists} has run: from then on a list is read as it is. */
  private final Marker listsBuilt = new Marker(MIGRATIONS, LISTS_MIGRATION);
  /** Seen once {@link #migrateBuckets} has run: from then on the one-document lists are not read. */
  private final Marker bucketsBuilt = new Marker(MIGRATIONS, BUCKETS_MIGRATION);

  public WatchRepository(MongoClient mongo) {
    this.mongo = mongo;
    this.watchReads = new KeyedReads(mongo, WATCHES);
  }

  /** The person watches {@code watched} ({@code on}) or stops watching it; both documents by key. */
  public Future<Void> set(String userId, Watched watched, boolean on) {
    return mongo.findOneAndUpdateWithOptions(WATCHES, Keys.id(key(userId, watched)),
            new JsonObject().put("$set", new JsonObject().put("on", on)), new FindOptions(),
            new UpdateOptions().setUpsert(true).setReturningNewDocument(false))
        .compose(before -> people(userId, watched, on)
            .compose(v -> before != null && before.getBoolean("on", false) == on ? Future.<Void>succeededFuture()
                : listed(userId, watched, on)));
  }

  /**
   * The person watches {@code watched} unless they have chosen either way before (an author or a replier watches
   * their thread by default; one who stopped watching it stays so).
   */
  Future<Void> byDefault(String userId, Watched watched) {
    return mongo.findOneAndUpdateWithOptions(WATCHES, new JsonObject().put("_id", key(userId, watched)),
            new JsonObject().put("$setOnInsert", new JsonObject().put("on", true)), new FindOptions(),
            new UpdateOptions().setUpsert(true).setReturningNewDocument(false))
        .compose(before -> before == null
            ? people(userId, watched, true).compose(v -> listed(userId, watched, true)) : Future.succeededFuture());
  }

  /** Whether the person watches {@code watched}. */
  public Future<Boolean> isWatching(String userId, Watched watched) {
    return watchReads.find(key(userId, watched)).map(doc -> doc != null && doc.getBoolean("on", false));
  }

  /**
   * Everyone who watches any of {@code watched}, once each: their buckets in one read by {@code _id $in} (and, until
   * {@link #migrateBuckets} has run, the one-document lists from before the buckets, by key too).
   */
  Future<Set<String>> watchersOf(Collection<Watched> watched) {
    List<String> keys = watched.stream().map(Watched::key).distinct().toList();
    List<String> buckets = keys.stream().flatMap(key -> IntStream.range(0, BUCKETS)
        .mapToObj(n -> key + "#" + n)).toList();
    Set<String> people = new LinkedHashSet<>();
    return bucketsBuilt.isSet(mongo)
        .compose(built -> Future.all(Keys.findAll(mongo, BUCKET_LISTS, buckets, null),
            built ? Future.succeededFuture(List.<JsonObject>of()) : Keys.findAll(mongo, WATCHERS, keys, null)))
        .map(both -> {
          for (int i = 0; i < 2; i++) {
            both.<List<JsonObject>>resultAt(i).forEach(doc -> doc.getJsonArray("people", new JsonArray())
                .forEach(id -> people.add((String) id)));
          }
          return people;
        });
  }

  /** The bucket of {@code watched} that holds this person, whoever asks: {@code "thread:{id}#{n}"}. */
  static String bucket(String userId, Watched watched) {
    return watched.key() + "#" + Math.floorMod(userId.hashCode(), BUCKETS);
  }

  /**
   * Once, in the background at start-up, for a forum upgraded from before the buckets: moves each one-document list
   * of watchers into its buckets (leaving out whoever's {@code watches} says they stopped), takes the people moved
   * out of the old document, then notes that it is done. Idempotent: a run cut short is run again, and adding to a
   * bucket twice changes nothing. A scan of {@code watchers}, fine in the background.
   */
  public Future<Void> migrateBuckets() {
    return bucketsBuilt.isSet(mongo).compose(done -> done ? Future.<Void>succeededFuture() : Batches.each(
            mongo, WATCHERS, 1, doc -> doc, docs -> moveToBuckets(docs.get(0)))
        .compose(v -> bucketsBuilt.set(mongo)));
  }

  private Future<Void> moveToBuckets(JsonObject list) {
    Watched watched = Watched.of(list.getString("_id"));
    List<String> people = list.getJsonArray("people", new JsonArray()).stream().map(String.class::cast).distinct()
        .toList();
    if (people.isEmpty()) {
      return Future.succeededFuture();
    }
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < people.size(); from += MIGRATION_BATCH) {
      List<String> batch = people.subList(from, Math.min(people.size(), from + MIGRATION_BATCH));
      chain = chain.compose(v -> Keys.findAll(mongo, WATCHES, batch.stream().map(id -> key(id, watched)).toList(),
              new JsonObject().put("on", 1))
          .compose(docs -> {
            Set<String> stopped = docs.stream().filter(doc -> !doc.getBoolean("on", false))
                .map(doc -> owner(doc.getString("_id"))).collect(Collectors.toSet());
            Map<String, JsonArray> byBucket = new LinkedHashMap<>();
            batch.stream().filter(id -> !stopped.contains(id))
                .forEach(id -> byBucket.computeIfAbsent(bucket(id, watched), b -> new JsonArray()).add(id));
            List<BulkOperation> adds = new ArrayList<>();
            byBucket.forEach((bucket, ids) -> adds.add(BulkOperation.createUpdate(Keys.id(bucket),
                new JsonObject().put("$addToSet", new JsonObject().put("people", new JsonObject().put("$each", ids))),
                true, false)));
            return adds.isEmpty() ? Future.<Void>succeededFuture() : mongo.bulkWrite(BUCKET_LISTS, adds).mapEmpty();
          })
          .compose(added -> mongo.updateCollection(WATCHERS, Keys.id(watched.key()), new JsonObject().put("$pullAll",
              new JsonObject().put("people", new JsonArray(batch))))).mapEmpty());
    }
    return chain;
  }

  /**
   * One page of what the person watches, newest first ({@code size} from {@code from}): their list by key, each
   * line checked against its {@code watches} document (by {@code _id $in}; a line the person no longer watches is
   * dropped from the list). Before {@link #migrateLists} has run, this person's list is first built from their
   * {@code watches} (a scan, only in an upgrade's first moments).
   */
  public Future<ListPage> listPage(String userId, int from, int size) {
    return listsBuilt.isSet(mongo)
        .compose(built -> built ? Future.<Void>succeededFuture() : fill(List.of(userId), scanned(userId, 0)))
        .compose(v -> mongo.findOne(LISTS, Keys.id(userId), null))
        .compose(doc -> {
          Map<String, Listed> lines = new LinkedHashMap<>();
          if (doc != null) {
            doc.getJsonArray("items", new JsonArray()).forEach(item -> {
              JsonObject line = (JsonObject) item;
              lines.putIfAbsent(line.getString("w"), new Listed(Watched.of(line.getString("w")),
                  line.getValue("at") == null ? null : Dates.instant(line.getValue("at"))));
            });
          }
          List<Listed> page = lines.values().stream().skip(from).limit(size).toList();
          return stillOn(userId, page).compose(on -> {
            List<Listed> stale = page.stream().filter(line -> !on.contains(line.watched().key())).toList();
            Future<Void> dropped = stale.isEmpty() ? Future.succeededFuture()
                : mongo.updateCollection(LISTS, Keys.id(userId), new JsonObject().put("$pull", new JsonObject()
                    .put("items", new JsonObject().put("w", new JsonObject().put("$in", new JsonArray(
                        stale.stream().map(line -> line.watched().key()).toList())))))).mapEmpty();
            return dropped.map(new ListPage(lines.size() - stale.size(),
                page.stream().filter(line -> on.contains(line.watched().key())).toList()));
          });
        });
  }

  /** The keys among {@code lines} that the person watches now (their {@code watches} documents, by key). */
  private Future<Set<String>> stillOn(String userId, List<Listed> lines) {
    Map<String, String> byDoc = lines.stream().collect(Collectors.toMap(line -> key(userId, line.watched()),
        line -> line.watched().key()));
    return Keys.findAll(mongo, WATCHES, byDoc.keySet(), new JsonObject().put("on", 1))
        .map(docs -> docs.stream().filter(doc -> doc.getBoolean("on", false))
            .map(doc -> byDoc.get(doc.getString("_id"))).collect(Collectors.toSet()));
  }

  /** Puts {@code watched} first in the person's list ({@code on}) or takes it out. */
  private Future<Void> listed(String userId, Watched watched, boolean on) {
    JsonObject pull = new JsonObject().put("$pull", new JsonObject().put("items",
        new JsonObject().put("w", watched.key())));
    Future<Void> out = mongo.updateCollection(LISTS, Keys.id(userId), pull).mapEmpty();
    return !on ? out : out.compose(v -> mongo.updateCollectionWithOptions(LISTS, Keys.id(userId),
        new JsonObject().put("$push", new JsonObject().put("items", new JsonObject()
            .put("$each", new JsonArray().add(new JsonObject().put("w", watched.key())
                .put("at", Dates.of(Instant.now()))))
            .put("$position", 0).put("$slice", LISTED))), new UpdateOptions().setUpsert(true)).mapEmpty());
  }

  /**
   * Once, in the background at start-up, for a forum upgraded from before the lists: puts what each person watches
   * (their {@code watches} that are on) at the end of their list, where it is not already (idempotent; a run cut
   * short is run again whole), then notes that it is done. A scan of {@code watches}, fine in the background.
   */
  public Future<Void> migrateLists() {
    return listsBuilt.isSet(mongo).compose(done -> done ? Future.<Void>succeededFuture() : Batches.each(
            mongo, WATCHES, new JsonObject().put("on", true), new FindOptions()
                .setFields(new JsonObject().put("_id", 1)),
            MIGRATION_BATCH, doc -> doc.getString("_id"),
            keys -> fill(keys.stream().map(WatchRepository::owner).distinct().toList(), Future.succeededFuture(keys)))
        .compose(v -> listsBuilt.set(mongo)));
  }

  /**
   * The {@code watches} keys ({@code "{userId} {thing}"}) that are on for one person, at most {@code limit} (0: all):
   * a scan of {@code watches} (a prefix of {@code _id}; the store reads the collection, the event loop only waits),
   * so only before the lists are built, and for the person's data download (rare, and it must hold every watch,
   * where the list keeps the newest {@value #LISTED}).
   */
  Future<List<String>> scanned(String userId, int limit) {
    String prefix = "^" + userId.replaceAll("([^\\p{L}\\p{N}_-])", "\\\\$1") + " ";
    return mongo.findWithOptions(WATCHES, new JsonObject().put("_id", new JsonObject().put("$regex", prefix))
            .put("on", true), (limit > 0 ? new FindOptions().setLimit(limit) : new FindOptions())
            .setFields(new JsonObject().put("_id", 1)))
        .map(docs -> docs.stream().map(doc -> doc.getString("_id")).toList());
  }

  /**
   * Appends to the lists of {@code people} the things of {@code watchKeys} ({@code watches} ids) not yet in them:
   * their lists read by {@code _id $in}, one bulk write.
   */
  private Future<Void> fill(List<String> people, Future<List<String>> watchKeys) {
    return watchKeys.compose(keys -> keys.isEmpty() ? Future.<Void>succeededFuture()
        : Keys.findAll(mongo, LISTS, people, null).compose(lists -> {
          Set<String> present = new HashSet<>();
          lists.forEach(list -> list.getJsonArray("items", new JsonArray()).forEach(item ->
              present.add(list.getString("_id") + " " + ((JsonObject) item).getString("w"))));
          Map<String, JsonArray> missing = new LinkedHashMap<>();
          keys.stream().filter(key -> !present.contains(key)).forEach(key -> missing
              .computeIfAbsent(owner(key), owner -> new JsonArray())
              .add(new JsonObject().put("w", key.substring(owner(key).length() + 1))));
          List<BulkOperation> writes = new ArrayList<>();
          missing.forEach((owner, items) -> writes.add(BulkOperation.createUpdate(Keys.id(owner),
              new JsonObject().put("$push", new JsonObject().put("items", new JsonObject().put("$each", items)
                  .put("$slice", LISTED))), true, false)));
          return writes.isEmpty() ? Future.succeededFuture() : mongo.bulkWrite(LISTS, writes).mapEmpty();
        }));
  }

  /** The person of a {@code watches} id {@code "{userId} {kind}:{id}"} (a kind and an id have no spaces). */
  private static String owner(String watchKey) {
    return watchKey.substring(0, watchKey.lastIndexOf(' '));
  }

  /**
   * Adds the person to the bucket of {@code watched} that holds them ({@code on}) or takes them out of it (and out
   * of the one-document list from before the buckets, which the migration may not have reached yet).
   */
  private Future<Void> people(String userId, Watched watched, boolean on) {
    JsonObject change = new JsonObject().put("people", userId);
    Future<Void> bucket = mongo.updateCollectionWithOptions(BUCKET_LISTS, Keys.id(bucket(userId, watched)),
        new JsonObject().put(on ? "$addToSet" : "$pull", change), new UpdateOptions().setUpsert(on)).mapEmpty();
    return on ? bucket : bucket.compose(v -> bucketsBuilt.isSet(mongo)).compose(built -> built
        ? Future.<Void>succeededFuture()
        : mongo.updateCollection(WATCHERS, Keys.id(watched.key()), new JsonObject().put("$pull", change)).mapEmpty());
  }

  private static String key(String userId, Watched watched) {
    return userId + " " + watched.key();
  }
}
