package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import vn.ngoforum.db.Batches;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Keys;
import vn.ngoforum.db.Marker;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.forum.common.Person;

/**
 * The {@code posts} and {@code post_revisions} collections, and the small documents kept on write so that every
 * read a request makes is by key (the embedded store answers anything else by decoding the whole collection). A
 * post ({@link Post}) keeps its Markdown source, the sanitised HTML made from it, its plain text (what the search
 * index reads: see {@link Findables}), its number in the thread, its unique {@code key} (thread and number: a page
 * is a range of keys) and the {@code seq} of its last change. Each thread keeps its recent changes ({@code
 * thread_changes}: what a reconnecting page asks for) and each organisation its recent posts ({@code
 * organisation_posts}: its profile). A revision keeps a post's earlier text when its author edits it, under {@code
 * <postId>:<version>}. Posts written before search moved to its index also hold {@code tokens}, which nothing reads
 * any more.
 */
public final class PostRepository {

  public static final String POSTS = "posts";
  public static final String REVISIONS = "post_revisions";
  /** A post as a page shows it: without the Markdown source, the plain text and the search words. */
  private static final JsonObject WITHOUT_WORDS = new JsonObject().put("tokens", 0).put("html", 0);
  private static final JsonObject AS_SHOWN = new JsonObject().put("source", 0).put("text", 0).put("tokens", 0);

  /** One document per one-off start-up task of the forum that is done. */
  static final String MIGRATIONS = "forum_migrations";
  static final String KEYS_MIGRATION = "post-keys";
  private static final int MIGRATION_BATCH = 500;
  private static final JsonObject MIGRATED_FIELDS = new JsonObject().put("key", 1).put("threadId", 1)
      .put("number", 1).put("seq", 1).put("createdAt", 1).put("organisations", 1).put("onBehalfOf", 1);

  private final MongoClient mongo;
  private final PostListRepository lists;
  /** Seen once {@link #migrate} has run: from then on reads never fall back to a filter. */
  private final Marker migrated = new Marker(MIGRATIONS, KEYS_MIGRATION);

  public PostRepository(MongoClient mongo) {
    this.mongo = mongo;
    this.lists = new PostListRepository(mongo);
  }

  /** Stores a new post under its key, and names it in the recent posts of the organisations it carries. */
  Future<Void> insert(Post post) {
    JsonObject doc = document(post);
    return mongo.insert(POSTS, doc).compose(id -> lists.noteRecent(doc));
  }

  /**
   * The document a new post is stored as; public so that the benchmark seeds large forums in bulk with exactly
   * what {@link #insert} writes.
   */
  public static JsonObject document(Post post) {
    JsonObject doc = new JsonObject()
        .put("_id", post.id())
        .put("key", key(post.threadId(), post.number()))
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
    return doc;
  }

  /**
   * The unique key of post {@code number} of a thread, {@code <threadId>/<number, 7 digits>}: a page of a thread
   * is read as these keys, a range of numbers ({@code $in} on a unique single field: by key on every store).
   */
  static String key(String threadId, int number) {
    return threadId + "/" + String.format(Locale.ROOT, "%07d", number);
  }

  /**
   * Forgets the name of author {@code userId} on each of their posts, hidden and deleted ones too (they closed their
   * account: pages show a former member); answers the threads those posts are in. A filter on the whole collection:
   * background work only. Run again, it finds the same posts and changes nothing more.
   */
  public Future<Set<String>> forgetAuthor(String userId) {
    JsonObject theirs = new JsonObject().put("author.id", userId);
    return mongo.findWithOptions(POSTS, theirs, new FindOptions().setFields(new JsonObject().put("threadId", 1)))
        .compose(found -> mongo.updateCollectionWithOptions(POSTS, theirs,
                new JsonObject().put("$unset", new JsonObject().put("author.name", "")),
                new io.vertx.ext.mongo.UpdateOptions().setMulti(true))
            .map(v -> found.stream().map(doc -> doc.getString("threadId")).collect(
                java.util.stream.Collectors.toCollection(LinkedHashSet::new))));
  }

  /** The post, or {@code null}. */
  public Future<Post> find(String postId) {
    return mongo.findOne(POSTS, new JsonObject().put("_id", postId), null).map(PostRepository::post);
  }

  /** The posts with these ids (by key), with their text, in no particular order. */
  public Future<List<Post>> findAll(Collection<String> ids) {
    return Keys.findAll(mongo, POSTS, ids, WITHOUT_WORDS, PostRepository::post);
  }

  /** The posts with these ids (by key) as pages show them (no source, no text), in no particular order. */
  private Future<List<Post>> shown(Collection<String> ids) {
    return Keys.findAll(mongo, POSTS, ids, AS_SHOWN, PostRepository::post);
  }

  /**
   * The ids of a thread's posts numbered {@code from} to {@code to} that exist, in number order, read by their
   * keys ({@link #byNumbers}).
   */
  Future<List<String>> idsByNumber(String threadId, int from, int to) {
    return byNumbers(threadId, from, to, new JsonObject().put("_id", 1).put("threadId", 1).put("number", 1))
        .map(docs -> docs.stream().map(doc -> doc.getString("_id")).toList());
  }

  /**
   * Every post of these threads with its text (rebuilding the search index, a batch of threads at a time), read by
   * their keys. Not one read of the whole collection: the embedded store answers a filter that no unique index
   * serves by decoding every matching document and holding them all until the cursor is drained, which at a million
   * posts exhausts its heap; by key, it holds one batch.
   */
  Future<List<Post>> ofThreads(List<ForumThread> threads) {
    List<Future<List<JsonObject>>> reads = threads.stream()
        .map(thread -> byNumbers(thread.id(), 1, thread.postCount(), WITHOUT_WORDS)).toList();
    return Future.all(reads).map(all -> all.<List<JsonObject>>list().stream().flatMap(List::stream)
        .map(PostRepository::post).toList());
  }

  /**
   * Posts {@code skip + 1} to {@code skip + limit} of a thread (of {@code postCount}) in order, as pages show them
   * (no source, no text): read by their keys. Numbers run from 1 without gaps (a deleted post keeps its document);
   * a number whose key is not found (a post stored before keys, not yet given one by {@link #migrate}, or one
   * being written) is looked up by thread and number, the unique index on both (by key as well).
   */
  Future<List<Post>> page(String threadId, int skip, int limit, int postCount) {
    return byNumbers(threadId, skip + 1, Math.min(skip + limit, postCount), AS_SHOWN)
        .map(docs -> docs.stream().map(PostRepository::post).toList());
  }

  /**
   * The posts numbered {@code from} to {@code to} of a thread, in order, with {@code fields} (which must hold
   * {@code threadId} and {@code number}): one read by their keys, then by thread and number (the unique index on
   * both) for any number whose key is not found.
   */
  private Future<List<JsonObject>> byNumbers(String threadId, int from, int to, JsonObject fields) {
    if (from > to) {
      return Future.succeededFuture(List.of());
    }
    JsonArray keys = new JsonArray();
    for (int number = from; number <= to; number++) {
      keys.add(key(threadId, number));
    }
    return mongo.findWithOptions(POSTS, new JsonObject().put("key", new JsonObject().put("$in", keys)),
            new FindOptions().setFields(fields))
        .compose(docs -> {
          Map<Integer, JsonObject> byNumber = new TreeMap<>();
          docs.stream().filter(doc -> threadId.equals(doc.getString("threadId")))
              .forEach(doc -> byNumber.put(doc.getInteger("number"), doc));
          List<Future<JsonObject>> missing = new ArrayList<>();
          for (int number = from; number <= to; number++) {
            if (!byNumber.containsKey(number)) {
              missing.add(mongo.findOne(POSTS, new JsonObject().put("threadId", threadId).put("number", number),
                  fields));
            }
          }
          return Future.all(missing).map(found -> {
            for (int i = 0; i < found.size(); i++) {
              JsonObject doc = found.resultAt(i);
              if (doc != null) {
                byNumber.put(doc.getInteger("number"), doc);
              }
            }
            return List.copyOf(byNumber.values());
          });
        });
  }

  /**
   * What a page that reconnects asks for: the posts of a thread created or changed after event {@code since}, in
   * event order, read by their ids from the thread's recent changes ({@link #recordChange}); {@code complete} is
   * false when {@code since} is older than the changes kept (the page is too far behind: it loads again).
   * Until {@link #migrate} has run once, the posts are filtered as before (a scan: only in the upgrade's first
   * minutes).
   */
  Future<Changed> changedSince(String threadId, long since, int limit) {
    return migrated.isSet(mongo).compose(migrated -> {
      if (!migrated) {
        return mongo.findWithOptions(POSTS, new JsonObject().put("threadId", threadId)
                    .put("seq", new JsonObject().put("$gt", since)),
                new FindOptions().setFields(AS_SHOWN).setSort(new JsonObject().put("seq", 1)).setLimit(limit))
            .map(docs -> new Changed(posts(docs), true));
      }
      return lists.changes(threadId).compose(kept -> {
        long oldest = kept.isEmpty() ? 0 : kept.getJsonObject(0).getLong("seq", 0L);
        // A full list may have let older changes go: it answers only for the numbers from its oldest on.
        if (kept.size() >= PostListRepository.CHANGES_KEPT && since < oldest - 1) {
          return Future.succeededFuture(new Changed(List.of(), false));
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < kept.size(); i++) {
          JsonObject change = kept.getJsonObject(i);
          if (change.getLong("seq", 0L) > since) {
            ids.add(change.getString("postId"));
          }
        }
        return shown(ids).map(found -> new Changed(found.stream().filter(post -> post.seq() > since)
            .sorted(Comparator.comparingLong(Post::seq)).limit(limit).toList(), true));
      });
    });
  }

  /** The posts a reconnecting page gets; {@code complete} false: it is too far behind and must load again. */
  record Changed(List<Post> posts, boolean complete) {
  }

  /**
   * Notes in the thread's recent changes that post {@code postId} took event number {@code seq} (created, edited,
   * deleted, hidden, shown, reactions announced): a bounded list, kept in event order, one document per thread.
   * Called after the post is written and before the change is announced, so that a page that hears of it finds it.
   */
  Future<Void> recordChange(String threadId, String postId, long seq) {
    return lists.pushChanges(threadId, List.of(new JsonObject().put("seq", seq).put("postId", postId)));
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
    return Mongo.unlessDuplicate(mongo.insert(REVISIONS, revision));
  }

  /**
   * Earlier versions of a post, oldest first: by their keys, {@code <postId>:<version>} for the versions before
   * the post's current one.
   */
  Future<List<Revision>> revisions(Post post) {
    if (post.version() <= 1) {
      return Future.succeededFuture(List.of());
    }
    JsonArray ids = new JsonArray();
    for (long version = 1; version < post.version(); version++) {
      ids.add(post.id() + ":" + version);
    }
    return mongo.find(REVISIONS, new JsonObject().put("_id", new JsonObject().put("$in", ids)))
        .map(docs -> docs.stream().filter(doc -> post.id().equals(doc.getString("postId")))
            .map(doc -> new Revision(doc.getLong("version"), doc.getString("html"),
                Dates.instant(doc.getValue("at")), Dates.instant(doc.getValue("replacedAt"))))
            .sorted(Comparator.comparingLong(Revision::version)).toList());
  }

  /**
   * The newest posts, neither deleted nor hidden, written on behalf of organisation {@code slug} or by its members
   * (as the posts recorded them when written), at most {@code limit}: read by their ids from the organisation's
   * recent posts (kept on write, {@link PostListRepository#ORGANISATION_KEPT} of them), so a post hidden or deleted since is left
   * out when read. Until {@link #migrate} has run once, the posts are filtered as before (a scan).
   */
  Future<List<Post>> newestOfOrganisation(String slug, int limit) {
    return migrated.isSet(mongo).compose(migrated -> {
      if (!migrated) {
        JsonObject query = new JsonObject()
            .put("$or", new JsonArray()
                .add(new JsonObject().put("onBehalfOf.slug", slug))
                .add(new JsonObject().put("organisations.slug", slug)))
            .put("deleted", new JsonObject().put("$ne", true))
            .put("hidden", new JsonObject().put("$ne", true));
        return mongo.findWithOptions(POSTS, query, new FindOptions().setFields(WITHOUT_WORDS)
                .setSort(new JsonObject().put("createdAt", -1)).setLimit(limit))
            .map(PostRepository::posts);
      }
      return lists.recentPostIds(slug).compose(ids -> findAll(ids).map(found -> found.stream().filter(Post::isVisible)
            .sorted(Comparator.comparing(Post::createdAt, Comparator.nullsLast(Comparator.reverseOrder())))
            .limit(limit).toList()));
    });
  }

  /**
   * Once, in the background at start-up, for a forum upgraded from before posts had keys: gives every post
   * without a {@code key} its key, and puts it in its thread's recent changes and its organisations' recent posts;
   * then notes that it is done (a later start-up does nothing). A scan of the posts, fine in the background;
   * meanwhile pages read the posts without a key by thread and number, and catching up and organisation profiles
   * filter the posts as before. Idempotent: a run cut short is run again whole (a change noted twice is read once).
   */
  public Future<Void> migrate() {
    return migrated.isSet(mongo).compose(done -> done ? Future.<Void>succeededFuture() : Batches.each(
            mongo, POSTS, new JsonObject(), new FindOptions().setFields(MIGRATED_FIELDS),
            MIGRATION_BATCH, doc -> doc, this::migrate)
        .compose(v -> migrated.set(mongo)));
  }

  private Future<Void> migrate(List<JsonObject> docs) {
    List<JsonObject> unkeyed = docs.stream().filter(doc -> doc.getString("key") == null
        && doc.getString("threadId") != null).toList();
    if (unkeyed.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<String, List<JsonObject>> changes = new LinkedHashMap<>();
    Map<String, List<JsonObject>> recent = new LinkedHashMap<>();
    for (JsonObject doc : unkeyed) {
      changes.computeIfAbsent(doc.getString("threadId"), id -> new ArrayList<>())
          .add(new JsonObject().put("seq", doc.getLong("seq", 0L)).put("postId", doc.getString("_id")));
      for (String slug : PostListRepository.organisationSlugs(doc)) {
        recent.computeIfAbsent(slug, id -> new ArrayList<>()).add(PostListRepository.recentEntry(doc));
      }
    }
    List<Future<Void>> pushed = new ArrayList<>();
    changes.forEach((threadId, list) -> pushed.add(lists.pushChanges(threadId, list)));
    recent.forEach((slug, list) -> pushed.add(lists.pushRecent(slug, list)));
    // The lists first, the keys after: a run cut short between them is run again for these posts.
    return Future.all(pushed).compose(v -> mongo.bulkWrite(POSTS, unkeyed.stream()
            .map(doc -> BulkOperation.createUpdate(new JsonObject().put("_id", doc.getString("_id")),
                new JsonObject().put("$set", new JsonObject().put("key",
                    key(doc.getString("threadId"), doc.getInteger("number", 1))))))
            .toList()))
        .mapEmpty();
  }

  public Future<Void> createIndexes() {
    return Future.all(List.of(
            mongo.createIndexWithOptions(POSTS, new JsonObject().put("threadId", 1).put("number", 1),
                new IndexOptions().unique(true)),
            // Sparse: posts stored before keys have none until the migration gives them theirs.
            mongo.createIndexWithOptions(POSTS, new JsonObject().put("key", 1),
                new IndexOptions().unique(true).sparse(true)),
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
