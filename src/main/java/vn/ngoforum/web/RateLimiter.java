package vn.ngoforum.web;

import vn.ngoforum.error.ForumException;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Duration;
import java.util.function.LongSupplier;
import vn.ngoforum.ops.Meters;

/**
 * Per-person limits on writes ("one post per 5 seconds", "30 reactions a minute"), kept in MongoDB so that they
 * hold across every forum node. Over the limit the request fails with 429 and a {@code Retry-After} saying when it
 * would pass, before anything is stored.
 *
 * <p>"{@code limit} in {@code window}" is a rate with a burst (the generic cell rate algorithm): each unit moves the
 * key's <em>theoretical arrival time</em> ({@code tat}) on by {@code window / limit}, and a request passes while
 * that time stays within one window of now. So {@code limit} requests may come at once, then one every
 * {@code window / limit}; one post per 5 s means 5 s between any two posts. (Counting in fixed windows, as this class
 * did, let two "one per 15 s" threads through a second apart, one on each side of a window's end.) One document per
 * key, read and written by {@code _id} only: two atomic updates, never a filter the embedded store would scan.
 *
 * <p>Each refusal is counted in {@code forum_rate_limit_refusals_total}, labelled with the limit's kind (the key up to
 * its first colon: {@code post}, {@code react}, {@code qa.vote}, ...; never the person).
 */
public final class RateLimiter {

  static final String RATE_LIMITS = RateLimitRepository.RATE_LIMITS;

  private final RateLimitRepository keys;
  private final LongSupplier clock;

  public RateLimiter(MongoClient mongo) {
    this(mongo, System::currentTimeMillis);
  }

  /** With its own clock (epoch milliseconds), for tests of time. */
  RateLimiter(MongoClient mongo, LongSupplier clock) {
    this.keys = new RateLimitRepository(mongo);
    this.clock = clock;
  }

  /**
   * Counts one attempt for {@code key} (e.g. {@code "post:" + userId}) and fails with 429 when it would make more
   * than {@code limit} in a {@code window}.
   */
  public Future<Void> acquire(String key, int limit, Duration window) {
    return acquireUnits(key, 1, limit, window);
  }

  /**
   * Counts {@code units} (e.g. the bytes of an upload) for {@code key} and fails with 429 when they do not fit in
   * {@code limit} a {@code window}. Refused units are given back, so a smaller request may still fit.
   */
  public Future<Void> acquireUnits(String key, long units, long limit, Duration window) {
    long windowMillis = window.toMillis();
    double cost = (double) windowMillis * units / limit;
    long now = clock.getAsLong();
    // 1. Nothing owed from the past: the arrival time is at least now (harmless for any concurrent request, which
    //    would take the later of the two anyway). The document lives until it no longer says anything.
    // 2. Take the units: concurrent requests for one key are ordered by this atomic increment.
    return keys.catchUp(key, now, now + 2 * windowMillis)
        .compose(v -> keys.add(key, cost))
        .compose(tat -> {
          double late = tat - now - windowMillis;
          if (late <= 0) {
            return Future.succeededFuture();
          }
          int retryAfter = (int) Math.max(1, Math.ceil(late / 1000));
          ForumException tooMany = new ForumException(429, "too_many_requests",
              "Too many requests: please wait " + retryAfter + " s and try again.", retryAfter)
              .withMessageKey("errors.text.429");
          countRefusal(key);
          return keys.add(key, -cost).transform(done -> Future.failedFuture(tooMany));
        });
  }

  /** Counts a refusal on the meters of the node this runs on (a MongoDB answer comes back on the caller's context). */
  private static void countRefusal(String key) {
    int colon = key.indexOf(':');
    Counter.builder(Meters.PREFIX + "rate.limit.refusals")
        .description("Requests refused with 429 by a per-person rate limit")
        .tag("kind", colon < 0 ? key : key.substring(0, colon))
        .register(Meters.current().registry())
        .increment();
  }

  /**
   * Documents that say nothing any more are removed by a TTL index on real MongoDB; the embedded store ignores TTL
   * indexes, so {@link KeyExpiry} removes them there.
   */
  public Future<Void> createIndexes() {
    return keys.createIndexes();
  }

  /** Removes what says nothing any more (for {@link KeyExpiry}); background only. */
  Future<Long> removeExpired(java.time.Instant now) {
    return keys.removeExpired(now);
  }
}
