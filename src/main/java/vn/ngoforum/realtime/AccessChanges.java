package vn.ngoforum.realtime;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Tells every bridge of the cluster that who may follow some live addresses may have changed, so that each one
 * checks its open connections again and drops the registrations that are no longer allowed (the page is told why).
 * Registrations are authorised when a browser registers; without this a person who lost access would go on
 * receiving until they reconnect.
 *
 * <p>Features call these after the change is stored. The message goes out on {@link Addresses#ACCESS_CHANGED},
 * which no browser can follow.
 */
public final class AccessChanges {

  static final String SCOPE = "scope";
  static final String ID = "id";
  static final String THREAD = "thread";
  static final String ALL_THREADS = "threads";
  static final String SESSION = "session";
  static final String USER = "user";
  static final String SIGNED_OUT = "signed-out";
  static final String RECONNECT = "reconnect";

  private AccessChanges() {
  }

  /** A thread moved (or its readers changed otherwise): its followers are checked again. */
  public static void thread(Vertx vertx, String threadId) {
    publish(vertx, THREAD, threadId);
  }

  /** A category's visibility changed: the followers of every thread are checked again. */
  public static void allThreads(Vertx vertx) {
    publish(vertx, ALL_THREADS, null);
  }

  /** A Q&amp;A session's visibility changed: its followers are checked again. */
  public static void session(Vertx vertx, String sessionId) {
    publish(vertx, SESSION, sessionId);
  }

  /**
   * A person's rights changed (removed from an organisation, their organisation lost its verification): everything
   * their open connections follow is checked again.
   */
  public static void user(Vertx vertx, String userId) {
    publish(vertx, USER, userId);
  }

  /** A forum session ended (signed out here or at Keycloak): the live connections it opened are closed. */
  public static void signedOut(Vertx vertx, String sessionId) {
    publish(vertx, SIGNED_OUT, sessionId);
  }

  /**
   * The person of a forum session holds other roles now: the live connections it opened close, and their pages
   * reconnect (and catch up) with what the person may follow now.
   */
  public static void reconnect(Vertx vertx, String sessionId) {
    publish(vertx, RECONNECT, sessionId);
  }

  private static void publish(Vertx vertx, String scope, String id) {
    vertx.eventBus().publish(Addresses.ACCESS_CHANGED, new JsonObject().put(SCOPE, scope).put(ID, id));
  }
}
