package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import vn.ngoforum.search.Found;
import vn.ngoforum.search.Indexer;
import vn.ngoforum.search.Listing;

/**
 * A person's newest posts, for their profile: from the search index (posts carry their author as a tag and when
 * they were written as a sort number, see {@link Findables}), only in the categories the reader may read, then read
 * by key ({@code _id $in}), so no request scans the posts. Deleted and hidden posts are not in the index.
 */
public record PersonPosts(Indexer index, ThreadRepository threads, PostRepository posts) {

  /**
   * At most {@code limit} of the person's shown posts in these categories, newest first, as
   * {@code [{threadId, title, url, at}]} ({@code at}: ISO-8601).
   */
  public Future<List<JsonObject>> recent(String authorId, Set<String> categories, int limit) {
    if (categories.isEmpty() || authorId == null) {
      return Future.succeededFuture(List.of());
    }
    Listing listing = new Listing(Findables.POST, categories.stream().map(Findables::scope)
        .collect(Collectors.toSet()), Map.of(Findables.AUTHOR_TAG, authorId), List.of(Findables.WRITTEN), 0, limit);
    return index.list(listing)
        .compose(found -> posts.findAll(found.hits().stream().map(Found.Hit::id).toList()))
        .compose(found -> threads.findAll(found.stream().map(Post::threadId).collect(Collectors.toSet()))
            .map(loaded -> {
              Map<String, ForumThread> byId = new HashMap<>();
              loaded.forEach(thread -> byId.put(thread.id(), thread));
              // The post and its thread as they are now: one hidden, or moved out of reach, since it was indexed
              // is left out.
              return found.stream().filter(Post::isVisible)
                  .filter(post -> byId.containsKey(post.threadId())
                      && categories.contains(byId.get(post.threadId()).category()))
                  .sorted(Comparator.comparing(Post::createdAt, Comparator.nullsLast(Comparator.reverseOrder())))
                  .map(post -> view(post, byId.get(post.threadId()))).toList();
            }));
  }

  /** How many entries one page of the index gives a download. */
  private static final int PAGE = 200;

  /**
   * Every shown post of the person in these categories, for their data download, oldest first, as
   * {@code [{id, threadId, title, number, url, at, editedAt, text}]} ({@code text}: the Markdown they wrote). Paged
   * through the search index ({@value #PAGE} at a time, up to its deepest page, {@link Listing#MAX_OFFSET}), each
   * page then read by key; hidden and deleted posts are not in the index, so not here.
   */
  public Future<List<JsonObject>> all(String authorId, Set<String> categories) {
    if (categories.isEmpty() || authorId == null) {
      return Future.succeededFuture(List.of());
    }
    return pages(authorId, categories, 0, new ArrayList<>()).map(found -> found.stream()
        .sorted(Comparator.comparing(entry -> entry.getString("at", ""))).toList());
  }

  private Future<List<JsonObject>> pages(String authorId, Set<String> categories, int offset, List<JsonObject> into) {
    Listing listing = new Listing(Findables.POST, categories.stream().map(Findables::scope)
        .collect(Collectors.toSet()), Map.of(Findables.AUTHOR_TAG, authorId), List.of(Findables.WRITTEN), offset, PAGE);
    return index.list(listing)
        .compose(found -> posts.findAll(found.hits().stream().map(Found.Hit::id).toList())
            .compose(page -> threads.findAll(page.stream().map(Post::threadId).collect(Collectors.toSet()))
                .map(loaded -> {
                  Map<String, ForumThread> byId = new HashMap<>();
                  loaded.forEach(thread -> byId.put(thread.id(), thread));
                  page.stream().filter(post -> post.isBy(authorId) && byId.containsKey(post.threadId()))
                      .forEach(post -> into.add(withText(post, byId.get(post.threadId()))));
                  return found.hits().size();
                })))
        .compose(read -> read < PAGE || offset + PAGE > Listing.MAX_OFFSET ? Future.succeededFuture(into)
            : pages(authorId, categories, offset + PAGE, into));
  }

  private static JsonObject withText(Post post, ForumThread thread) {
    return view(post, thread).put("id", post.id()).put("number", post.number())
        .put("editedAt", PostViews.iso(post.editedAt())).put("text", post.source());
  }

  private static JsonObject view(Post post, ForumThread thread) {
    return new JsonObject().put("threadId", thread.id()).put("title", thread.title())
        .put("url", PostViews.permalink(thread.id(), post.number(), post.id()))
        .put("at", PostViews.iso(post.createdAt()));
  }
}
