package vn.ngoforum.auth;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.NoSuchKeyIdException;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realm's tokens, checked and refreshed by the forum itself.
 *
 * <p><b>Checking</b> happens here, against the realm's signing keys the forum holds: signature, issuer, audience
 * (the forum's client), expiry and the token type. A token that fails is refused without a word to Keycloak, so
 * junk in an {@code Authorization} header costs a few microseconds, not a Keycloak call. (The OAuth2 provider of
 * vertx-auth would ask Keycloak's introspection endpoint about every token it cannot check itself.) Keycloak
 * rotates its keys, so a well-formed token naming a key the forum does not know triggers a reload of the key set,
 * at most once per {@link #KEY_RELOAD_PAUSE_MILLIS}: a flood of tokens with made-up key ids costs one call.
 *
 * <p><b>Refreshing</b> asks the token endpoint for new tokens with a refresh token, and says which of three things
 * happened: new tokens (checked like any other), a refusal (Keycloak ended the session, or it reached its
 * maximum: the forum session must end), or no answer (Keycloak is away or failing: the caller decides).
 */
public final class RealmTokens {

  private static final Logger LOG = LoggerFactory.getLogger(RealmTokens.class);
  /** The least time between two reloads of the key set for unknown key ids. */
  static final long KEY_RELOAD_PAUSE_MILLIS = 30_000;
  /** Longer tokens are not Keycloak's (its access tokens are 1-2 KB); they are refused before any parsing. */
  static final int MAX_TOKEN_LENGTH = 8192;
  private static final Set<String> SIGNATURE_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384",
      "PS512", "ES256", "ES384", "ES512", "EdDSA");
  private static final int TIMEOUT_MILLIS = 3_000;

  /** The outcome of a refresh. */
  sealed interface Refresh permits Refreshed, Refused, Unreachable {
  }

  /** New tokens: {@code claims} are the checked access token's, {@code tokens} the token endpoint's answer. */
  record Refreshed(JsonObject tokens, JsonObject claims) implements Refresh {
  }

  /** Keycloak refused: the refresh token (and with it the Keycloak session) is no longer valid. */
  record Refused(String reason) implements Refresh {
  }

  /** No usable answer (network, timeout, 5xx, or new tokens the forum cannot check yet). */
  record Unreachable(String reason) implements Refresh {
  }

  private final Vertx vertx;
  private final WebClient http;
  private final String jwksUri;
  private final String tokenUri;
  private final String issuer;
  private final String clientId;
  private final String clientSecret;
  private volatile JWTAuth keys;
  private final AtomicLong lastReload = new AtomicLong();

  private RealmTokens(Vertx vertx, WebClient http, String jwksUri, String tokenUri, String issuer, String clientId,
      String clientSecret) {
    this.vertx = vertx;
    this.http = http;
    this.jwksUri = jwksUri;
    this.tokenUri = tokenUri;
    this.issuer = issuer;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  /** Loads the realm's key set from {@code jwksUri}; fails when it cannot be loaded. */
  static Future<RealmTokens> load(Vertx vertx, String jwksUri, String tokenUri, String issuer, String clientId,
      String clientSecret) {
    WebClient http = WebClient.create(vertx, new WebClientOptions()
        .setConnectTimeout(TIMEOUT_MILLIS)
        .setIdleTimeout(30)
        .setIdleTimeoutUnit(TimeUnit.SECONDS));
    RealmTokens tokens = new RealmTokens(vertx, http, jwksUri, tokenUri, issuer, clientId, clientSecret);
    tokens.lastReload.set(System.nanoTime());
    return tokens.fetchKeys().map(keys -> {
      tokens.keys = keys;
      return tokens;
    }).onFailure(failure -> http.close());
  }

  void close() {
    http.close();
  }

  /** The claims of a valid access token for the forum; fails (with no call to Keycloak but a rare key reload). */
  public Future<JsonObject> accessToken(String token) {
    return verify(token, "Bearer");
  }

  /** The claims of a valid back-channel logout token for the forum. */
  public Future<JsonObject> logoutToken(String token) {
    return verify(token, "Logout");
  }

  /** Asks Keycloak for new tokens in exchange for {@code refreshToken}. Never fails: see {@link Refresh}. */
  Future<Refresh> refresh(String refreshToken) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", "refresh_token")
        .add("refresh_token", refreshToken)
        .add("client_id", clientId)
        .add("client_secret", clientSecret);
    return http.postAbs(tokenUri)
        .timeout(TIMEOUT_MILLIS)
        .putHeader("Accept", "application/json")
        .sendForm(form)
        .<Refresh>compose(this::refreshed)
        .recover(failure -> Future.succeededFuture(new Unreachable(String.valueOf(failure.getMessage()))));
  }

  private Future<Refresh> refreshed(HttpResponse<io.vertx.core.buffer.Buffer> response) {
    int status = response.statusCode();
    if (status == 400 || status == 401) {
      JsonObject error = jsonOrNull(response);
      String reason = error == null ? "HTTP " + status
          : error.getString("error", "") + ": " + error.getString("error_description", "");
      return Future.succeededFuture(new Refused(reason));
    }
    JsonObject tokens = status == 200 ? jsonOrNull(response) : null;
    if (tokens == null || tokens.getString("access_token") == null) {
      return Future.succeededFuture(new Unreachable("HTTP " + status + " from the token endpoint"));
    }
    return accessToken(tokens.getString("access_token"))
        .<Refresh>map(claims -> new Refreshed(tokens, claims))
        .recover(failure -> Future.succeededFuture(new Unreachable("new access token not usable yet: "
            + failure.getMessage())));
  }

  private Future<JsonObject> verify(String token, String type) {
    JsonObject header = header(token);
    if (header == null) {
      return Future.failedFuture("malformed token");
    }
    JWTAuth current = keys;
    return check(current, token, type).recover(failure -> {
      if (!(failure instanceof NoSuchKeyIdException) || !mayReload()) {
        return Future.failedFuture(failure);
      }
      LOG.info("A token names key {} which the forum does not hold: reloading the realm's keys", header.getValue("kid"));
      return fetchKeys()
          .onSuccess(reloaded -> keys = reloaded)
          .compose(reloaded -> check(reloaded, token, type));
    });
  }

  private Future<JsonObject> check(JWTAuth with, String token, String type) {
    return with.authenticate(new TokenCredentials(token)).compose(user -> {
      JsonObject claims = user.attributes().getJsonObject("accessToken");
      if (claims == null || !type.equals(claims.getString("typ"))) {
        return Future.failedFuture("not a " + type + " token");
      }
      return Future.succeededFuture(claims);
    });
  }

  /** At most one reload per pause, whichever event loop asks first. */
  private boolean mayReload() {
    long now = System.nanoTime();
    long last = lastReload.get();
    return now - last >= TimeUnit.MILLISECONDS.toNanos(KEY_RELOAD_PAUSE_MILLIS) && lastReload.compareAndSet(last, now);
  }

  private Future<JWTAuth> fetchKeys() {
    return http.getAbs(jwksUri).timeout(TIMEOUT_MILLIS).send().compose(response -> {
      JsonObject set = response.statusCode() == 200 ? jsonOrNull(response) : null;
      JsonArray all = set == null ? null : set.getJsonArray("keys");
      if (all == null) {
        return Future.failedFuture("the realm's key set answered HTTP " + response.statusCode());
      }
      List<JsonObject> signing = all.stream()
          .filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
          .filter(key -> !"enc".equals(key.getString("use")) && SIGNATURE_ALGORITHMS.contains(key.getString("alg")))
          .toList();
      return Future.succeededFuture(JWTAuth.create(vertx, new JWTAuthOptions()
          .setJwks(signing)
          .setJWTOptions(new JWTOptions().setIssuer(issuer).setAudience(List.of(clientId)))));
    });
  }

  /**
   * The token's header when the token looks like a signed JWT with an algorithm the realm signs with (three
   * base64url parts, a JSON header naming such an algorithm), else {@code null}.
   */
  private static JsonObject header(String token) {
    if (token == null || token.length() > MAX_TOKEN_LENGTH) {
      return null;
    }
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (first <= 0 || second <= first + 1 || second == token.length() - 1 || token.indexOf('.', second + 1) >= 0) {
      return null;
    }
    try {
      JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(token.substring(0, first)),
          StandardCharsets.UTF_8));
      return SIGNATURE_ALGORITHMS.contains(header.getString("alg")) ? header : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static JsonObject jsonOrNull(HttpResponse<io.vertx.core.buffer.Buffer> response) {
    try {
      return response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
