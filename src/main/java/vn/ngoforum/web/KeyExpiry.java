package vn.ngoforum.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.mongo.MongoClient;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes expired idempotency keys ({@link Idempotency}) and the rate-limit records that no longer limit anything
 * ({@link RateLimiter}) in the background, every {@link #EVERY}.
 *
 * <p>Real MongoDB does this itself through the TTL indexes both collections declare; the embedded store ignores
 * TTL indexes, and without this sweep both collections would grow by every submit and every window forever. The
 * sweep is a filter on a non-unique field, so it scans: fine for background work, never for a request (see
 * DESIGN.md, "It scans"). Every node runs it; removing what another node removed already changes nothing.
 */
public final class KeyExpiry extends VerticleBase {

  static final Duration EVERY = Duration.ofMinutes(10);
  /** The first sweep, soon after start-up (a node that was down for a while has a backlog). */
  private static final Duration FIRST = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(KeyExpiry.class);

  private final Idempotency keys;
  private final RateLimiter limits;

  public KeyExpiry(MongoClient mongo) {
    this.keys = new Idempotency(mongo);
    this.limits = new RateLimiter(mongo);
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(FIRST.toMillis(), EVERY.toMillis(), id -> sweep()
        .onFailure(failure -> LOG.warn("Could not remove expired keys and counters: {}", failure.toString())));
    return Future.succeededFuture();
  }

  /** One sweep: idempotency keys last changed more than a day ago, rate-limit records past their expiry. */
  Future<Void> sweep() {
    Instant now = Instant.now();
    return Future.all(keys.removeExpired(now), limits.removeExpired(now))
        .onSuccess(done -> LOG.debug("Removed {} expired idempotency keys and {} rate-limit records",
            done.<Long>resultAt(0), done.<Long>resultAt(1)))
        .mapEmpty();
  }
}
