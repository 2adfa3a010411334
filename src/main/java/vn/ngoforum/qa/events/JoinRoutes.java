package vn.ngoforum.qa.events;

import static vn.ngoforum.qa.http.Requests.visitor;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.FormErrors;
import vn.ngoforum.web.Views;

/**
 * Joining a session in seconds: its six-digit code typed at {@code /j} (the home page's box sends it there, a plain
 * GET form that works without JavaScript), and the QR code of its address that the projector shows.
 *
 * <pre>
 *   GET    /j                    the "join with a code" page (?code=123456 joins)   curl -i 'localhost:8080/j?code=123456'
 *   GET    /j/{code}             302 to the session holding the code; 404 page    curl -i localhost:8080/j/123456
 *   GET    /qa/{id}/qr.svg       the QR code of the session's address (SVG)       curl localhost:8080/qa/hanoi-2022-wildlife-trade-topic-1/qr.svg
 * </pre>
 */
public record JoinRoutes(JoinCodes codes, SessionService sessions, Views views, String publicUrl) {

  /** Failures the join page shows with its form again: a code that is not six digits, one nobody holds. */
  private static final Set<Integer> SHOWN_ON_FORM = Set.of(400, 404);

  public JoinRoutes {
    views.precompile(List.of("qa/join"));
  }

  public void mount(Router router) {
    router.get("/j").handler(this::joinForm);
    router.get("/j/:code").handler(ctx -> join(ctx, ctx.pathParam("code")));
    router.get("/qa/:sessionId/qr.svg").handler(this::qr);
  }

  private void joinForm(RoutingContext ctx) {
    String typed = ctx.queryParams().get("code");
    if (typed == null) {
      views.render(ctx, "qa/join");
      return;
    }
    join(ctx, typed);
  }

  private void join(RoutingContext ctx, String typed) {
    codes.sessionOf(typed)
        .onSuccess(sessionId -> ctx.redirect("/qa/" + sessionId))
        .onFailure(failure -> {
          if (failure instanceof ForumException problem && SHOWN_ON_FORM.contains(problem.status())) {
            ctx.put(FormErrors.MODEL_KEY, problem.messageKey());
            ctx.put("draftCode", typed);
            views.render(ctx, "qa/join", problem.status());
          } else {
            ctx.fail(failure);
          }
        });
  }

  private void qr(RoutingContext ctx) {
    sessions.readable(visitor(ctx), ctx.pathParam("sessionId"))
        .onSuccess(session -> ctx.response()
            .putHeader("Content-Type", "image/svg+xml; charset=utf-8")
            .putHeader("Cache-Control", session.membersOnly() ? "private, max-age=3600" : "public, max-age=86400")
            .end(QrCode.svg(publicUrl + "/qa/" + session.id(), publicUrl + "/qa/" + session.id())))
        .onFailure(ctx::fail);
  }
}
