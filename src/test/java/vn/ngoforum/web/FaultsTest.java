package vn.ngoforum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.db.EmbeddedMongo;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.TcpProxy;
import vn.ngoforum.support.TestForum;
import vn.ngoforum.support.TestServers;

/** When Keycloak or MongoDB is away the forum says so clearly, keeps what it can, and recovers by itself. */
@ExtendWith(VertxExtension.class)
class FaultsTest {

  @Test
  @DisplayName("with Keycloak unreachable the forum starts, serves reading, and sign-in answers 503 with a clear page")
  void keycloakDown(Vertx vertx) {
    String base = TestForum.onOwnPort(vertx, "keycloak-down", Map.of(
        AppConfig.KEYCLOAK_URL, "http://127.0.0.1:" + TestServers.freePort())).base();
    Browser browser = new Browser();

    assertEquals(200, browser.get(base + "/").status(), "public pages work");

    Page login = browser.get(base + "/login");
    assertEquals(503, login.status());
    assertTrue(login.header("retry-after").isPresent());
    assertTrue(login.body().contains("Đăng nhập tạm thời không khả dụng"), "a clear page in the person's language");

    Page health = browser.get(base + "/health");
    assertEquals(200, health.status(), "the forum is UP: it serves reading");
    assertEquals("DOWN", new JsonObject(health.body()).getString("keycloak"));

    Page api = browser.get(base + "/api/v1/me", Map.of("Authorization", "Bearer whatever"));
    assertEquals(503, api.status());
    assertEquals("unavailable", new JsonObject(api.body()).getString("error"));
  }

  @Test
  @DisplayName("when Keycloak comes back, sign-in works again without restarting the forum")
  void keycloakComesBack(Vertx vertx) {
    int keycloakPort = TestServers.freePort();
    String base = TestForum.onOwnPort(vertx, "keycloak-back", Map.of(
        AppConfig.KEYCLOAK_URL, "http://127.0.0.1:" + keycloakPort)).base();
    Browser browser = new Browser();
    assertEquals(503, browser.get(base + "/login").status());

    java.net.URI keycloak = java.net.URI.create(TestServers.get().keycloakUrl());
    try (TcpProxy ignored = TcpProxy.start(vertx, keycloakPort, keycloak.getHost(), keycloak.getPort())) {
      String state = eventually(() -> new JsonObject(browser.get(base + "/health").body()).getString("keycloak"),
          "UP", Duration.ofSeconds(60));
      assertEquals("UP", state, "discovery was retried in the background");
      Page login = browser.get(base + "/login");
      assertEquals(302, login.status());
      assertTrue(login.header("location").orElseThrow().startsWith("http://127.0.0.1:" + keycloakPort + "/realms/"));
    }
  }

  @Test
  @DisplayName("with MongoDB gone, pages and API answer 503 within seconds, and all works again when it is back")
  void mongoDown(Vertx vertx, @TempDir Path dir) {
    Path file = dir.resolve("store.mv");
    int mongoPort = TestServers.freePort();
    EmbeddedMongo store = EmbeddedMongo.start(file, mongoPort);
    String base = TestForum.onOwnPort(vertx, "faults", Map.of(AppConfig.MONGO_URI, store.uri("faults"))).base();
    Browser browser = new Browser();
    assertEquals(200, browser.get(base + "/health").status());

    store.close();
    Instant start = Instant.now();
    Page health = browser.get(base + "/health");
    assertEquals(503, health.status());
    assertEquals("DOWN", new JsonObject(health.body()).getString("mongo"));
    Page home = browser.get(base + "/");
    assertEquals(503, home.status());
    assertTrue(home.body().contains("Tạm thời không khả dụng"));
    Page api = browser.get(base + "/api/v1/categories");
    assertEquals(503, api.status());
    assertEquals("unavailable", new JsonObject(api.body()).getString("error"));
    assertTrue(api.header("retry-after").isPresent());
    assertTrue(Duration.between(start, Instant.now()).toSeconds() < 15,
        "answers come within seconds, not after the driver's 30 s default");

    EmbeddedMongo again = EmbeddedMongo.start(file, mongoPort);
    try {
      assertEquals(200, eventually(() -> browser.get(base + "/health").status(), 200, Duration.ofSeconds(30)));
      Page categories = browser.get(base + "/api/v1/categories");
      assertEquals(200, categories.status());
      assertTrue(categories.body().contains("policy-and-law"), "the data written before the outage is still there");
    } finally {
      again.close();
    }
  }

  /** Polls {@code value} until it equals {@code expected} or the time is up; returns the last value. */
  private static <T> T eventually(Supplier<T> value, T expected, Duration limit) {
    return Eventually.value(value, expected::equals, limit);
  }
}
