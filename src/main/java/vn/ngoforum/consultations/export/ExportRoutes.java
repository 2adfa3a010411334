package vn.ngoforum.consultations.export;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.documents.DocumentFormat;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.I18n;

/**
 * The export for the authority and the secretariat (moderators: 401 for a guest, 403 for anyone else, 400 for a
 * format or language it does not make, 404 for a consultation that does not exist, 409 for a submission without
 * its statement).
 *
 * <pre>
 *   GET /api/v1/consultations/{id}/export?format=docx|pdf&amp;lang=vi|en   the submission   curl -OJ -H "Authorization: Bearer $T" 'localhost:8080/api/v1/consultations/$C/export?format=pdf&amp;lang=vi'
 *   GET /api/v1/consultations/{id}/export?format=csv                   comments, amendments curl -OJ -H "Authorization: Bearer $T" 'localhost:8080/api/v1/consultations/$C/export?format=csv'
 * </pre>
 */
public record ExportRoutes(ExportService exports) {

  public static final String CSV = "csv";

  public void mount(Router router) {
    router.get("/api/v1/consultations/:id/export").handler(Access.role(Role.MODERATOR)).handler(this::export);
  }

  private void export(RoutingContext ctx) {
    String format = ctx.queryParams().get("format");
    String lang = ctx.queryParams().get("lang");
    if (lang != null && !I18n.LANGUAGES.contains(lang)) {
      throw ForumException.invalid("lang", "'lang' must be vi or en.");
    }
    CurrentUser moderator = CurrentUser.of(ctx).orElseThrow();
    String id = ctx.pathParam("id");
    var answer = CSV.equals(format) ? exports.csv(moderator, id)
        : exports.submission(moderator, id, DocumentFormat.named(format).orElseThrow(() ->
            ForumException.invalid("format", "'format' must be docx, pdf or csv.")), lang == null ? I18n.VI : lang);
    answer.onSuccess(file -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, file.contentType())
            .putHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file.filename() + "\"")
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
            .end(file.body()))
        .onFailure(ctx::fail);
  }
}
