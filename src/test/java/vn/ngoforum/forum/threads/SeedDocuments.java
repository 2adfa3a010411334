package vn.ngoforum.forum.threads;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.ngoforum.forum.common.Person;

/**
 * For the benchmark's data-growth scenario: the documents of a thread and its posts exactly as the forum stores
 * them ({@link ThreadRepository#document}, {@link PostRepository#document}), the Markdown rendered by the forum's
 * own renderer, so that a forum seeded in bulk through the driver reads like one written through the API. In this
 * package because the renderer is package-private.
 */
public final class SeedDocuments {

  /**
   * Rendered Markdown by source: rendering is most of the cost of making a post, and a seeder repeats its bodies
   * (the caller bounds how many differ).
   */
  private static final Map<String, Markdown.Rendered> RENDERED = new ConcurrentHashMap<>();

  private SeedDocuments() {
  }

  /**
   * Post {@code number} of a thread whose posts were written one after the other, as a reply stores it: a plain
   * member's post (no attachments, no organisation), version 1, event number {@code number}.
   */
  public static JsonObject post(String id, String threadId, int number, Person author, String markdown,
      Instant at) {
    Markdown.Rendered text = RENDERED.computeIfAbsent(markdown, Markdown::render);
    return PostRepository.document(new Post(id, threadId, number, number, 1L, author, text.source(), text.html(),
        text.text(), at, null, false, false, null, List.of(), List.of(), null, Map.of()));
  }

  /**
   * A thread of {@code posts} posts as the forum keeps it after its replies: {@code seq} and {@code postCount} count
   * every post, {@code version} every reply (see {@link ThreadRepository#postsChanged}).
   */
  public static JsonObject thread(String id, String category, String title, Person author, Instant createdAt,
      Instant lastActivityAt, Person lastPoster, int posts) {
    return ThreadRepository.document(new ForumThread(id, category, title, author, createdAt, lastActivityAt,
        lastPoster, posts, posts, posts - 1, false, false)).put("version", posts - 1);
  }
}
