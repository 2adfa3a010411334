package vn.ngoforum.dev;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.ngoforum.config.AppConfig;

/**
 * The mail of the local realm: Keycloak sends the password-reset and address-verification e-mails itself, through
 * the mail server the forum is configured with ({@code FORUM_SMTP_*}), so the run command's realm follows the forum's
 * configuration. With a mail server, "Forgot password?" is on the sign-in page and new accounts verify their
 * address; without one both are off, because Keycloak could only answer "failed to send email" (the demo accounts'
 * addresses count as verified, so signing in works either way).
 *
 * <p>The settings are put into the running realm through Keycloak's admin REST API (a partial update: nothing else
 * of the realm changes), on every start: a realm imported by an earlier run, before these settings existed or with
 * another mail server, is brought in line too. Production imports {@code deploy/keycloak-realm.prod.json}, whose
 * mail settings are placeholders filled from the same variables.
 */
public final class RealmMail {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  /** "NGO Forum &lt;no-reply@example.org&gt;": a display name and an address. */
  private static final Pattern NAMED_ADDRESS = Pattern.compile("\\s*(.*?)\\s*<([^>]+)>\\s*");

  private RealmMail() {
  }

  /**
   * The realm settings that follow from {@code smtp}: Keycloak's {@code smtpServer} (empty when there is no mail
   * server), {@code resetPasswordAllowed} and {@code verifyEmail}.
   */
  public static JsonObject settings(AppConfig.Smtp smtp) {
    JsonObject server = new JsonObject();
    if (smtp.enabled()) {
      Matcher named = NAMED_ADDRESS.matcher(smtp.from());
      boolean hasName = named.matches();
      server.put("host", smtp.host())
          .put("port", String.valueOf(smtp.port()))
          .put("from", hasName ? named.group(2).trim() : smtp.from().trim())
          // Port 465 speaks TLS from the first byte; elsewhere STARTTLS when the server offers it, as the forum does.
          .put("ssl", String.valueOf(smtp.port() == 465))
          .put("starttls", String.valueOf(smtp.port() != 465))
          .put("auth", String.valueOf(smtp.username() != null));
      if (hasName && !named.group(1).isEmpty()) {
        server.put("fromDisplayName", named.group(1));
      }
      if (smtp.username() != null) {
        server.put("user", smtp.username()).put("password", smtp.password() == null ? "" : smtp.password());
      }
    }
    return new JsonObject()
        .put("smtpServer", server)
        .put("resetPasswordAllowed", smtp.enabled())
        .put("verifyEmail", smtp.enabled());
  }

  /**
   * Puts {@link #settings} into realm {@code realm} of the Keycloak at {@code keycloakUrl}, as the master realm's
   * administrator {@code adminUser}.
   *
   * @throws IllegalStateException when Keycloak refuses (wrong administrator, no such realm)
   */
  public static void apply(String keycloakUrl, String realm, String adminUser, String adminPassword,
      AppConfig.Smtp smtp) {
    update(keycloakUrl, realm, adminToken(keycloakUrl, adminUser, adminPassword), settings(smtp));
  }

  /** A partial update of realm {@code realm}: the fields of {@code changes}, nothing else. */
  static void update(String keycloakUrl, String realm, String token, JsonObject changes) {
    HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(keycloakUrl + "/admin/realms/"
            + URLEncoder.encode(realm, StandardCharsets.UTF_8)))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(changes.encode())));
    if (answer.statusCode() != 204) {
      throw new IllegalStateException("Keycloak did not take the mail settings of realm " + realm + ": "
          + answer.statusCode() + " " + answer.body());
    }
  }

  /** An access token of the master realm's administrator, for the admin REST API. */
  static String adminToken(String keycloakUrl, String user, String password) {
    String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(
            keycloakUrl + "/realms/master/protocol/openid-connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("Keycloak's administrator " + user + " cannot sign in: "
          + answer.statusCode());
    }
    return new JsonObject(answer.body()).getString("access_token");
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Keycloak did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while talking to Keycloak", e);
    }
  }
}
