package vn.ngoforum.consultations.statement;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import vn.ngoforum.consultations.text.ClauseLabels;
import vn.ngoforum.auth.Access;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.consultations.documents.Consultation;
import vn.ngoforum.consultations.documents.VerifiedAdmin;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.FormErrors;
import vn.ngoforum.auth.Role;
import vn.ngoforum.consultations.amendments.Amendment;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.I18n;
import vn.ngoforum.web.Views;

/**
 * The joint statement: the API and its public page.
 *
 * <pre>
 *   PUT    /api/v1/consultations/{id}/statement       moderator: write it   curl -XPUT -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"intro":{"vi":"…","en":"…"},"conclusion":{"vi":"…","en":"…"}}' localhost:8080/api/v1/consultations/$C/statement
 *   POST   /api/v1/consultations/{id}/statement/sign  verified org's admin  curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"org":"svw"}' localhost:8080/api/v1/consultations/$C/statement/sign
 *   DELETE /api/v1/consultations/{id}/statement/sign  withdraw              curl -XDELETE -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"org":"svw"}' localhost:8080/api/v1/consultations/$C/statement/sign
 *   GET    /consultations/{id}/statement              the statement page    curl localhost:8080/consultations/$C/statement
 *   POST   /consultations/{id}/statement/sign         the page's form: org, action=sign|withdraw (no JavaScript)
 * </pre>
 */
public final class StatementRoutes {

  static final int MAX_TEXT = 20_000;
  private static final String API = "/api/v1/consultations/:id/statement";

  private static final Set<String> FORM_FIELDS = Set.of("org");

  private final StatementService statements;
  private final Memberships memberships;
  private final Views views;
  private final I18n i18n;

  public StatementRoutes(StatementService statements, Memberships memberships, Views views, I18n i18n) {
    this.statements = statements;
    this.memberships = memberships;
    this.views = views;
    this.i18n = i18n;
    views.precompile(List.of("consultations/statement"));
  }

  public void mount(Router router) {
    router.put(API).handler(Access.role(Role.MODERATOR)).handler(this::write);
    router.post(API + "/sign").handler(Access.signedIn()).handler(this::sign);
    router.delete(API + "/sign").handler(Access.signedIn()).handler(this::withdraw);
    router.get("/consultations/:id/statement").handler(this::page);
    router.post("/consultations/:id/statement/sign").handler(Access.signedIn()).handler(this::signForm);
    router.post("/consultations/:id/statement").handler(Access.role(Role.MODERATOR)).handler(this::writeForm);
  }

  private void write(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("intro", "conclusion");
    JsonObject intro = in.bilingual("intro", MAX_TEXT, true);
    JsonObject conclusion = in.bilingual("conclusion", MAX_TEXT, true);
    statements.write(user(ctx), ctx.pathParam("id"), intro, conclusion)
        .onSuccess(statement -> JsonResponses.ok(ctx, statement))
        .onFailure(ctx::fail);
  }

  private void sign(RoutingContext ctx) {
    answerSignatories(ctx, statements::sign);
  }

  private void withdraw(RoutingContext ctx) {
    answerSignatories(ctx, statements::withdraw);
  }

  /** Signing and withdrawing take the same body and answer the same way: {@code {signatories:[...]}}. */
  private void answerSignatories(RoutingContext ctx, SignatureChange change) {
    String org = JsonInput.of(ctx).allow("org").requiredText("org", 200);
    change.apply(user(ctx), ctx.pathParam("id"), org)
        .onSuccess(statement -> JsonResponses.ok(ctx, new JsonObject().put("signatories",
            statement.getJsonArray("signatories"))))
        .onFailure(ctx::fail);
  }

  private interface SignatureChange {
    Future<JsonObject> apply(CurrentUser user, String consultation, String org);
  }

  /** The page's form: signs or withdraws for one organisation, then back to the signatories. */
  private void signForm(RoutingContext ctx) {
    String org = ctx.request().getFormAttribute("org");
    String id = ctx.pathParam("id");
    SignatureChange change = "withdraw".equals(ctx.request().getFormAttribute("action"))
        ? statements::withdraw : statements::sign;
    Future<JsonObject> done = org == null || org.isBlank()
        ? Future.failedFuture(ForumException.invalid("org", "Choose the organisation."))
        : change.apply(user(ctx), id, org.strip());
    done.onSuccess(statement -> ctx.redirect("/consultations/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
            + "/statement#signatories-title"))
        .onFailure(failure -> FormErrors.show(ctx, failure, "consultations", FORM_FIELDS,
            status -> showPage(ctx, status)));
  }

  /** A moderator writes (or rewrites) the statement from its page: introduction and conclusion, each in vi and en. */
  private void writeForm(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    JsonObject intro = bilingualForm(ctx, "intro");
    JsonObject conclusion = bilingualForm(ctx, "conclusion");
    Future<JsonObject> written = intro == null
        ? Future.failedFuture(ForumException.invalid("intro", "Write the introduction (1 to 20,000 characters).")
            .withMessageKey("consultations.statement.introInvalid"))
        : conclusion == null
            ? Future.failedFuture(ForumException.invalid("conclusion",
                "Write the conclusion (1 to 20,000 characters).").withMessageKey(
                    "consultations.statement.conclusionInvalid"))
            : statements.write(user(ctx), id, intro, conclusion);
    written.onSuccess(statement -> ctx.redirect("/consultations/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
            + "/statement"))
        .onFailure(failure -> FormErrors.show(ctx, failure, "consultations", Set.of("intro", "conclusion"),
            status -> showPage(ctx, status)));
  }

  /** {@code {vi, en}} from the form's {@code <field>_vi} and {@code <field>_en}; null unless one side is written. */
  private static JsonObject bilingualForm(RoutingContext ctx, String field) {
    String vi = stripped(ctx.request().getFormAttribute(field + "_vi"));
    String en = stripped(ctx.request().getFormAttribute(field + "_en"));
    if (vi.isEmpty() && en.isEmpty() || vi.length() > MAX_TEXT || en.length() > MAX_TEXT) {
      return null;
    }
    return new JsonObject().put("vi", vi).put("en", en);
  }

  private static String stripped(String value) {
    return value == null ? "" : value.strip();
  }

  private void page(RoutingContext ctx) {
    showPage(ctx, 200);
  }

  /**
   * The statement; for an admin of verified organisations, while it is open and written, a form per organisation
   * to sign for it or withdraw its signature; for moderators, the links to the exports.
   */
  private void showPage(RoutingContext ctx, int status) {
    CurrentUser user = CurrentUser.of(ctx).orElse(null);
    statements.read(user, ctx.pathParam("id"))
        .compose(reading -> VerifiedAdmin.all(memberships, user).map(orgs -> {
          JsonObject statement = reading.statement() == null ? null : StatementService.json(reading.statement());
          ctx.put("consultation", reading.consultation().json());
          ctx.put("seq", reading.consultation().seq());
          ctx.put("statement", statement);
          ctx.put("mayExport", user != null && user.has(Role.MODERATOR));
          ctx.put("mayWrite", user != null && user.has(Role.MODERATOR)
              && !Consultation.CLOSED.equals(reading.consultation().status()));
          ctx.put("adopted", adopted(reading));
          boolean open = Consultation.OPEN.equals(reading.consultation().status());
          if (statement != null && open) {
            Set<String> signed = new HashSet<>();
            statement.getJsonArray("signatories").forEach(s -> signed.add(((JsonObject) s).getString("org")));
            ctx.put("signing", orgs.stream().map(m -> new JsonObject().put("slug", m.getString("slug"))
                .put("name", m.getJsonObject("name")).put("signed", signed.contains(m.getString("slug"))).getMap())
                .toList());
          }
          return reading;
        }))
        .onSuccess(reading -> views.render(ctx, "consultations/statement", status))
        .onFailure(ctx::fail);
  }

  /** The adopted amendments, each with its clause named as a reader cites it ({@code label: {vi, en}}). */
  private List<Object> adopted(StatementService.Reading reading) {
    Map<String, String> vi = ClauseLabels.of(reading.parts(), i18n, I18n.VI);
    Map<String, String> en = ClauseLabels.of(reading.parts(), i18n, I18n.EN);
    return new JsonArray(reading.adopted().stream().map(Amendment::json).map(a -> {
      String clause = a.getString("clause");
      return a.put("label", new JsonObject().put("vi", vi.getOrDefault(clause, clause))
          .put("en", en.getOrDefault(clause, clause)));
    }).toList()).getList();
  }

  private static CurrentUser user(RoutingContext ctx) {
    return CurrentUser.of(ctx).orElseThrow();
  }
}
