package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import vn.ngoforum.auth.CurrentUser;

/**
 * What other features may do in the forum: list its categories and start a thread. Workshop Q&amp;A uses it to
 * carry a session's open questions into the forum after the session.
 */
public interface ForumThreads {

  /** The categories in display order, as {@code [{slug, name:{vi,en}, ...}]}. */
  Future<List<JsonObject>> categories();

  /**
   * Starts a thread as {@code author}, checked like any writer (may post, may write in the category), but without
   * the per-person pace limit: one moderator action may start several threads. Answers {@code {id, url, ...}}.
   */
  Future<JsonObject> start(CurrentUser author, String categorySlug, String title, String markdownBody);
}
