package vn.ngoforum.forum.search;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.forum.categories.Category;
import vn.ngoforum.forum.categories.CategoryAccess;
import vn.ngoforum.forum.categories.CategoryRepository;
import vn.ngoforum.forum.threads.ForumThread;
import vn.ngoforum.forum.threads.Post;
import vn.ngoforum.forum.threads.PostRepository;
import vn.ngoforum.forum.threads.PostViews;
import vn.ngoforum.forum.threads.ThreadRepository;
import vn.ngoforum.text.VietnameseText;

/**
 * Threads whose title or visible posts contain every word of a query, compared folded (case, tones and diacritics
 * ignored, đ → d); the words may be spread over the title and several posts. Only what readers see counts: words
 * only in hidden or deleted posts, or edited out of a post, find nothing. Threads whose title holds all the words
 * come first, a title holding the words as a phrase before those; then the most recently active. Each result links
 * to the first visible post holding a word, with a snippet around it.
 */
public final class SearchService {

  private static final int RESULTS = 20;
  private static final int MAX_WORDS = 12;

  private final ThreadRepository threads;
  private final PostRepository posts;
  private final CategoryRepository categories;
  private final Memberships memberships;

  public SearchService(ThreadRepository threads, PostRepository posts, CategoryRepository categories,
      Memberships memberships) {
    this.threads = threads;
    this.posts = posts;
    this.categories = categories;
    this.memberships = memberships;
  }

  /** The threads {@code user} may read that match {@code query}, best first, at most twenty. */
  Future<List<JsonObject>> search(CurrentUser user, String query) {
    List<String> words = VietnameseText.tokens(query);
    if (words.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<String> tokens = words.subList(0, Math.min(words.size(), MAX_WORDS));
    String phrase = String.join(" ", tokens);
    Map<String, Set<String>> wordsOf = new HashMap<>();
    Map<String, Integer> firstPost = new HashMap<>();
    return Future.all(posts.wordsByThread(tokens), threads.titleWords(tokens))
        .compose(both -> {
          for (PostRepository.WordsFound hit : both.<List<PostRepository.WordsFound>>resultAt(0)) {
            wordsOf.computeIfAbsent(hit.threadId(), id -> new HashSet<>()).addAll(hit.words());
            firstPost.put(hit.threadId(), hit.firstPost());
          }
          for (Map.Entry<String, List<String>> hit : both.<Map<String, List<String>>>resultAt(1).entrySet()) {
            wordsOf.computeIfAbsent(hit.getKey(), id -> new HashSet<>()).addAll(hit.getValue());
          }
          Set<String> matching = wordsOf.entrySet().stream().filter(entry -> entry.getValue().containsAll(tokens))
              .map(Map.Entry::getKey).collect(Collectors.toSet());
          return Future.all(categories.listInOrder(), threads.findAll(matching));
        })
        .compose(loaded -> readableSlugs(user, loaded.resultAt(0)).map(readable -> loaded
            .<List<ForumThread>>resultAt(1).stream()
            .filter(thread -> readable.contains(thread.category()))
            .sorted(Comparator.comparingInt((ForumThread thread) -> -titleScore(thread, tokens, phrase))
                .thenComparing(SearchService::lastActivity, Comparator.reverseOrder()))
            .limit(RESULTS)
            .toList()))
        .compose(found -> Future.all(found.stream().map(thread -> snippetPost(thread.id(), firstPost.get(thread.id()))
            .map(post -> result(thread, post, tokens, phrase))).toList()))
        .map(all -> all.<JsonObject>list());
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

  /** Post {@code number} of a thread for a search snippet, unless it was hidden or deleted meanwhile. */
  private Future<Post> snippetPost(String threadId, Integer number) {
    return number == null ? Future.succeededFuture(null) : posts.visibleText(threadId, number);
  }

  private static Instant lastActivity(ForumThread thread) {
    return thread.lastActivityAt() == null ? Instant.EPOCH : thread.lastActivityAt();
  }

  private static int titleScore(ForumThread thread, List<String> tokens, String phrase) {
    String title = VietnameseText.fold(thread.title());
    Set<String> titleWords = new HashSet<>(List.of(title.split(" ")));
    int score = 0;
    if (titleWords.containsAll(tokens)) {
      score += 2;
    }
    if ((" " + title + " ").contains(" " + phrase + " ")) {
      score += 1;
    }
    return score;
  }

  private static JsonObject result(ForumThread thread, Post post, List<String> tokens, String phrase) {
    JsonArray parts = post == null ? new JsonArray()
        : Snippets.around(post.text() == null ? "" : post.text(), tokens);
    String snippet = parts.stream().map(part -> ((JsonObject) part).getString("text")).collect(Collectors.joining());
    return new JsonObject()
        .put("threadId", thread.id())
        .put("title", thread.title())
        .put("category", thread.category())
        .put("url", post == null ? "/t/" + thread.id() : PostViews.permalink(thread.id(), post.number(), post.id()))
        .put("titleMatch", titleScore(thread, tokens, phrase) > 0)
        .put("snippet", snippet)
        .put("snippetParts", parts)
        .put("replies", thread.replies())
        .put("lastActivityAt", PostViews.iso(thread.lastActivityAt()));
  }
}
