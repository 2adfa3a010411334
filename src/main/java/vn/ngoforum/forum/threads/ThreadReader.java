package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.categories.CategoryRepository;

/**
 * Reading threads: a thread page by page (remembering, for a signed-in reader, how far they read), the changes
 * since an event number for a page that reconnects, and the threads of a category with the "new" marks.
 */
public record ThreadReader(ThreadAccess access, ThreadRepository threads, PostRepository posts,
    CategoryRepository categories, ReadRepository reads, CategoryListing listing) {

  static final int POSTS_PER_PAGE = 20;
  static final int THREADS_PER_PAGE = 25;
  private static final int CATCH_UP_LIMIT = 500;
  /** A thread's key for how many of its posts the reader has not read (signed-in readers only). */
  static final String UNREAD_COUNT = "unreadCount";
  private static final Logger LOG = LoggerFactory.getLogger(ThreadReader.class);

  /** One page of a thread with its posts in order. */
  Future<JsonObject> thread(CurrentUser user, String threadId, int page) {
    return access.readable(user, threadId).compose(readable -> page(user, readable, page));
  }

  /** One page of a thread already found readable (with its category, read once for the check and the page). */
  Future<JsonObject> page(CurrentUser user, ThreadAccess.Readable readable, int page) {
    return page(user, readable, page, null, 0);
  }

  /**
   * One page of a thread already found readable, its posts taken from {@code shared} when it has them at the
   * thread's version (else read, and kept there unless the thread changed since {@code mark}).
   */
  Future<JsonObject> page(CurrentUser user, ThreadAccess.Readable readable, int page, SignedInPages shared,
      long mark) {
    return signedInPage(user, readable, page, shared, mark)
        .map(read -> read.view().put("posts", new JsonArray(read.posts().stream()
            .map(post -> PostViews.post(post, user)).toList())));
  }

  /**
   * A page of a thread as {@link #page} reads it, but its view without the posts' views ({@code posts} empty): a
   * signed-in reader's page is joined from the posts' kept HTML ({@link SignedInPages}), so their views are built
   * only for a post not rendered yet, or when the page is rendered whole.
   */
  Future<PostsRead> signedInPage(CurrentUser user, ThreadAccess.Readable readable, int page, SignedInPages shared,
      long mark) {
    ForumThread thread = readable.thread();
    int pages = Math.max(1, (thread.postCount() + POSTS_PER_PAGE - 1) / POSTS_PER_PAGE);
    int current = Math.min(Math.max(page, 1), pages);
    String slot = SignedInPages.slot(thread.id(), current);
    String version = ThreadPageCache.version(readable);
    List<Post> kept = shared == null ? null : shared.posts(slot, version);
    Future<List<Post>> read = kept != null ? Future.succeededFuture(kept)
        : posts.page(thread.id(), (current - 1) * POSTS_PER_PAGE, POSTS_PER_PAGE, thread.postCount())
            .onSuccess(list -> {
              if (shared != null) {
                shared.putPosts(slot, thread.id(), version, list, mark);
              }
            });
    int lastShown = Math.min(current * POSTS_PER_PAGE, thread.postCount());
    return read
        .map(list -> new PostsRead(PostViews.page(thread, readable.category(), current, pages, List.of(), user), list))
        .compose(shown -> user == null ? Future.succeededFuture(shown)
            : reads.markRead(user.id(), thread.id(), lastShown)
                .map(upTo -> {
                  shown.view().put(UNREAD_COUNT, Math.max(0, thread.postCount() - upTo));
                  return shown;
                })
                .recover(failure -> {
                  LOG.warn("Could not remember that {} read {}: {}", user.username(), thread.id(), failure.toString());
                  return Future.succeededFuture(shown);
                }));
  }

  /** A page of a thread: its view (without its posts' views) and its posts as read. */
  record PostsRead(JsonObject view, List<Post> posts) {
  }

  /**
   * Where "jump to the first unread post" leads: the address of the first post after the furthest page the person
   * opened (the first post for one who never opened the thread, the last post once all are read); the thread's
   * first page for a guest. 404 for a thread they may not read.
   */
  Future<String> firstUnread(CurrentUser user, String threadId) {
    return access.readableThread(user, threadId).compose(thread -> (user == null ? Future.succeededFuture(0)
            : reads.marks(user.id(), List.of(threadId)).map(marks -> {
              ReadRepository.Mark mark = marks.get(threadId);
              return mark == null || mark.upTo() == null ? 0 : mark.upTo();
            }))
        .compose(upTo -> {
          int number = Math.max(1, Math.min(upTo + 1, thread.postCount()));
          return posts.idsByNumber(threadId, number, number).map(ids -> ids.isEmpty() ? "/t/" + threadId
              : PostViews.permalink(threadId, number, ids.get(0)));
        }));
  }

  /**
   * Posts created or changed after event {@code since}, for a page that reconnects: {@code {seq, posts, complete}};
   * {@code complete} is false (and there are no posts) when {@code since} is older than the changes the thread
   * keeps: the page is too far behind and loads again.
   */
  Future<JsonObject> changesSince(CurrentUser user, String threadId, long since) {
    return access.readableThread(user, threadId)
        .compose(thread -> posts.changedSince(threadId, since, CATCH_UP_LIMIT))
        .map(changed -> new JsonObject()
            .put("threadId", threadId)
            .put("seq", changed.posts().stream().mapToLong(Post::seq).max().orElse(since))
            .put("posts", new JsonArray(changed.posts().stream().map(post -> PostViews.post(post, user)).toList()))
            .put("complete", changed.complete()));
  }

  /**
   * A category with one page of its threads, pinned first, then by last activity ({@link CategoryListing}): with
   * {@code newer} and {@code older}, the queries of the pages next to it ({@code page=2}, {@code after=...}); {@code
   * page} is 0 on a page between the numbered ones.
   */
  Future<JsonObject> threadsOf(CurrentUser user, String slug, CategoryListing.Place place) {
    return categories.find(slug)
        .compose(category -> category == null
            ? Future.failedFuture(ForumException.notFound("There is no such category."))
            : access.mayRead(user, category).compose(readable -> readable ? Future.succeededFuture(category)
                : Future.failedFuture(ForumException.notFound("There is no such category."))))
        .compose(category -> listing.page(slug, place, THREADS_PER_PAGE).compose(listed ->
            markUnread(user, listed.threads().stream().map(PostViews::thread).toList())
                .map(list -> new JsonObject()
                    .put("category", category.publicView())
                    .put("threads", new JsonArray(list))
                    .put("total", listed.total())
                    .put("page", listed.page())
                    .put("pages", listed.pages())
                    .put("newer", listed.newer() == null ? null : listed.newer().query())
                    .put("older", listed.older() == null ? null : listed.older().query()))));
  }

  /**
   * "Latest": one page of the threads of every category the reader may read, the most recently active first
   * ({@link CategoryListing#latest}), each with its category's name.
   */
  Future<JsonObject> latest(CurrentUser user, int page) {
    return categories.listInOrder().compose(all -> access.readable(user, all)
        .compose(readable -> listing.latest(readable, page, THREADS_PER_PAGE))
        .compose(listed -> markUnread(user, listed.threads().stream().map(PostViews::thread).toList())
            .map(list -> {
              Map<String, JsonObject> names = new HashMap<>();
              all.forEach(category -> names.put(category.slug(), category.publicView()));
              list.forEach(thread -> thread.put("categoryView", names.get(thread.getString("category"))));
              return new JsonObject().put("threads", new JsonArray(list)).put("total", listed.total())
                  .put("page", listed.page()).put("pages", listed.pages());
            })));
  }

  /**
   * For a signed-in reader, each thread's {@code unreadCount}: its posts after the furthest page they opened; and
   * {@code unread}: a thread they never opened, one with unread posts, or (read before the counts were kept) one
   * that changed since they last opened it. One read by key for the whole list.
   */
  private Future<List<JsonObject>> markUnread(CurrentUser user, List<JsonObject> list) {
    if (user == null || list.isEmpty()) {
      return Future.succeededFuture(list);
    }
    return reads.marks(user.id(), list.stream().map(thread -> thread.getString("id")).toList())
        .map(marks -> {
          list.forEach(thread -> {
            ReadRepository.Mark mark = marks.get(thread.getString("id"));
            int count = mark == null || mark.upTo() == null ? 0
                : Math.max(0, thread.getInteger("postCount") - mark.upTo());
            thread.put(UNREAD_COUNT, count).put("unread", mark == null || count > 0
                || (mark.upTo() == null && mark.seq() < thread.getLong("seq")));
          });
          return list;
        });
  }
}
