package vn.ngoforum.consultations.documents;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.consultations.text.DocxText;
import vn.ngoforum.consultations.text.SplitException;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.FormErrors;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.Views;

/**
 * The texts of consultations, as moderators give them: pasted or a Word file (DOCX, read with POI off the event
 * loop). A new consultation's text is split into its parts and stored as a draft only moderators see; they read
 * the split on the consultation's page, correct the text there until it splits as it should, then open it (with
 * the page's open button, {@link ConsultationRoutes}). When the
 * authority publishes a revised draft, it is imported as the next version (the page then shows the changes). The API
 * takes JSON (DESIGN.md's shape, {@code text}) or the page's multipart form (the same fields as the page:
 * {@code titleVi, titleEn, summaryVi, summaryEn, authority, deadline, visibility} and {@code file} or {@code text}).
 *
 * <pre>
 *   POST /api/v1/consultations               JSON, or multipart with a .docx   curl -H "Authorization: Bearer $T" -F titleVi='Dự thảo' -F authority=MAE -F deadline=2027-01-31T17:00+07:00 -F file=@du-thao.docx localhost:8080/api/v1/consultations
 *   PUT  /api/v1/consultations/{id}/text     a draft's corrected text {text}   curl -XPUT -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"text":"Điều 1. ..."}' localhost:8080/api/v1/consultations/$C/text
 *   POST /api/v1/consultations/{id}/versions a revised draft: {text} or multipart file   curl -H "Authorization: Bearer $T" -F file=@du-thao-2.docx localhost:8080/api/v1/consultations/$C/versions
 *   POST /consultations/{id}/versions        the page's form for a revised draft → the page with the changes
 *   GET  /consultations/new                  the new-consultation form (moderators)
 *   POST /consultations/new                  the form (multipart: a file or the text) → the draft's page
 *   POST /consultations/{id}/text            the draft page's correction form → the page again
 * </pre>
 */
public record DraftRoutes(ConsultationService consultations, ConsultationRoutes pages, Views views) {

  static final String API = "/api/v1/consultations";
  static final String NEW_PAGE = "/consultations/new";
  static final String VIEW = "consultations/new";
  /** A Word file and the form's other fields. */
  static final long BODY_LIMIT_BYTES = DocxText.MAX_BYTES + 1024 * 1024;
  private static final List<String> FORM_FIELDS = List.of("title", "authority", "deadline", "visibility", "text",
      "file");
  /** What an {@code <input type="datetime-local">} sends: a time in Vietnam without its offset. */
  private static final Pattern LOCAL_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?");

  /** The body handler of the routes that take a Word file, mounted before the shared one (no files). */
  public static void mountBodyHandlers(Router router, String uploadDir) {
    BodyHandler withFile = BodyHandler.create(uploadDir).setBodyLimit(BODY_LIMIT_BYTES)
        .setDeleteUploadedFilesOnEnd(true);
    router.post(API).handler(withFile);
    router.post(NEW_PAGE).handler(withFile);
    router.post(API + "/:id/versions").handler(withFile);
    router.post("/consultations/:id/versions").handler(withFile);
  }

  public void mount(Router router) {
    views.precompile(List.of(VIEW));
    router.post(API).handler(Access.role(Role.MODERATOR)).handler(this::create);
    router.put(API + "/:id/text").handler(Access.role(Role.MODERATOR)).handler(this::correct);
    router.get(NEW_PAGE).handler(Access.role(Role.MODERATOR)).handler(ctx -> views.render(ctx, VIEW));
    router.post(NEW_PAGE).handler(Access.role(Role.MODERATOR)).handler(this::createForm);
    router.post("/consultations/:id/text").handler(Access.role(Role.MODERATOR)).handler(this::correctForm);
    router.post(API + "/:id/versions").handler(Access.role(Role.MODERATOR)).handler(this::revise);
    router.post("/consultations/:id/versions").handler(Access.role(Role.MODERATOR)).handler(this::reviseForm);
  }

  private void revise(RoutingContext ctx) {
    revisedText(ctx)
        .compose(text -> consultations.revise(user(ctx), ctx.pathParam("id"), text))
        .onSuccess(revision -> JsonResponses.created(ctx, revision.json()))
        .onFailure(ctx::fail);
  }

  private void reviseForm(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    revisedText(ctx)
        .compose(text -> consultations.revise(user(ctx), id, text))
        .onSuccess(revision -> ctx.redirect(page(id) + "?compare=1"))
        .onFailure(failure -> FormErrors.show(ctx, failure, "consultations", FORM_FIELDS,
            status -> pages.showPage(ctx, status, null, ConsultationRoutes.FailedForm.VERSION)));
  }

  /** A revised draft's text: JSON {@code {text}}, or multipart with the Word {@code file} or the {@code text}. */
  private static Future<String> revisedText(RoutingContext ctx) {
    if (!isMultipart(ctx)) {
      return Future.succeededFuture().map(v -> JsonInput.of(ctx).allow("text")
          .requiredText("text", ConsultationRoutes.MAX_TEXT));
    }
    return fileText(ctx).map(text -> {
      if (text != null) {
        return text;
      }
      return JsonInput.of(formAsJson(ctx).encode()).requiredText("text", ConsultationRoutes.MAX_TEXT);
    });
  }

  private void create(RoutingContext ctx) {
    draft(ctx)
        .compose(draft -> consultations.create(user(ctx), draft))
        .onSuccess(reading -> JsonResponses.created(ctx, new JsonObject().put("id", reading.consultation().id())
            .put("status", reading.consultation().status()).put("preamble", reading.preamble())
            .put("structure", reading.json().getJsonArray("structure"))))
        .onFailure(ctx::fail);
  }

  private void correct(RoutingContext ctx) {
    String text = JsonInput.of(ctx).allow("text").requiredText("text", ConsultationRoutes.MAX_TEXT);
    consultations.correct(user(ctx), ctx.pathParam("id"), text)
        .onSuccess(reading -> JsonResponses.ok(ctx, reading.json()))
        .onFailure(ctx::fail);
  }

  private void createForm(RoutingContext ctx) {
    draft(ctx)
        .compose(draft -> consultations.create(user(ctx), draft))
        .onSuccess(reading -> ctx.redirect(page(reading.consultation().id())))
        .onFailure(failure -> FormErrors.show(ctx, failure, "consultations", FORM_FIELDS,
            status -> views.render(ctx, VIEW, status)));
  }

  private void correctForm(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String text = Optional.ofNullable(ctx.request().getFormAttribute("text")).orElse("");
    Future<ConsultationService.Reading> corrected = text.length() > ConsultationRoutes.MAX_TEXT
        ? Future.failedFuture(ForumException.invalid("text", "The text is too long."))
        : consultations.correct(user(ctx), id, text);
    corrected.onSuccess(reading -> ctx.redirect(page(id) + "?corrected=1"))
        .onFailure(failure -> FormErrors.show(ctx, failure, "consultations", FORM_FIELDS,
            status -> pages.showPage(ctx, status, null, ConsultationRoutes.FailedForm.TEXT)));
  }

  /**
   * The draft from the request: JSON as DESIGN.md has it, or the multipart form (the page's, or a script's) whose
   * text is the Word file's when one is sent, else the {@code text} field.
   */
  private Future<ConsultationService.Draft> draft(RoutingContext ctx) {
    if (!isMultipart(ctx)) {
      return Future.succeededFuture().map(v -> draft(JsonInput.of(ctx).allow("title", "summary", "authority",
          "deadline", "visibility", "text"), null));
    }
    JsonInput fields;
    try {
      fields = JsonInput.of(formAsJson(ctx).encode());
      draft(fields, "");  // the other fields first: a form that is wrong anyway never has its file read
    } catch (ForumException e) {
      return Future.failedFuture(e);
    }
    return fileText(ctx).map(text -> draft(fields, text));
  }

  /** The Word file's text ({@code null} when the form has no file), read off the event loop; 400 naming "file". */
  private static Future<String> fileText(RoutingContext ctx) {
    Optional<FileUpload> file = ctx.fileUploads().stream()
        .filter(upload -> "file".equals(upload.name()) && !(upload.size() == 0 && upload.fileName().isEmpty()))
        .findFirst();
    if (file.isEmpty()) {
      return Future.succeededFuture();
    }
    return ctx.vertx().fileSystem().readFile(file.get().uploadedFileName())
        .compose(bytes -> ctx.vertx().executeBlocking(() -> docxText(bytes.getBytes()), false));
  }

  /** The draft's fields; the text given ({@code text}) or, when {@code null}, the JSON's {@code text}. */
  private static ConsultationService.Draft draft(JsonInput in, String text) {
    return new ConsultationService.Draft(in.bilingual("title", ConsultationRoutes.MAX_TITLE, true),
        in.has("summary") ? in.bilingual("summary", ConsultationRoutes.MAX_SUMMARY, false)
            : new JsonObject().put("vi", "").put("en", ""),
        in.requiredText("authority", ConsultationRoutes.MAX_TITLE), in.requiredInstant("deadline"),
        in.choice("visibility", Consultation.VISIBILITIES, Consultation.PUBLIC),
        text != null ? text : in.requiredText("text", ConsultationRoutes.MAX_TEXT));
  }

  private static String docxText(byte[] bytes) {
    String text;
    try {
      text = DocxText.read(bytes);
    } catch (SplitException e) {
      throw ForumException.invalid("file", e.getMessage()).withMessageKey(e.messageKey());
    }
    if (text.length() > ConsultationRoutes.MAX_TEXT) {
      throw ForumException.invalid("file", "The document's text is longer than " + ConsultationRoutes.MAX_TEXT
          + " characters: is it one draft?").withMessageKey("consultations.file.tooBig");
    }
    return text;
  }

  /** The form's fields in the JSON API's shape, so both are checked by the same rules. */
  private static JsonObject formAsJson(RoutingContext ctx) {
    JsonObject json = new JsonObject();
    bilingual(ctx, "title", json);
    bilingual(ctx, "summary", json);
    copy(ctx, "authority", json);
    copy(ctx, "visibility", json);
    copy(ctx, "text", json);
    String deadline = field(ctx, "deadline");
    if (deadline != null) {
      json.put("deadline", LOCAL_TIME.matcher(deadline).matches() ? deadline + "+07:00" : deadline);
    }
    return json;
  }

  private static void bilingual(RoutingContext ctx, String name, JsonObject into) {
    String vi = field(ctx, name + "Vi");
    String en = field(ctx, name + "En");
    if (vi != null || en != null) {
      into.put(name, new JsonObject().put("vi", vi == null ? "" : vi).put("en", en == null ? "" : en));
    }
  }

  private static void copy(RoutingContext ctx, String name, JsonObject into) {
    String value = field(ctx, name);
    if (value != null) {
      into.put(name, value);
    }
  }

  /** A form field, {@code null} when absent or blank. */
  private static String field(RoutingContext ctx, String name) {
    String value = ctx.request().getFormAttribute(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static boolean isMultipart(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    return type != null && type.toLowerCase().startsWith("multipart/form-data");
  }

  private static String page(String id) {
    return "/consultations/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  private static CurrentUser user(RoutingContext ctx) {
    return CurrentUser.of(ctx).orElseThrow();
  }
}
