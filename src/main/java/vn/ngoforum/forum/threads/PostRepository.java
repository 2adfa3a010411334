package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Collection;
import java.util.function.Function;
import java.util.Map;
import vn.ngoforum.db.Batches;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.forum.common.Person;

/**
 * The {@code posts} and {@code post_revisions} collections. A post ({@link Post}) keeps its Markdown source, the
 * sanitised HTML made from it, its plain text (what the search index reads: see {@link Findables}), its number in
 * the thread and the {@code seq} of its last change, so that "everything since seq N" is one query. A revision
 * keeps a post's earlier text when its author edits it. Posts written before search moved to its index also hold
 * {@code tokens}, which nothing reads any more.
 */
public final class PostRepository {

  public static final String POSTS = "posts";
  public static final String REVISIONS = "post_revisions";
  /** A post as a page shows it: without the Markdown source, the plain text and the search words. */
  private static final JsonObject WITHOUT_WORDS = new JsonObject().put("tokens", 0).put("html", 0);
  private static final JsonObject AS_SHOWN = new JsonObject().put("source", 0).put("text", 0).put("tokens", 0);

  private final MongoClient mongo;

  public PostRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** Stores a new post, with the folded words of its text. */
  Future<Void> insert(Post post) {
    JsonObject doc = new JsonObject()
        .put("_id", post.id())
        .put("threadId", post.threadId())
        .put("number", post.number())
        .put("seq", post.seq())
        .put("version", post.version())
        .put("author", post.author().toJson())
        .put("source", post.source())
        .put("html", post.html())
        .put("text", post.text())
        .put("createdAt", Dates.of(post.createdAt()))
        .put("attachments", new JsonArray(post.attachments()))
        .put("organisations", new JsonArray(post.organisations()));
    if (post.onBehalfOf() != null) {
      doc.put("onBehalfOf", post.onBehalfOf());
    }
    return mongo.insert(POSTS, doc).mapEmpty();
  }

  /** The post, or {@code null}. */
  public Future<Post> find(String postId) {
    return mongo.findOne(POSTS, new JsonObject().put("_id", postId), null).map(PostRepository::post);
  }

  /** The posts with these ids (by key), with their text, in no particular order. */
  public Future<List<Post>> findAll(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return mongo.findWithOptions(POSTS, new JsonObject().put("_id", new JsonObject().put("$in",
            new JsonArray(List.copyOf(ids)))), new FindOptions().setFields(WITHOUT_WORDS))
        .map(PostRepository::posts);
  }

  /**
   * The ids of a thread's posts numbered {@code from} to {@code to} that exist, in number order: one read per
   * number by the unique key (threadId, number), so the store answers each from its index.
   */
  Future<List<String>> idsByNumber(String threadId, int from, int to) {
    List<Future<JsonObject>> reads = new ArrayList<>();
    for (int number = from; number <= to; number++) {
      reads.add(mongo.findOne(POSTS, new JsonObject().put("threadId", threadId).put("number", number),
          new JsonObject().put("_id", 1)));
    }
    return Future.all(reads).map(done -> reads.stream().map(Future::result)
        .filter(java.util.Objects::nonNull).map(doc -> doc.getString("_id")).toList());
  }

  /** Every post with its text, {@code size} at a time (rebuilding the search index: it reads the whole collection). */
  public Future<Void> each(int size, Function<List<Post>, Future<Void>> batch) {
    return Batches.each(mongo.findBatchWithOptions(POSTS, new JsonObject(), new FindOptions()
        .setFields(WITHOUT_WORDS)), size, PostRepository::post, batch);
  }

  /** Posts of a thread in order, {@code skip} and {@code limit} for paging, as pages show them (no source, no text). */
  Future<List<Post>> page(String threadId, int skip, int limit) {
    return mongo.findWithOptions(POSTS, new JsonObject().put("threadId", threadId), new FindOptions()
            .setFields(AS_SHOWN).setSort(new JsonObject().put("number", 1)).setSkip(skip).setLimit(limit))
        .map(PostRepository::posts);
  }

  /** Posts of a thread created or changed after event {@code since}, in event order. */
  Future<List<Post>> changedSince(String threadId, long since, int limit) {
    return mongo.findWithOptions(POSTS, new JsonObject().put("threadId", threadId)
                .put("seq", new JsonObject().put("$gt", since)),
            new FindOptions().setSort(new JsonObject().put("seq", 1)).setLimit(limit))
        .map(PostRepository::posts);
  }

  /**
   * Replaces a post's text only if it is still at {@code version} and not deleted (optimistic concurrency): answers
   * whether it changed. The version goes up by one with the change; the post takes event number {@code seq}.
   */
  Future<Boolean> edit(String postId, long version, Markdown.Rendered rendered, Instant at, long seq) {
    JsonObject query = new JsonObject().put("_id", postId).put("version", version)
        .put("deleted", new JsonObject().put("$ne", true));
    JsonObject changes = new JsonObject()
        .put("source", rendered.source()).put("html", rendered.html()).put("text", rendered.text())
        .put("editedAt", Dates.of(at)).put("seq", seq);
    JsonObject update = new JsonObject().put("$set", changes).put("$inc", new JsonObject().put("version", 1));
    return mongo.updateCollection(POSTS, query, update).map(result -> result.getDocModified() == 1);
  }

  /** Marks a post deleted by its author, as change {@code seq} of its thread; it keeps its place. */
  Future<Void> delete(String postId, Instant at, long seq) {
    return set(postId, new JsonObject().put("deleted", true).put("deletedAt", Dates.of(at)).put("seq", seq));
  }

  /** Hides a post ({@code reason}, by {@code moderator}), as change {@code seq} of its thread. */
  public Future<Void> hide(String postId, String reason, Person moderator, long seq) {
    return set(postId, new JsonObject().put("hidden", true).put("seq", seq).put("hiddenReason", reason)
        .put("hiddenBy", moderator.toJson()));
  }

  /** Shows a hidden post again, as change {@code seq} of its thread. */
  public Future<Void> show(String postId, long seq) {
    return set(postId, new JsonObject().put("hidden", false).put("seq", seq));
  }

  private Future<Void> set(String postId, JsonObject changes) {
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

  /**
   * Keeps the text of {@code post} as it is now as the revision of its version, replaced at {@code replacedAt}; a
   * revision already kept (an edit that lost the race after keeping it) stays as it is.
   */
  Future<Void> keepRevision(Post post, Instant replacedAt) {
    JsonObject revision = new JsonObject()
        .put("_id", post.id() + ":" + post.version())
        .put("postId", post.id()).put("threadId", post.threadId()).put("version", post.version())
        .put("source", post.source()).put("html", post.html())
        .put("at", Dates.of(post.editedAt() != null ? post.editedAt() : post.createdAt()))
        .put("replacedAt", Dates.of(replacedAt));
    return mongo.insert(REVISIONS, revision).<Void>mapEmpty()
        .recover(failure -> Mongo.isDuplicateKey(failure) ? Future.succeededFuture() : Future.failedFuture(failure));
  }

  /** Earlier versions of a post, oldest first. */
  Future<List<Revision>> revisions(String postId) {
    return mongo.findWithOptions(REVISIONS, new JsonObject().put("postId", postId),
            new FindOptions().setSort(new JsonObject().put("version", 1)))
        .map(docs -> docs.stream().map(doc -> new Revision(doc.getLong("version"), doc.getString("html"),
            Dates.instant(doc.getValue("at")), Dates.instant(doc.getValue("replacedAt")))).toList());
  }

  /**
   * The newest posts, neither deleted nor hidden, written on behalf of organisation {@code slug} or by its members
   * (as the posts recorded them when written), at most {@code limit}. A filter on a growing collection: the
   * profile pages that ask it are few.
   */
  Future<List<Post>> newestOfOrganisation(String slug, int limit) {
    JsonObject query = new JsonObject()
        .put("$or", new JsonArray()
            .add(new JsonObject().put("onBehalfOf.slug", slug))
            .add(new JsonObject().put("organisations.slug", slug)))
        .put("deleted", new JsonObject().put("$ne", true))
        .put("hidden", new JsonObject().put("$ne", true));
    return mongo.findWithOptions(POSTS, query,
            new FindOptions().setSort(new JsonObject().put("createdAt", -1)).setLimit(limit))
        .map(PostRepository::posts);
  }

  public Future<Void> createIndexes() {
    return Future.all(List.of(
            mongo.createIndexWithOptions(POSTS, new JsonObject().put("threadId", 1).put("number", 1),
                new IndexOptions().unique(true)),
            mongo.createIndex(POSTS, new JsonObject().put("threadId", 1).put("seq", 1)),
            mongo.createIndex(REVISIONS, new JsonObject().put("postId", 1).put("version", 1))))
        .mapEmpty();
  }

  private static List<Post> posts(List<JsonObject> docs) {
    return docs.stream().map(PostRepository::post).toList();
  }

  private static Post post(JsonObject doc) {
    if (doc == null) {
      return null;
    }
    Map<String, List<String>> reactions = new LinkedHashMap<>();
    JsonObject stored = doc.getJsonObject("reactions", new JsonObject());
    for (String name : stored.fieldNames()) {
      reactions.put(name, ThreadRepository.strings(stored.getJsonArray(name)));
    }
    return new Post(doc.getString("_id"), doc.getString("threadId"), doc.getInteger("number", 1),
        doc.getLong("seq", 0L), doc.getLong("version", 1L), Person.from(doc.getJsonObject("author")),
        doc.getString("source"), doc.getString("html"), doc.getString("text"),
        Dates.instant(doc.getValue("createdAt")), Dates.instant(doc.getValue("editedAt")),
        doc.getBoolean("deleted", false), doc.getBoolean("hidden", false), doc.getString("hiddenReason"),
        objects(doc.getJsonArray("attachments")), objects(doc.getJsonArray("organisations")),
        doc.getJsonObject("onBehalfOf"), reactions);
  }

  private static List<JsonObject> objects(JsonArray array) {
    List<JsonObject> objects = new ArrayList<>();
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        objects.add(array.getJsonObject(i));
      }
    }
    return objects;
  }
}
