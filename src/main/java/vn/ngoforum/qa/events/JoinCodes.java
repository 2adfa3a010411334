package vn.ngoforum.qa.events;

import io.vertx.core.Future;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.error.ForumException;

/**
 * Short numeric join codes: every session has one (six digits, unique across the forum) that people in the room type
 * at {@code /j/{code}} or in the home page's box instead of the session's long address.
 *
 * <p>A code is drawn at random and reserved by key in {@code join_codes} ({@link JoinCodeRepository}), drawing again
 * when it is taken, then written on the session. New sessions get theirs as they are stored; sessions stored before
 * codes existed get one from the start-up {@link #migrate} or, if a page needs it first, from {@link #ensure}. Two
 * nodes giving one session a code at the same moment leave it two codes that both lead to it, which is harmless.
 */
public record JoinCodes(JoinCodeRepository codes, SessionRepository sessions) {

  /** How many digits a join code has. */
  public static final int DIGITS = 6;
  private static final int LOWEST = 100_000;
  private static final int SPAN = 900_000;
  private static final int TRIES = 20;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Logger LOG = LoggerFactory.getLogger(JoinCodes.class);

  /** A new code reserved for {@code sessionId} (not yet written on the session). */
  public Future<String> reserve(String sessionId) {
    return reserve(sessionId, TRIES);
  }

  /** The session's code, giving it one first when it has none. */
  public Future<String> ensure(Session session) {
    if (session.code() != null) {
      return Future.succeededFuture(session.code());
    }
    return reserve(session.id()).compose(code -> sessions.setCode(session.id(), code).map(code));
  }

  /** Frees the code of a deleted session (a code typed afterwards finds nothing). */
  public Future<Void> release(Session session) {
    return session.code() == null ? Future.succeededFuture() : codes.release(session.code());
  }

  /**
   * The session that {@code typed} leads to (spaces and dashes people type between digits are ignored); 400 when it
   * is not six digits, 404 when no session holds it.
   */
  public Future<String> sessionOf(String typed) {
    String code = typed == null ? "" : typed.replaceAll("[\\s\\-.]", "");
    if (!code.matches("\\d{" + DIGITS + "}")) {
      return Future.failedFuture(ForumException.invalid("code", "A join code has six digits.")
          .withMessageKey("qa.join.error_format"));
    }
    return codes.sessionOf(code).compose(id -> id == null
        ? Future.failedFuture(ForumException.notFound("No session has this join code.")
            .withMessageKey("qa.join.error_unknown"))
        : Future.succeededFuture(id));
  }

  /**
   * Gives a code to every session stored without one (a start-up scan of the sessions; a no-op once each has one).
   */
  public Future<Void> migrate() {
    return sessions.withoutCode().compose(ids -> Steps.each(ids, id -> sessions.find(id)
            .compose(session -> session == null ? Future.succeededFuture() : ensure(session).mapEmpty()))
        .onSuccess(v -> {
          if (!ids.isEmpty()) {
            LOG.info("Gave join codes to {} sessions", ids.size());
          }
        }));
  }

  private Future<String> reserve(String sessionId, int triesLeft) {
    String code = Integer.toString(LOWEST + RANDOM.nextInt(SPAN));
    return codes.reserve(code, sessionId).map(code).recover(failure -> {
      if (Mongo.isDuplicateKey(failure) && triesLeft > 1) {
        return reserve(sessionId, triesLeft - 1);
      }
      return Future.failedFuture(failure);
    });
  }
}
