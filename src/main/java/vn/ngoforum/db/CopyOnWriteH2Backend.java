package vn.ngoforum.db;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend in which a stored document is never changed in place: an update changes a copy
 * and stores it instead, so a reply being encoded for one client cannot change under it.
 *
 * <p>Out of the box, a query answers with the very instances the store keeps (H2 keeps the objects themselves, in
 * memory and in its page cache), and an update changes the instance it found in place. The reply is encoded after
 * the collection's lock is released, so when another client's update added a field meanwhile, the encoder failed
 * with a ConcurrentModificationException and the client never got its answer; a reader could also see half an
 * update. Here an update changes a deep copy and stores it in place of the old instance (copy on write): an
 * instance, once stored, is only ever read, and a reply may share it safely. The cost is one copy per document
 * updated; reads copy nothing.
 */
class CopyOnWriteH2Backend extends H2Backend {

  /** H2Database's names for a collection's maps in the store (package-private there). */
  private static final String DATA_MAP_PREFIX = "databases.";
  private static final String META_MAP_PREFIX = "meta.";

  CopyOnWriteH2Backend(MVStore store) {
    super(store);
  }

  /** A store that lives in memory only (the tests'). */
  static CopyOnWriteH2Backend openInMemory() {
    return new CopyOnWriteH2Backend(MVStore.open(null));
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    return new Database(databaseName);
  }

  /**
   * A database whose collections copy what they answer. An inner class on purpose: H2Database's constructor already
   * opens the existing collections through {@link #openOrCreateCollection}, before a field of a subclass is set,
   * while the reference to the enclosing backend (and so its store) is set before that constructor runs.
   */
  private final class Database extends H2Database {

    Database(String databaseName) {
      super(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
      String name = getFullCollectionNamespace(collectionName);
      MVStore store = getMvStore();
      return new CopyingCollection(this, collectionName, options, store.openMap(DATA_MAP_PREFIX + name),
          store.openMap(META_MAP_PREFIX + name), cursorRegistry);
    }
  }

  /**
   * A collection whose updates work on copies. The library's updates change the documents that its own query found;
   * while an update runs (under the collection's lock), that query answers with copies, which the update then
   * changes and stores in place of the instances it read. Other queries answer with the stored instances, which
   * nothing changes any more: no copy on a read.
   */
  private static final class CopyingCollection extends H2Collection {

    /** Set while an update of this collection runs; read and written only under the collection's lock. */
    private boolean updating;

    CopyingCollection(MongoDatabase database, String collectionName, CollectionOptions options,
        MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
      super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    @Override
    public synchronized Document updateDocuments(Document selector, Document updateQuery, ArrayFilters arrayFilters,
        boolean isMulti, boolean isUpsert, Oplog oplog) {
      updating = true;
      try {
        return super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog);
      } finally {
        updating = false;
      }
    }

    @Override
    public synchronized Document findAndModify(Document query) {
      updating = true;
      try {
        return super.findAndModify(query);
      } finally {
        updating = false;
      }
    }

    /** Every query of the library ends here, under the collection's lock. */
    @Override
    protected QueryResult createQueryResult(List<Document> matchedDocuments, int batchSize) {
      return super.createQueryResult(
          updating ? matchedDocuments.stream().map(Document::cloneDeeply).toList() : matchedDocuments, batchSize);
    }
  }
}
