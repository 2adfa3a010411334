package vn.ngoforum.signin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.sstore.SessionStore;
import java.util.List;
import java.util.Set;
import vn.ngoforum.auth.AccountClosed;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Oidc;
import vn.ngoforum.auth.RealmAccounts;
import vn.ngoforum.auth.SessionEvents;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.web.Views;

/**
 * Signing in and out through Keycloak, as the composition root sees it: {@code /login}, {@code /callback},
 * {@code /logout}, Keycloak's back-channel logout, {@code /api/v1/me}, and closing one's account.
 */
public final class SignInModule {

  /**
   * Addresses that take a body from someone who is not signed in: the sign-out form (whose session may have ended)
   * and Keycloak's back-channel logout (a signed token, no cookie). The latter is also exempt from CSRF.
   */
  public static final Set<String> OPEN_TO_ANYONE = Set.of("/logout", SignInRoutes.BACKCHANNEL_LOGOUT_PATH);
  /** Authenticated by a signed token instead of the browser session: exempt from CSRF. */
  public static final String BACKCHANNEL_LOGOUT_PATH = SignInRoutes.BACKCHANNEL_LOGOUT_PATH;

  private final SignInRoutes routes;
  private final CloseAccountRoutes closeAccount;
  private final AccountClosing closing;

  /**
   * {@code whenClosed}: what each feature does when a person closes their account (after Keycloak has disabled it),
   * in order.
   */
  public SignInModule(Vertx vertx, AppConfig config, Oidc oidc, MongoClient mongo, SessionStore sessions, Views views,
      Memberships memberships, SessionEvents sessionEvents, List<AccountClosed> whenClosed) {
    this.routes = new SignInRoutes(config, oidc, mongo, sessions, views, memberships, sessionEvents);
    this.closing = new AccountClosing(vertx, mongo, new RealmAccounts(vertx, config), whenClosed);
    this.closeAccount = new CloseAccountRoutes(closing, new SignInRepository(mongo), sessionEvents, views);
  }

  /** Finishes the account closings a stopped node left unfinished (in the background). */
  public void resumeClosings() {
    closing.resumeUnfinished();
  }

  public static Future<Void> createIndexes(MongoClient mongo) {
    return SignInRoutes.createIndexes(mongo);
  }

  public void mount(Router router) {
    routes.mount(router);
    closeAccount.mount(router);
  }
}
