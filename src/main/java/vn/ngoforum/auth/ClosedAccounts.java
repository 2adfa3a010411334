package vn.ngoforum.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.ext.mongo.MongoClient;

/**
 * The accounts closed on this forum, as each node keeps them in memory, so that a closed person's browser sessions
 * and still-valid access tokens stop working on the next request, on every node, at the cost of a map look-up
 * ({@link UserLoader}). Keycloak disabling the account ends their sessions there too, but a forum session lives on
 * until its next refresh and an access token until it expires.
 *
 * <p>Each node loads the whole set at start-up ({@link #load}: one document per closed account) and hears each new
 * closure on {@link #ADDRESS} from whichever node closed it ({@link #closed}).
 */
public final class ClosedAccounts {

  /** Internal (no browser follows it), named with the others in {@code realtime.Addresses}. */
  public static final String ADDRESS = "forum.account.closed";

  private ClosedAccounts() {
  }

  /**
   * Loads this node's set (once per node: later calls find it loaded) and subscribes the calling verticle to new
   * closures on any node.
   */
  public static Future<Void> load(Vertx vertx, MongoClient mongo) {
    vertx.eventBus().<String>consumer(ADDRESS, message -> ids(vertx).put(message.body(), true));
    return new ClosedAccountRepository(mongo).all()
        .onSuccess(docs -> docs.forEach(doc -> ids(vertx).put(doc.getString("_id"), true)))
        .mapEmpty();
  }

  /** Whether {@code userId} closed their account. */
  public static boolean isClosed(Vertx vertx, String userId) {
    return userId != null && ids(vertx).containsKey(userId);
  }

  /** {@code userId} closed their account: this node knows at once, every node soon after. */
  public static void closed(Vertx vertx, String userId) {
    ids(vertx).put(userId, true);
    vertx.eventBus().publish(ADDRESS, userId);
  }

  private static LocalMap<String, Boolean> ids(Vertx vertx) {
    return vertx.sharedData().getLocalMap(ClosedAccounts.class.getName());
  }
}
