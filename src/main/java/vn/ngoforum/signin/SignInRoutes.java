package vn.ngoforum.signin;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.SessionStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Oidc;
import vn.ngoforum.auth.RealmTokens;
import vn.ngoforum.auth.SessionEvents;
import vn.ngoforum.auth.SessionUser;
import vn.ngoforum.auth.Sessions;
import vn.ngoforum.auth.UserRepository;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.LocalPath;
import vn.ngoforum.web.Views;

/**
 * Sign-in and sign-out through Keycloak (OpenID Connect authorisation code flow with PKCE S256).
 *
 * <pre>
 *   GET  /login?next=/t/42   → 302 to Keycloak's login page (the sign-in rides in a sealed cookie: nothing stored)
 *                                                               curl -i localhost:8080/login
 *   GET  /callback           ← Keycloak sends the browser back here
 *   GET  /logout             a page with the sign-out button
 *   POST /logout             ends the forum session, then Keycloak's (RP-initiated logout)
 *   POST /logout/backchannel ← Keycloak ends a session elsewhere: the matching forum sessions end too
 *   GET  /api/v1/me          the signed-in person, or 401           curl -H "Authorization: Bearer $T" .../api/v1/me
 * </pre>
 */
final class SignInRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(SignInRoutes.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  /** The cookie that carries a sign-in in progress from {@code /login} to {@code /callback} ({@link SignInState}). */
  public static final String SIGN_IN_COOKIE = "forum.signin";
  private static final int SIGN_IN_RETRY_SECONDS = 30;
  private static final String BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
  /** The path Keycloak posts logout tokens to; it carries no browser cookies, so it is exempt from CSRF. */
  static final String BACKCHANNEL_LOGOUT_PATH = "/logout/backchannel";

  private final AppConfig config;
  private final Oidc oidc;
  private final UserRepository users;
  private final SignInRepository signIns;
  private final SessionStore sessions;
  private final Views views;
  private final Memberships memberships;
  private final SessionEvents sessionEvents;
  private final SignInState signInState;

  SignInRoutes(AppConfig config, Oidc oidc, MongoClient mongo, SessionStore sessions, Views views,
      Memberships memberships, SessionEvents sessionEvents) {
    this.config = config;
    this.sessionEvents = sessionEvents;
    this.memberships = memberships;
    this.oidc = oidc;
    this.users = new UserRepository(mongo);
    this.signIns = new SignInRepository(mongo);
    this.sessions = sessions;
    this.views = views;
    this.signInState = new SignInState(config.keycloakClientSecret());
  }

  /** Indexes of the collections sign-in uses. */
  static Future<Void> createIndexes(MongoClient mongo) {
    return Future.all(new UserRepository(mongo).createIndexes(), new SignInRepository(mongo).createIndexes())
        .mapEmpty();
  }

  void mount(Router router) {
    router.get("/login").handler(this::login);
    router.get("/callback").handler(this::callback);
    router.get("/logout").handler(this::confirmLogout);
    router.post("/logout").handler(this::logout);
    router.post(BACKCHANNEL_LOGOUT_PATH).handler(this::backchannelLogout);
    router.get("/api/v1/me").handler(Access.signedIn()).handler(this::me);
  }

  private void login(RoutingContext ctx) {
    String next = LocalPath.next(ctx.request());
    if (CurrentUser.of(ctx).isPresent()) {
      ctx.redirect(next);
      return;
    }
    OAuth2Auth provider = providerOrFail(ctx);
    if (provider == null) {
      return;
    }
    String state = randomToken(24);
    String verifier = randomToken(48);
    ctx.response().addCookie(signInCookie(
        signInState.seal(new SignInState.Pending(state, verifier, next), Instant.now()),
        SignInState.LIFETIME.toSeconds()));
    ctx.response().putHeader("Cache-Control", "no-store");
    String lang = ctx.get(Views.LANG);
    ctx.redirect(provider.authorizeURL(new OAuth2AuthorizationURL()
        .setRedirectUri(config.callbackUrl())
        .setScopes(List.of("openid", "profile", "email"))
        .setState(state)
        .setCodeChallenge(s256(verifier))
        .setCodeChallengeMethod("S256")
        .putAdditionalParameter("ui_locales", lang == null ? "vi" : lang)));
  }

  private void callback(RoutingContext ctx) {
    OAuth2Auth provider = providerOrFail(ctx);
    if (provider == null) {
      return;
    }
    Cookie cookie = ctx.request().getCookie(SIGN_IN_COOKIE);
    SignInState.Pending pending = cookie == null ? null
        : signInState.open(cookie.getValue(), Instant.now()).orElse(null);
    if (cookie != null) {
      // Used once, whatever happens next.
      ctx.response().addCookie(signInCookie("", 0));
    }
    String expectedState = pending == null ? null : pending.state();
    String state = ctx.request().getParam("state");
    if (expectedState == null || state == null || !MessageDigest.isEqual(
        expectedState.getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8))) {
      ctx.fail(ForumException.invalid("This sign-in expired or was started in another window. Please sign in again.")
          .withMessageKey("auth.signin_expired"));
      return;
    }
    String next = pending.next();
    String verifier = pending.verifier();
    if (ctx.request().getParam("error") != null) {
      // The person cancelled on Keycloak's page, or Keycloak refused: nothing to sign in, go back.
      ctx.redirect(LocalPath.orHome(next));
      return;
    }
    String code = ctx.request().getParam("code");
    if (code == null || code.isBlank()) {
      ctx.fail(ForumException.invalid("The sign-in answer carries no authorisation code."));
      return;
    }
    provider.authenticate(new Oauth2Credentials()
            .setFlow(OAuth2FlowType.AUTH_CODE)
            .setCode(code)
            .setRedirectUri(config.callbackUrl())
            .setCodeVerifier(verifier))
        .compose(this::signedIn)
        .compose(signed -> {
          // The one place a session is made. A new session id at the privilege change defeats session fixation
          // (and makes the session handler store it); a new CSRF token with it.
          Session session = Sessions.forSignIn(ctx);
          session.regenerateId();
          session.remove("csrf");
          SessionUser.signIn(session, signed.user(), signed.tokens(), signed.accessClaims(), Instant.now());
          return signed.keycloakSessionId() == null ? Future.succeededFuture(signed)
              : signIns.record(session.id(), signed.keycloakSessionId(), signed.user().id()).map(signed);
        })
        .onSuccess(signed -> {
          LOG.info("{} signed in", signed.user().username());
          ctx.redirect(LocalPath.orHome(next));
        })
        .onFailure(failure -> {
          if (Mongo.isUnavailable(failure) || failure instanceof ForumException) {
            ctx.fail(failure);
            return;
          }
          LOG.warn("Sign-in did not complete: {}", failure.getMessage());
          ctx.fail(ForumException.unauthorized("Sign-in did not complete. Please try again.")
              .withMessageKey("auth.signin_failed"));
        });
  }

  /** Who signed in, Keycloak's token answer, the checked access token's claims, and Keycloak's session id. */
  private record SignedIn(CurrentUser user, JsonObject tokens, JsonObject accessClaims, String keycloakSessionId) {
  }

  private Future<SignedIn> signedIn(User user) {
    JsonObject accessToken = user.attributes().getJsonObject("accessToken");
    if (accessToken == null) {
      return Future.failedFuture("Keycloak's access token could not be validated (is the audience mapper for "
          + config.keycloakClientId() + " in the realm?)");
    }
    CurrentUser current = CurrentUser.fromClaims(accessToken, user.attributes().getJsonObject("idToken"));
    return users.upsert(current).map(v -> new SignedIn(current, user.principal(), accessToken,
        accessToken.getString("sid", accessToken.getString("session_state"))));
  }

  private void confirmLogout(RoutingContext ctx) {
    views.render(ctx, "auth/logout");
  }

  private void logout(RoutingContext ctx) {
    Session session = Sessions.existing(ctx).orElse(null);
    String idToken = session == null ? null : SessionUser.idToken(session);
    if (session != null) {
      signIns.forgetSession(session.id());
      CurrentUser.of(ctx).ifPresent(user -> LOG.info("{} signed out", user.username()));
      sessionEvents.ended(session.id());
      session.destroy();
    }
    String home = config.publicUrl() + "/";
    String target = oidc.provider()
        .filter(provider -> idToken != null)
        .map(provider -> provider.endSessionURL(User.create(new JsonObject().put("id_token", idToken)),
            new JsonObject()
                .put("post_logout_redirect_uri", home)
                .put("client_id", config.keycloakClientId())))
        .orElse("/");
    ctx.response().setStatusCode(303).putHeader("Location", target).end();
  }

  /**
   * OpenID Connect back-channel logout: Keycloak posts a signed logout token naming its session ({@code sid});
   * every forum session opened under it ends. Answers 200 when done, 400 for a token that does not check out.
   */
  private void backchannelLogout(RoutingContext ctx) {
    if (providerOrFail(ctx) == null) {
      return;
    }
    RealmTokens tokens = oidc.tokens().orElseThrow();
    String logoutToken = ctx.request().getFormAttribute("logout_token");
    if (logoutToken == null || logoutToken.isBlank()) {
      ctx.fail(ForumException.invalid("logout_token is required"));
      return;
    }
    // Checked locally like any token of the realm (signature, issuer, audience, expiry, type "Logout").
    tokens.logoutToken(logoutToken)
        .recover(failure -> Future.succeededFuture(null))
        .compose(claims -> {
          if (claims == null || claims.getString("sid") == null || claims.containsKey("nonce")
              || claims.getJsonObject("events") == null
              || !claims.getJsonObject("events").containsKey(BACKCHANNEL_LOGOUT_EVENT)) {
            return Future.failedFuture(ForumException.invalid("The logout token is not valid."));
          }
          String sid = claims.getString("sid");
          return signIns.forumSessionsOf(sid)
              .compose(ids -> Future.all(ids.stream().map(id -> sessions.delete(id)
                  .onSuccess(v -> sessionEvents.ended(id))).toList()))
              .compose(done -> signIns.forgetKeycloakSession(sid))
              .onSuccess(v -> LOG.info("Keycloak ended session {}: its forum sessions are closed", sid));
        })
        .onSuccess(v -> ctx.response().putHeader("Cache-Control", "no-store").setStatusCode(200).end())
        .onFailure(ctx::fail);
  }

  private void me(RoutingContext ctx) {
    CurrentUser user = CurrentUser.of(ctx).orElseThrow();
    JsonArray roles = new JsonArray();
    user.roles().forEach(role -> roles.add(role.realmRole()));
    memberships.of(user.id())
        .onSuccess(organisations -> JsonResponses.ok(ctx, new JsonObject()
            .put("id", user.id())
            .put("username", user.username())
            .put("name", user.name())
            .put("email", user.email())
            .put("roles", roles)
            .put("organisations", new JsonArray(organisations))))
        .onFailure(ctx::fail);
  }

  private OAuth2Auth providerOrFail(RoutingContext ctx) {
    OAuth2Auth provider = oidc.provider().orElse(null);
    if (provider == null) {
      ctx.fail(ForumException.unavailable("Sign-in is temporarily unavailable. Reading works; please try again "
          + "in a minute.", SIGN_IN_RETRY_SECONDS).withMessageKey("auth.signin_unavailable"));
    }
    return provider;
  }

  private Cookie signInCookie(String value, long maxAgeSeconds) {
    return Cookie.cookie(SIGN_IN_COOKIE, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSecure(config.secureCookies())
        // Lax: sent on Keycloak's redirect back (a top-level GET), never on another site's requests.
        .setSameSite(CookieSameSite.LAX)
        .setMaxAge(maxAgeSeconds);
  }

  private static String randomToken(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private static String s256(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
