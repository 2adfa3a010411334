package vn.ngoforum.forum.moderation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Keys;
import vn.ngoforum.db.Marker;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.forum.common.Person;

/**
 * The {@code flags} collection: a reader's report that a post needs a moderator's look ({@link Flag}), one per
 * person and post (the id is {@code postId-userId}, so a second flag by the same person is a duplicate key).
 *
 * <p>Requests read flags by key only. Two read models, kept on flag and resolve: {@code flag_queue}, one document
 * ({@code _id: "open"}) listing the ids of the OLDEST {@value #LISTED} open flags, oldest first (the review queue
 * shows the oldest first, so those are the ones it needs), with {@code open}, how many are open in all; and
 * {@code flag_posts}, one document per flagged post listing its open flags' ids (at most one per reader). When
 * more than {@value #LISTED} flags are open, the newer ones wait outside the list: once resolving brings the list
 * below its bound, a background rebuild ({@link #rebuildQueue}, a scan, never awaited by a request) takes them in.
 * {@link #migrate} builds both for a forum upgraded from before them; until it has run, the old filters are used.
 */
public final class FlagRepository {

  private static final Logger LOG = LoggerFactory.getLogger(FlagRepository.class);

  public static final String FLAGS = "flags";
  static final String QUEUE = "flag_queue";
  static final String POSTS = "flag_posts";
  static final String QUEUE_ID = "open";
  static final String MIGRATIONS = "forum_migrations";
  static final String MIGRATION = "flag-lists";
  /** Raised by every change to the queue document, so a rebuild can tell it was changed during its scan. */
  static final String VERSION = "version";
  /** How many times a rebuild starts over when the queue changed during its scan. */
  private static final int REBUILD_ATTEMPTS = 5;
  /** How many open flags the queue document lists at most (the oldest). */
  static final int LISTED = 1000;

  private final MongoClient mongo;
  /** How many open flags the queue lists at most: {@value #LISTED}, fewer in tests. */
  private final int listed;
  /** Seen once {@link #migrate} has run: from then on requests never fall back to a filter. */
  private final Marker migrated = new Marker(MIGRATIONS, MIGRATION);
  /** The last background rebuild of the queue: the next one starts after it, so two never overwrite each other. */
  private Future<Void> rebuilding = Future.succeededFuture();

  public FlagRepository(MongoClient mongo) {
    this(mongo, LISTED);
  }

  FlagRepository(MongoClient mongo, int listed) {
    this.mongo = mongo;
    this.listed = listed;
  }

  /** Stores a new flag; answers {@code false} when this person has flagged this post already. */
  Future<Boolean> insertOnce(Flag flag) {
    JsonObject doc = new JsonObject()
        .put("_id", flag.id())
        .put("postId", flag.postId())
        .put("threadId", flag.threadId())
        .put("reason", flag.reason())
        .put("by", flag.by().toJson())
        .put("at", Dates.of(flag.at()))
        .put("status", flag.status());
    return Mongo.isNew(mongo.insert(FLAGS, doc).compose(id -> listOpen(flag)));
  }

  /** Puts a new open flag in its post's list and, while there is room, at the end of the queue. */
  private Future<Void> listOpen(Flag flag) {
    return mongo.updateCollectionWithOptions(POSTS, new JsonObject().put("_id", flag.postId()),
            new JsonObject().put("$addToSet", new JsonObject().put("open", flag.id())),
            new UpdateOptions().setUpsert(true))
        .compose(v -> mongo.updateCollectionWithOptions(QUEUE, new JsonObject().put("_id", QUEUE_ID),
            new JsonObject().put("$push", new JsonObject().put("ids", new JsonObject()
                    .put("$each", new JsonArray().add(flag.id())).put("$slice", listed)))
                .put("$inc", new JsonObject().put("open", 1).put(VERSION, 1)),
            new UpdateOptions().setUpsert(true)))
        .mapEmpty();
  }

  /** The flag, or {@code null}. */
  Future<Flag> find(String id) {
    return mongo.findOne(FLAGS, new JsonObject().put("_id", id), null).map(FlagRepository::flag);
  }

  /**
   * Open flags, oldest first: the moderators' review queue (at most {@code limit}). From the queue document, then
   * the flags by {@code _id $in}; until {@link #migrate} has run, by the old filter (a scan).
   */
  Future<List<Flag>> open(int limit) {
    return migrated.isSet(mongo).compose(migrated -> {
      if (!migrated) {
        return mongo.findWithOptions(FLAGS, new JsonObject().put("status", Flag.OPEN),
                new FindOptions().setSort(new JsonObject().put("at", 1)).setLimit(limit))
            .map(docs -> docs.stream().map(FlagRepository::flag).toList());
      }
      return mongo.findOne(QUEUE, new JsonObject().put("_id", QUEUE_ID), null).compose(queue -> {
        List<String> ids = ids(queue, "ids");
        return ids.isEmpty() ? Future.succeededFuture(List.<Flag>of()) : byIds(ids).map(flags -> flags.stream()
            .filter(flag -> Flag.OPEN.equals(flag.status()))
            .sorted(Comparator.comparing(Flag::at).thenComparing(Flag::id)).limit(limit).toList());
      });
    });
  }

  /**
   * Closes every open flag of a post with the moderator's decision ({@code resolution}: hide or dismiss): the
   * post's open flags from its list, updated by {@code _id $in}, then taken out of the lists. Until
   * {@link #migrate} has run, by the old filter (a scan).
   */
  Future<Void> resolveAll(String postId, String resolution, Person moderator, Instant at) {
    JsonObject resolved = new JsonObject().put("resolution", resolution).put("resolvedBy", moderator.toJson())
        .put("resolvedAt", Dates.of(at)).put("status", "resolved");
    return migrated.isSet(mongo).compose(migrated -> {
      if (!migrated) {
        return mongo.updateCollectionWithOptions(FLAGS, new JsonObject().put("postId", postId)
                .put("status", Flag.OPEN), new JsonObject().put("$set", resolved), new UpdateOptions().setMulti(true))
            .compose(v -> unlist(postId, null));
      }
      return mongo.findOne(POSTS, new JsonObject().put("_id", postId), null).compose(listed -> {
        List<String> ids = ids(listed, "open");
        if (ids.isEmpty()) {
          return Future.succeededFuture();
        }
        return byIds(ids).compose(flags -> {
          List<String> open = flags.stream().filter(flag -> Flag.OPEN.equals(flag.status())).map(Flag::id).toList();
          return (open.isEmpty() ? Future.<Void>succeededFuture()
              : mongo.updateCollectionWithOptions(FLAGS, Keys.idIn(open), new JsonObject().put("$set", resolved),
                  new UpdateOptions().setMulti(true)).<Void>mapEmpty())
              .compose(v -> unlist(postId, ids));
        });
      });
    });
  }

  /**
   * Takes a post's resolved flags ({@code ids}; all its listed ones when {@code null}) out of its list and the
   * queue; when that leaves the queue below its bound while more are open, rebuilds it in the background.
   */
  private Future<Void> unlist(String postId, List<String> ids) {
    Future<List<String>> toPull = ids != null ? Future.succeededFuture(ids)
        : mongo.findOne(POSTS, new JsonObject().put("_id", postId), null).map(doc -> ids(doc, "open"));
    return toPull.compose(gone -> gone.isEmpty() ? Future.<Void>succeededFuture()
        : mongo.updateCollection(POSTS, new JsonObject().put("_id", postId),
                new JsonObject().put("$pullAll", new JsonObject().put("open", new JsonArray(gone))))
            .compose(v -> mongo.updateCollection(QUEUE, new JsonObject().put("_id", QUEUE_ID),
                new JsonObject().put("$pullAll", new JsonObject().put("ids", new JsonArray(gone)))
                    .put("$inc", new JsonObject().put("open", -gone.size()).put(VERSION, 1))))
            .compose(v -> mongo.findOne(QUEUE, new JsonObject().put("_id", QUEUE_ID), null))
            .map(queue -> {
              if (queue != null && queue.getInteger("open", 0) > ids(queue, "ids").size()
                  && ids(queue, "ids").size() < listed) {
                rebuildInBackground();
              }
              return null;
            }));
  }

  /** Rebuilds the queue after any rebuild this repository started before; a request never waits for it. */
  private synchronized void rebuildInBackground() {
    rebuilding = rebuilding.transform(previous -> rebuildQueue())
        .onFailure(failure -> LOG.warn("Could not rebuild the open flags' queue", failure));
  }

  /** Completes when the background rebuilds started so far have finished (for tests: they never fail it). */
  synchronized Future<Void> backgroundRebuilds() {
    return rebuilding.otherwiseEmpty();
  }

  /**
   * Lists the oldest {@value #LISTED} open flags in the queue document again, with how many are open: a scan of the
   * flags, only at start-up or in the background.
   *
   * <p>Flags are flagged and resolved on other requests and nodes meanwhile, so the rebuild reads the queue's
   * {@code version} (every push and pull raises it) BEFORE the scan and saves only if it is unchanged: a flag stored
   * before that read is in the flags before the scan, and any push or pull after it makes the save miss, and the
   * rebuild starts over. Without that, a scan that still saw a flag open could list it again after its resolution
   * took it out, where nothing would ever take it out again.
   */
  Future<Void> rebuildQueue() {
    return rebuildQueue(REBUILD_ATTEMPTS);
  }

  private Future<Void> rebuildQueue(int attempts) {
    return mongo.findOne(QUEUE, new JsonObject().put("_id", QUEUE_ID), new JsonObject().put(VERSION, 1))
        .compose(queue -> mongo.findWithOptions(FLAGS, new JsonObject().put("status", Flag.OPEN),
                new FindOptions().setSort(new JsonObject().put("at", 1).put("_id", 1))
                    .setFields(new JsonObject().put("_id", 1)))
            .compose(open -> {
              List<String> oldest = open.stream().limit(listed).map(doc -> doc.getString("_id")).toList();
              Long version = queue == null ? null : queue.getLong(VERSION);
              JsonObject unchanged = new JsonObject().put("_id", QUEUE_ID).put(VERSION,
                  version == null ? new JsonObject().put("$exists", false) : version);
              return mongo.updateCollectionWithOptions(QUEUE, unchanged, new JsonObject()
                      .put("$set", new JsonObject().put("ids", new JsonArray(oldest)).put("open", open.size()))
                      .put("$inc", new JsonObject().put(VERSION, 1)), new UpdateOptions().setUpsert(queue == null))
                  .map(result -> result.getDocMatched() > 0 || result.getDocUpsertedId() != null)
                  // A queue stored since the read (a first flag) makes the upsert a duplicate key: changed too.
                  .recover(failure -> Mongo.isDuplicateKey(failure) ? Future.succeededFuture(false)
                      : Future.failedFuture(failure));
            }))
        .compose(saved -> {
          if (saved) {
            return Future.<Void>succeededFuture();
          }
          if (attempts > 1) {
            return rebuildQueue(attempts - 1);
          }
          // Flags keep changing: the next resolution that leaves the list short starts another rebuild.
          LOG.info("The open flags' queue kept changing during {} rebuilds; left for the next", REBUILD_ATTEMPTS);
          return Future.<Void>succeededFuture();
        });
  }

  /**
   * Once, in the background at start-up, for a forum upgraded from before the flag lists: lists every open flag in
   * its post's document ({@code $addToSet}: a run again adds nothing) and rebuilds the queue, then notes that it is
   * done (a later start-up does nothing). A scan of the open flags, fine in the background.
   */
  public Future<Void> migrate() {
    return migrated.isSet(mongo).compose(done -> done ? Future.<Void>succeededFuture()
        : mongo.findWithOptions(FLAGS, new JsonObject().put("status", Flag.OPEN),
                new FindOptions().setFields(new JsonObject().put("_id", 1).put("postId", 1)))
            .compose(open -> {
              Map<String, JsonArray> byPost = new LinkedHashMap<>();
              open.forEach(doc -> byPost.computeIfAbsent(doc.getString("postId"), id -> new JsonArray())
                  .add(doc.getString("_id")));
              return Future.all(byPost.entrySet().stream().map(entry -> mongo.updateCollectionWithOptions(POSTS,
                  new JsonObject().put("_id", entry.getKey()), new JsonObject().put("$addToSet",
                      new JsonObject().put("open", new JsonObject().put("$each", entry.getValue()))),
                  new UpdateOptions().setUpsert(true))).toList());
            })
            .compose(v -> rebuildQueue())
            .compose(v -> migrated.set(mongo)));
  }

  private Future<List<Flag>> byIds(List<String> ids) {
    return Keys.findAll(mongo, FLAGS, ids, null, FlagRepository::flag);
  }

  private static List<String> ids(JsonObject doc, String field) {
    return doc == null ? List.of() : doc.getJsonArray(field, new JsonArray()).stream().map(String::valueOf).toList();
  }

  public Future<Void> createIndexes() {
    return Future.all(mongo.createIndex(FLAGS, new JsonObject().put("status", 1).put("at", 1)),
        mongo.createIndex(FLAGS, new JsonObject().put("postId", 1).put("status", 1))).mapEmpty();
  }

  private static Flag flag(JsonObject doc) {
    return doc == null ? null : new Flag(doc.getString("_id"), doc.getString("postId"), doc.getString("threadId"),
        doc.getString("reason"), Person.from(doc.getJsonObject("by")), Dates.instant(doc.getValue("at")),
        doc.getString("status"));
  }
}
