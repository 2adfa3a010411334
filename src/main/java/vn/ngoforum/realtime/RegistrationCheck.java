package vn.ngoforum.realtime;

import io.vertx.core.Future;
import vn.ngoforum.auth.CurrentUser;

/**
 * Decides whether a browser may follow an address, from the person on the browser's session (never from what the
 * browser sends). Each feature provides the check for its own addresses; {@link EventBusBridge} asks it when a
 * browser registers, once per registration rather than once per message.
 */
@FunctionalInterface
public interface RegistrationCheck {

  /**
   * @param user the signed-in person, or {@code null} for an anonymous visitor
   * @param id   the id inside the address (thread, session or user id)
   * @return whether this person may receive what is published there
   */
  Future<Boolean> mayFollow(CurrentUser user, String id);
}
