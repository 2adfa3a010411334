package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The forum's answer to "what has this organisation said": posts written on its behalf or by its members (as the
 * posts recorded them when written), in public categories only, neither deleted nor hidden.
 */
final class OrganisationPosts implements OrganisationThreads {

  private static final int EXCERPT = 200;

  private final MongoClient mongo;

  OrganisationPosts(MongoClient mongo) {
    this.mongo = mongo;
  }

  @Override
  public Future<List<JsonObject>> recentFor(String slug, int limit) {
    JsonObject query = new JsonObject()
        .put("$or", new JsonArray()
            .add(new JsonObject().put("onBehalfOf.slug", slug))
            .add(new JsonObject().put("organisations.slug", slug)))
        .put("deleted", new JsonObject().put("$ne", true))
        .put("hidden", new JsonObject().put("$ne", true));
    FindOptions options = new FindOptions().setSort(new JsonObject().put("createdAt", -1)).setLimit(limit * 4 + 10);
    return mongo.findWithOptions(ThreadRepository.POSTS, query, options).compose(posts -> {
      if (posts.isEmpty()) {
        return Future.succeededFuture(List.<JsonObject>of());
      }
      JsonArray threadIds = new JsonArray(posts.stream().map(p -> p.getString("threadId")).distinct().toList());
      return Future.all(
              mongo.find(ThreadRepository.THREADS, new JsonObject().put("_id", new JsonObject().put("$in", threadIds))),
              mongo.find(CategoryRepository.CATEGORIES, new JsonObject()))
          .map(both -> {
            Map<String, JsonObject> threads = both.<List<JsonObject>>resultAt(0).stream()
                .collect(Collectors.toMap(t -> t.getString("_id"), Function.identity()));
            List<String> publicSlugs = both.<List<JsonObject>>resultAt(1).stream()
                .filter(c -> "public".equals(c.getString("visibility", "public")))
                .map(c -> c.getString("_id")).toList();
            List<JsonObject> recent = new ArrayList<>();
            for (JsonObject post : posts) {
              JsonObject thread = threads.get(post.getString("threadId"));
              if (thread == null || !publicSlugs.contains(thread.getString("category"))) {
                continue;
              }
              String text = post.getString("text", "").strip();
              recent.add(new JsonObject()
                  .put("threadId", thread.getString("_id"))
                  .put("title", thread.getString("title"))
                  .put("url", ThreadService.permalink(thread.getString("_id"), post.getInteger("number", 1),
                      post.getString("_id")))
                  .put("excerpt", text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text)
                  .put("onBehalf", post.getJsonObject("onBehalfOf") != null)
                  .put("at", ThreadService.iso(post.getValue("createdAt"))));
              if (recent.size() == limit) {
                break;
              }
            }
            return recent;
          });
    });
  }
}
