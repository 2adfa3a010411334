package vn.ngoforum.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import vn.ngoforum.db.Mongo;

/**
 * {@code Idempotency-Key}: a client that retries a submit (a flaky connection, a node that died mid-request)
 * sends the same key, and the action runs once: the retry gets the first answer again. Keys are per person and
 * kept in MongoDB, so a retry that lands on another node is recognised too.
 *
 * <p>A key is {@code pending} while its action runs, then {@code done} with the answer. A node that dies
 * mid-action leaves its key pending: after {@link #PENDING_TIMEOUT} a retry takes the key over (one atomic
 * update, so of several retries exactly one does) and runs the action itself; each run holds its own
 * {@code attempt} token, so a run that was taken over and finishes late changes nothing. Keys are kept for
 * {@link #KEPT_FOR}: a TTL index removes them on real MongoDB, and {@link KeyExpiry} on the embedded store.
 */
public final class Idempotency {

  public static final String HEADER = "Idempotency-Key";
  static final String IDEMPOTENCY = "idempotency";
  /** How long an answer is kept for retries. */
  static final Duration KEPT_FOR = Duration.ofHours(24);
  /**
   * A key pending for longer than this is taken to be abandoned (its node died): far longer than any action runs
   * (a post with its uploads takes seconds), short enough that a client retrying after a crash is not refused for
   * long.
   */
  static final Duration PENDING_TIMEOUT = Duration.ofMinutes(2);
  private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
  private static final SecureRandom RANDOM = new SecureRandom();

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
    String attempt = newAttempt();
    JsonObject pending = new JsonObject().put("_id", id).put("state", "pending").put("attempt", attempt)
        .put("at", date(Instant.now()));
    return mongo.insert(IDEMPOTENCY, pending)
        .compose(inserted -> run(id, attempt, action))
        .recover(failure -> Mongo.isDuplicateKey(failure) ? earlier(id, action) : Future.failedFuture(failure));
  }

  /** Runs the action under the key held by {@code attempt}, and stores its answer (or frees the key). */
  private Future<Outcome> run(String id, String attempt, Supplier<Future<JsonObject>> action) {
    JsonObject mine = new JsonObject().put("_id", id).put("attempt", attempt);
    return action.get()
        .compose(body -> mongo.updateCollection(IDEMPOTENCY, mine, new JsonObject().put("$set",
                new JsonObject().put("state", "done").put("body", body).put("at", date(Instant.now()))))
            .map(new Outcome(body, false)))
        .recover(failure -> mongo.removeDocument(IDEMPOTENCY, mine)
            .transform(removed -> Future.failedFuture(failure)));
  }

  /** The key exists: its stored answer, or the key itself when it was abandoned, or 409 while it runs. */
  private Future<Outcome> earlier(String id, Supplier<Future<JsonObject>> action) {
    return mongo.findOne(IDEMPOTENCY, new JsonObject().put("_id", id), null).compose(doc -> {
      if (doc == null) {
        return Future.failedFuture(stillRunning());
      }
      if ("done".equals(doc.getString("state"))) {
        return Future.succeededFuture(new Outcome(doc.getJsonObject("body"), true));
      }
      return takeOver(id, action);
    });
  }

  /**
   * Takes over a key left pending for longer than {@link #PENDING_TIMEOUT}: of concurrent retries, the one whose
   * update matches runs the action; the others see a fresh pending key and get 409, or the answer once it is done.
   */
  private Future<Outcome> takeOver(String id, Supplier<Future<JsonObject>> action) {
    Instant now = Instant.now();
    String attempt = newAttempt();
    JsonObject abandoned = new JsonObject().put("_id", id).put("state", "pending")
        .put("at", new JsonObject().put("$lt", date(now.minus(PENDING_TIMEOUT))));
    JsonObject claim = new JsonObject().put("$set", new JsonObject().put("attempt", attempt).put("at", date(now)));
    return mongo.findOneAndUpdateWithOptions(IDEMPOTENCY, abandoned, claim, new FindOptions(),
            new UpdateOptions().setReturningNewDocument(true))
        .compose(taken -> taken != null ? run(id, attempt, action)
            : mongo.findOne(IDEMPOTENCY, new JsonObject().put("_id", id), null).compose(doc ->
                doc != null && "done".equals(doc.getString("state"))
                    ? Future.succeededFuture(new Outcome(doc.getJsonObject("body"), true))
                    : Future.failedFuture(stillRunning())));
  }

  /** Keys expire {@link #KEPT_FOR} after their last change (real MongoDB; see {@link KeyExpiry} otherwise). */
  public Future<Void> createIndexes() {
    return mongo.createIndexWithOptions(IDEMPOTENCY, new JsonObject().put("at", 1),
        new IndexOptions().expireAfter(KEPT_FOR.toSeconds(), TimeUnit.SECONDS));
  }

  private static ForumException stillRunning() {
    return ForumException.conflict(
        "A request with this Idempotency-Key is still being processed; try again in a moment.");
  }

  private static String newAttempt() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static JsonObject date(Instant at) {
    return new JsonObject().put("$date", at.toString());
  }
}
