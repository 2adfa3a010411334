package vn.ngoforum.db;

import com.mongodb.MongoException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import vn.ngoforum.config.AppConfig;

/** Creates the forum's MongoDB client and classifies the driver's failures. */
public final class Mongo {

  /** MongoDB's error code for a unique-index violation. */
  public static final int DUPLICATE_KEY = 11000;

  private Mongo() {
  }

  /**
   * One client shared by every verticle of this process (the driver pools connections itself).
   *
   * <p>Timeouts are short on purpose: when MongoDB is gone, a page answers 503 within a few seconds instead of
   * after the driver's 30 s default; the driver reconnects by itself when MongoDB is back.
   */
  public static MongoClient client(Vertx vertx, AppConfig config) {
    long timeout = config.mongoTimeoutMillis();
    JsonObject options = new JsonObject()
        .put("connection_string", config.mongoUri())
        .put("serverSelectionTimeoutMS", timeout)
        .put("connectTimeoutMS", (int) timeout)
        .put("socketTimeoutMS", (int) Math.max(timeout * 3, 10_000))
        .put("maxWaitQueueTimeoutMS", (int) timeout);
    return MongoClient.createShared(vertx, options, "forum-" + config.mongoUri());
  }

  /** Succeeds when MongoDB answers a ping (for health checks). */
  public static Future<Void> ping(MongoClient mongo) {
    return mongo.runCommand("ping", new JsonObject().put("ping", 1)).mapEmpty();
  }

  /** True when the failure means "MongoDB cannot be reached now", as opposed to a bad request. */
  public static boolean isUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof MongoTimeoutException || t instanceof MongoSocketException
          || t instanceof com.mongodb.MongoNotPrimaryException
          || t instanceof com.mongodb.MongoNodeIsRecoveringException) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code write}, where a duplicate key counts as done: for a document that may be stored already (demo data, a
   * migration run again).
   */
  public static Future<Void> unlessDuplicate(Future<?> write) {
    return write.<Void>mapEmpty()
        .recover(failure -> isDuplicateKey(failure) ? Future.succeededFuture() : Future.failedFuture(failure));
  }

  /** Whether {@code write} stored something new: {@code false} when a unique index held its key already. */
  public static Future<Boolean> isNew(Future<?> write) {
    return write.map(true)
        .recover(failure -> isDuplicateKey(failure) ? Future.succeededFuture(false) : Future.failedFuture(failure));
  }

  /** True when a write failed because a unique index already holds the value. */
  public static boolean isDuplicateKey(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof MongoWriteException write && write.getError().getCode() == DUPLICATE_KEY) {
        return true;
      }
      if (t instanceof MongoException mongo && mongo.getCode() == DUPLICATE_KEY) {
        return true;
      }
    }
    return false;
  }
}
