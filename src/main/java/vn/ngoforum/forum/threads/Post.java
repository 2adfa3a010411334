package vn.ngoforum.forum.threads;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import vn.ngoforum.forum.common.Person;

/**
 * A post as the forum keeps it: its number in its thread, the {@code seq} of its last change (so that "everything
 * since seq N" finds it) and its {@code version} (which an edit must name: optimistic concurrency), its author, its
 * Markdown {@code source}, the sanitised {@code html} made from it and its plain {@code text}, whether it was
 * deleted by its author or hidden by a moderator (with the reason), and who reacted how ({@code reactions}: name →
 * the ids of the people).
 *
 * <p>{@code source} and {@code text} are {@code null} when a page was read without them. {@code attachments} (the
 * files' views), {@code organisations} (the writer's, when writing) and {@code onBehalfOf} (the verified
 * organisation the post speaks for, or {@code null}) are copies of what other rooms showed when the post was
 * written, kept as they were shown.
 */
public record Post(String id, String threadId, int number, long seq, long version, Person author, String source,
    String html, String text, Instant createdAt, Instant editedAt, boolean deleted, boolean hidden,
    String hiddenReason, List<JsonObject> attachments, List<JsonObject> organisations, JsonObject onBehalfOf,
    Map<String, List<String>> reactions) {

  /** Whether {@code userId} wrote it. */
  public boolean isBy(String userId) {
    return userId != null && userId.equals(author.id());
  }

  /** Shown to readers: neither deleted by its author nor hidden by a moderator. */
  public boolean isVisible() {
    return !deleted && !hidden;
  }
}
