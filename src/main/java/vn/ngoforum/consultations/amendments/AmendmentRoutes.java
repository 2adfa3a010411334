package vn.ngoforum.consultations.amendments;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.consultations.documents.ConsultationRoutes;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.FormErrors;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;

/**
 * Amendments: the API and the reading page's forms (the page itself shows them under their clause).
 *
 * <pre>
 *   POST /api/v1/consultations/{id}/clauses/{clauseId}/amendments  member: propose (optional onBehalfOf: a verified organisation of theirs)   curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"kind":"replace","text":"Mẫu vật là động vật sống.","justification":"Rõ hơn"}' localhost:8080/api/v1/consultations/$C/clauses/d2-k2/amendments
 *   POST /api/v1/amendments/{id}/support           member: support, once                  curl -XPOST -H "Authorization: Bearer $T" localhost:8080/api/v1/amendments/$C:d2-k2:a1/support
 *   POST /api/v1/amendments/{id}/endorse           admin of a verified organisation       curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"org":"svw"}' localhost:8080/api/v1/amendments/$C:d2-k2:a1/endorse
 *   POST /api/v1/amendments/{id}/decide            moderator: adopted or declined         curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"decision":"declined","reason":"Trùng khoản 3"}' localhost:8080/api/v1/amendments/$C:d2-k2:a1/decide
 *   POST /consultations/{id}/clauses/{clauseId}/amendments         the page's proposal form (a mistake: the page
 *                                                                  again, the form open with its message and text)
 *   POST /consultations/{id}/amendments/{amendmentId}/support      the page's support button
 * </pre>
 */
public final class AmendmentRoutes {

  static final int MAX_TEXT = 10_000;

  /** The form's fields: each failure names one and has its own message key. */
  private static final Set<String> FORM_FIELDS = Set.of("kind", "text", "justification", "onBehalfOf");

  private final AmendmentService amendments;
  private final ConsultationRoutes readingPage;

  /** {@code readingPage}: shows the reading page again, the failed proposal form open with its message and text. */
  public AmendmentRoutes(AmendmentService amendments, ConsultationRoutes readingPage) {
    this.amendments = amendments;
    this.readingPage = readingPage;
  }

  public void mount(Router router) {
    router.post("/api/v1/consultations/:id/clauses/:clauseId/amendments").handler(Access.signedIn())
        .handler(this::propose);
    router.post("/api/v1/amendments/:id/support").handler(Access.signedIn()).handler(this::support);
    router.post("/api/v1/amendments/:id/endorse").handler(Access.signedIn()).handler(this::endorse);
    router.post("/api/v1/amendments/:id/decide").handler(Access.role(Role.MODERATOR))
        .handler(this::decide);
    router.post("/consultations/:id/clauses/:clauseId/amendments").handler(Access.signedIn())
        .handler(this::proposeForm);
    router.post("/consultations/:id/amendments/:amendmentId/support").handler(Access.signedIn())
        .handler(this::supportForm);
    router.post("/consultations/:id/amendments/:amendmentId/endorse").handler(Access.signedIn())
        .handler(this::endorseForm);
    router.post("/consultations/:id/amendments/:amendmentId/decide").handler(Access.role(Role.MODERATOR))
        .handler(this::decideForm);
  }

  private void propose(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("kind", "text", "justification", "onBehalfOf");
    String kind = in.choice("kind", Amendment.KINDS, null);
    if (kind == null) {
      throw ForumException.invalid("kind", "'kind' must be one of replace, insert-after, delete.");
    }
    String text = Amendment.DELETE.equals(kind) ? in.optionalText("text", MAX_TEXT)
        : in.requiredText("text", MAX_TEXT);
    AmendmentService.Proposal proposal = new AmendmentService.Proposal(kind, text,
        in.requiredText("justification", MAX_TEXT), in.optionalText("onBehalfOf", 200));
    amendments.propose(user(ctx), ctx.pathParam("id"), ctx.pathParam("clauseId"), proposal)
        .onSuccess(a -> JsonResponses.created(ctx, a.json()))
        .onFailure(ctx::fail);
  }

  private void support(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    amendments.support(user(ctx), id)
        .onSuccess(n -> JsonResponses.ok(ctx, new JsonObject().put("id", id).put("supports", n)))
        .onFailure(ctx::fail);
  }

  private void endorse(RoutingContext ctx) {
    String org = JsonInput.of(ctx).allow("org").requiredText("org", 200);
    amendments.endorse(user(ctx), ctx.pathParam("id"), org)
        .onSuccess(a -> JsonResponses.ok(ctx, a.json()))
        .onFailure(ctx::fail);
  }

  private void decide(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("decision", "reason");
    String decision = in.choice("decision", Amendment.DECISIONS, null);
    if (decision == null) {
      throw ForumException.invalid("decision", "'decision' must be adopted or declined.");
    }
    amendments.decide(user(ctx), ctx.pathParam("id"), decision, in.optionalText("reason", MAX_TEXT))
        .onSuccess(a -> JsonResponses.ok(ctx, a.json()))
        .onFailure(ctx::fail);
  }

  private void proposeForm(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String kind = ctx.request().getFormAttribute("kind");
    String text = stripped(ctx.request().getFormAttribute("text"));
    String justification = stripped(ctx.request().getFormAttribute("justification"));
    Future<Amendment> sent;
    if (kind == null || !Amendment.KINDS.contains(kind)) {
      sent = Future.failedFuture(ForumException.invalid("kind", "Choose what the amendment does.")
          .withMessageKey("consultations.amendment.kindInvalid"));
    } else if (!Amendment.DELETE.equals(kind) && (text.isEmpty() || text.length() > MAX_TEXT)) {
      sent = Future.failedFuture(ForumException.invalid("text", "The proposed wording needs 1 to 10,000 characters.")
          .withMessageKey("consultations.amendment.textInvalid"));
    } else if (justification.isEmpty() || justification.length() > MAX_TEXT) {
      sent = Future.failedFuture(ForumException.invalid("justification",
          "The justification needs 1 to 10,000 characters.").withMessageKey("consultations.amendment.whyInvalid"));
    } else {
      String onBehalfOf = stripped(ctx.request().getFormAttribute("onBehalfOf"));
      sent = amendments.propose(user(ctx), id, ctx.pathParam("clauseId"),
          new AmendmentService.Proposal(kind, text, justification, onBehalfOf.isEmpty() ? null : onBehalfOf));
    }
    String clauseId = ctx.pathParam("clauseId");
    sent.onSuccess(a -> ctx.redirect(page(id) + "#amendment-" + a.id().replace(':', '-')))
        .onFailure(failure -> FormErrors.show(ctx, failure, "consultations", FORM_FIELDS,
            status -> readingPage.showPage(ctx, status, clauseId, ConsultationRoutes.FailedForm.AMENDMENT)));
  }

  private void supportForm(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String amendmentId = ctx.pathParam("amendmentId");
    String anchor = "#amendment-" + amendmentId.replace(':', '-');
    if (!id.equals(Amendment.consultationOf(amendmentId))) {
      ctx.fail(ForumException.notFound("There is no such amendment."));
      return;
    }
    amendments.support(user(ctx), amendmentId)
        .recover(failure -> failure instanceof ForumException known
            && "consultations.amendment.alreadySupported".equals(known.messageKey()) ? Future.succeededFuture(0)
            : Future.failedFuture(failure))
        .onSuccess(n -> ctx.redirect(page(id) + anchor))
        .onFailure(ctx::fail);
  }

  /** An organisation admin's endorsement from the reading page: back to the amendment, or the page with why not. */
  private void endorseForm(RoutingContext ctx) {
    String org = stripped(ctx.request().getFormAttribute("org"));
    onAmendment(ctx, amendmentId -> org.isEmpty()
        ? Future.failedFuture(ForumException.invalid("org", "Choose the organisation."))
        : amendments.endorse(user(ctx), amendmentId, org));
  }

  /** A moderator's decision from the reading page: adopted, or declined with its reason. */
  private void decideForm(RoutingContext ctx) {
    String decision = ctx.request().getFormAttribute("decision");
    String reason = stripped(ctx.request().getFormAttribute("reason"));
    onAmendment(ctx, amendmentId -> decision == null || !Amendment.DECISIONS.contains(decision)
        ? Future.failedFuture(ForumException.invalid("decision", "Choose to adopt or to decline the amendment.")
            .withMessageKey("consultations.amendment.decisionInvalid"))
        : reason.length() > MAX_TEXT
            ? Future.failedFuture(ForumException.invalid("reason", "The reason needs at most 10,000 characters."))
            : amendments.decide(user(ctx), amendmentId, decision, reason.isEmpty() ? null : reason));
  }

  /**
   * A page form's action on the amendment the path names (404 when it is not of this consultation): back at the
   * amendment when done, else the reading page with the message at its top.
   */
  private void onAmendment(RoutingContext ctx, java.util.function.Function<String, Future<Amendment>> action) {
    String id = ctx.pathParam("id");
    String amendmentId = ctx.pathParam("amendmentId");
    if (!id.equals(Amendment.consultationOf(amendmentId))) {
      ctx.fail(ForumException.notFound("There is no such amendment."));
      return;
    }
    action.apply(amendmentId)
        .onSuccess(a -> ctx.redirect(page(id) + "#amendment-" + amendmentId.replace(':', '-')))
        .onFailure(failure -> FormErrors.show(ctx, failure, "consultations", FORM_FIELDS,
            status -> readingPage.showPage(ctx, status, null, null)));
  }

  private static String page(String id) {
    return "/consultations/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  private static String stripped(String value) {
    return value == null ? "" : value.strip();
  }

  private static CurrentUser user(RoutingContext ctx) {
    return CurrentUser.of(ctx).orElseThrow();
  }
}
