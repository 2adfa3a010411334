package vn.ngoforum.search;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import vn.ngoforum.realtime.Addresses;

/**
 * Where features say that a findable thing changed (a post written, edited or hidden, a thread moved or renamed):
 * the change gets the next forum-wide number in the log, and every node's {@link Indexer} is told to read the log
 * now. A feature records the change after its own write succeeded and before it answers, so what was acknowledged
 * is in the log even if this node dies the next moment; a node that was down reads what it missed by number.
 */
public final class Changes {

  private final Vertx vertx;
  private final ChangeRepository log;

  public Changes(Vertx vertx, MongoClient mongo) {
    this.vertx = vertx;
    this.log = new ChangeRepository(mongo);
  }

  /** Logs that the thing of this kind and id changed; completes when it is in the log. */
  public Future<Void> record(String kind, String id) {
    return log.append(kind, id, Instant.now())
        .onSuccess(change -> vertx.eventBus().publish(Addresses.SEARCH_CHANGED, change.seq()))
        .mapEmpty();
  }

  /** Logs that each of these things of one kind changed (numbers taken at once); completes when all are logged. */
  public Future<Void> recordAll(String kind, java.util.List<String> ids) {
    return log.appendAll(kind, ids, Instant.now())
        .onSuccess(changes -> {
          if (!changes.isEmpty()) {
            vertx.eventBus().publish(Addresses.SEARCH_CHANGED, changes.get(changes.size() - 1).seq());
          }
        })
        .mapEmpty();
  }

  /** Removes the changes older than {@code before}; indexes that had not read them yet are rebuilt. */
  public Future<Long> trim(Instant before) {
    return log.trim(before);
  }

  /** Removes the changes older than {@code before} except the last {@code keepLast}. */
  public Future<Long> trim(Instant before, long keepLast) {
    return log.trim(before, keepLast);
  }
}
