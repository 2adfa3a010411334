package vn.ngoforum.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.CountingHttpProxy;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;
import vn.ngoforum.support.TestServers;

/**
 * Junk Bearer tokens cost nothing: the forum checks tokens against the realm keys it holds and refuses bad ones
 * itself, without asking Keycloak per request. Keycloak sits behind a proxy that counts what reaches it.
 */
@ExtendWith(VertxExtension.class)
class JunkTokensTest {

  private static CountingHttpProxy keycloak;
  private static TestForum forum;

  @BeforeAll
  static void deploy(Vertx vertx) {
    keycloak = CountingHttpProxy.start(vertx, TestServers.get().keycloakUrl());
    forum = TestForum.onOwnPort(vertx, "junk-tokens", Map.of("KEYCLOAK_URL", keycloak.url()));
  }

  @AfterAll
  static void close() {
    keycloak.close();
  }

  @Test
  @DisplayName("malformed, forged, unknown-key, wrong-audience and expired tokens get 401 without a call to Keycloak")
  void junkCostsNothing() {
    String good = token(TestServers.TEST_CLIENT, "member");
    String[] parts = good.split("\\.");
    JsonObject header = decode(parts[0]);
    JsonObject claims = decode(parts[1]);
    String shortLived = token(TestServers.SHORT_LIVED_CLIENT, "member");
    assertEquals(401, Eventually.value(() -> bearer(shortLived).status(), status -> status != 200,
        Duration.ofSeconds(20)), "the short-lived token has expired");

    Map<String, String> junk = new LinkedHashMap<>();
    junk.put("not a JWT", "not-a-token");
    junk.put("three dots of nothing", "a.b.c");
    junk.put("bad base64", "!!!.@@@.###");
    junk.put("JSON array header", encode("[1]") + "." + parts[1] + "." + parts[2]);
    junk.put("alg none", encode("{\"alg\":\"none\"}") + "." + parts[1] + ".");
    JsonObject admin = claims.copy();
    admin.getJsonObject("realm_access").getJsonArray("roles").add("admin");
    junk.put("altered payload", parts[0] + "." + encode(admin.encode()) + "." + parts[2]);
    junk.put("foreign signature", parts[0] + "." + parts[1] + "." + parts[2].substring(3) + "abc");
    String hsHeader = encode(header.copy().put("alg", "HS256").encode());
    junk.put("HS256 with the public key id", hsHeader + "." + parts[1] + "." + hmac(hsHeader + "." + parts[1]));
    junk.put("another application's token", token(TestServers.OTHER_CLIENT, "member"));
    junk.put("expired", shortLived);
    junk.put("an ID token", idToken());
    for (int i = 0; i < 10; i++) {
      junk.put("unknown key " + i, encode(header.copy().put("kid", UUID.randomUUID().toString()).encode()) + "."
          + parts[1] + "." + parts[2]);
    }
    junk.put("long", "x".repeat(6_000));

    int before = keycloak.requests().size();
    List<String> wrong = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      junk.forEach((what, token) -> {
        Page page = bearer(token);
        if (page.status() != 401 || !"unauthorized".equals(new JsonObject(page.body()).getString("error"))) {
          wrong.add(what + ": " + page.status() + " " + page.body());
        }
      });
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    List<String> calls = keycloak.requests().subList(before, keycloak.requests().size());
    assertTrue(calls.size() <= 1 && calls.stream().allMatch(call -> call.startsWith("GET ") && call.contains("/certs")),
        "at most one (rate-limited) key reload reached Keycloak for " + junk.size() * 3 + " junk tokens: " + calls);

    int beforeGood = keycloak.requests().size();
    for (int i = 0; i < 5; i++) {
      assertEquals(200, bearer(good).status());
    }
    assertEquals(beforeGood, keycloak.requests().size(), "a valid token is checked with the keys the forum holds");
  }

  private static Page bearer(String token) {
    return forum.as(token).get("/api/v1/me");
  }

  /** A token from Keycloak through the proxy, so that it names the issuer the forum knows. */
  private static String token(String clientId, String username) {
    return tokens(clientId, username).getString("access_token");
  }

  private static String idToken() {
    return tokens(TestServers.TEST_CLIENT, "member").getString("id_token");
  }

  private static JsonObject tokens(String clientId, String username) {
    return People.tokens(keycloak.url(), clientId, username);
  }

  private static JsonObject decode(String part) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String hmac(String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec("forum-tests-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(
          StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
