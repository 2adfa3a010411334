package vn.ngoforum.registry.organisations;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import vn.ngoforum.db.KeyedReads;

/**
 * How many writes the registry has seen: one document read by key, moved on by every write to an organisation or a
 * membership that succeeded. Read models a node keeps in memory (the directory, who belongs where) read it on each
 * request and read their data again only when it moved, on whichever node the write was made. The version is read
 * before the data, so a write during a read only makes the next request read again.
 */
public final class RegistryVersionRepository {

  static final String VERSIONS = "registry_versions";
  private static final String ID = "registry";
  private static final JsonObject KEY = new JsonObject().put("_id", ID);

  private RegistryVersionRepository() {
  }

  /** The version now (0 before the first write), through reads of {@link #VERSIONS} made together. */
  static Future<Long> read(KeyedReads versions) {
    return versions.find(ID).map(doc -> doc == null ? 0L : doc.getLong("n", 0L));
  }

  /** Moves the version on, after a write that succeeded. */
  public static Future<Void> moved(MongoClient mongo) {
    return mongo.updateCollectionWithOptions(VERSIONS, KEY, new JsonObject().put("$inc", new JsonObject()
        .put("n", 1L)), new UpdateOptions().setUpsert(true)).mapEmpty();
  }
}
