package vn.ngoforum.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The reads by key every repository makes, written once: a query on {@code _id}, and the documents at a list of
 * ids ({@code _id $in}, which the embedded store answers from its unique index: see DESIGN.md).
 */
public final class Keys {

  private Keys() {
  }

  /** {@code {_id: id}}. */
  public static JsonObject id(String id) {
    return new JsonObject().put("_id", id);
  }

  /** {@code {_id: {$in: ids}}}. */
  public static JsonObject idIn(Collection<String> ids) {
    return new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(List.copyOf(ids))));
  }

  /**
   * The documents of {@code collection} at these ids (those that exist, in no particular order), with only
   * {@code fields} ({@code null}: all), each read {@code as}; no query at all for no ids.
   */
  public static <T> Future<List<T>> findAll(MongoClient mongo, String collection, Collection<String> ids,
      JsonObject fields, Function<JsonObject, T> as) {
    return findAll(mongo, collection, ids, fields).map(docs -> docs.stream().map(as).toList());
  }

  /** The documents of {@code collection} at these ids as stored, with only {@code fields} ({@code null}: all). */
  public static Future<List<JsonObject>> findAll(MongoClient mongo, String collection, Collection<String> ids,
      JsonObject fields) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return fields == null ? mongo.find(collection, idIn(ids))
        : mongo.findWithOptions(collection, idIn(ids), new FindOptions().setFields(fields));
  }
}
