package vn.ngoforum.registry.imports;

import static vn.ngoforum.registry.organisations.RegistryRequests.user;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.registry.imports.ImportService.Imported;
import vn.ngoforum.registry.imports.ImportService.Row;
import vn.ngoforum.web.FormErrors;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.Views;

/**
 * Forum admins import organisations from a spreadsheet (CSV or XLSX): upload, a preview of every row with its
 * problems, then a confirmation that stores the good rows. Plain forms: no JavaScript needed.
 *
 * <pre>
 *   GET  /admin/orgs/import                     the upload form and the template's links
 *   POST /admin/orgs/import                     the upload (multipart "file") → the preview; nothing is stored
 *   POST /admin/orgs/import/confirm             the preview's confirmation ("rows") → stores the good rows
 *   GET  /admin/orgs/import/template.csv|.xlsx  the template (?lang=vi for Vietnamese headers)
 *   POST /api/v1/orgs/import[?confirm=true]     the file as the body → {rows, imported}   curl -H "Authorization: Bearer $T" -H 'Content-Type: text/csv' --data-binary @orgs.csv localhost:8080/api/v1/orgs/import
 * </pre>
 */
public record ImportRoutes(ImportService imports, Views views) {

  /** Where the upload form posts (a multipart form; see {@link #uploadBody}). */
  public static final String UPLOAD_PATH = "/admin/orgs/import";
  static final String VIEW = "registry/import";
  /** A spreadsheet of a network's members: 2 MB is thousands of rows. */
  static final long UPLOAD_LIMIT_BYTES = 2 * 1024 * 1024;

  /** The body handler of the upload form, mounted before the shared one (which takes no files). */
  public static BodyHandler uploadBody(String uploadDir) {
    return BodyHandler.create(uploadDir).setBodyLimit(UPLOAD_LIMIT_BYTES).setDeleteUploadedFilesOnEnd(true);
  }

  public void mount(Router router) {
    views.precompile(List.of(VIEW));
    router.get(UPLOAD_PATH).handler(Access.role(Role.ADMIN)).handler(ctx -> views.render(ctx, VIEW));
    router.post(UPLOAD_PATH).handler(Access.role(Role.ADMIN)).handler(this::upload);
    router.post(UPLOAD_PATH + "/confirm").handler(Access.role(Role.ADMIN)).handler(this::confirm);
    router.get(UPLOAD_PATH + "/template.csv").handler(Access.role(Role.ADMIN)).handler(ctx -> template(ctx, false));
    router.get(UPLOAD_PATH + "/template.xlsx").handler(Access.role(Role.ADMIN)).handler(ctx -> template(ctx, true));
    router.post("/api/v1/orgs/import").handler(Access.role(Role.ADMIN)).handler(this::api);
  }

  private void api(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().length() == 0) {
      ctx.fail(ForumException.invalid("file", "Send the CSV or XLSX file as the request body."));
      return;
    }
    byte[] file = ctx.body().buffer().getBytes();
    Future<Imported> done = "true".equals(ctx.queryParams().get("confirm"))
        ? imports.importFile(user(ctx), file)
        : imports.preview(user(ctx), file).map(rows -> new Imported(rows, List.of()));
    done.onSuccess(imported -> JsonResponses.ok(ctx, new JsonObject()
            .put("rows", new JsonArray(imported.rows().stream().map(Row::json).toList()))
            .put("good", imported.rows().stream().filter(Row::good).count())
            .put("imported", new JsonArray(imported.slugs()))))
        .onFailure(ctx::fail);
  }

  private void upload(RoutingContext ctx) {
    FileUpload file = ctx.fileUploads().stream().filter(upload -> "file".equals(upload.name())).findFirst()
        .orElse(null);
    Future<Buffer> bytes = file == null || file.size() == 0
        ? Future.failedFuture(ForumException.invalid("file", "Choose a CSV or XLSX file."))
        : ctx.vertx().fileSystem().readFile(file.uploadedFileName());
    bytes.compose(read -> imports.preview(user(ctx), read.getBytes()))
        .onSuccess(rows -> {
          show(ctx, rows);
          ctx.put("fileName", file.fileName());
          ctx.put("rowsJson", new JsonArray(rows.stream().filter(Row::good).map(Row::fields).toList()).encode());
          views.render(ctx, VIEW);
        })
        .onFailure(failure -> failed(ctx, failure));
  }

  private void confirm(RoutingContext ctx) {
    List<JsonObject> fields;
    try {
      fields = new JsonArray(ctx.request().getFormAttribute("rows") == null ? "[]"
          : ctx.request().getFormAttribute("rows")).stream()
          .map(row -> row instanceof JsonObject object ? object : new JsonObject()).toList();
    } catch (DecodeException | ClassCastException e) {
      failed(ctx, ForumException.invalid("rows", "The preview's rows were not sent back whole."));
      return;
    }
    imports.confirm(user(ctx), fields)
        .onSuccess(imported -> {
          show(ctx, imported.rows());
          ctx.put("confirmed", true);
          ctx.put("importedCount", imported.slugs().size());
          ctx.put("imported", imported.slugs());
          views.render(ctx, VIEW);
        })
        .onFailure(failure -> failed(ctx, failure));
  }

  /** The preview's view model: every row with its problems, and the counts. */
  private static void show(RoutingContext ctx, List<Row> rows) {
    ctx.put("rows", rows.stream().map(row -> row.json().put("good", row.good())
        .put("problemKeys", new JsonArray(row.problems().stream().map(problem -> problem.code()
            .equals(ImportService.Problem.INVALID) ? "registry.error." + problem.field()
            : "registry.import.problem." + problem.code()).toList())).getMap()).toList());
    ctx.put("goodCount", rows.stream().filter(Row::good).count());
    ctx.put("badCount", rows.stream().filter(row -> !row.good()).count());
    ctx.put("previewed", true);
  }

  private void failed(RoutingContext ctx, Throwable failure) {
    FormErrors.show(ctx, failure, "registry.import", List.of("file", "rows"), status -> views.render(ctx, VIEW,
        status));
  }

  private void template(RoutingContext ctx, boolean xlsx) {
    boolean vietnamese = "vi".equals(ctx.queryParams().get("lang"));
    ctx.vertx().executeBlocking(() -> xlsx ? Sheet.templateXlsx(vietnamese) : Sheet.templateCsv(vietnamese), false)
        .onSuccess(bytes -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, xlsx ? Sheet.XLSX : Sheet.CSV + "; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"organisations-template"
                + (vietnamese ? "-vi" : "") + (xlsx ? ".xlsx" : ".csv") + "\"")
            .end(Buffer.buffer(bytes)))
        .onFailure(ctx::fail);
  }
}
