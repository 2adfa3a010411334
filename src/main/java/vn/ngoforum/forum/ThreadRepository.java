package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.List;

/**
 * The {@code threads} and {@code posts} collections.
 *
 * <p>A thread document carries the counters that change with every post: {@code seq} (the thread's event
 * sequence, allocated with one atomic {@code $inc}), {@code postCount}, {@code lastActivityAt}, {@code
 * lastPoster}, and {@code tokens}, the folded words of its title and of all its posts (for search without
 * {@code $text}). A post keeps its Markdown source, the sanitised HTML made from it, its plain text, its number
 * in the thread and the {@code seq} of its last change, so that "everything since seq N" is one indexed query.
 */
final class ThreadRepository {

  static final String THREADS = "threads";
  static final String POSTS = "posts";
  static final String REVISIONS = "post_revisions";

  private final MongoClient mongo;

  ThreadRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  Future<Void> insertThread(JsonObject thread) {
    return mongo.insert(THREADS, thread).mapEmpty();
  }

  Future<Void> insertPost(JsonObject post) {
    return mongo.insert(POSTS, post).mapEmpty();
  }

  Future<JsonObject> thread(String id) {
    return mongo.findOne(THREADS, new JsonObject().put("_id", id), null);
  }

  /** A thread for reading and checking access: without its search words, which can run to thousands. */
  Future<JsonObject> threadToRead(String id) {
    return mongo.findOne(THREADS, new JsonObject().put("_id", id),
        new JsonObject().put("tokens", 0).put("titleTokens", 0));
  }

  /**
   * Counts one more landed change of a thread's posts in its {@code version}. A post-level write allocates its
   * {@code seq} first and writes the post after, so {@code seq} alone may name a change a reader cannot see yet;
   * {@code version} moves only once the post is written, and the rendered-page cache keys by both (see
   * ThreadPageCache), on every node alike.
   */
  Future<Void> postsChanged(String threadId) {
    return mongo.updateCollection(THREADS, new JsonObject().put("_id", threadId),
        new JsonObject().put("$inc", new JsonObject().put("version", 1))).mapEmpty();
  }

  /**
   * Counts a new post into its thread and returns the thread as it is afterwards: its new {@code seq} is the
   * post's event number and its {@code postCount} the post's number. {@code null} when there is no such thread.
   */
  Future<JsonObject> countNewPost(String threadId, JsonObject poster, Instant at, List<String> tokens) {
    JsonObject update = new JsonObject()
        .put("$inc", new JsonObject().put("seq", 1).put("postCount", 1))
        .put("$set", new JsonObject().put("lastActivityAt", date(at)).put("lastPoster", poster));
    if (!tokens.isEmpty()) {
      update.put("$addToSet", new JsonObject().put("tokens", new JsonObject().put("$each", new JsonArray(tokens))));
    }
    return mongo.findOneAndUpdateWithOptions(THREADS, new JsonObject().put("_id", threadId), update,
        new FindOptions(), new UpdateOptions().setReturningNewDocument(true));
  }

  /**
   * Allocates the thread's next event number, setting {@code changes} on the thread in the same atomic update;
   * returns the thread afterwards ({@code null} when there is no such thread).
   */
  Future<JsonObject> nextSeq(String threadId, JsonObject changes) {
    return nextSeq(threadId, changes, List.of());
  }

  /** As {@link #nextSeq(String, JsonObject)}, also adding {@code tokens} to the thread's searchable words. */
  Future<JsonObject> nextSeq(String threadId, JsonObject changes, List<String> tokens) {
    JsonObject update = new JsonObject().put("$inc", new JsonObject().put("seq", 1));
    if (changes != null && !changes.isEmpty()) {
      update.put("$set", changes);
    }
    if (!tokens.isEmpty()) {
      update.put("$addToSet", new JsonObject().put("tokens", new JsonObject().put("$each", new JsonArray(tokens))));
    }
    return mongo.findOneAndUpdateWithOptions(THREADS, new JsonObject().put("_id", threadId), update,
        new FindOptions(), new UpdateOptions().setReturningNewDocument(true));
  }

  Future<JsonObject> post(String postId) {
    return mongo.findOne(POSTS, new JsonObject().put("_id", postId), null);
  }

  /**
   * Changes a post only if it is still at {@code version} and not deleted (optimistic concurrency): answers
   * whether it changed. The version goes up by one with the change.
   */
  Future<Boolean> updatePostAt(String postId, long version, JsonObject changes) {
    JsonObject query = new JsonObject().put("_id", postId).put("version", version)
        .put("deleted", new JsonObject().put("$ne", true));
    JsonObject update = new JsonObject().put("$set", changes).put("$inc", new JsonObject().put("version", 1));
    return mongo.updateCollection(POSTS, query, update).map(result -> result.getDocModified() == 1);
  }

  /** Changes a post whatever its version (moderation, deletion). */
  Future<Void> updatePost(String postId, JsonObject changes) {
    return mongo.updateCollection(POSTS, new JsonObject().put("_id", postId), new JsonObject().put("$set", changes))
        .mapEmpty();
  }

  /** Adds or withdraws one person's reaction to a post (each person counts once per reaction). */
  Future<Void> react(String postId, String reaction, String userId, boolean add, long seq) {
    JsonObject member = new JsonObject().put("reactions." + reaction, userId);
    JsonObject update = new JsonObject().put(add ? "$addToSet" : "$pull", member)
        .put("$set", new JsonObject().put("seq", seq));
    return mongo.updateCollection(POSTS, new JsonObject().put("_id", postId), update).mapEmpty();
  }

  Future<Void> insertRevision(JsonObject revision) {
    return mongo.insert(REVISIONS, revision).mapEmpty();
  }

  /** Earlier versions of a post, oldest first. */
  Future<List<JsonObject>> revisions(String postId) {
    return mongo.findWithOptions(REVISIONS, new JsonObject().put("postId", postId),
        new FindOptions().setSort(new JsonObject().put("version", 1)));
  }

  /**
   * Posts of a thread in order, {@code skip} and {@code limit} for paging, as pages show them: without the
   * Markdown source, the plain text and the search words (three more copies of the text, read for nothing).
   */
  Future<List<JsonObject>> posts(String threadId, int skip, int limit) {
    return mongo.findWithOptions(POSTS, new JsonObject().put("threadId", threadId), new FindOptions()
        .setFields(new JsonObject().put("source", 0).put("text", 0).put("tokens", 0))
        .setSort(new JsonObject().put("number", 1)).setSkip(skip).setLimit(limit));
  }

  /** Posts of a thread created or changed after event {@code since}, in event order. */
  Future<List<JsonObject>> postsChangedSince(String threadId, long since, int limit) {
    return mongo.findWithOptions(POSTS, new JsonObject().put("threadId", threadId)
            .put("seq", new JsonObject().put("$gt", since)),
        new FindOptions().setSort(new JsonObject().put("seq", 1)).setLimit(limit));
  }

  /** Threads of a category, pinned first, then by last activity. */
  Future<List<JsonObject>> threadsIn(String category, int skip, int limit) {
    return mongo.findWithOptions(THREADS, new JsonObject().put("category", category), new FindOptions()
        .setFields(new JsonObject().put("tokens", 0))
        .setSort(new JsonObject().put("pinned", -1).put("lastActivityAt", -1)).setSkip(skip).setLimit(limit));
  }

  Future<Long> countIn(String category) {
    return mongo.count(THREADS, new JsonObject().put("category", category));
  }

  /** Threads whose title or posts hold every one of {@code tokens}, most recently active first. */
  Future<List<JsonObject>> threadsWithAll(List<String> tokens, int limit) {
    return mongo.findWithOptions(THREADS, new JsonObject().put("tokens",
            new JsonObject().put("$all", new JsonArray(tokens))),
        new FindOptions().setFields(new JsonObject().put("tokens", 0))
            .setSort(new JsonObject().put("lastActivityAt", -1)).setLimit(limit));
  }

  /**
   * The first visible (not deleted, not hidden) post of a thread that holds any of {@code tokens}, for a search
   * snippet, or {@code null}.
   */
  Future<JsonObject> firstPostWithAny(String threadId, List<String> tokens) {
    return mongo.findWithOptions(POSTS, new JsonObject().put("threadId", threadId)
                .put("tokens", new JsonObject().put("$in", new JsonArray(tokens)))
                .put("deleted", new JsonObject().put("$ne", true))
                .put("hidden", new JsonObject().put("$ne", true)),
            new FindOptions().setFields(new JsonObject().put("text", 1).put("number", 1))
                .setSort(new JsonObject().put("number", 1)).setLimit(1))
        .map(found -> found.isEmpty() ? null : found.get(0));
  }

  Future<Void> createIndexes() {
    return Future.all(List.of(
            mongo.createIndex(THREADS, new JsonObject().put("category", 1).put("pinned", -1)
                .put("lastActivityAt", -1)),
            mongo.createIndex(THREADS, new JsonObject().put("tokens", 1)),
            mongo.createIndexWithOptions(POSTS, new JsonObject().put("threadId", 1).put("number", 1),
                new IndexOptions().unique(true)),
            mongo.createIndex(POSTS, new JsonObject().put("threadId", 1).put("seq", 1)),
            mongo.createIndex(POSTS, new JsonObject().put("threadId", 1).put("tokens", 1)),
            mongo.createIndex(REVISIONS, new JsonObject().put("postId", 1).put("version", 1))))
        .mapEmpty();
  }

  static JsonObject date(Instant at) {
    return new JsonObject().put("$date", at.toString());
  }
}
