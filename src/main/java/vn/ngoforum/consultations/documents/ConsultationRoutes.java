package vn.ngoforum.consultations.documents;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Role;
import vn.ngoforum.consultations.text.Part;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.FormErrors;
import vn.ngoforum.web.I18n;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.Views;

/**
 * Consultations on policy texts: the API and the reading pages.
 *
 * <pre>
 *   POST /api/v1/consultations                     moderator: a draft (see {@link DraftRoutes}) curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"title":{"vi":"Dự thảo","en":"Draft"},"summary":{"vi":"","en":"For comment"},"authority":"MARD","deadline":"2027-01-31T17:00:00+07:00","visibility":"public","text":"Điều 1. Phạm vi\nNghị định này ..."}' localhost:8080/api/v1/consultations
 *   GET  /api/v1/consultations                     the consultations one may read          curl localhost:8080/api/v1/consultations
 *   GET  /api/v1/consultations/{id}                one, its structure, comment and amendment counts  curl localhost:8080/api/v1/consultations/$C
 *   GET  /api/v1/consultations/{id}/events?since=  what a live page missed since a seq   curl localhost:8080/api/v1/consultations/$C/events?since=12
 *   POST /api/v1/consultations/{id}/open           moderator: draft → open                 curl -XPOST -H "Authorization: Bearer $T" localhost:8080/api/v1/consultations/$C/open
 *   POST /api/v1/consultations/{id}/close          moderator: open → closed                curl -XPOST -H "Authorization: Bearer $T" localhost:8080/api/v1/consultations/$C/close
 *   POST /api/v1/consultations/{id}/clauses/{clauseId}/comments   member: comment a clause curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"body":"Đề nghị bỏ điểm đ)"}' localhost:8080/api/v1/consultations/$C/clauses/d3-k1/comments
 *   GET  /consultations                            the list page                           curl localhost:8080/consultations
 *   GET  /consultations/{id}                       the reading page (#clause-{clauseId})   curl localhost:8080/consultations/$C
 *   POST /consultations/{id}/clauses/{clauseId}/comments          the page's comment form
 * </pre>
 */
public record ConsultationRoutes(ConsultationService consultations, Memberships memberships,
    ClauseAmendments amendments, Views views) {

  static final int MAX_TITLE = 300;
  static final int MAX_SUMMARY = 4000;
  static final int MAX_TEXT = 500_000;
  static final int MAX_COMMENT = 10_000;
  private static final String API = "/api/v1/consultations";
  private static final Set<String> COMMENT_FIELDS = Set.of("body");

  public ConsultationRoutes {
    views.precompile(List.of("consultations/list", "consultations/consultation"));
  }

  public void mount(Router router) {
    router.get(API).handler(this::list);
    router.get(API + "/:id").handler(this::read);
    router.get(API + "/:id/events").handler(this::changesSince);
    router.post(API + "/:id/open").handler(Access.role(Role.MODERATOR)).handler(this::open);
    router.post(API + "/:id/close").handler(Access.role(Role.MODERATOR)).handler(this::close);
    router.post(API + "/:id/clauses/:clauseId/comments").handler(Access.signedIn()).handler(this::comment);
    router.get("/consultations").handler(this::listPage);
    router.get("/consultations/:id").handler(this::page);
    router.post("/consultations/:id/open").handler(Access.role(Role.MODERATOR))
        .handler(ctx -> stateForm(ctx, consultations.open(user(ctx), ctx.pathParam("id"))));
    router.post("/consultations/:id/close").handler(Access.role(Role.MODERATOR))
        .handler(ctx -> stateForm(ctx, consultations.close(user(ctx), ctx.pathParam("id"))));
    router.post("/consultations/:id/clauses/:clauseId/comments").handler(Access.signedIn())
        .handler(this::commentForm);
  }

  private void list(RoutingContext ctx) {
    ok(ctx, consultations.list(CurrentUser.of(ctx).orElse(null)).map(all -> new JsonObject().put("items",
        new JsonArray(all.stream().map(Consultation::json).toList()))));
  }

  private void read(RoutingContext ctx) {
    ok(ctx, consultations.read(CurrentUser.of(ctx).orElse(null), ctx.pathParam("id"), version(ctx))
        .compose(reading -> amendments.counts(reading.consultation().id()).map(reading::json)));
  }

  private void changesSince(RoutingContext ctx) {
    String value = ctx.queryParams().get("since");
    long since;
    try {
      since = value == null ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      since = -1;
    }
    if (since < 0) {
      throw ForumException.invalid("since", "'since' must be a sequence number (0 or more).");
    }
    ok(ctx, consultations.changesSince(CurrentUser.of(ctx).orElse(null), ctx.pathParam("id"), since));
  }

  private void open(RoutingContext ctx) {
    ok(ctx, consultations.open(user(ctx), ctx.pathParam("id")).map(Consultation::json));
  }

  private void close(RoutingContext ctx) {
    ok(ctx, consultations.close(user(ctx), ctx.pathParam("id")).map(Consultation::json));
  }

  /** A moderator's open or close button: back to the reading page, with the message at its top when refused. */
  private void stateForm(RoutingContext ctx, Future<Consultation> change) {
    change.onSuccess(c -> ctx.redirect("/consultations/" + URLEncoder.encode(c.id(), StandardCharsets.UTF_8)))
        .onFailure(failure -> FormErrors.show(ctx, failure, "consultations", Set.of(),
            status -> showPage(ctx, status, null, null)));
  }

  /** Answers 200 with {@code body}, or passes its failure to the failure handler. */
  private static void ok(RoutingContext ctx, Future<JsonObject> body) {
    body.onSuccess(json -> JsonResponses.ok(ctx, json)).onFailure(ctx::fail);
  }

  private void comment(RoutingContext ctx) {
    String body = JsonInput.of(ctx).allow("body").requiredText("body", MAX_COMMENT);
    consultations.comment(user(ctx), ctx.pathParam("id"), ctx.pathParam("clauseId"), body)
        .onSuccess(comment -> JsonResponses.created(ctx, comment.json()))
        .onFailure(ctx::fail);
  }

  private void commentForm(RoutingContext ctx) {
    String body = ctx.request().getFormAttribute("body");
    String id = ctx.pathParam("id");
    String clauseId = ctx.pathParam("clauseId");
    Future<Comment> sent = body == null || body.isBlank() || body.strip().length() > MAX_COMMENT
        ? Future.failedFuture(ForumException.invalid("body", "A comment needs 1 to " + MAX_COMMENT + " characters.")
            .withMessageKey("consultations.comment.invalid"))
        : consultations.comment(user(ctx), id, clauseId, body.strip());
    sent.onSuccess(comment -> ctx.redirect("/consultations/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
            + "#clause-" + comment.clause()))
        .onFailure(failure -> FormErrors.show(ctx, failure, "consultations", COMMENT_FIELDS,
            status -> showPage(ctx, status, clauseId, FailedForm.COMMENT)));
  }

  private void listPage(RoutingContext ctx) {
    consultations.list(CurrentUser.of(ctx).orElse(null))
        .onSuccess(all -> {
          ctx.put("consultations", all.stream().map(Consultation::json).toList());
          views.render(ctx, "consultations/list");
        })
        .onFailure(ctx::fail);
  }

  private void page(RoutingContext ctx) {
    showPage(ctx, 200, null, null);
  }

  /** The forms of a clause that can be shown again with their message and what was typed. */
  public enum FailedForm { COMMENT, AMENDMENT, TEXT, VERSION }

  /**
   * The reading page; after a clause's form failed ({@code form} at {@code failedClause}; both {@code null} when
   * none did), with the message ({@code formError}) and what was typed ({@code draft<Field>}, from
   * {@link FormErrors}) at that form, opened.
   */
  public void showPage(RoutingContext ctx, int status, String failedClause, FailedForm form) {
    CurrentUser user = CurrentUser.of(ctx).orElse(null);
    consultations.read(user, ctx.pathParam("id"), version(ctx))
        .compose(reading -> consultations.comments(reading)
            .compose(comments -> amendments.byClause(reading.consultation().id()).map(a -> {
              ctx.put("amendmentsByClause", a);
              return comments;
            }))
            .compose(comments -> consultations.previous(reading).map(previous -> {
              ctx.put("previousParts", previous);
              return comments;
            }))
            .compose(comments -> Future.all(memberships.hasMemberRights(user), VerifiedAdmin.all(memberships, user),
                    VerifiedAdmin.speakable(memberships, user))
                .map(both -> {
              boolean member = both.<Boolean>resultAt(0);
              List<JsonObject> admins = both.resultAt(1);
              ctx.put("speakAs", both.<List<JsonObject>>resultAt(2));
              Map<String, List<JsonObject>> byClause = new HashMap<>();
              comments.forEach(c -> byClause.computeIfAbsent(c.clause(), k -> new ArrayList<>()).add(c.json()));
              Map<String, List<JsonObject>> proposed = ctx.get("amendmentsByClause");
              boolean mayComment = member && Consultation.OPEN.equals(reading.consultation().status())
                  && reading.current();
              List<Map<String, Object>> rows = new ArrayList<>();
              List<Map<String, Object>> toc = new ArrayList<>();
              flatten(reading.parts(), 0, reading.consultation(), reading.current() ? byClause : Map.<String, List<JsonObject>>of(),
                  reading.current() ? proposed : Map.<String, List<JsonObject>>of(), mayComment, rows, toc);
              String kind = ctx.get("draftKind");
              rows.forEach(row -> {
                boolean here = row.get("id").equals(failedClause);
                row.put("failed", here && form == FailedForm.COMMENT);
                row.put("amendmentFailed", here && form == FailedForm.AMENDMENT);
                row.put("draftKind", here && form == FailedForm.AMENDMENT && kind != null ? kind : "replace");
              });
              versions(ctx, reading, rows, byClause, proposed, form == FailedForm.VERSION);
              List<Map<String, Object>> contents = languages(ctx, reading, rows, toc);
              ctx.put("consultation", reading.consultation().json());
              ctx.put("seq", reading.consultation().seq());
              ctx.put("preamble", reading.preamble());
              ctx.put("rows", rows);
              ctx.put("toc", contents);
              ctx.put("mayComment", mayComment);
              ctx.put("signedIn", user != null);
              boolean moderator = user != null && user.has(Role.MODERATOR);
              boolean open = Consultation.OPEN.equals(reading.consultation().status());
              ctx.put("moderator", moderator);
              ctx.put("mayOpen", moderator && Consultation.DRAFT.equals(reading.consultation().status()));
              ctx.put("mayClose", moderator && open);
              // A message from a form that has no place of its own (a decision, an endorsement, open or close).
              ctx.put("pageError", failedClause == null && form != FailedForm.TEXT && form != FailedForm.VERSION
                  && ctx.get(FormErrors.MODEL_KEY) != null);
              rows.forEach(row -> decisionsAndEndorsements(row, moderator, open ? admins : List.of()));
              List<Map<String, Object>> earlier = ctx.get("earlier");
              if (earlier != null) {
                earlier.forEach(row -> decisionsAndEndorsements(row, moderator, List.of()));
                earlier.forEach(row -> ((List<JsonObject>) row.get("amendments"))
                    .forEach(a -> a.put("declineOnly", true)));
              }
              return reading;
            })))
        .compose(reading -> !Consultation.DRAFT.equals(reading.consultation().status())
            ? Future.<Void>succeededFuture()
            : consultations.source(user, reading.consultation().id()).<Void>map(source -> {
              ctx.put("draft", true);
              ctx.put("textFailed", form == FailedForm.TEXT);
              ctx.put("source", form == FailedForm.TEXT ? ctx.<String>get("draftText") : source);
              ctx.put("corrected", ctx.queryParams().contains("corrected"));
              return null;
            }).compose(v -> consultations.sourceEn(user, reading.consultation().id()).<Void>map(sourceEn -> {
              ctx.put("sourceEn", form == FailedForm.TEXT ? ctx.<String>get("draftTextEn") : sourceEn);
              return null;
            })))
        .onSuccess(done -> views.render(ctx, "consultations/consultation", status))
        .onFailure(ctx::fail);
  }

  /**
   * On each still proposed amendment of a row: whether this reader may decide it ({@code mayDecide}), and the
   * organisations they may endorse it for that have not yet ({@code endorseAs}, {@code [{slug, name}]}).
   */
  @SuppressWarnings("unchecked")
  private static void decisionsAndEndorsements(Map<String, Object> row, boolean moderator, List<JsonObject> admins) {
    for (JsonObject amendment : (List<JsonObject>) row.get("amendments")) {
      boolean proposed = amendment.getBoolean("proposed", false);
      Set<String> endorsed = new java.util.HashSet<>();
      amendment.getJsonArray("endorsements", new JsonArray())
          .forEach(e -> endorsed.add(((JsonObject) e).getString("org")));
      amendment.put("mayDecide", moderator && proposed);
      amendment.put("endorseAs", new JsonArray(proposed ? admins.stream()
          .filter(org -> !endorsed.contains(org.getString("slug")))
          .map(org -> new JsonObject().put("slug", org.getString("slug")).put("name", org.getJsonObject("name")))
          .toList() : List.of()));
    }
  }

  /**
   * The page's versions: which one is read and links to the others, the changes from the previous one when asked
   * ({@code ?compare=1}), what is left on clauses the current text no longer has, and the moderators' form for a
   * revised draft.
   */
  private static void versions(RoutingContext ctx, ConsultationService.Reading reading,
      List<Map<String, Object>> rows, Map<String, List<JsonObject>> comments,
      Map<String, List<JsonObject>> amendments, boolean revisionFailed) {
    List<Part> previous = ctx.get("previousParts");
    boolean compare = ctx.queryParams().contains("compare") && reading.version() > 1;
    if (compare) {
      VersionRows.compare(rows, previous);
      ctx.put("removed", VersionRows.removed(previous, reading.ids()));
    }
    if (reading.current()) {
      ctx.put("earlier", VersionRows.earlier(comments, amendments, reading.ids(), previous));
    }
    List<Integer> all = new ArrayList<>();
    for (int n = 1; n <= reading.latest(); n++) {
      all.add(n);
    }
    ctx.put("version", reading.version());
    ctx.put("latest", reading.latest());
    ctx.put("versions", reading.latest() > 1 ? all : List.of());
    ctx.put("oldVersion", !reading.current());
    ctx.put("previousVersion", reading.version() - 1);
    ctx.put("compare", compare);
    CurrentUser user = CurrentUser.of(ctx).orElse(null);
    ctx.put("mayRevise", reading.current() && !Consultation.DRAFT.equals(reading.consultation().status())
        && user != null && (user.has(Role.MODERATOR) || user.has(Role.ADMIN)));
    ctx.put("revisionFailed", revisionFailed);
  }

  /**
   * Where the version read has an English text: each row's texts in both languages ({@code langs:[{lang, kind,
   * number, title, text}]}), the page's language first, shown side by side on a wide screen; and the two preambles
   * ({@code preambles}); and the table of contents {@code toc}, with the English titles on an English page. Without
   * one the rows have no {@code langs} and the page is as it always was.
   */
  static List<Map<String, Object>> languages(RoutingContext ctx, ConsultationService.Reading reading,
      List<Map<String, Object>> rows, List<Map<String, Object>> toc) {
    if (!reading.bilingual()) {
      return toc;
    }
    boolean englishFirst = I18n.EN.equals(ctx.get(Views.LANG));
    for (Map<String, Object> row : rows) {
      Part en = reading.englishPart((String) row.get("id"));
      Map<String, Object> vi = language(I18n.VI, row, (String) row.get("title"), (String) row.get("text"));
      Map<String, Object> english = language(I18n.EN, row, en == null ? "" : en.title(), en == null ? "" : en.text());
      row.put("langs", englishFirst ? List.of(english, vi) : List.of(vi, english));
    }
    Map<String, Object> vi = Map.of("lang", I18n.VI, "text", reading.preamble());
    Map<String, Object> en = Map.of("lang", I18n.EN, "text", reading.englishPreamble());
    ctx.put("bilingual", true);
    ctx.put("preambles", reading.preamble().isEmpty() && reading.englishPreamble().isEmpty() ? List.of()
        : englishFirst ? List.of(en, vi) : List.of(vi, en));
    if (!englishFirst) {
      return toc;
    }
    return toc.stream().map(entry -> {
      Part part = reading.englishPart((String) entry.get("id"));
      Map<String, Object> english = new HashMap<>(entry);
      if (part != null && !part.title().isEmpty()) {
        english.put("title", part.title());
      }
      return (Map<String, Object>) english;
    }).toList();
  }

  private static Map<String, Object> language(String lang, Map<String, Object> row, String title, String text) {
    return Map.of("lang", lang, "kind", row.get("kind"), "number", row.get("number"), "id", row.get("id"),
        "title", title, "text", text);
  }

  /** The {@code ?version=} asked for, 0 (the current one) when none; 404 for one that is not a number. */
  private static int version(RoutingContext ctx) {
    String value = ctx.queryParams().get("version");
    try {
      return value == null || value.isEmpty() ? 0 : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw ForumException.notFound("This consultation has no such version.")
          .withMessageKey("consultations.version.notFound");
    }
  }

  /** The tree as rows for the template (Handlebars has no recursion worth trusting), and the headings as a TOC. */
  static void flatten(List<Part> parts, int depth, Consultation c, Map<String, List<JsonObject>> comments,
      Map<String, List<JsonObject>> amendments, boolean mayComment, List<Map<String, Object>> rows, List<Map<String, Object>> toc) {
    for (Part part : parts) {
      Map<String, Object> row = new HashMap<>();
      row.put("id", part.id());
      row.put("kind", part.kind().json());
      row.put("number", part.number());
      row.put("title", part.title());
      row.put("text", part.text());
      row.put("depth", Math.min(depth, 4));
      row.put("heading", part.kind() == Part.Kind.CHAPTER || part.kind() == Part.Kind.SECTION);
      row.put("count", c.count(part.id()));
      row.put("comments", comments.getOrDefault(part.id(), List.of()));
      row.put("mayComment", mayComment);
      List<JsonObject> proposed = amendments.getOrDefault(part.id(), List.of());
      row.put("amendments", proposed.stream().map(ConsultationRoutes::shown).toList());
      row.put("amendmentCount", proposed.size());
      rows.add(row);
      if (part.kind() != Part.Kind.CLAUSE && part.kind() != Part.Kind.POINT) {
        toc.add(Map.of("id", part.id(), "kind", part.kind().json(), "number", part.number(), "title",
            part.title(), "depth", Math.min(depth, 4)));
      }
      flatten(part.children(), depth + 1, c, comments, amendments, mayComment, rows, toc);
    }
  }

  /** An amendment as the page shows it: its anchor, and whether it is still proposed. */
  static JsonObject shown(JsonObject amendment) {
    return amendment.copy().put("anchor", amendment.getString("id").replace(':', '-'))
        .put("proposed", "proposed".equals(amendment.getString("status")));
  }

  private static CurrentUser user(RoutingContext ctx) {
    return CurrentUser.of(ctx).orElseThrow();
  }
}
