package vn.ngoforum.registry.directory;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.Views;

/**
 * The NGO directory: finding organisations, the reference lists, the counts and the forum admins' export.
 *
 * <pre>
 *   GET /api/v1/orgs?q=&amp;province=&amp;focus=&amp;verified=&amp;sort=&amp;page=&amp;pageSize=   paged   curl 'localhost:8080/api/v1/orgs?province=Quang%20Binh'
 *   GET /api/v1/orgs/reference   provinces and focus areas                 curl localhost:8080/api/v1/orgs/reference
 *   GET /api/v1/orgs/stats       counts per province and focus area        curl localhost:8080/api/v1/orgs/stats
 *   GET /api/v1/orgs/export      forum admin: the directory as CSV         curl -H "Authorization: Bearer $T" localhost:8080/api/v1/orgs/export
 *   GET /orgs                    the directory page, 20 a page (a plain GET form and links: works without JavaScript)
 * </pre>
 *
 * Mounted before the profile routes: {@code /api/v1/orgs/reference} is not an organisation called "reference".
 */
public record DirectoryRoutes(DirectoryService directory, Views views) {

  /** Organisations per page on the directory page; the API's default. */
  static final int PAGE_SIZE = 20;

  public void mount(Router router) {
    router.get("/api/v1/orgs").handler(this::search);
    router.get("/api/v1/orgs/reference").handler(this::referenceData);
    router.get("/api/v1/orgs/stats").handler(this::stats);
    router.get("/api/v1/orgs/export").handler(Access.role(Role.ADMIN)).handler(this::export);
    router.get("/orgs").handler(this::directoryPage);
  }

  private void search(RoutingContext ctx) {
    MultiMap params = ctx.queryParams();
    directory.search(params.get("q"), params.get("province"), params.get("focus"), verifiedParam(params),
            sortParam(params), pageParam(params), pageSizeParam(params))
        .onSuccess(found -> JsonResponses.ok(ctx, new JsonObject()
            .put("results", new JsonArray(found.organisations().stream().map(DirectoryEntry::of).toList()))
            .put("total", found.total())
            .put("page", found.page())
            .put("pages", found.pages())
            .put("pageSize", found.pageSize())))
        .onFailure(ctx::fail);
  }

  private void referenceData(RoutingContext ctx) {
    ReferenceData data = directory.reference();
    JsonResponses.ok(ctx, new JsonObject()
        .put("provinces", new JsonArray(data.provinces().stream()
            .map(p -> p.toJson().put("type", p.city() ? "city" : "province")
                .put("absorbed", new JsonArray(p.absorbed())))
            .toList()))
        .put("focusAreas", new JsonArray(data.focusAreas().stream().map(FocusArea::toJson).toList())));
  }

  private void stats(RoutingContext ctx) {
    directory.counts().onSuccess(counts -> JsonResponses.ok(ctx, counts)).onFailure(ctx::fail);
  }

  private void export(RoutingContext ctx) {
    directory.everyOrganisation()
        .onSuccess(all -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"ngo-directory.csv\"")
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
            .end(DirectoryCsv.of(all, directory.reference())))
        .onFailure(ctx::fail);
  }

  /** A province or focus area that names nothing known finds nothing here (the API says 400). */
  private void directoryPage(RoutingContext ctx) {
    MultiMap params = ctx.queryParams();
    DirectoryPage page = DirectoryPage.of(params, directory.reference(), sortParam(params), verifiedParam(params));
    Future<DirectoryService.Results> results = page.unknownFilter()
        ? Future.succeededFuture(DirectoryService.Results.none(PAGE_SIZE))
        : directory.search(page.q(), page.provinceCode(), page.focusCode(), verifiedParam(params), page.sort(),
            pageParam(params), PAGE_SIZE);
    Future.all(results, directory.counts())
        .onSuccess(all -> {
          page.fill(ctx, all.resultAt(0), all.resultAt(1));
          views.render(ctx, "registry/directory");
        })
        .onFailure(ctx::fail);
  }

  // ---- query parameters

  private static Boolean verifiedParam(MultiMap params) {
    String value = params.get("verified");
    if (value == null || value.isBlank()) {
      return null;
    }
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ForumException.invalid("'verified' must be true or false.");
    };
  }

  private static String sortParam(MultiMap params) {
    String sort = params.get("sort");
    if (sort == null || sort.isBlank()) {
      return "name";
    }
    if (!Set.of("name", "newest").contains(sort)) {
      throw ForumException.invalid("'sort' must be name or newest.");
    }
    return sort;
  }

  private static int pageParam(MultiMap params) {
    return positive(params, "page", Integer.MAX_VALUE / PAGE_SIZE, 1);
  }

  private static int pageSizeParam(MultiMap params) {
    return positive(params, "pageSize", DirectoryService.MAX_PAGE_SIZE, PAGE_SIZE);
  }

  private static int positive(MultiMap params, String name, int max, int otherwise) {
    String value = params.get(name);
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      int number = Integer.parseInt(value.strip());
      if (number >= 1 && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ForumException.invalid("'" + name + "' must be a whole number from 1 to " + max + ".");
  }
}
