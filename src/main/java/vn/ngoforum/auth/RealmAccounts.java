package vn.ngoforum.auth;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.error.ForumException;

/**
 * The people of the realm, as the forum may change them through Keycloak's admin REST API: today only closing an
 * account (the person can no longer sign in, and every Keycloak session of theirs ends, which Keycloak tells the
 * forum by the back-channel).
 *
 * <p>The forum calls as itself: the realm's confidential client {@code KEYCLOAK_ACCOUNTS_CLIENT_ID} with a service
 * account holding realm-management's {@code manage-users} and nothing else (both realm files define it), by the
 * client-credentials grant, a fresh token per call (closing an account is rare). Any failure (Keycloak away,
 * refused, a timeout) is a 503: the caller changes nothing of its own then.
 */
public final class RealmAccounts {

  private static final Logger LOG = LoggerFactory.getLogger(RealmAccounts.class);
  private static final int TIMEOUT_MILLIS = 5_000;

  private final WebClient http;
  private final AppConfig config;

  public RealmAccounts(Vertx vertx, AppConfig config) {
    this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(3_000));
    this.config = config;
  }

  /**
   * Disables the Keycloak account {@code userId} (no more sign-ins, no more token refreshes) and ends its sessions.
   * Doing it again is harmless.
   */
  public Future<Void> disable(String userId) {
    String user = config.keycloakUrl() + "/admin/realms/" + encode(config.keycloakRealm()) + "/users/"
        + encode(userId);
    return token().compose(token -> expect(204, "disable", http.putAbs(user), token,
            new JsonObject().put("enabled", false))
        .compose(v -> expect(204, "sign out", http.postAbs(user + "/logout"), token, null)));
  }

  public void close() {
    http.close();
  }

  private Future<String> token() {
    return http.postAbs(config.realmUrl() + "/protocol/openid-connect/token")
        .timeout(TIMEOUT_MILLIS)
        .sendForm(MultiMap.caseInsensitiveMultiMap()
            .add("grant_type", "client_credentials")
            .add("client_id", config.keycloakAccountsClientId())
            .add("client_secret", config.keycloakAccountsClientSecret()))
        .recover(failure -> Future.failedFuture(unreachable("no answer to the token request: " + failure)))
        .compose(answer -> answer.statusCode() == 200 && answer.bodyAsJsonObject().getString("access_token") != null
            ? Future.succeededFuture(answer.bodyAsJsonObject().getString("access_token"))
            : Future.failedFuture(unreachable("the accounts client got " + answer.statusCode()
                + " for a token (is it in the realm, with this secret?)")));
  }

  private static Future<Void> expect(int status, String what, HttpRequest<Buffer> request, String token,
      JsonObject body) {
    request.timeout(TIMEOUT_MILLIS).bearerTokenAuthentication(token);
    Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
    return sent
        .recover(failure -> Future.failedFuture(unreachable("no answer to " + what + ": " + failure)))
        .compose(answer -> answer.statusCode() == status ? Future.<Void>succeededFuture()
            : Future.failedFuture(unreachable(what + " answered " + answer.statusCode())));
  }

  private static ForumException unreachable(String why) {
    LOG.warn("Keycloak did not close an account: {}", why);
    return ForumException.unavailable("The sign-in service did not answer: nothing was changed, please try again.", 30)
        .withMessageKey("account.close.unavailable");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
