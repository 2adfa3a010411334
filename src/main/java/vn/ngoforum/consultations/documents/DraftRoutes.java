package vn.ngoforum.consultations.documents;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.consultations.text.Alignment;
import vn.ngoforum.consultations.text.DocxText;
import vn.ngoforum.consultations.text.SplitException;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.FormErrors;
import vn.ngoforum.web.I18n;
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
 * Each version may bring the same text in English ({@code textEn}, or the Word file {@code fileEn}), split the same
 * way and refused unless it aligns with the Vietnamese one clause by clause ({@link MisalignedText}).
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
public record DraftRoutes(ConsultationService consultations, ConsultationRoutes pages, Views views, I18n i18n) {

  static final String API = "/api/v1/consultations";
  static final String NEW_PAGE = "/consultations/new";
  static final String VIEW = "consultations/new";
  /** A Word file and the form's other fields. */
  static final long BODY_LIMIT_BYTES = DocxText.MAX_BYTES + 1024 * 1024;
  private static final List<String> FORM_FIELDS = List.of("title", "authority", "deadline", "visibility", "text",
      "file", "textEn", "fileEn");
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
    revisedTexts(ctx)
        .compose(text -> consultations.revise(user(ctx), ctx.pathParam("id"), text))
        .onSuccess(revision -> JsonResponses.created(ctx, revision.json()))
        .onFailure(ctx::fail);
  }

  private void reviseForm(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    revisedTexts(ctx)
        .compose(text -> consultations.revise(user(ctx), id, text))
        .onSuccess(revision -> ctx.redirect(page(id) + "?compare=1"))
        .onFailure(failure -> showForm(ctx, failure,
            status -> pages.showPage(ctx, status, null, ConsultationRoutes.FailedForm.VERSION)));
  }

  /**
   * A failed form shown again with its message; when the English text does not align, with the parts that do not
   * ({@code misaligned: {onlyEnglish, onlyVietnamese}}, each the first few parts' labels in the page's language).
   */
  private void showForm(RoutingContext ctx, Throwable failure, java.util.function.IntConsumer showPage) {
    if (failure instanceof MisalignedText misaligned) {
      String lang = ctx.get(Views.LANG);
      Alignment alignment = misaligned.alignment();
      ctx.put("misaligned", Map.of("onlyEnglish", labels(alignment.onlyEnglish(), alignment, lang),
          "onlyVietnamese", labels(alignment.onlyVietnamese(), alignment, lang)));
    }
    FormErrors.show(ctx, failure, "consultations", FORM_FIELDS, showPage);
  }

  /** The first {@value Alignment#NAMED} parts' labels, as the page's language cites them, and how many more. */
  private String labels(List<String> ids, Alignment alignment, String lang) {
    if (ids.isEmpty()) {
      return "";
    }
    List<String> named = ids.stream().limit(Alignment.NAMED).map(id -> I18n.EN.equals(lang)
        ? alignment.labels().get(id) : viLabel(id, alignment)).toList();
    String more = ids.size() > Alignment.NAMED ? " " + i18n.text(lang, "consultations.english.more",
        ids.size() - Alignment.NAMED) : "";
    return String.join(", ", named) + more;
  }

  /** "Article 5 clause 3 point a" cited the Vietnamese way: "điểm a khoản 3 Điều 5". */
  private static String viLabel(String id, Alignment alignment) {
    String english = alignment.labels().getOrDefault(id, id);
    String[] words = english.split(" ");
    List<String> cited = new ArrayList<>();
    for (int i = 0; i + 1 < words.length; i += 2) {
      String kind = switch (words[i].toLowerCase(java.util.Locale.ROOT)) {
        case "chapter" -> "Chương";
        case "section" -> "Mục";
        case "article" -> "Điều";
        case "clause" -> "khoản";
        default -> "điểm";
      };
      cited.add(0, kind + " " + words[i + 1]);
    }
    return String.join(" ", cited);
  }

  /**
   * A revised draft's texts: JSON {@code {text, textEn}}, or multipart with the Word {@code file} or the
   * {@code text}, and the English Word {@code fileEn} or {@code textEn} (both optional).
   */
  private static Future<ConsultationService.Texts> revisedTexts(RoutingContext ctx) {
    if (!isMultipart(ctx)) {
      return Future.succeededFuture().map(v -> {
        JsonInput in = JsonInput.of(ctx).allow("text", "textEn");
        return new ConsultationService.Texts(in.requiredText("text", ConsultationRoutes.MAX_TEXT),
            in.optionalText("textEn", ConsultationRoutes.MAX_TEXT));
      });
    }
    return fileText(ctx, "file").compose(text -> fileText(ctx, "fileEn").map(en -> {
      JsonInput in = JsonInput.of(formAsJson(ctx).encode());
      return new ConsultationService.Texts(text != null ? text : in.requiredText("text", ConsultationRoutes.MAX_TEXT),
          en != null ? en : in.optionalText("textEn", ConsultationRoutes.MAX_TEXT));
    }));
  }

  private void create(RoutingContext ctx) {
    draft(ctx)
        .compose(draft -> consultations.create(user(ctx), draft))
        .onSuccess(reading -> {
          JsonObject json = reading.json();
          JsonObject answer = new JsonObject().put("id", reading.consultation().id())
              .put("status", reading.consultation().status()).put("preamble", reading.preamble())
              .put("structure", json.getJsonArray("structure"));
          if (json.containsKey("english")) {
            answer.put("english", json.getJsonObject("english"));
          }
          JsonResponses.created(ctx, answer);
        })
        .onFailure(ctx::fail);
  }

  private void correct(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("text", "textEn");
    ConsultationService.Texts texts = new ConsultationService.Texts(
        in.requiredText("text", ConsultationRoutes.MAX_TEXT), in.optionalText("textEn", ConsultationRoutes.MAX_TEXT));
    consultations.correct(user(ctx), ctx.pathParam("id"), texts)
        .onSuccess(reading -> JsonResponses.ok(ctx, reading.json()))
        .onFailure(ctx::fail);
  }

  private void createForm(RoutingContext ctx) {
    draft(ctx)
        .compose(draft -> consultations.create(user(ctx), draft))
        .onSuccess(reading -> ctx.redirect(page(reading.consultation().id())))
        .onFailure(failure -> showForm(ctx, failure, status -> views.render(ctx, VIEW, status)));
  }

  private void correctForm(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String text = Optional.ofNullable(ctx.request().getFormAttribute("text")).orElse("");
    String en = Optional.ofNullable(ctx.request().getFormAttribute("textEn")).orElse("");
    Future<ConsultationService.Reading> corrected = text.length() > ConsultationRoutes.MAX_TEXT
        || en.length() > ConsultationRoutes.MAX_TEXT
        ? Future.failedFuture(ForumException.invalid(en.length() > ConsultationRoutes.MAX_TEXT ? "textEn" : "text",
            "The text is too long."))
        : consultations.correct(user(ctx), id, new ConsultationService.Texts(text, en.isBlank() ? null : en));
    corrected.onSuccess(reading -> ctx.redirect(page(id) + "?corrected=1"))
        .onFailure(failure -> showForm(ctx, failure,
            status -> pages.showPage(ctx, status, null, ConsultationRoutes.FailedForm.TEXT)));
  }

  /**
   * The draft from the request: JSON as DESIGN.md has it, or the multipart form (the page's, or a script's) whose
   * text is the Word file's when one is sent, else the {@code text} field.
   */
  private Future<ConsultationService.Draft> draft(RoutingContext ctx) {
    if (!isMultipart(ctx)) {
      return Future.succeededFuture().map(v -> draft(JsonInput.of(ctx).allow("title", "summary", "authority",
          "deadline", "visibility", "text", "textEn"), null, null));
    }
    JsonInput fields;
    try {
      fields = JsonInput.of(formAsJson(ctx).encode());
      draft(fields, "", "");  // the other fields first: a form that is wrong anyway never has its files read
    } catch (ForumException e) {
      return Future.failedFuture(e);
    }
    return fileText(ctx, "file").compose(text -> fileText(ctx, "fileEn").map(en -> draft(fields, text, en)));
  }

  /**
   * The Word file's text ({@code null} when the form has no file {@code field}: "file", or "fileEn" for the
   * English text), read off the event loop; 400 naming the field.
   */
  private static Future<String> fileText(RoutingContext ctx, String field) {
    Optional<FileUpload> file = ctx.fileUploads().stream()
        .filter(upload -> field.equals(upload.name()) && !(upload.size() == 0 && upload.fileName().isEmpty()))
        .findFirst();
    if (file.isEmpty()) {
      return Future.succeededFuture();
    }
    return ctx.vertx().fileSystem().readFile(file.get().uploadedFileName())
        .compose(bytes -> ctx.vertx().executeBlocking(() -> docxText(bytes.getBytes(), field), false));
  }

  /**
   * The draft's fields; the texts given ({@code text}, {@code en}) or, when {@code null}, the JSON's {@code text}
   * and {@code textEn} (optional).
   */
  private static ConsultationService.Draft draft(JsonInput in, String text, String en) {
    return new ConsultationService.Draft(in.bilingual("title", ConsultationRoutes.MAX_TITLE, true),
        in.has("summary") ? in.bilingual("summary", ConsultationRoutes.MAX_SUMMARY, false)
            : new JsonObject().put("vi", "").put("en", ""),
        in.requiredText("authority", ConsultationRoutes.MAX_TITLE), in.requiredInstant("deadline"),
        in.choice("visibility", Consultation.VISIBILITIES, Consultation.PUBLIC),
        text != null ? text : in.requiredText("text", ConsultationRoutes.MAX_TEXT),
        en != null ? en : in.optionalText("textEn", ConsultationRoutes.MAX_TEXT));
  }

  private static String docxText(byte[] bytes, String field) {
    String text;
    try {
      text = DocxText.read(bytes);
    } catch (SplitException e) {
      throw ForumException.invalid(field, e.getMessage()).withMessageKey(e.messageKey());
    }
    if (text.length() > ConsultationRoutes.MAX_TEXT) {
      throw ForumException.invalid(field, "The document's text is longer than " + ConsultationRoutes.MAX_TEXT
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
    copy(ctx, "textEn", json);
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
