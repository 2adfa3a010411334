package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code threads} and {@code posts} collections.
 *
 * <p>A thread document carries the counters that change with every post: {@code seq} (the thread's event
 * sequence, allocated with one atomic {@code $inc}), {@code postCount}, {@code lastActivityAt}, {@code
 * lastPoster}, and {@code titleTokens}, the folded words of its title. Nothing in it grows with its posts: a
 * thread with 10,000 replies has a document as small as one with none. A post keeps its Markdown source, the
 * sanitised HTML made from it, its plain text, its folded words ({@code tokens}, for search without {@code $text}),
 * its number in the thread and the {@code seq} of its last change, so that "everything since seq N" is one indexed
 * query. Search reads the words of the posts as they are now (see {@link #postWords}), so what was hidden, deleted
 * or edited out finds nothing.
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
  Future<JsonObject> countNewPost(String threadId, JsonObject poster, Instant at) {
    JsonObject update = new JsonObject()
        .put("$inc", new JsonObject().put("seq", 1).put("postCount", 1))
        .put("$set", new JsonObject().put("lastActivityAt", date(at)).put("lastPoster", poster));
    return mongo.findOneAndUpdateWithOptions(THREADS, new JsonObject().put("_id", threadId), update,
        new FindOptions(), new UpdateOptions().setReturningNewDocument(true));
  }

  /**
   * Allocates the thread's next event number, setting {@code changes} on the thread in the same atomic update;
   * returns the thread afterwards ({@code null} when there is no such thread).
   */
  Future<JsonObject> nextSeq(String threadId, JsonObject changes) {
    JsonObject update = new JsonObject().put("$inc", new JsonObject().put("seq", 1));
    if (changes != null && !changes.isEmpty()) {
      update.put("$set", changes);
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

  /**
   * Adds or withdraws one person's reaction to a post (each person counts once per reaction). The post's
   * {@code seq} stays: the change is announced, with a sequence number of its own, when its coalescing window
   * closes (see {@link #reactionsAnnounced}).
   */
  Future<Void> react(String postId, String reaction, String userId, boolean add) {
    JsonObject member = new JsonObject().put("reactions." + reaction, userId);
    JsonObject update = new JsonObject().put(add ? "$addToSet" : "$pull", member);
    return mongo.updateCollection(POSTS, new JsonObject().put("_id", postId), update).mapEmpty();
  }

  /**
   * Gives a post's reaction counts the event number {@code seq} that announces them, so that a page catching up
   * "since seq N" gets them. {@code $max}: a later change of the post (an edit that took a later number first)
   * keeps its number.
   */
  Future<Void> reactionsAnnounced(String postId, long seq) {
    return mongo.updateCollection(POSTS, new JsonObject().put("_id", postId),
        new JsonObject().put("$max", new JsonObject().put("seq", seq))).mapEmpty();
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

  /**
   * For each thread with a visible (not deleted, not hidden) post holding any of {@code tokens}: which of them its
   * visible posts hold, and the number of the first such post, as {@code {_id: threadId, words: [...], first}}.
   * The words are those of the posts as they are now, so text hidden, deleted or edited out finds nothing. A scan
   * of the posts on the embedded store, as search has always been until it moves to its own index.
   */
  Future<List<JsonObject>> postWords(List<String> tokens) {
    JsonObject any = new JsonObject().put("$in", new JsonArray(tokens));
    JsonArray pipeline = new JsonArray()
        .add(new JsonObject().put("$match", new JsonObject().put("tokens", any)
            .put("deleted", new JsonObject().put("$ne", true)).put("hidden", new JsonObject().put("$ne", true))))
        .add(new JsonObject().put("$project", new JsonObject().put("threadId", 1).put("number", 1).put("tokens", 1)))
        .add(new JsonObject().put("$unwind", "$tokens"))
        .add(new JsonObject().put("$match", new JsonObject().put("tokens", any)))
        .add(new JsonObject().put("$group", new JsonObject().put("_id", "$threadId")
            .put("words", new JsonObject().put("$addToSet", "$tokens"))
            .put("first", new JsonObject().put("$min", "$number"))));
    return mongo.aggregate(POSTS, pipeline).collect(Collectors.toList());
  }

  /** The threads whose title holds any of {@code tokens}, as {@code {_id, titleTokens}}. */
  Future<List<JsonObject>> titleWords(List<String> tokens) {
    return mongo.findWithOptions(THREADS, new JsonObject().put("titleTokens",
            new JsonObject().put("$in", new JsonArray(tokens))),
        new FindOptions().setFields(new JsonObject().put("titleTokens", 1)));
  }

  /** The threads with these ids (by key), without their words. */
  Future<List<JsonObject>> threads(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return mongo.findWithOptions(THREADS, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(
            List.copyOf(ids)))),
        new FindOptions().setFields(new JsonObject().put("tokens", 0).put("titleTokens", 0)));
  }

  /** Post {@code number} of a thread (by its unique key), with its text, for a search snippet; or {@code null}. */
  Future<JsonObject> postNumbered(String threadId, int number) {
    return mongo.findOne(POSTS, new JsonObject().put("threadId", threadId).put("number", number),
        new JsonObject().put("text", 1).put("number", 1).put("deleted", 1).put("hidden", 1));
  }

  /**
   * Threads written before their documents stopped gathering the words of every post carry a {@code tokens}
   * array that can run to thousands of words and would keep finding removed text: it goes, once, at start-up (a
   * scan, fine at start-up; a no-op once done).
   */
  Future<Void> dropThreadWords() {
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

  Future<Void> createIndexes() {
    return Future.all(List.of(
            mongo.createIndex(THREADS, new JsonObject().put("category", 1).put("pinned", -1)
                .put("lastActivityAt", -1)),
            mongo.createIndex(THREADS, new JsonObject().put("titleTokens", 1)),
            mongo.createIndexWithOptions(POSTS, new JsonObject().put("threadId", 1).put("number", 1),
                new IndexOptions().unique(true)),
            mongo.createIndex(POSTS, new JsonObject().put("threadId", 1).put("seq", 1)),
            mongo.createIndex(POSTS, new JsonObject().put("tokens", 1)),
            mongo.createIndex(REVISIONS, new JsonObject().put("postId", 1).put("version", 1))))
        .mapEmpty();
  }

  static JsonObject date(Instant at) {
    return new JsonObject().put("$date", at.toString());
  }
}
