package vn.ngoforum.forum.threads;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.forum.categories.Category;

/**
 * Threads and posts as the API, the pages and the live events show them (the JSON views of {@link ForumThread} and
 * {@link Post}), and the address of a post.
 */
public final class PostViews {

  /** An edit later than this after posting marks the post "edited". */
  static final Duration EDIT_GRACE = Duration.ofMinutes(5);

  private PostViews() {
  }

  /**
   * A post as {@code viewer} may see it: a deleted post keeps its place without its text; a hidden post shows
   * its text (marked, with the reason) only to its author and to moderators.
   */
  public static JsonObject post(Post post, CurrentUser viewer) {
    JsonObject view = new JsonObject()
        .put("id", post.id())
        .put("threadId", post.threadId())
        .put("number", post.number())
        .put("seq", post.seq())
        .put("version", post.version())
        .put("author", post.author().toJson())
        .put("html", post.html())
        .put("createdAt", iso(post.createdAt()))
        .put("editedAt", iso(post.editedAt()))
        .put("edited", post.editedAt() != null
            && Duration.between(post.createdAt(), post.editedAt()).compareTo(EDIT_GRACE) > 0)
        .put("deleted", post.deleted())
        .put("hidden", post.hidden())
        .put("url", permalink(post.threadId(), post.number(), post.id()))
        .put("organisations", new JsonArray(post.organisations()))
        .put("attachments", new JsonArray(post.attachments()));
    if (post.onBehalfOf() != null) {
      view.put("onBehalfOf", post.onBehalfOf());
    }
    boolean own = viewer != null && post.isBy(viewer.id());
    if (post.deleted()) {
      view.put("html", "").put("attachments", new JsonArray());
    } else if (post.hidden()) {
      boolean moderator = viewer != null && viewer.has(Role.MODERATOR);
      if (own || moderator) {
        view.put("hiddenReason", post.hiddenReason());
      } else {
        view.put("html", "");
      }
      if (!moderator) {
        // A hidden post's files are the moderators' only (see ThreadAccess#mayDownloadFrom), its author's included.
        view.put("attachments", new JsonArray());
      }
    }
    view.put("mine", own);
    JsonArray counts = new JsonArray();
    for (String reaction : Reactions.NAMES) {
      List<String> people = post.reactions().getOrDefault(reaction, List.of());
      counts.add(new JsonObject().put("name", reaction).put("count", people.size())
          .put("mine", viewer != null && people.contains(viewer.id())));
    }
    view.put("reactions", counts);
    return view;
  }

  /** A thread without its posts. */
  public static JsonObject thread(ForumThread thread) {
    return new JsonObject()
        .put("id", thread.id())
        .put("title", thread.title())
        .put("category", thread.category())
        .put("author", thread.author().toJson())
        .put("createdAt", iso(thread.createdAt()))
        .put("lastActivityAt", iso(thread.lastActivityAt()))
        .put("lastPoster", thread.lastPoster() == null ? null : thread.lastPoster().toJson())
        .put("postCount", thread.postCount())
        .put("replies", thread.replies())
        .put("seq", thread.seq())
        .put("pinned", thread.pinned())
        .put("locked", thread.locked())
        .put("url", "/t/" + thread.id());
  }

  /** A page of a thread: the thread, its category's slug and name, the page and its posts as {@code viewer} sees. */
  static JsonObject page(ForumThread thread, Category category, int page, int pages, List<Post> posts,
      CurrentUser viewer) {
    return thread(thread)
        .put("category", new JsonObject().put("slug", category.slug()).put("name", category.name()))
        .put("page", page)
        .put("pages", pages)
        .put("posts", new JsonArray(posts.stream().map(post -> post(post, viewer)).toList()));
  }

  /** The address of a post: its thread's page that shows it, with the post as the fragment. */
  public static String permalink(String threadId, int number, String postId) {
    int page = (number - 1) / ThreadReader.POSTS_PER_PAGE + 1;
    return "/t/" + threadId + (page > 1 ? "?page=" + page : "") + "#post-" + postId;
  }

  public static String iso(Instant at) {
    return at == null ? null : at.toString();
  }
}
