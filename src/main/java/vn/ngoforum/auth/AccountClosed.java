package vn.ngoforum.auth;

import io.vertx.core.Future;

/**
 * Told when a person closes their forum account, after Keycloak has disabled it: each feature lets go of what it
 * holds for them (the registry ends their memberships, the forum shows them as a former member). Implementations
 * must be idempotent: a closing cut short is run again whole.
 */
@FunctionalInterface
public interface AccountClosed {

  /** Nothing to let go of. */
  AccountClosed NONE = (userId, actor) -> Future.succeededFuture();

  /** The account of {@code userId} is closed; {@code actor} is the person as they were when they closed it. */
  Future<Void> accountClosed(String userId, CurrentUser actor);
}
