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
import vn.ngoforum.forum.categories.CategoryAccess;
import vn.ngoforum.forum.categories.CategoryRepository;
import vn.ngoforum.forum.threads.Findables;
import vn.ngoforum.forum.threads.ForumThread;
import vn.ngoforum.forum.threads.PostViews;
import vn.ngoforum.forum.threads.ThreadRepository;
import vn.ngoforum.search.Findable;
import vn.ngoforum.search.Found;
import vn.ngoforum.search.Highlights;
import vn.ngoforum.search.Indexer;
import vn.ngoforum.search.QueryText;
import vn.ngoforum.search.Search;

/**
 * What a query finds, from the search index ({@link Indexer}): threads, Q&amp;A questions, organisations and
 * consultations (their titles, summaries and each part of their text, in the scope of their visibility). A thread
 * is found when its title or one of its shown posts holds every word (with or without diacritics, "quoted phrases"
 * kept together), a question by its text, an organisation by its names, acronym, description, province and focus
 * areas; best first (titles weigh more, words typed with their diacritics rank the texts that have them first). A
 * thread's hits make one result per page, linking to the post that matched with its best passage; on the last page,
 * threads that hold the words only between their title and several posts follow, most recently active first. Only
 * what the reader may see is found: the index filters by the categories they may read (each thread's current
 * category is checked again here), by public or members-only sessions, and the directory is public.
 *
 * <p>A page holds at most {@link #RESULTS} results; the next page continues after the last hit it used (a cursor:
 * {@link Found.Hit#cursor()}), so a deep page costs what the first costs.
 */
public record SearchService(Indexer index, ThreadRepository threads, CategoryRepository categories,
    Memberships memberships) {

  private static final int RESULTS = 20;
  /** Hits looked at to find the best {@link #RESULTS} results (several hits may be one thread's). */
  private static final int CANDIDATES = 80;
  /** A word in more threads than this is too common to look for spread over a thread's posts. */
  private static final int SPREAD_LIMIT = 5_000;

  /**
   * A page of results and where the next one starts.
   *
   * @param next the cursor of the next page ({@code after}), null on the last page
   */
  record Page(List<JsonObject> results, String next) {
    static final Page EMPTY = new Page(List.of(), null);
  }

  /** The categories {@code user} may read, in the forum's order, as {@code {slug, name:{vi,en}}}: the page's filter. */
  Future<List<Map<String, Object>>> readableCategories(CurrentUser user) {
    return categories.listInOrder().compose(all -> CategoryAccess.readable(user, all, memberships)
        .map(readable -> all.stream().filter(category -> readable.contains(category.slug()))
            .map(category -> Map.<String, Object>of("slug", category.slug(), "name", category.name().getMap()))
            .toList()));
  }

  /** The threads {@code user} may read that match {@code query}, best first, at most twenty. */
  Future<List<JsonObject>> search(CurrentUser user, String query) {
    return search(user, query, SearchFilters.NONE, "vi").map(Page::results);
  }

  /**
   * What {@code user} may see that matches {@code query} and {@code filters}: one page, best first; a session's title
   * in {@code lang} (vi or en).
   */
  Future<Page> search(CurrentUser user, String query, SearchFilters filters, String lang) {
    QueryText typed = QueryText.parse(query);
    if (typed.isEmpty()) {
      return Future.succeededFuture(Page.EMPTY);
    }
    return categories.listInOrder().compose(all -> CategoryAccess.readable(user, all, memberships))
        .compose(readable -> memberships.mayReadMembersOnly(user).compose(member -> {
          Set<String> scopes = readable.stream().map(Findables::scope).collect(Collectors.toCollection(HashSet::new));
          scopes.add(Findable.PUBLIC);
          if (Boolean.TRUE.equals(member)) {
            scopes.add(Findable.MEMBERS);
          }
          Search search = Search.of(query, scopes).kinds(filters.kinds().toArray(String[]::new))
              .tags(filters.tags()).between(filters.since(), filters.until()).page(0, CANDIDATES)
              .after(filters.after()).grouped(Findables.THREAD_TAG, RESULTS);
          return index.search(search).compose(found -> notShownBefore(search, group(found))).compose(grouped -> {
            Future<LinkedHashMap<String, Match>> all = filters.after() == null && grouped.next() == null
                && filters.kind() == null
                ? spreadOver(search.kinds(Findables.THREAD, Findables.POST), typed, grouped.matches())
                : Future.succeededFuture(grouped.matches());
            return all.compose(matches -> threads.findAll(threadIds(matches))
                .map(loaded -> new Page(results(matches, loaded, readable, lang), grouped.next())));
          });
        }));
  }

  /**
   * The hits as results, in order of each result's best hit: a thread's title and posts make one result (the index
   * ended the page at {@link #RESULTS} of them), any other hit its own; and the cursor after the page's last hit when
   * there may be more.
   */
  private static Grouped group(Found found) {
    LinkedHashMap<String, Match> matches = new LinkedHashMap<>();
    for (Found.Hit hit : found.hits()) {
      String key = resultKey(hit);
      matches.put(key, merged(matches.get(key), hit));
    }
    List<Found.Hit> hits = found.hits();
    return new Grouped(matches, found.more() && !hits.isEmpty() ? hits.get(hits.size() - 1).cursor() : null);
  }

  /**
   * A later page without the threads an earlier page showed: a thread whose title matched on page 1 may match again
   * through a post ranked on page 2, and is then left out there.
   */
  private Future<Grouped> notShownBefore(Search search, Grouped grouped) {
    if (search.after() == null) {
      return Future.succeededFuture(grouped);
    }
    return index.shownBefore(search, Findables.THREAD_TAG, threadIds(grouped.matches())).map(shown -> {
      shown.forEach(threadId -> grouped.matches().remove(Findables.THREAD + "/" + threadId));
      return grouped;
    });
  }

  /** A page's results before they are read, and the cursor of the next page (null: none). */
  private record Grouped(LinkedHashMap<String, Match> matches, String next) {
  }

  /** The result a hit belongs to: its thread for threads and posts, else itself. */
  private static String resultKey(Found.Hit hit) {
    return isForum(hit.kind()) ? Findables.THREAD + "/" + hit.shown().get(Findables.THREAD_TAG)
        : hit.kind() + "/" + hit.id();
  }

  private static boolean isForum(String kind) {
    return Findables.THREAD.equals(kind) || Findables.POST.equals(kind);
  }

  /** A result's match with one more hit: a thread keeps its first post hit, and notes a title hit. */
  private static Match merged(Match known, Found.Hit hit) {
    boolean title = Findables.THREAD.equals(hit.kind());
    if (!isForum(hit.kind())) {
      return known != null ? known : new Match(hit, false, false);
    }
    if (known == null) {
      return new Match(title ? null : hit, title, false);
    }
    if (known.post() == null && !title) {
      return new Match(hit, known.titleMatch(), false);
    }
    return title && !known.titleMatch() ? new Match(known.post(), true, false) : known;
  }

  private static Set<String> threadIds(Map<String, Match> matches) {
    String prefix = Findables.THREAD + "/";
    return matches.keySet().stream().filter(key -> key.startsWith(prefix)).map(key -> key.substring(prefix.length()))
        .collect(Collectors.toSet());
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
      List<String> more = groups.stream().filter(id -> !matches.containsKey(Findables.THREAD + "/" + id)).sorted()
          .limit(RESULTS - matches.size()).toList();
      List<Future<Found>> passages = more.stream().map(threadId -> index.search(search.orWords()
          .kinds(Findables.POST).tags(Map.of(Findables.THREAD_TAG, threadId)).page(0, 1))).toList();
      return Future.all(passages).map(done -> {
        for (int i = 0; i < more.size(); i++) {
          List<Found.Hit> best = done.<Found>resultAt(i).hits();
          matches.put(Findables.THREAD + "/" + more.get(i), new Match(best.isEmpty() ? null : best.get(0), false, true));
        }
        return matches;
      });
    });
  }

  private static List<JsonObject> results(LinkedHashMap<String, Match> matches, List<ForumThread> loaded,
      Set<String> readable, String lang) {
    Map<String, ForumThread> byId = new HashMap<>();
    loaded.forEach(thread -> byId.put(Findables.THREAD + "/" + thread.id(), thread));
    List<Map.Entry<String, Match>> whole = new ArrayList<>();
    List<Map.Entry<String, Match>> spread = new ArrayList<>();
    for (Map.Entry<String, Match> entry : matches.entrySet()) {
      ForumThread thread = byId.get(entry.getKey());
      // The thread's category now: a thread moved since it was indexed is shown only to who may read it now.
      if (!entry.getKey().startsWith(Findables.THREAD + "/")
          || thread != null && readable.contains(thread.category())) {
        (entry.getValue().spread() ? spread : whole).add(entry);
      }
    }
    spread.sort(Comparator.comparing((Map.Entry<String, Match> entry) -> lastActivity(byId.get(entry.getKey())))
        .reversed());
    List<JsonObject> results = new ArrayList<>();
    for (Map.Entry<String, Match> entry : concat(whole, spread)) {
      if (results.size() < RESULTS) {
        ForumThread thread = byId.get(entry.getKey());
        results.add(thread != null ? result(thread, entry.getValue()) : result(entry.getValue().post(), lang));
      }
    }
    return results;
  }

  private static Instant lastActivity(ForumThread thread) {
    return thread.lastActivityAt() == null ? Instant.EPOCH : thread.lastActivityAt();
  }

  private static JsonObject result(ForumThread thread, Match match) {
    Found.Hit post = match.post();
    String url = post == null ? "/t/" + thread.id()
        : PostViews.permalink(thread.id(), Integer.parseInt(post.shown().get("number")), post.id());
    return snippet(new JsonObject()
        .put("kind", post == null ? Findables.THREAD : Findables.POST)
        .put("threadId", thread.id())
        .put("title", thread.title())
        .put("category", thread.category())
        .put("url", url)
        .put("titleMatch", match.titleMatch())
        .put("replies", thread.replies())
        .put("lastActivityAt", PostViews.iso(thread.lastActivityAt())), post == null ? "" : post.snippet());
  }

  /**
   * A question (linking to its session's page, titled by the session), a consultation or a part of one (to where it
   * says, titled by the consultation), or an organisation (to its profile).
   */
  private static JsonObject result(Found.Hit hit, String lang) {
    if (SearchFilters.QUESTION.equals(hit.kind())) {
      String session = hit.shown().get("session");
      JsonObject titles = bilingual(hit, "session");
      return snippet(new JsonObject().put("kind", hit.kind()).put("id", hit.id()).put("sessionId", session)
          .put("title", inLanguage(titles, lang)).put("sessionTitle", titles).put("url", "/qa/" + session),
          hit.snippet());
    }
    if (SearchFilters.CONSULTATION.equals(hit.kind())) {
      String url = hit.shown().get("url");
      return snippet(new JsonObject().put("kind", hit.kind()).put("id", hit.id())
          .put("title", inLanguage(bilingual(hit, "title"), lang)).put("number", hit.shown().get("number"))
          .put("url", url != null && url.startsWith("/consultations/") ? url : "/consultations"), hit.snippet());
    }
    String slug = hit.shown().get("slug");
    return snippet(new JsonObject().put("kind", hit.kind()).put("slug", slug).put("title", Highlights.text(hit.title()))
        .put("titleParts", parts(hit.title())).put("verified", Boolean.parseBoolean(hit.shown().get("verified")))
        .put("url", "/orgs/" + slug), hit.snippet());
  }

  /** The hit's shown {@code {field}.vi} and {@code {field}.en}. */
  private static JsonObject bilingual(Found.Hit hit, String field) {
    return new JsonObject().put("vi", hit.shown().get(field + ".vi")).put("en", hit.shown().get(field + ".en"));
  }

  /** The text in {@code lang}, else in the other language. */
  private static String inLanguage(JsonObject titles, String lang) {
    return titles.getString(lang, "").isBlank() ? titles.getString("vi".equals(lang) ? "en" : "vi")
        : titles.getString(lang);
  }

  /** The result with its passage: as text, and as parts to mark (the page never renders the index's HTML). */
  private static JsonObject snippet(JsonObject result, String html) {
    return result.put("snippet", Highlights.text(html)).put("snippetParts", parts(html));
  }

  private static JsonArray parts(String html) {
    JsonArray parts = new JsonArray();
    Highlights.parts(html).forEach(part -> parts.add(new JsonObject().put("text", part.text())
        .put("match", part.match())));
    return parts;
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
