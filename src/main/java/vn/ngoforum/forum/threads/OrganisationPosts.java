package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.ngoforum.forum.categories.Category;
import vn.ngoforum.forum.categories.CategoryRepository;

/**
 * What an organisation has said in the forum, for its public profile (the answer behind the {@code
 * OrganisationThreads} port): posts written on its behalf or by its members (as the posts recorded them when
 * written), in public categories only, neither deleted nor hidden.
 */
public record OrganisationPosts(ThreadRepository threads, PostRepository posts, CategoryRepository categories) {

  private static final int EXCERPT = 200;

  /**
   * The newest public posts of organisation {@code slug}, newest first, as {@code [{threadId, title, url, excerpt,
   * onBehalf, at}]} with {@code at} an ISO-8601 instant.
   */
  public Future<List<JsonObject>> recentFor(String slug, int limit) {
    return posts.newestOfOrganisation(slug, limit * 4 + 10).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(List.<JsonObject>of());
      }
      Set<String> threadIds = found.stream().map(Post::threadId).collect(Collectors.toSet());
      return Future.all(threads.findAll(threadIds), categories.listInOrder())
          .map(both -> {
            Map<String, ForumThread> byId = both.<List<ForumThread>>resultAt(0).stream()
                .collect(Collectors.toMap(ForumThread::id, Function.identity()));
            Set<String> publicSlugs = both.<List<Category>>resultAt(1).stream().filter(Category::isPublic)
                .map(Category::slug).collect(Collectors.toSet());
            List<JsonObject> recent = new ArrayList<>();
            for (Post post : found) {
              ForumThread thread = byId.get(post.threadId());
              if (thread == null || !publicSlugs.contains(thread.category())) {
                continue;
              }
              String text = post.text() == null ? "" : post.text().strip();
              recent.add(new JsonObject()
                  .put("threadId", thread.id())
                  .put("title", thread.title())
                  .put("url", PostViews.permalink(thread.id(), post.number(), post.id()))
                  .put("excerpt", text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text)
                  .put("onBehalf", post.onBehalfOf() != null)
                  .put("at", PostViews.iso(post.createdAt())));
              if (recent.size() == limit) {
                break;
              }
            }
            return recent;
          });
    });
  }
}
