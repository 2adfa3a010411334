package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.ngoforum.db.Dates;

/**
 * The bounded lists kept beside the posts so that requests read them by key instead of filtering the posts: each
 * thread's recent changes (what a reconnecting page catches up from) and each organisation's recent posts (what
 * its profile shows), one document per thread and per organisation. {@link PostRepository} writes them with the
 * posts they name.
 */
record PostListRepository(MongoClient mongo) {

  /** Each thread's recent post changes, by thread id. */
  static final String THREAD_CHANGES = "thread_changes";
  /** Each organisation's recent posts, by slug: what its profile shows. */
  static final String ORGANISATION_POSTS = "organisation_posts";
  /**
   * Changes a thread keeps for reconnecting pages: a page further behind loads again. A page is 20 posts; 200
   * changes is a long absence in a lively thread.
   */
  static final int CHANGES_KEPT = 200;
  /** Recent posts an organisation keeps: its profile shows a few, public and visible ones. */
  static final int ORGANISATION_KEPT = 100;

  /** The thread's kept changes ({@code {seq, postId}}), oldest first; empty when it has none. */
  Future<JsonArray> changes(String threadId) {
    return mongo.findOne(THREAD_CHANGES, new JsonObject().put("_id", threadId), null)
        .map(doc -> doc == null ? new JsonArray() : doc.getJsonArray("changes", new JsonArray()));
  }

  /** Adds changes ({@code {seq, postId}}) to the thread's list, keeping the last {@link #CHANGES_KEPT}. */
  Future<Void> pushChanges(String threadId, List<JsonObject> changes) {
    return pushKept(THREAD_CHANGES, threadId, "changes", changes, "seq", CHANGES_KEPT);
  }

  /** The ids of the organisation's kept recent posts, newest first. */
  Future<Set<String>> recentPostIds(String slug) {
    return mongo.findOne(ORGANISATION_POSTS, new JsonObject().put("_id", slug), null).map(doc -> {
      JsonArray kept = doc == null ? new JsonArray() : doc.getJsonArray("posts", new JsonArray());
      Set<String> ids = new LinkedHashSet<>();
      for (int i = kept.size() - 1; i >= 0; i--) {
        ids.add(kept.getJsonObject(i).getString("postId"));
      }
      return ids;
    });
  }

  /**
   * Adds entries ({@link #recentEntry}) to the organisation's recent posts, keeping the last
   * {@link #ORGANISATION_KEPT}.
   */
  Future<Void> pushRecent(String slug, List<JsonObject> entries) {
    return pushKept(ORGANISATION_POSTS, slug, "posts", entries, "at", ORGANISATION_KEPT);
  }

  /** Names a stored post in the recent posts of each organisation it carries. */
  Future<Void> noteRecent(JsonObject post) {
    return Future.all(organisationSlugs(post).stream().map(slug -> pushRecent(slug, List.of(recentEntry(post))))
        .toList()).mapEmpty();
  }

  /** A stored post as an entry of an organisation's recent posts. */
  static JsonObject recentEntry(JsonObject post) {
    Instant at = Dates.instant(post.getValue("createdAt"));
    return new JsonObject().put("at", at == null ? 0L : at.toEpochMilli()).put("postId", post.getString("_id"));
  }

  /** The organisations a stored post names: the one it speaks for and its writer's, once each. */
  static Set<String> organisationSlugs(JsonObject post) {
    Set<String> slugs = new LinkedHashSet<>();
    JsonObject onBehalfOf = post.getJsonObject("onBehalfOf");
    if (onBehalfOf != null && onBehalfOf.getString("slug") != null) {
      slugs.add(onBehalfOf.getString("slug"));
    }
    JsonArray organisations = post.getJsonArray("organisations");
    if (organisations != null) {
      for (int i = 0; i < organisations.size(); i++) {
        String slug = organisations.getJsonObject(i).getString("slug");
        if (slug != null) {
          slugs.add(slug);
        }
      }
    }
    return slugs;
  }

  /**
   * Adds {@code entries} to the list {@code field} of document {@code id} (made when missing), ordered by
   * {@code by}, keeping the last {@code kept}.
   */
  private Future<Void> pushKept(String collection, String id, String field, List<JsonObject> entries, String by,
      int kept) {
    JsonObject push = new JsonObject().put("$each", new JsonArray(entries))
        .put("$sort", new JsonObject().put(by, 1)).put("$slice", -kept);
    return mongo.updateCollectionWithOptions(collection, new JsonObject().put("_id", id),
        new JsonObject().put("$push", new JsonObject().put(field, push)), new UpdateOptions().setUpsert(true))
        .mapEmpty();
  }
}
