package vn.ngoforum.signin;

import io.vertx.core.Future;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.sstore.SessionStore;
import java.util.Set;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Oidc;
import vn.ngoforum.auth.SessionEvents;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.web.Views;

/**
 * Signing in and out through Keycloak, as the composition root sees it: {@code /login}, {@code /callback},
 * {@code /logout}, Keycloak's back-channel logout and {@code /api/v1/me}.
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

  public SignInModule(AppConfig config, Oidc oidc, MongoClient mongo, SessionStore sessions, Views views,
      Memberships memberships, SessionEvents sessionEvents) {
    this.routes = new SignInRoutes(config, oidc, mongo, sessions, views, memberships, sessionEvents);
  }

  public static Future<Void> createIndexes(MongoClient mongo) {
    return SignInRoutes.createIndexes(mongo);
  }

  public void mount(Router router) {
    routes.mount(router);
  }
}
