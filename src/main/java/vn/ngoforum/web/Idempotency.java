package vn.ngoforum.web;

import vn.ngoforum.error.ForumException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import vn.ngoforum.db.Dates;
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
  static final String IDEMPOTENCY = IdempotencyRepository.IDEMPOTENCY;
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

  private final IdempotencyRepository keys;

  public Idempotency(MongoClient mongo) {
    this.keys = new IdempotencyRepository(mongo);
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
    return keys.insertPending(id, attempt, Instant.now())
        .compose(inserted -> run(id, attempt, action))
        .recover(failure -> Mongo.isDuplicateKey(failure) ? earlier(id, action) : Future.failedFuture(failure));
  }

  /** Runs the action under the key held by {@code attempt}, and stores its answer (or frees the key). */
  private Future<Outcome> run(String id, String attempt, Supplier<Future<JsonObject>> action) {
    return action.get()
        .compose(body -> keys.done(id, attempt, body, Instant.now()).map(new Outcome(body, false)))
        .recover(failure -> keys.release(id, attempt).transform(released -> Future.failedFuture(failure)));
  }

  /** The key exists: its stored answer, or the key itself when it was abandoned, or 409 while it runs. */
  private Future<Outcome> earlier(String id, Supplier<Future<JsonObject>> action) {
    return keys.find(id).compose(doc -> {
      if (doc == null) {
        return Future.failedFuture(stillRunning());
      }
      if ("done".equals(doc.getString("state"))) {
        return Future.succeededFuture(new Outcome(doc.getJsonObject("body"), true));
      }
      Instant since = Dates.instant(doc.getValue("at"));
      if (since == null || since.isAfter(Instant.now().minus(PENDING_TIMEOUT))) {
        return Future.failedFuture(stillRunning());
      }
      return takeOver(id, doc.getString("attempt"), action);
    });
  }

  /**
   * Takes over a key left pending for longer than {@link #PENDING_TIMEOUT}: of concurrent retries, the one whose
   * claim is stored runs the action; the others get 409, or the answer once it is done.
   */
  private Future<Outcome> takeOver(String id, String abandoned, Supplier<Future<JsonObject>> action) {
    String attempt = newAttempt();
    return keys.takeOver(id, abandoned, attempt, Instant.now())
        .compose(taken -> taken ? run(id, attempt, action)
            : keys.find(id).compose(doc -> doc != null && "done".equals(doc.getString("state"))
                ? Future.succeededFuture(new Outcome(doc.getJsonObject("body"), true))
                : Future.failedFuture(stillRunning())));
  }

  /** Keys expire {@link #KEPT_FOR} after their last change (real MongoDB; see {@link KeyExpiry} otherwise). */
  public Future<Void> createIndexes() {
    return keys.createIndexes(KEPT_FOR.toSeconds());
  }

  /** Removes keys last changed more than {@link #KEPT_FOR} ago (for {@link KeyExpiry}); background only. */
  Future<Long> removeExpired(Instant now) {
    return keys.removeOlderThan(now.minus(KEPT_FOR));
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

}
