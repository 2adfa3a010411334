package vn.ngoforum.audit;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.Role;
import vn.ngoforum.db.Dates;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.Views;

/**
 * The audit log for forum admins: who did what, when and why, newest first, filtered by who, what and when.
 *
 * <pre>
 *   GET /admin/audit?who=&amp;what=&amp;from=&amp;until=&amp;before=     the page (a plain GET form and an "older" link)
 *   GET /api/v1/audit?who=&amp;what=&amp;from=&amp;until=&amp;before=   → {entries:[...], next}   curl -H "Authorization: Bearer $T" 'localhost:8080/api/v1/audit?what=org.'
 * </pre>
 * {@code from} and {@code until} are days ({@code 2026-12-06}, Asia/Ho_Chi_Minh); {@code before} is the {@code next}
 * of the previous page.
 */
public record AuditRoutes(AuditLog log, Views views) {

  /** Entries per page. */
  static final int PAGE_SIZE = 50;
  /** The view of the page. */
  static final String VIEW = "audit/log";

  public void mount(Router router) {
    views.precompile(List.of(VIEW));
    router.get("/admin/audit").handler(Access.role(Role.ADMIN)).handler(this::page);
    router.get("/api/v1/audit").handler(Access.role(Role.ADMIN)).handler(this::api);
  }

  private void api(RoutingContext ctx) {
    log.page(query(ctx.queryParams()), PAGE_SIZE)
        .onSuccess(page -> JsonResponses.ok(ctx, new JsonObject()
            .put("entries", new JsonArray(page.entries()))
            .put("next", page.next())
            .put("searchedTo", page.searchedTo() == null ? null : Dates.of(page.searchedTo()))))
        .onFailure(ctx::fail);
  }

  private void page(RoutingContext ctx) {
    MultiMap params = ctx.queryParams();
    AuditLog.Query query = query(params);
    log.page(query, PAGE_SIZE)
        .onSuccess(page -> {
          ctx.put("entries", page.entries().stream().map(JsonObject::getMap).toList());
          ctx.put("filter", new JsonObject().put("who", text(params, "who")).put("what", text(params, "what"))
              .put("from", text(params, "from")).put("until", text(params, "until")).getMap());
          if (page.next() != null) {
            ctx.put("olderUrl", "/admin/audit?" + keep(params) + "before=" + page.next());
          }
          if (page.searchedTo() != null) {
            ctx.put("searchedTo", Dates.of(page.searchedTo()));
          }
          views.render(ctx, VIEW);
        })
        .onFailure(ctx::fail);
  }

  /** The filters as sent; 400 naming the parameter when a day or a number is not one. */
  static AuditLog.Query query(MultiMap params) {
    String before = text(params, "before");
    Long beforeSeq = null;
    if (before != null) {
      try {
        beforeSeq = Long.parseLong(before);
      } catch (NumberFormatException e) {
        throw ForumException.invalid("before", "'before' must be the number the previous page gave.");
      }
    }
    return new AuditLog.Query(text(params, "who"), text(params, "what"), day(params, "from"), day(params, "until"),
        beforeSeq);
  }

  private static LocalDate day(MultiMap params, String name) {
    String value = text(params, name);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ForumException.invalid(name, "'" + name + "' must be a day like 2026-12-06.");
    }
  }

  private static String text(MultiMap params, String name) {
    String value = params.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** The filters of this page as the start of a query string, for the "older" link. */
  private static String keep(MultiMap params) {
    StringBuilder query = new StringBuilder();
    for (String name : List.of("who", "what", "from", "until")) {
      String value = text(params, name);
      if (value != null) {
        query.append(name).append('=').append(java.net.URLEncoder.encode(value,
            java.nio.charset.StandardCharsets.UTF_8)).append('&');
      }
    }
    return query.toString();
  }
}
