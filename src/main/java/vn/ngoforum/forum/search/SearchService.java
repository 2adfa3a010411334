package vn.ngoforum.forum.search;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.forum.categories.Category;
import vn.ngoforum.forum.categories.CategoryAccess;
import vn.ngoforum.forum.categories.CategoryRepository;
import vn.ngoforum.forum.threads.Findables;
import vn.ngoforum.forum.threads.ForumThread;
import vn.ngoforum.forum.threads.PostViews;
import vn.ngoforum.forum.threads.ThreadRepository;
import vn.ngoforum.search.Found;
import vn.ngoforum.search.Highlights;
import vn.ngoforum.search.Indexer;
import vn.ngoforum.search.QueryText;
import vn.ngoforum.search.Search;

/**
 * Threads found by a query, from the search index ({@link Indexer}): a thread whose title or one of whose shown
 * posts holds every word (with or without diacritics, "quoted phrases" kept together), best first (titles weigh
 * more, words typed with their diacritics rank the texts that have them first); then threads that hold the words
 * only between their title and several posts, most recently active first. Only what the reader may read is found:
 * the index filters by the categories they may read, and each thread's current category is checked again here.
 * Each result links to the post that matched, with its best passage.
 */
public record SearchService(Indexer index, ThreadRepository threads, CategoryRepository categories,
    Memberships memberships) {

  private static final int RESULTS = 20;
  /** Hits looked at to find the best {@link #RESULTS} threads (several hits may be one thread's). */
  private static final int CANDIDATES = 80;
  /** A word in more threads than this is too common to look for spread over a thread's posts. */
  private static final int SPREAD_LIMIT = 5_000;

  /** The threads {@code user} may read that match {@code query}, best first, at most twenty. */
  Future<List<JsonObject>> search(CurrentUser user, String query) {
    QueryText typed = QueryText.parse(query);
    if (typed.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return categories.listInOrder().compose(all -> readableSlugs(user, all)).compose(readable -> {
      Set<String> scopes = readable.stream().map(Findables::scope).collect(Collectors.toSet());
      Search search = Search.of(query, scopes).kinds(Findables.THREAD, Findables.POST).page(0, CANDIDATES);
      return index.search(search)
          .compose(found -> spreadOver(search, typed, matches(found)))
          .compose(matches -> threads.findAll(matches.keySet()).map(loaded -> results(matches, loaded, readable)));
    });
  }

  /** What matched, by thread in order of the best hit: the hit to show and whether the title matched. */
  private static LinkedHashMap<String, Match> matches(Found found) {
    LinkedHashMap<String, Match> matches = new LinkedHashMap<>();
    for (Found.Hit hit : found.hits()) {
      String threadId = hit.shown().get(Findables.THREAD_TAG);
      Match known = matches.get(threadId);
      boolean title = Findables.THREAD.equals(hit.kind());
      if (known == null) {
        matches.put(threadId, new Match(title ? null : hit, title, false));
      } else if (known.post() == null && !title) {
        matches.put(threadId, new Match(hit, known.titleMatch(), false));
      } else if (title && !known.titleMatch()) {
        matches.put(threadId, new Match(known.post(), true, false));
      }
    }
    return matches;
  }

  /**
   * When fewer than {@link #RESULTS} threads hold all the words in one title or post, the threads that hold them
   * between their title and posts, each with its best passage for any of the words.
   */
  private Future<LinkedHashMap<String, Match>> spreadOver(Search search, QueryText typed,
      LinkedHashMap<String, Match> matches) {
    if (matches.size() >= RESULTS || typed.words().size() + typed.phrases().size() < 2) {
      return Future.succeededFuture(matches);
    }
    return index.groupsHoldingAll(search, Findables.THREAD_TAG, SPREAD_LIMIT).compose(groups -> {
      if (groups == null) {
        return Future.succeededFuture(matches);
      }
      List<String> more = groups.stream().filter(id -> !matches.containsKey(id)).sorted()
          .limit(RESULTS - matches.size()).toList();
      List<Future<Found>> passages = more.stream().map(threadId -> index.search(search.orWords()
          .kinds(Findables.POST).tags(Map.of(Findables.THREAD_TAG, threadId)).page(0, 1))).toList();
      return Future.all(passages).map(done -> {
        for (int i = 0; i < more.size(); i++) {
          List<Found.Hit> best = done.<Found>resultAt(i).hits();
          matches.put(more.get(i), new Match(best.isEmpty() ? null : best.get(0), false, true));
        }
        return matches;
      });
    });
  }

  private static List<JsonObject> results(LinkedHashMap<String, Match> matches, List<ForumThread> loaded,
      Set<String> readable) {
    Map<String, ForumThread> byId = new HashMap<>();
    loaded.forEach(thread -> byId.put(thread.id(), thread));
    List<Map.Entry<String, Match>> whole = new ArrayList<>();
    List<Map.Entry<String, Match>> spread = new ArrayList<>();
    for (Map.Entry<String, Match> entry : matches.entrySet()) {
      ForumThread thread = byId.get(entry.getKey());
      // The thread's category now: a thread moved since it was indexed is shown only to who may read it now.
      if (thread != null && readable.contains(thread.category())) {
        (entry.getValue().spread() ? spread : whole).add(entry);
      }
    }
    spread.sort(Comparator.comparing((Map.Entry<String, Match> entry) -> lastActivity(byId.get(entry.getKey())))
        .reversed());
    List<JsonObject> results = new ArrayList<>();
    for (Map.Entry<String, Match> entry : concat(whole, spread)) {
      if (results.size() < RESULTS) {
        results.add(result(byId.get(entry.getKey()), entry.getValue()));
      }
    }
    return results;
  }

  private Future<Set<String>> readableSlugs(CurrentUser user, List<Category> all) {
    List<Future<Boolean>> checks = all.stream()
        .map(category -> CategoryAccess.mayRead(user, category, memberships)).toList();
    return Future.all(checks).map(done -> {
      Set<String> slugs = new HashSet<>();
      for (int i = 0; i < all.size(); i++) {
        if (Boolean.TRUE.equals(done.resultAt(i))) {
          slugs.add(all.get(i).slug());
        }
      }
      return slugs;
    });
  }

  private static Instant lastActivity(ForumThread thread) {
    return thread.lastActivityAt() == null ? Instant.EPOCH : thread.lastActivityAt();
  }

  private static JsonObject result(ForumThread thread, Match match) {
    Found.Hit post = match.post();
    JsonArray parts = new JsonArray();
    if (post != null) {
      Highlights.parts(post.snippet()).forEach(part -> parts.add(new JsonObject().put("text", part.text())
          .put("match", part.match())));
    }
    String url = post == null ? "/t/" + thread.id()
        : PostViews.permalink(thread.id(), Integer.parseInt(post.shown().get("number")), post.id());
    return new JsonObject()
        .put("threadId", thread.id())
        .put("title", thread.title())
        .put("category", thread.category())
        .put("url", url)
        .put("titleMatch", match.titleMatch())
        .put("snippet", post == null ? "" : Highlights.text(post.snippet()))
        .put("snippetParts", parts)
        .put("replies", thread.replies())
        .put("lastActivityAt", PostViews.iso(thread.lastActivityAt()));
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> both = new ArrayList<>(first);
    both.addAll(second);
    return both;
  }

  /**
   * A thread's match: the post hit to link and quote (null: the title only), whether its title matched, and
   * whether it holds the words only spread over several entries.
   */
  private record Match(Found.Hit post, boolean titleMatch, boolean spread) {
  }
}
