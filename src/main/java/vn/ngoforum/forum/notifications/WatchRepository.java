package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who watches what, read by key only. {@code watchers} holds one document per watched thread or category
 * ({@code {_id: "thread:{id}" | "category:{slug}", people: [userIds]}}), read when a post is written to find whom to
 * tell; {@code watches} holds one document per person and thing ({@code {_id: "{userId} thread:{id}", on}}), read
 * when a page shows its watch button. {@code on: false} remembers that a person stopped watching, so that writing in
 * the thread again does not make them watch it again by default.
 */
public final class WatchRepository {

  static final String WATCHERS = "watchers";
  static final String WATCHES = "watches";

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
  }

  private final MongoClient mongo;

  public WatchRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** The person watches {@code watched} ({@code on}) or stops watching it; both documents by key. */
  public Future<Void> set(String userId, Watched watched, boolean on) {
    return mongo.updateCollectionWithOptions(WATCHES, new JsonObject().put("_id", key(userId, watched)),
            new JsonObject().put("$set", new JsonObject().put("on", on)), new UpdateOptions().setUpsert(true))
        .compose(v -> people(userId, watched, on));
  }

  /**
   * The person watches {@code watched} unless they have chosen either way before (an author or a replier watches
   * their thread by default; one who stopped watching it stays so).
   */
  Future<Void> byDefault(String userId, Watched watched) {
    return mongo.findOneAndUpdateWithOptions(WATCHES, new JsonObject().put("_id", key(userId, watched)),
            new JsonObject().put("$setOnInsert", new JsonObject().put("on", true)), new FindOptions(),
            new UpdateOptions().setUpsert(true).setReturningNewDocument(false))
        .compose(before -> before == null ? people(userId, watched, true) : Future.succeededFuture());
  }

  /** Whether the person watches {@code watched}. */
  public Future<Boolean> isWatching(String userId, Watched watched) {
    return mongo.findOne(WATCHES, new JsonObject().put("_id", key(userId, watched)), null)
        .map(doc -> doc != null && doc.getBoolean("on", false));
  }

  /** Everyone who watches any of {@code watched}, once each (one read by {@code _id $in}). */
  Future<Set<String>> watchersOf(Collection<Watched> watched) {
    JsonArray keys = new JsonArray(watched.stream().map(Watched::key).distinct().toList());
    return mongo.find(WATCHERS, new JsonObject().put("_id", new JsonObject().put("$in", keys)))
        .map(docs -> {
          Set<String> people = new LinkedHashSet<>();
          docs.forEach(doc -> doc.getJsonArray("people", new JsonArray()).forEach(id -> people.add((String) id)));
          return people;
        });
  }

  private Future<Void> people(String userId, Watched watched, boolean on) {
    JsonObject change = new JsonObject().put("people", userId);
    return mongo.updateCollectionWithOptions(WATCHERS, new JsonObject().put("_id", watched.key()),
        new JsonObject().put(on ? "$addToSet" : "$pull", change), new UpdateOptions().setUpsert(on)).mapEmpty();
  }

  private static String key(String userId, Watched watched) {
    return userId + " " + watched.key();
  }
}
