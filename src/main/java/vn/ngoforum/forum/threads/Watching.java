package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.categories.Category;
import vn.ngoforum.forum.categories.CategoryRepository;
import vn.ngoforum.forum.notifications.PeopleRepository;
import vn.ngoforum.forum.notifications.WatchRepository;
import vn.ngoforum.forum.notifications.WatchRepository.ListPage;
import vn.ngoforum.forum.notifications.WatchRepository.Listed;
import vn.ngoforum.forum.notifications.WatchRepository.Watched;

/**
 * Watching a thread or a category: whoever watches one is told of every new post in the thread, or of every new
 * thread in the category (see the notifications' Notifier). Only what one may read can be watched; anything else is
 * a 404, as if it did not exist.
 */
public record Watching(ThreadAccess access, ThreadRepository threads, CategoryRepository categories,
    WatchRepository watches, PeopleRepository people) {

  /** How many things the "my watches" page shows at a time. */
  static final int PAGE = 20;

  /**
   * The person watches {@code watched} ({@code on}) or stops; answers whether they watch it now. The forum remembers
   * them as they are now (their roles), so that it knows, without their session, whether they may still read what
   * they watch when it tells them of it.
   */
  Future<Boolean> set(CurrentUser user, Watched watched, boolean on) {
    return mayRead(user, watched).compose(v -> people.remember(user))
        .compose(v -> watches.set(user.id(), watched, on)).map(on);
  }

  /** Whether the person watches {@code watched} (404 for what they may not read). */
  Future<Boolean> isWatching(CurrentUser user, Watched watched) {
    return mayRead(user, watched).compose(v -> watches.isWatching(user.id(), watched));
  }

  /** For a page already found readable: whether its reader watches it ({@code false} for a guest). */
  Future<Boolean> shown(CurrentUser user, Watched watched) {
    return user == null ? Future.succeededFuture(false) : watches.isWatching(user.id(), watched);
  }

  /**
   * One page of what the person watches, newest first: {@code {page, pages, total, items: [{kind, id, title
   * (a thread's) or name ({vi, en}: a category's), url, category (a thread's: {slug, name}), at}]}}. Titles are read
   * by key (threads and categories by {@code _id $in}); what the person may no longer read, or what is gone, is
   * left out.
   */
  Future<JsonObject> page(CurrentUser user, int page) {
    return watches.listPage(user.id(), (page - 1) * PAGE, PAGE).compose(listed -> {
      List<String> threadIds = ids(listed, "thread");
      return threads.findAll(threadIds).compose(found -> {
        Set<String> slugs = new HashSet<>(ids(listed, "category"));
        found.forEach(thread -> slugs.add(thread.category()));
        return categories.findAll(slugs).compose(all -> access.readable(user, all).map(readable -> view(page,
            listed, found.stream().filter(thread -> readable.contains(thread.category()))
                .collect(Collectors.toMap(ForumThread::id, Function.identity())),
            all.stream().filter(category -> readable.contains(category.slug()))
                .collect(Collectors.toMap(Category::slug, Function.identity())))));
      });
    });
  }

  private static List<String> ids(ListPage listed, String kind) {
    return listed.items().stream().map(Listed::watched).filter(watched -> kind.equals(watched.kind()))
        .map(Watched::id).toList();
  }

  private static JsonObject view(int page, ListPage listed, Map<String, ForumThread> threads,
      Map<String, Category> categories) {
    JsonArray items = new JsonArray();
    for (Listed line : listed.items()) {
      Watched watched = line.watched();
      JsonObject item = new JsonObject().put("kind", watched.kind()).put("id", watched.id())
          .put("at", line.at() == null ? null : line.at().toString());
      if ("thread".equals(watched.kind()) && threads.containsKey(watched.id())) {
        ForumThread thread = threads.get(watched.id());
        Category category = categories.get(thread.category());
        items.add(item.put("title", thread.title()).put("url", "/t/" + thread.id()).put("category",
            new JsonObject().put("slug", category.slug()).put("name", category.name())));
      } else if ("category".equals(watched.kind()) && categories.containsKey(watched.id())) {
        items.add(item.put("name", categories.get(watched.id()).name()).put("url", "/c/" + watched.id()));
      }
    }
    int pages = Math.max(1, (listed.total() + PAGE - 1) / PAGE);
    return new JsonObject().put("page", page).put("pages", pages).put("total", listed.total()).put("items", items);
  }

  private Future<Void> mayRead(CurrentUser user, Watched watched) {
    if ("thread".equals(watched.kind())) {
      return access.readableThread(user, watched.id()).mapEmpty();
    }
    return categories.find(watched.id()).compose(category -> category == null
        ? Future.failedFuture(ForumException.notFound("There is no such category."))
        : access.mayRead(user, category).compose(allowed -> allowed ? Future.<Void>succeededFuture()
            : Future.failedFuture(ForumException.notFound("There is no such category."))));
  }
}
