package vn.ngoforum.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Session;
import java.time.Duration;
import java.time.Instant;

/**
 * What a signed-in browser session holds, and when it must ask Keycloak again or end.
 *
 * <p>A session holds the person (as JSON, with their realm roles), Keycloak's tokens and three times, all as
 * strings (the clustered store copies strings). Keycloak stays in charge of the session:
 * <ul>
 *   <li>when the access token has expired (Keycloak's default: 5 minutes), the next request refreshes it and takes
 *       the person's roles from the new token: a role given or taken in Keycloak reaches the forum then;</li>
 *   <li>when Keycloak refuses the refresh (its session was ended, timed out idle, or reached its maximum), the forum
 *       session ends;</li>
 *   <li>the session never outlives the refresh token (whose expiry Keycloak caps at its session maximum) nor
 *       {@link #MAX_LIFETIME} after sign-in, whatever happens: these ends are checked locally, so they hold while
 *       Keycloak is away;</li>
 *   <li>while Keycloak is away or failing, the person keeps the roles of their last token (the forum keeps serving),
 *       and the refresh is tried again at most every {@link #RETRY_PAUSE}, not on every request.</li>
 * </ul>
 */
public final class SessionUser {

  /** The person, as {@link CurrentUser#toJson()}. */
  static final String USER = "user";
  /** Keycloak's ID token, the hint for RP-initiated logout. */
  static final String ID_TOKEN = "idToken";
  static final String REFRESH_TOKEN = "refreshToken";
  /** Epoch second when the access token expires: the next request after it refreshes. */
  static final String REFRESH_AT = "refreshAt";
  /** Epoch second when the session ends at the latest (refresh token expiry, capped by {@link #MAX_LIFETIME}). */
  static final String ENDS_AT = "endsAt";
  /** Epoch second of the sign-in: {@link #ENDS_AT} never moves past it + {@link #MAX_LIFETIME}. */
  static final String SIGNED_IN_AT = "signedInAt";
  /** Epoch second before which no refresh is tried again after Keycloak did not answer. */
  static final String RETRY_AT = "refreshRetryAt";

  /**
   * The longest a forum session lives, whatever Keycloak says: Keycloak's default "SSO Session Max" (10 hours).
   * Keycloak ends its own sessions by then (or earlier, as the realm says); this cap also holds while it is away.
   */
  static final Duration MAX_LIFETIME = Duration.ofHours(10);
  static final Duration RETRY_PAUSE = Duration.ofSeconds(10);

  /** What a request should do with a session. */
  enum Verdict {
    /** No signed-in person in this session. */
    NONE,
    /** The person, as stored. */
    CURRENT,
    /** Refresh the tokens first. */
    REFRESH,
    /** The session is over. */
    END
  }

  private SessionUser() {
  }

  /** Fills a freshly signed-in session from Keycloak's token answer and the checked access token's claims. */
  public static void signIn(Session session, CurrentUser user, JsonObject tokens, JsonObject accessClaims, Instant now) {
    session.put(SIGNED_IN_AT, String.valueOf(now.getEpochSecond()));
    session.put(USER, user.toJson().encode());
    session.remove(RETRY_AT);
    session.remove(ID_TOKEN);
    apply(session, tokens, accessClaims, now);
  }

  /** Keycloak's ID token of a signed-in session (the hint for RP-initiated logout), or {@code null}. */
  public static String idToken(Session session) {
    return session.get(ID_TOKEN);
  }

  /** Stores refreshed tokens and the person as the new access token describes them (roles included). */
  static CurrentUser refreshed(Session session, JsonObject tokens, JsonObject accessClaims, Instant now) {
    CurrentUser user = CurrentUser.fromClaims(accessClaims, null);
    session.put(USER, user.toJson().encode());
    apply(session, tokens, accessClaims, now);
    session.remove(RETRY_AT);
    return user;
  }

  /** Keycloak did not answer: keep the person as they are, try again after {@link #RETRY_PAUSE}. */
  static void unanswered(Session session, Instant now) {
    session.put(RETRY_AT, String.valueOf(now.plus(RETRY_PAUSE).getEpochSecond()));
  }

  static Verdict verdict(Session session, Instant now) {
    if (session.get(USER) == null) {
      return Verdict.NONE;
    }
    long second = now.getEpochSecond();
    long endsAt = seconds(session, ENDS_AT);
    if (endsAt == 0 || second >= endsAt) {
      // (A session from before the forum kept Keycloak's times cannot follow Keycloak: it ends too.)
      return Verdict.END;
    }
    if (second < seconds(session, REFRESH_AT) || second < seconds(session, RETRY_AT)) {
      return Verdict.CURRENT;
    }
    // Without a refresh token (a client set not to issue them) the session ends with its access token.
    return session.get(REFRESH_TOKEN) == null ? Verdict.END : Verdict.REFRESH;
  }

  static CurrentUser user(Session session) {
    return CurrentUser.fromJson(new JsonObject(session.<String>get(USER)));
  }

  static String refreshToken(Session session) {
    return session.get(REFRESH_TOKEN);
  }

  private static void apply(Session session, JsonObject tokens, JsonObject accessClaims, Instant now) {
    long second = now.getEpochSecond();
    long signedInAt = seconds(session, SIGNED_IN_AT);
    long endsAt = (signedInAt == 0 ? second : signedInAt) + MAX_LIFETIME.toSeconds();
    // Keycloak's refresh token expiry: its session's idle timeout or maximum, whichever comes first (0: no expiry,
    // as for offline tokens, where the cap alone holds).
    long refreshExpiresIn = tokens.getLong("refresh_expires_in", 0L);
    if (refreshExpiresIn > 0) {
      endsAt = Math.min(endsAt, second + refreshExpiresIn);
    }
    long accessExpires = accessClaims.getLong("exp", second);
    if (tokens.getString("refresh_token") != null) {
      session.put(REFRESH_TOKEN, tokens.getString("refresh_token"));
    }
    if (tokens.getString("id_token") != null) {
      session.put(ID_TOKEN, tokens.getString("id_token"));
    }
    session.put(REFRESH_AT, String.valueOf(Math.min(accessExpires, endsAt)));
    session.put(ENDS_AT, String.valueOf(endsAt));
  }

  private static long seconds(Session session, String key) {
    String value = session.get(key);
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
