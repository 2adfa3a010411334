package vn.ngoforum.qa.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import vn.ngoforum.db.Mongo;

/**
 * Small lists Q&amp;A keeps per parent so that requests read by key: one document per parent ({@code _id}: the
 * parent's id) holding an entry per child, {@code {_id, entries: {<child id>: {id, ...}}}}. The questions of a session
 * with their seq and status, the polls of a session, the sessions of an event.
 *
 * <p>Why: the embedded store answers a query from an index only by a unique key; {@code {sessionId: ...}} decodes
 * every document of the collection, across all sessions ever held. Reading the parent's list by {@code _id} and then
 * the children by {@code _id $in} costs what the parent holds, whatever the forum's age. Entries are kept by the
 * writes that change what they hold ({@code $set} of one entry, by the parent's {@code _id}), so a list is bounded by
 * its parent (a session's questions: a few thousand at most, about 60 bytes each).
 *
 * <p>Also the marks of Q&amp;A's one-time migrations ({@code qa_migrations}, {@code {_id: name, at}}).
 */
public record ListingRepository(MongoClient mongo, String collection) {

  static final String MIGRATIONS = "qa_migrations";
  private static final String ENTRIES = "entries";

  /** Sets the entry of child {@code id} under {@code parentId} (replacing the one there); {@code entry} gets the id. */
  public Future<Void> put(String parentId, String id, JsonObject entry) {
    JsonObject update = new JsonObject().put("$set",
        new JsonObject().put(ENTRIES + "." + key(id), entry.copy().put("id", id)));
    return upsert(parentId, update);
  }

  /**
   * Sets the fields of child {@code id}'s entry under {@code parentId} as {@link #put} does, but raises its number
   * {@code raised} to the entry's, leaving it when it is higher already: a child's seq, which a write of the seq alone
   * ({@link #raise}) may have raised after the child was read for this entry. Fields the entry does not name stay as
   * they are (name one {@code null} to clear it).
   */
  public Future<Void> putRaising(String parentId, String id, JsonObject entry, String raised) {
    String key = ENTRIES + "." + key(id);
    JsonObject set = new JsonObject().put(key + ".id", id);
    entry.forEach(field -> {
      if (!field.getKey().equals(raised)) {
        set.put(key + "." + field.getKey(), field.getValue());
      }
    });
    return upsert(parentId, new JsonObject().put("$set", set)
        .put("$max", new JsonObject().put(key + "." + raised, entry.getLong(raised))));
  }

  /**
   * Raises the number {@code field} of child {@code id}'s entry under {@code parentId} to {@code value}, leaving it
   * when it is higher already and the entry's other fields as they are (an entry missing until now gets its id).
   */
  public Future<Void> raise(String parentId, String id, String field, long value) {
    String entry = ENTRIES + "." + key(id);
    return mongo.updateCollection(collection, new JsonObject().put("_id", parentId), new JsonObject()
        .put("$set", new JsonObject().put(entry + ".id", id))
        .put("$max", new JsonObject().put(entry + "." + field, value))).mapEmpty();
  }

  /** Sets many entries of one parent at once (a migration), by child id. */
  public Future<Void> putAll(String parentId, List<JsonObject> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    JsonObject set = new JsonObject();
    entries.forEach(entry -> set.put(ENTRIES + "." + key(entry.getString("id")), entry));
    return upsert(parentId, new JsonObject().put("$set", set));
  }

  /** Removes the entry of child {@code id} under {@code parentId}. */
  public Future<Void> remove(String parentId, String id) {
    return mongo.updateCollection(collection, new JsonObject().put("_id", parentId),
        new JsonObject().put("$unset", new JsonObject().put(ENTRIES + "." + key(id), ""))).mapEmpty();
  }

  /** The entries under {@code parentId} (none when it has no list yet), each {@code {id, ...}}. */
  public Future<List<JsonObject>> entries(String parentId) {
    return mongo.findOne(collection, new JsonObject().put("_id", parentId), null).map(doc -> {
      List<JsonObject> found = new ArrayList<>();
      JsonObject entries = doc == null ? null : doc.getJsonObject(ENTRIES);
      if (entries != null) {
        entries.forEach(field -> found.add((JsonObject) field.getValue()));
      }
      return found;
    });
  }

  /** Whether the one-time migration {@code name} has run to its end (on any node). */
  public static Future<Boolean> migrated(MongoClient mongo, String name) {
    return mongo.findOne(MIGRATIONS, new JsonObject().put("_id", name), null).map(doc -> doc != null);
  }

  /** Marks the one-time migration {@code name} done. */
  public static Future<Void> markMigrated(MongoClient mongo, String name) {
    return mongo.save(MIGRATIONS, new JsonObject().put("_id", name).put("at", System.currentTimeMillis()))
        .mapEmpty();
  }

  /**
   * Gives every document of {@code collection} stored with a generated id its key ({@code keyOf}): removed, then
   * stored again keyed (when the removal took one; a key taken meanwhile keeps its document). A scan: a one-time
   * migration's step, never a request's.
   */
  public static Future<Void> keyAll(MongoClient mongo, String collection, Function<JsonObject, String> keyOf) {
    return mongo.find(collection, new JsonObject()).compose(docs -> Steps.each(docs.stream()
        .filter(doc -> !keyOf.apply(doc).equals(doc.getValue("_id"))).toList(),
        doc -> mongo.removeDocument(collection, new JsonObject().put("_id", doc.getValue("_id")))
            .compose(removed -> removed == null || removed.getRemovedCount() == 0 ? Future.succeededFuture()
                : Mongo.unlessDuplicate(mongo.insert(collection, doc.copy().put("_id", keyOf.apply(doc)))))));
  }

  /** Two nodes creating the same new list at once: one insert loses on the key, and its update then applies. */
  private Future<Void> upsert(String parentId, JsonObject update) {
    JsonObject query = new JsonObject().put("_id", parentId);
    return mongo.updateCollectionWithOptions(collection, query, update, new UpdateOptions().setUpsert(true))
        .<Void>mapEmpty()
        .recover(failure -> Mongo.isDuplicateKey(failure)
            ? mongo.updateCollection(collection, query, update).mapEmpty()
            : Future.failedFuture(failure));
  }

  /** A child id as a field name: no dot (a path) and no leading dollar (an operator). */
  private static String key(String id) {
    return id.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
  }
}
