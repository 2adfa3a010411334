package vn.ngoforum.qa.events;

import io.vertx.core.Future;

/** Whether a session holds anything people made in it (questions, polls): such a session is never deleted. */
@FunctionalInterface
public interface SessionContents {

  Future<Boolean> isEmpty(String sessionId);
}
