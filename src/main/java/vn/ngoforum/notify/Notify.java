package vn.ngoforum.notify;

import io.vertx.core.Future;
import java.util.Collection;

/**
 * Tells people something that concerns them, the way the forum tells them of a reply: stored in their inbox,
 * counted in the page header, pushed live on their own {@code user.{id}} address and, when e-mail is on, e-mailed.
 * The registry asks here for join requests and decisions; it never reaches into the forum.
 */
public interface Notify {

  /** Nobody is told: the answer before the forum's notifications are wired in. */
  Notify NONE = (recipients, notice) -> Future.succeededFuture();

  /**
   * Tells each of {@code recipients} once, never the notice's own actor. Succeeds once the notices are handed on;
   * a person who cannot be told is logged and skipped, so the action that caused it stands either way.
   */
  Future<Void> tell(Collection<String> recipients, Notice notice);
}
