package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import vn.ngoforum.db.Batches;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Fields;
import vn.ngoforum.db.Keys;
import vn.ngoforum.forum.common.Person;

/**
 * The {@code threads} collection: one small document per thread ({@link ForumThread}). The event sequence {@code
 * seq} is allocated with one atomic {@code $inc}, together with whatever changes with it. Threads written before
 * search moved to its index also hold {@code titleTokens} (and older ones {@code tokens}), which nothing reads.
 */
public record ThreadRepository(MongoClient mongo) {

  public static final String THREADS = "threads";
  /** A thread as read: without the words older documents kept for search (see {@link #dropThreadWords}). */
  private static final JsonObject WITHOUT_WORDS = new JsonObject().put("tokens", 0).put("titleTokens", 0);

  Future<Void> insert(ForumThread thread) {
    return mongo.insert(THREADS, document(thread)).mapEmpty();
  }

  /**
   * The document a new thread is stored as; public so that the benchmark seeds large forums in bulk with exactly
   * what {@link #insert} writes.
   */
  public static JsonObject document(ForumThread thread) {
    return new JsonObject()
        .put("_id", thread.id())
        .put("category", thread.category())
        .put("title", thread.title())
        .put("author", thread.author().toJson())
        .put("createdAt", Dates.of(thread.createdAt()))
        .put("lastActivityAt", Dates.of(thread.lastActivityAt()))
        .put("lastPoster", thread.lastPoster().toJson())
        .put("postCount", thread.postCount())
        .put("seq", thread.seq())
        .put("pinned", thread.pinned())
        .put("locked", thread.locked());
  }

  /**
   * Forgets the name of {@code userId} where a thread names them, as its author or its last poster (they closed
   * their account); answers those threads. Filters on the whole collection: background work only.
   */
  public Future<Set<String>> forgetPerson(String userId) {
    return Future.all(forget("author", userId), forget("lastPoster", userId)).map(both -> {
      Set<String> threads = new LinkedHashSet<>(both.<List<String>>resultAt(0));
      threads.addAll(both.resultAt(1));
      return threads;
    });
  }

  private Future<List<String>> forget(String field, String userId) {
    JsonObject named = new JsonObject().put(field + ".id", userId);
    return mongo.findWithOptions(THREADS, named, new FindOptions().setFields(new JsonObject().put("_id", 1)))
        .compose(found -> mongo.updateCollectionWithOptions(THREADS, named,
                new JsonObject().put("$unset", new JsonObject().put(field + ".name", "")),
                new UpdateOptions().setMulti(true))
            .map(v -> found.stream().map(doc -> doc.getString("_id")).toList()));
  }

  /** The thread, or {@code null}. */
  public Future<ForumThread> find(String id) {
    return mongo.findOne(THREADS, new JsonObject().put("_id", id), WITHOUT_WORDS).map(ThreadRepository::thread);
  }

  /** The threads with these ids (by key), in no particular order. */
  public Future<List<ForumThread>> findAll(Collection<String> ids) {
    return Keys.findAll(mongo, THREADS, ids, WITHOUT_WORDS, ThreadRepository::thread);
  }

  /** Every thread, {@code size} at a time (rebuilding the search index: it reads the whole collection). */
  public Future<Void> each(int size, Function<List<ForumThread>, Future<Void>> batch) {
    return Batches.each(mongo, THREADS, new JsonObject(), new FindOptions()
        .setFields(WITHOUT_WORDS), size, ThreadRepository::thread, batch);
  }

  /**
   * Counts one more landed change of a thread's posts in its {@code version}. A post-level write allocates its
   * {@code seq} first and writes the post after, so {@code seq} alone may name a change a reader cannot see yet;
   * {@code version} moves only once the post is written, and the rendered-page cache keys by both (see
   * ThreadPageCache), on every node alike.
   */
  public Future<Void> postsChanged(String threadId) {
    return mongo.updateCollection(THREADS, new JsonObject().put("_id", threadId),
        new JsonObject().put("$inc", new JsonObject().put("version", 1))).mapEmpty();
  }

  /**
   * Counts a new post into its thread and returns the thread as it is afterwards: its new {@code seq} is the
   * post's event number and its {@code postCount} the post's number. {@code null} when there is no such thread.
   */
  Future<ForumThread> countNewPost(String threadId, Person poster, Instant at) {
    JsonObject update = new JsonObject()
        .put("$inc", new JsonObject().put("seq", 1).put("postCount", 1))
        .put("$set", new JsonObject().put("lastActivityAt", Dates.of(at)).put("lastPoster", poster.toJson()));
    return mongo.findOneAndUpdateWithOptions(THREADS, new JsonObject().put("_id", threadId), update,
        new FindOptions(), new UpdateOptions().setReturningNewDocument(true))
        .map(ThreadRepository::thread);
  }

  /** Allocates the thread's next event number; returns the thread afterwards ({@code null}: no such thread). */
  public Future<ForumThread> nextSeq(String threadId) {
    return moderate(threadId, null, null, null);
  }

  /**
   * Sets those of {@code locked}, {@code pinned} and {@code category} that are not {@code null}, in the same atomic
   * update that allocates the thread's next event number; returns the thread afterwards ({@code null}: no such
   * thread).
   */
  public Future<ForumThread> moderate(String threadId, Boolean locked, Boolean pinned, String category) {
    JsonObject update = new JsonObject().put("$inc", new JsonObject().put("seq", 1));
    JsonObject changes = Fields.of().put("locked", locked).put("pinned", pinned).put("category", category).json();
    if (!changes.isEmpty()) {
      update.put("$set", changes);
    }
    return mongo.findOneAndUpdateWithOptions(THREADS, new JsonObject().put("_id", threadId), update,
        new FindOptions(), new UpdateOptions().setReturningNewDocument(true))
        .map(ThreadRepository::thread);
  }

  /** Threads of a category, pinned first, then by last activity. */
  Future<List<ForumThread>> inCategory(String category, int skip, int limit) {
    return mongo.findWithOptions(THREADS, new JsonObject().put("category", category), new FindOptions()
            .setFields(WITHOUT_WORDS)
            .setSort(new JsonObject().put("pinned", -1).put("lastActivityAt", -1)).setSkip(skip).setLimit(limit))
        .map(docs -> docs.stream().map(ThreadRepository::thread).toList());
  }

  Future<Long> countIn(String category) {
    return mongo.count(THREADS, new JsonObject().put("category", category));
  }

  /**
   * Threads written before their documents stopped gathering the words of every post carry a {@code tokens}
   * array that can run to thousands of words and would keep finding removed text: it goes, once, at start-up (a
   * scan, fine at start-up; a no-op once done).
   */
  public Future<Void> dropThreadWords() {
    JsonObject withWords = new JsonObject().put("tokens", new JsonObject().put("$exists", true));
    return mongo.updateCollectionWithOptions(THREADS, withWords,
            new JsonObject().put("$unset", new JsonObject().put("tokens", "")), new UpdateOptions().setMulti(true))
        .compose(v -> mongo.listIndexes(THREADS))
        .compose(indexes -> indexes.stream().map(JsonObject.class::cast)
                .anyMatch(index -> "tokens_1".equals(index.getString("name")))
            // Another node starting at the same moment may have dropped it first.
            ? mongo.dropIndex(THREADS, "tokens_1").otherwiseEmpty() : Future.<Void>succeededFuture())
        .mapEmpty();
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(THREADS, new JsonObject().put("category", 1).put("pinned", -1)
        .put("lastActivityAt", -1));
  }

  private static ForumThread thread(JsonObject doc) {
    if (doc == null) {
      return null;
    }
    return new ForumThread(doc.getString("_id"), doc.getString("category"), doc.getString("title"),
        Person.from(doc.getJsonObject("author")), Dates.instant(doc.getValue("createdAt")),
        Dates.instant(doc.getValue("lastActivityAt")), Person.from(doc.getJsonObject("lastPoster")),
        doc.getInteger("postCount", 1), doc.getLong("seq", 1L), doc.getLong("version", 0L),
        doc.getBoolean("pinned", false), doc.getBoolean("locked", false));
  }

  static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }
}
