package vn.ngoforum.forum.search;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.common.Requests;
import vn.ngoforum.forum.notifications.KnownPerson;
import vn.ngoforum.forum.notifications.PeopleRepository;
import vn.ngoforum.web.I18n;
import vn.ngoforum.web.FormErrors;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.Views;

/**
 * Search, as JSON and as a page. Both take the same filters ({@link SearchFilters}) and page with a cursor: a page's
 * {@code next} goes back as {@code after}.
 *
 * <pre>
 *   GET /api/v1/search?q=&amp;kind=&amp;category=&amp;author=&amp;organisation=&amp;from=&amp;to=&amp;after=
 *       threads, posts, questions and organisations    curl 'localhost:8080/api/v1/search?q=te+giac&amp;kind=thread'
 *   GET /search?q=...       the search page (a plain GET form: categories to choose from, an author by username
 *                           as {@code by}, which the page turns into {@code author})
 * </pre>
 */
public record SearchRoutes(SearchService search, PeopleRepository people, Views views) {

  private static final int QUERY_MAX = 200;
  /** The kinds the page's form offers, in its order, with their texts. */
  private static final List<Map<String, String>> KINDS = List.of(
      Map.of("value", SearchFilters.THREAD, "key", "search.kind.thread"),
      Map.of("value", SearchFilters.POST, "key", "search.kind.post"),
      Map.of("value", SearchFilters.QUESTION, "key", "search.kind.question"),
      Map.of("value", SearchFilters.ORGANISATION, "key", "search.kind.organisation"),
      Map.of("value", SearchFilters.CONSULTATION, "key", "search.kind.consultation"));

  public SearchRoutes {
    views.precompile(List.of("forum/search"));
  }

  public void mount(Router router) {
    router.get("/api/v1/search").handler(this::search);
    router.get("/search").handler(this::searchPage);
  }

  private void search(RoutingContext ctx) {
    String query = query(ctx);
    SearchFilters filters = SearchFilters.from(ctx.request().params());
    search.search(Requests.user(ctx), query, filters, lang(ctx))
        .onSuccess(page -> JsonResponses.ok(ctx, new JsonObject().put("query", query).put("filters", filters.json())
            .put("results", new JsonArray(page.results())).put("next", page.next())))
        .onFailure(ctx::fail);
  }

  private void searchPage(RoutingContext ctx) {
    String query = query(ctx);
    ctx.put("query", query);
    ctx.put("kinds", KINDS);
    String by = blankToNull(ctx.request().getParam("by"));
    ctx.put("by", by);
    Future.all(search.readableCategories(Requests.user(ctx)),
            by == null ? Future.succeededFuture() : people.byUsername(by))
        .onSuccess(all -> {
          ctx.put("categories", all.resultAt(0));
          KnownPerson author = all.resultAt(1);
          if (by != null && author == null) {
            showError(ctx, rawFilters(ctx), "by");
            return;
          }
          MultiMap params = MultiMap.caseInsensitiveMultiMap().addAll(ctx.request().params());
          if (author != null) {
            params.set("author", author.id());
          }
          searchPage(ctx, query, by, params);
        })
        .onFailure(ctx::fail);
  }

  private void searchPage(RoutingContext ctx, String query, String by, MultiMap params) {
    SearchFilters filters;
    try {
      filters = SearchFilters.from(params);
    } catch (ForumException problem) {
      // The form again, with what was typed and what is wrong, rather than an error page.
      showError(ctx, rawFilters(ctx), problem.field());
      return;
    }
    ctx.put("filters", filters.json().getMap());
    search.search(Requests.user(ctx), query, filters, lang(ctx))
        .onSuccess(page -> {
          ctx.put("results", page.results().stream()
              .map(result -> result.copy().put("kindKey", "search.kind." + result.getString("kind"))).toList());
          ctx.put("searched", !query.isBlank());
          if (page.next() != null) {
            ctx.put("nextUrl", nextUrl(query, filters, by, page.next()));
          }
          views.render(ctx, "forum/search");
        })
        .onFailure(failure -> {
          if (failure instanceof ForumException problem && problem.status() == 400) {
            showError(ctx, null, problem.field());
          } else {
            ctx.fail(failure);
          }
        });
  }

  /** The form again with the message about {@code field} (and, when given, the filters as typed): 400. */
  private void showError(RoutingContext ctx, JsonObject typed, String field) {
    if (typed != null) {
      ctx.put("filters", typed.getMap());
    }
    ctx.put(FormErrors.MODEL_KEY, "search.error." + field);
    ctx.put("searched", false);
    views.render(ctx, "forum/search", 400);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** The filters as typed, to show them again next to the message about the wrong one. */
  private static JsonObject rawFilters(RoutingContext ctx) {
    JsonObject raw = new JsonObject();
    for (String name : List.of("kind", "category", "author", "organisation", "from", "to")) {
      String value = ctx.request().getParam(name);
      if (value != null) {
        raw.put(name, value);
      }
    }
    return raw;
  }

  /** The link to the next page: the same search and filters (the author as typed), after the cursor. */
  private static String nextUrl(String query, SearchFilters filters, String by, String next) {
    StringBuilder url = new StringBuilder("/search?q=").append(encode(query));
    for (Map.Entry<String, Object> filter : filters.json()) {
      if (by == null || !"author".equals(filter.getKey())) {
        url.append('&').append(filter.getKey()).append('=').append(encode(String.valueOf(filter.getValue())));
      }
    }
    if (by != null) {
      url.append("&by=").append(encode(by));
    }
    return url.append("&after=").append(encode(next)).toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String lang(RoutingContext ctx) {
    Object lang = ctx.get(Views.LANG);
    return lang == null ? I18n.VI : lang.toString();
  }

  /** The {@code q} parameter, trimmed; empty when absent. */
  private static String query(RoutingContext ctx) {
    String query = ctx.request().getParam("q");
    if (query == null) {
      return "";
    }
    if (query.length() > QUERY_MAX) {
      throw ForumException.invalid("'q' must be at most 200 characters.");
    }
    return query.strip();
  }
}
