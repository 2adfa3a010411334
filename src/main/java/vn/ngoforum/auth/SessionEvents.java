package vn.ngoforum.auth;

/**
 * What the rest of the forum hears about browser sessions, so that what was authorised for a session (its live
 * connections) follows it: the session ended (signed out here or at Keycloak, refused a refresh, its time is up),
 * or the person's realm roles changed on a token refresh.
 */
public interface SessionEvents {

  /** Nobody listens. */
  SessionEvents NONE = new SessionEvents() {
    @Override
    public void ended(String sessionId) {
    }

    @Override
    public void rolesChanged(String sessionId) {
    }
  };

  /** The forum session {@code sessionId} is over. */
  void ended(String sessionId);

  /** The person of {@code sessionId} holds other realm roles since the last refresh. */
  void rolesChanged(String sessionId);
}
