package vn.ngoforum.qa.live;

import io.vertx.core.Future;

/** A session's sequence number now, or {@code null} when there is no such session (events' sessions answer). */
@FunctionalInterface
public interface SessionSeq {

  Future<Long> current(String sessionId);
}
