package vn.ngoforum.qa.http;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.Function;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.web.RateLimiter;

/**
 * How fast one person (or guest) may ask and vote in Q&amp;A, and all the guests of one address together, on every
 * node (the counts are in MongoDB): beyond it, 429 with {@code Retry-After}. Votes on questions and in polls share
 * one budget, because each costs the session's followers a (coalesced) frame.
 */
public final class Pace {

  static final int ASKS_PER_MINUTE = 10;
  static final int VOTES_PER_MINUTE = 120;
  /**
   * What all the guests behind one address may ask and vote in a minute together: generous, since a whole hall may
   * share the venue's Wi-Fi, but a bound on someone minting guest after guest.
   */
  static final int GUEST_ACTIONS_PER_ADDRESS = 600;

  private final RateLimiter limits;

  public Pace(RateLimiter limits) {
    this.limits = limits;
  }

  /** Takes one question from this person's budget for the minute (fails with 429 when it is spent). */
  public Future<Void> ask(CurrentUser user) {
    return limits.acquire("qa.ask:" + user.id(), ASKS_PER_MINUTE, Duration.ofMinutes(1));
  }

  /** Takes one vote from this person's budget for the minute (fails with 429 when it is spent). */
  public Future<Void> vote(CurrentUser user) {
    return limits.acquire("qa.vote:" + user.id(), VOTES_PER_MINUTE, Duration.ofMinutes(1));
  }

  /**
   * For a guest, takes one action from the budget of the address it comes from (fails with 429 when it is spent);
   * nothing for a signed-in person.
   */
  public Future<Void> address(CurrentUser user, String address) {
    return GuestPass.isGuest(user) ? guests(address) : Future.succeededFuture();
  }

  /** Takes one guest action (joining, asking, voting) from the budget of {@code address}. */
  public Future<Void> guests(String address) {
    return limits.acquire("qa.guests:" + address, GUEST_ACTIONS_PER_ADDRESS, Duration.ofMinutes(1));
  }

  /** Casts {@code vote} for this person once their vote budget allows it (429 when it is spent). */
  public <T> Future<T> vote(CurrentUser user, Function<CurrentUser, Future<T>> vote) {
    return vote(user).compose(v -> vote.apply(user));
  }
}
