package vn.ngoforum.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.CountingHttpProxy;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;
import vn.ngoforum.support.TestServers;

/**
 * A forum session follows the Keycloak session it came from: roles change when Keycloak's do (at the next token
 * refresh), the session ends when Keycloak ends or refuses it, and never outlives it, even while Keycloak is away.
 * The forum uses the test client {@link TestServers#BRIEF_CLIENT}: 3-second access tokens, 24-second sessions.
 */
@ExtendWith(VertxExtension.class)
class SessionLifetimeTest {

  @Test
  @DisplayName("a role given in Keycloak reaches the signed-in person at the next token refresh, without signing in again")
  void rolesFollowRefresh(Vertx vertx) {
    String base = forum(vertx, TestServers.get().keycloakUrl());
    String username = newPerson();
    Browser browser = Browser.signedIn(base, username);
    assertEquals(new JsonArray(), me(browser, base).getJsonArray("roles"), "signed in with no forum role");
    try (BridgeClient live = liveConnection(vertx, browser, base)) {
      People.grantRole(username, "member");
      JsonObject me = Eventually.value(() -> me(browser, base),
          answer -> answer.getJsonArray("roles").contains("member"), Duration.ofSeconds(15));
      assertEquals(new JsonArray().add("member"), me.getJsonArray("roles"), "the new role arrived with the refresh");
      assertEquals(username, me.getString("username"), "still the same person and session");
      assertClosed(live, "the live connection opened with the old roles closes, so the page reconnects with the new");
    }
  }

  @Test
  @DisplayName("when Keycloak ends the person's session (no back-channel call reaches the forum) the forum session ends at the next refresh")
  void keycloakRefusalEndsSession(Vertx vertx) {
    String base = forum(vertx, TestServers.get().keycloakUrl());
    String username = newPerson();
    Browser browser = Browser.signedIn(base, username);
    String id = me(browser, base).getString("id");
    try (BridgeClient live = liveConnection(vertx, browser, base)) {
      People.endSessions(id);
      assertEquals(401, statusOnceNot200(browser, base, Duration.ofSeconds(15)), "signed out by the refused refresh");
      assertTrue(browser.cookie(base, "forum.session").isEmpty(), "the session cookie is cleared");
      assertClosed(live, "the live connection of the ended session closes");
    }
  }

  /** A live connection of the browser's session, following the person's own address. */
  private static BridgeClient liveConnection(Vertx vertx, Browser browser, String base) {
    BridgeClient live = BridgeClient.connect(vertx, java.net.URI.create(base).getPort(),
        browser.cookie(base, "forum.session").orElseThrow());
    live.registerAndAwait("user." + me(browser, base).getString("id"), 10_000);
    return live;
  }

  private static void assertClosed(BridgeClient live, String message) {
    assertTrue(Eventually.holds(live::isClosed, Duration.ofSeconds(10)), message);
  }

  @Test
  @DisplayName("an active person's session ends when Keycloak's session reaches its maximum lifetime")
  void absoluteLifetime(Vertx vertx) {
    String base = forum(vertx, TestServers.get().keycloakUrl());
    Browser browser = new Browser();
    Instant signedIn = Instant.now();
    browser.signIn(base, newPerson(), TestServers.PASSWORD);
    assertEquals(401, statusOnceNot200(browser, base,
        Duration.ofSeconds(TestServers.BRIEF_SESSION_SECONDS + 15)), "the session ended");
    assertTrue(Duration.between(signedIn, Instant.now()).toSeconds() >= TestServers.BRIEF_SESSION_SECONDS - 1,
        "not before Keycloak's session maximum");
  }

  @Test
  @DisplayName("with Keycloak unreachable the signed-in person keeps reading with the roles they had, until Keycloak's session would have ended")
  void keycloakAway(Vertx vertx) {
    TestServers servers = TestServers.get();
    try (CountingHttpProxy keycloak = CountingHttpProxy.start(vertx, servers.keycloakUrl())) {
      String base = forum(vertx, keycloak.url());
      Browser browser = new Browser();
      Instant started = Instant.now();
      browser.signIn(base, "moderator", TestServers.PASSWORD);
      Instant signedIn = Instant.now();
      assertEquals(200, me(browser, base, 200).getInteger("status"));

      keycloak.setDown(true);
      Instant accessExpired = signedIn.plusSeconds(TestServers.BRIEF_ACCESS_SECONDS + 1);
      Instant deadline = started.plusSeconds(TestServers.BRIEF_SESSION_SECONDS + 15);
      AtomicBoolean servedAfterExpiry = new AtomicBoolean();
      int calls = keycloak.requests().size();
      int status = Eventually.value(() -> {
        Page page = browser.get(base + "/api/v1/me");
        if (page.status() == 200 && Instant.now().isAfter(accessExpired)) {
          servedAfterExpiry.set(true);
          assertTrue(new JsonObject(page.body()).getJsonArray("roles").contains("moderator"), "with their roles");
        }
        return page.status();
      }, answer -> answer != 200, Duration.between(Instant.now(), deadline));
      assertTrue(servedAfterExpiry.get(), "the person stayed signed in past the access token's expiry");
      assertEquals(401, status, "and was signed out when Keycloak's session would have ended");
      assertTrue(Duration.between(started, Instant.now()).toSeconds() >= TestServers.BRIEF_SESSION_SECONDS - 1,
          "not earlier");
      int attempts = keycloak.requests().size() - calls;
      assertTrue(attempts >= 1 && attempts <= 4,
          "refresh was attempted, then retried sparingly, not on every request: " + keycloak.requests());
    }
  }

  private static String forum(Vertx vertx, String keycloakUrl) {
    return TestForum.onOwnPort(vertx, "session-lifetime", Map.of(
        "KEYCLOAK_URL", keycloakUrl,
        "KEYCLOAK_CLIENT_ID", TestServers.BRIEF_CLIENT,
        "KEYCLOAK_CLIENT_SECRET", TestServers.TEST_CLIENT_SECRET)).base();
  }

  private static JsonObject me(Browser browser, String base) {
    Page page = browser.get(base + "/api/v1/me");
    assertEquals(200, page.status(), page.body());
    return new JsonObject(page.body());
  }

  private static JsonObject me(Browser browser, String base, int expected) {
    Page page = browser.get(base + "/api/v1/me");
    assertEquals(expected, page.status(), page.body());
    return new JsonObject().put("status", page.status());
  }

  /** Polls {@code /api/v1/me} while it answers 200, at most {@code limit}; returns the last status. */
  private static int statusOnceNot200(Browser browser, String base, Duration limit) {
    return Eventually.value(() -> browser.get(base + "/api/v1/me").status(), status -> status != 200, limit);
  }

  /** A new person in the realm with no role (so each test's Keycloak session is its own). */
  private static String newPerson() {
    return People.create(null);
  }
}
