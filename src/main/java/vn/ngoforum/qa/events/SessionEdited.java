package vn.ngoforum.qa.events;

import io.vertx.core.Future;

/**
 * What follows a session's edit besides its own announcement: the search index re-reads its questions (their scope is
 * the session's visibility, their result shows its title). Q&amp;A's questions implement it; events cannot see them.
 */
@FunctionalInterface
public interface SessionEdited {

  /** Nothing follows (a session service without questions). */
  SessionEdited NONE = sessionId -> Future.succeededFuture();

  /** The session was edited; completes when what follows is done. */
  Future<Void> edited(String sessionId);
}
