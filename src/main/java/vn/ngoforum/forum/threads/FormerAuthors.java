package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashSet;
import java.util.Set;
import vn.ngoforum.forum.common.ThreadChanges;

/**
 * Posts and threads of a person who closed their account stay, shown as a former member's: their name is forgotten
 * where posts and threads keep it (pages show "former member" for an author without a name), then every thread
 * that named them is said changed ({@link ThreadChanges}), so each node drops its cached pages of it. The search
 * index keeps authors by id only, so it needs nothing. Background work (the stored names are found by filters).
 */
public record FormerAuthors(Vertx vertx, ThreadRepository threads, PostRepository posts) {

  /** Forgets the name of {@code userId} on their posts and threads; answers how many threads named them. */
  public Future<Integer> forget(String userId) {
    return Future.all(posts.forgetAuthor(userId), threads.forgetPerson(userId)).map(both -> {
      Set<String> changed = new LinkedHashSet<>(both.<Set<String>>resultAt(0));
      changed.addAll(both.<Set<String>>resultAt(1));
      changed.forEach(threadId -> ThreadChanges.changed(vertx, threadId));
      return changed.size();
    });
  }
}
