package vn.ngoforum.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;
import vn.ngoforum.support.TestServers;

/** The JSON API accepts access tokens from the realm, and only valid ones meant for the forum. */
class BearerTokenTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("bearer");

  @Test
  @DisplayName("a Keycloak access token for the forum identifies the person and their roles")
  void validToken() {
    String token = People.token("moderator");
    Page me = bearer(token, "/api/v1/me");
    assertEquals(200, me.status(), me.body());
    JsonObject body = new JsonObject(me.body());
    assertEquals("moderator", body.getString("username"));
    assertTrue(body.getJsonArray("roles").contains("moderator"));
  }

  @Test
  @DisplayName("a token whose payload was altered is refused")
  void forgedToken() {
    String[] parts = People.token("member").split("\\.");
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    claims.getJsonObject("realm_access").getJsonArray("roles").add("admin");
    String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    Page me = bearer(forged, "/api/v1/me");
    assertEquals(401, me.status());
    assertEquals("unauthorized", new JsonObject(me.body()).getString("error"));
  }

  @Test
  @DisplayName("a token issued for another application is refused")
  void otherAudience() {
    assertEquals(401, bearer(People.token(TestServers.OTHER_CLIENT, "member"), "/api/v1/me").status());
  }

  @Test
  @DisplayName("an expired token is refused")
  void expiredToken() {
    String token = People.token(TestServers.SHORT_LIVED_CLIENT, "member");
    assertEquals(200, bearer(token, "/api/v1/me").status(), "valid while it lives");
    int status = Eventually.value(() -> bearer(token, "/api/v1/me").status(), answer -> answer != 200,
        Duration.ofSeconds(20));
    assertEquals(401, status, "refused once its two seconds are over");
  }

  @Test
  @DisplayName("garbage in the Authorization header is refused")
  void garbage() {
    assertEquals(401, bearer("not-a-token", "/api/v1/me").status());
    assertEquals(401, forum.as("").get("/api/v1/me").status(), "an empty token (\"Bearer \")");
  }

  @Test
  @DisplayName("Bearer calls need no CSRF token: only browser sessions do")
  void bearerSkipsCsrf() {
    String token = People.token("member");
    Page post = forum.as(token).post("/api/v1/me", new JsonObject());
    assertEquals(405, post.status(), "reaches routing (wrong method), not the CSRF check");
  }

  private static Page bearer(String token, String path) {
    return forum.as(token).get(path);
  }
}
