package vn.ngoforum.forum.attachments;

import io.vertx.core.Future;
import vn.ngoforum.auth.CurrentUser;

/**
 * Who may download the files of a post: the threads room answers ({@code threads.ThreadAccess#mayDownloadFrom}),
 * as it knows the posts and who may read them; the forum's module wires it in.
 */
@FunctionalInterface
public interface FileAccess {

  /** Succeeds when {@code user} may download the files of post {@code postId}; fails (404) otherwise. */
  Future<Void> mayDownloadFrom(CurrentUser user, String postId);
}
