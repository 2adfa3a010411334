package vn.ngoforum.forum.notifications;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import vn.ngoforum.forum.common.Person;

/**
 * Something a person is told about: a {@code reply} to their thread, a {@code mention} or a {@code quote} of them
 * in post {@code postId} of thread {@code threadId}, by {@code actor}; {@code url} leads to the post.
 */
public record Notification(String id, String userId, String type, String threadId, String title, String postId,
    String url, Person actor, Instant at, boolean read) {

  /** What the inbox and the live push show. */
  JsonObject view() {
    return new JsonObject()
        .put("id", id)
        .put("type", type)
        .put("threadId", threadId)
        .put("title", title)
        .put("postId", postId)
        .put("url", url)
        .put("actor", actor == null ? null : actor.toJson())
        .put("at", at == null ? null : at.toString())
        .put("read", read);
  }
}
