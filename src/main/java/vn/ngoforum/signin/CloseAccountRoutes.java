package vn.ngoforum.signin;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.util.List;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.SessionEvents;
import vn.ngoforum.auth.Sessions;
import vn.ngoforum.web.Views;

/**
 * Closing one's account, from a page that says what happens.
 *
 * <pre>
 *   GET  /settings/account/close   the page: what closing does, the download of one's data, the button
 *   POST /settings/account/close   its form (CSRF): closes the account, signs the person out, says it is done
 * </pre>
 */
record CloseAccountRoutes(AccountClosing closing, SignInRepository signIns, SessionEvents sessionEvents,
    Views views) {

  static final String PATH = "/settings/account/close";
  static final String VIEW = "auth/close-account";

  CloseAccountRoutes {
    views.precompile(List.of(VIEW));
  }

  void mount(Router router) {
    router.get(PATH).handler(Access.signedIn()).handler(ctx -> views.render(ctx, VIEW));
    router.post(PATH).handler(Access.signedIn()).handler(this::close);
  }

  private void close(RoutingContext ctx) {
    CurrentUser person = CurrentUser.of(ctx).orElseThrow();
    closing.close(person)
        .onSuccess(v -> {
          Session session = Sessions.existing(ctx).orElse(null);
          if (session != null) {
            signIns.forgetSession(session.id());
            sessionEvents.ended(session.id());
            session.destroy();
          }
          ctx.data().remove("me");
          ctx.put("closed", true);
          views.render(ctx, VIEW);
        })
        .onFailure(ctx::fail);
  }
}
