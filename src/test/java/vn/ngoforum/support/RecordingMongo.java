package vn.ngoforum.support;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;

/**
 * A MongoDB client that notes the query of every call before passing it on, so a test can show that a repository
 * reads by key (the embedded store scans a whole collection for any other query: README, "Scale").
 */
public final class RecordingMongo {

  private RecordingMongo() {
  }

  /**
   * {@code real}, adding {@code {method, collection, query}} to {@code queries} for every call that has a query (the
   * argument after the collection); inserts, saves and index creation have none.
   */
  public static MongoClient recording(MongoClient real, List<JsonObject> queries) {
    return (MongoClient) Proxy.newProxyInstance(MongoClient.class.getClassLoader(), new Class<?>[] {MongoClient.class},
        (proxy, method, args) -> {
          String name = method.getName();
          if (args != null && args.length > 1 && args[1] instanceof JsonObject query && !name.startsWith("insert")
              && !name.startsWith("save") && !name.startsWith("create")) {
            queries.add(new JsonObject().put("method", name).put("collection", args[0]).put("query", query.copy()));
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** Whether {@code query} names {@code _id} alone, as a value or {@code $in}: what the store answers by its index. */
  public static boolean byId(JsonObject query) {
    if (!query.fieldNames().equals(Set.of("_id"))) {
      return false;
    }
    Object id = query.getValue("_id");
    return !(id instanceof JsonObject operator) || operator.fieldNames().equals(Set.of("$in"));
  }
}
