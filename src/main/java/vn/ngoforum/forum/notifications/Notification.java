package vn.ngoforum.forum.notifications;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import vn.ngoforum.forum.common.Person;

/**
 * Something a person is told about, of a {@code kind}: a {@code reply} to their thread, a {@code mention} or a
 * {@code quote} of them in post {@code postId} of thread {@code threadId}, by {@code actor}; or news from the
 * registry ({@code org.join_request}, {@code org.join_decision}, {@code org.verification_decision}), whose details
 * ({@code org}, {@code orgName}, {@code decision} ...) are in {@code about}. {@code url} leads to what it is about.
 */
public record Notification(String id, String userId, String kind, String threadId, String title, String postId,
    String url, Person actor, Instant at, boolean read, JsonObject about) {

  /** A notification about a post (reply, mention, quote). */
  public Notification(String id, String userId, String kind, String threadId, String title, String postId,
      String url, Person actor, Instant at, boolean read) {
    this(id, userId, kind, threadId, title, postId, url, actor, at, read, null);
  }

  /** What the inbox ({@code items}) and the live push show: {@code {id, kind, at, read, url, actor, ...}}. */
  JsonObject view() {
    JsonObject view = (about == null ? new JsonObject() : about.copy())
        .put("id", id)
        .put("kind", kind)
        .put("at", at == null ? null : at.toString())
        .put("read", read)
        .put("url", url)
        .put("actor", actor == null ? null : actor.toJson());
    if (threadId != null) {
      view.put("threadId", threadId).put("title", title).put("postId", postId);
    }
    return view;
  }
}
