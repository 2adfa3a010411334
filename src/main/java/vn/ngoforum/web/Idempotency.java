package vn.ngoforum.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import vn.ngoforum.db.Mongo;

/**
 * {@code Idempotency-Key}: a client that retries a submit (a flaky connection, a node that died mid-request)
 * sends the same key, and the action runs once: the retry gets the first answer again. Keys are per person and
 * kept in MongoDB, so a retry that lands on another node is recognised too.
 */
public final class Idempotency {

  public static final String HEADER = "Idempotency-Key";
  static final String IDEMPOTENCY = "idempotency";
  private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

  private final MongoClient mongo;

  public Idempotency(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** The answer of an action, and whether it is the stored answer of an earlier identical request. */
  public record Outcome(JsonObject body, boolean replayed) {
  }

  /**
   * Runs {@code action} unless {@code userId} already ran it under {@code key}; then returns what it answered.
   * Without a key the action simply runs. A failed action leaves no trace, so it may be retried.
   */
  public Future<Outcome> once(String userId, String key, Supplier<Future<JsonObject>> action) {
    if (key == null) {
      return action.get().map(body -> new Outcome(body, false));
    }
    if (!VALID_KEY.matcher(key).matches()) {
      return Future.failedFuture(ForumException.invalid(
          "The Idempotency-Key header must be 1-200 visible ASCII characters."));
    }
    String id = userId + ":" + key;
    JsonObject pending = new JsonObject().put("_id", id).put("state", "pending")
        .put("at", new JsonObject().put("$date", Instant.now().toString()));
    return mongo.insert(IDEMPOTENCY, pending)
        .compose(inserted -> action.get()
            .compose(body -> mongo.updateCollection(IDEMPOTENCY, new JsonObject().put("_id", id),
                    new JsonObject().put("$set", new JsonObject().put("state", "done").put("body", body)))
                .map(new Outcome(body, false)))
            .recover(failure -> mongo.removeDocument(IDEMPOTENCY, new JsonObject().put("_id", id))
                .transform(removed -> Future.failedFuture(failure))))
        .recover(failure -> Mongo.isDuplicateKey(failure) ? earlier(id) : Future.failedFuture(failure));
  }

  private Future<Outcome> earlier(String id) {
    return mongo.findOne(IDEMPOTENCY, new JsonObject().put("_id", id), null).compose(doc -> {
      if (doc != null && "done".equals(doc.getString("state"))) {
        return Future.succeededFuture(new Outcome(doc.getJsonObject("body"), true));
      }
      return Future.failedFuture(ForumException.conflict(
          "A request with this Idempotency-Key is still being processed; try again in a moment."));
    });
  }
}
