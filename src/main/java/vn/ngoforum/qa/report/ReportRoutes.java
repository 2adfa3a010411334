package vn.ngoforum.qa.report;

import static vn.ngoforum.qa.http.Requests.user;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.Role;
import vn.ngoforum.documents.DocumentFormat;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.I18n;

/**
 * The workshop report of a session or a whole event, for moderators (401 for a visitor, 403 for anyone else, 400 for a
 * format or language it does not make, 404 for a session or event that does not exist). The file is written on a
 * worker thread; the event loop only gathers what it reads by key.
 *
 * <pre>
 *   GET /api/v1/sessions/{id}/report?format=docx|pdf&amp;lang=vi|en   a session's report   curl -OJ -H "Authorization: Bearer $T" 'localhost:8080/api/v1/sessions/$S/report?format=pdf&amp;lang=vi'
 *   GET /api/v1/events/{id}/report?format=docx|pdf&amp;lang=vi|en     a whole event's      curl -OJ -H "Authorization: Bearer $T" 'localhost:8080/api/v1/events/$E/report?format=docx&amp;lang=en'
 * </pre>
 */
public record ReportRoutes(ReportService reports) {

  public void mount(Router router) {
    router.get("/api/v1/sessions/:sessionId/report").handler(Access.role(Role.MODERATOR)).handler(this::session);
    router.get("/api/v1/events/:eventId/report").handler(Access.role(Role.MODERATOR)).handler(this::event);
  }

  private void session(RoutingContext ctx) {
    send(ctx, reports.ofSession(user(ctx), ctx.pathParam("sessionId"), format(ctx), lang(ctx)));
  }

  private void event(RoutingContext ctx) {
    send(ctx, reports.ofEvent(ctx.pathParam("eventId"), format(ctx), lang(ctx)));
  }

  private static void send(RoutingContext ctx, Future<ReportService.Report> report) {
    report.onSuccess(file -> ctx.attachment(file.filename()).response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader(HttpHeaders.CONTENT_TYPE, file.contentType()).end(file.body())).onFailure(ctx::fail);
  }

  /** {@code format}: docx or pdf (400 otherwise, or when absent). */
  private static DocumentFormat format(RoutingContext ctx) {
    return DocumentFormat.named(ctx.queryParams().get("format"))
        .orElseThrow(() -> ForumException.invalid("format", "'format' must be docx or pdf."));
  }

  /** {@code lang}: vi (the default) or en; 400 for any other. */
  private static String lang(RoutingContext ctx) {
    String lang = ctx.queryParams().get("lang");
    if (lang != null && !I18n.LANGUAGES.contains(lang)) {
      throw ForumException.invalid("lang", "'lang' must be vi or en.");
    }
    return lang == null ? I18n.VI : lang;
  }
}
