package vn.ngoforum.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Duration;
import java.time.Instant;

/**
 * The right of one node of a cluster to do a piece of background work for a while: one document
 * {@code {_id: name, owner, until}} in {@code leases}, taken by one atomic {@code findOneAndUpdate} on its
 * {@code _id} that matches only when the lease is free or has expired. Another node's attempt meanwhile finds it
 * held (the upsert runs into the {@code _id} already there: a duplicate key), so exactly one node holds it; a node that
 * dies holding it loses it when {@code until} passes.
 *
 * <p>The collection holds one document per kind of work (a handful), so even the embedded store, which answers a
 * query with a condition beside {@code _id} by reading the whole collection, reads a few documents; MongoDB reads
 * it by its {@code _id} index.
 *
 * @param name  the kind of work, e.g. {@code notification-digest}
 * @param owner who asks for it: a name unique to this node and run
 */
public record Lease(MongoClient mongo, String name, String owner) {

  static final String LEASES = "leases";

  /**
   * Takes the lease until {@code now} + {@code term} when it is free, has expired, or is this owner's already;
   * answers whether this owner holds it now. A lease seen held by another is not asked for at all (so the store does
   * not log a refused write every few minutes); two nodes asking at once are decided by the atomic write.
   */
  public Future<Boolean> take(Instant now, Duration term) {
    return mongo.findOne(LEASES, Keys.id(name), null).compose(lease -> {
      Instant until = lease == null ? null : Dates.instant(lease.getValue("until"));
      if (lease != null && !owner.equals(lease.getString("owner")) && until != null && until.isAfter(now)) {
        return Future.succeededFuture(false);
      }
      JsonObject free = new JsonObject().put("_id", name).put("$or", new JsonArray()
          .add(new JsonObject().put("until", new JsonObject().put("$lte", Dates.of(now))))
          .add(new JsonObject().put("owner", owner)));
      return Mongo.isNew(mongo.findOneAndUpdateWithOptions(LEASES, free,
          new JsonObject().put("$set", new JsonObject().put("owner", owner).put("until", Dates.of(now.plus(term)))
              .put("taken", Dates.of(now))),
          new FindOptions(), new UpdateOptions().setUpsert(true).setReturningNewDocument(true)));
    });
  }

  /** Gives the lease back (when this owner holds it), so another node need not wait for it to expire. */
  public Future<Void> release(Instant now) {
    return mongo.updateCollection(LEASES, new JsonObject().put("_id", name).put("owner", owner),
        new JsonObject().put("$set", new JsonObject().put("until", Dates.of(now)))).mapEmpty();
  }
}
