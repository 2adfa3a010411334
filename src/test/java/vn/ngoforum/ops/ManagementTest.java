package vn.ngoforum.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.db.EmbeddedMongo;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;
import vn.ngoforum.support.TestServers;

/** What an operator asks a forum node on its management listener: metrics, liveness, readiness. */
@ExtendWith(VertxExtension.class)
class ManagementTest {

  private final Browser browser = new Browser();

  @Test
  @DisplayName("an operator scrapes Prometheus text with the HTTP requests served and the forum's live connections")
  void metrics() {
    // Built as Main builds it: Vert.x's own metrics can only be switched on when Vert.x is created.
    Vertx vertx = Meters.vertx(new VertxOptions());
    try {
      int port = TestServers.freePort();
      int management = TestServers.freePort();
      ForumUnderTest.deploy(vertx, TestServers.config(Map.of(
          AppConfig.FORUM_HTTP_PORT, String.valueOf(port),
          AppConfig.FORUM_MANAGEMENT_PORT, String.valueOf(management),
          AppConfig.MONGO_URI, TestServers.get().mongoUri("ops-metrics"),
          AppConfig.KEYCLOAK_URL, TestServers.get().keycloakUrl())));
      String base = "http://localhost:" + port;
      for (int i = 0; i < 3; i++) {
        assertEquals(200, browser.get(base + "/").status());
      }
      assertEquals(404, browser.get(base + "/no-such-page").status());

      Page scrape = browser.get("http://127.0.0.1:" + management + "/metrics");
      assertEquals(200, scrape.status());
      assertTrue(scrape.header("content-type").orElseThrow().startsWith("text/plain"), "Prometheus text format");
      assertTrue(value(scrape.body(), "vertx_http_server_requests_total", "code=\"200\"", "route=\"/\"") >= 3,
          "the home page requests are counted, by route and status:\n" + scrape.body());
      assertTrue(value(scrape.body(), "vertx_http_server_requests_total", "code=\"404\"") >= 1,
          "answers that are not found are counted too");
      assertTrue(scrape.body().contains("vertx_eventbus_"), "the event bus is measured");
      assertTrue(scrape.body().contains("jvm_memory_used_bytes"), "the JVM is measured");
      assertEquals(0.0, value(scrape.body(), "forum_live_connections"), "nobody follows anything yet");

      try (BridgeClient ignored = BridgeClient.connect(vertx, port, null)) {
        assertEquals(1.0, eventually(() -> value(metricsOf(management), "forum_live_connections"), v -> v == 1.0),
            "the open live connection is counted");
      }
      assertEquals(0.0, eventually(() -> value(metricsOf(management), "forum_live_connections"), v -> v == 0.0),
          "and uncounted once it is closed");
    } finally {
      ForumUnderTest.await(vertx.close());
    }
  }

  @Test
  @DisplayName("the public port serves no metrics and no management health checks")
  void notOnThePublicPort(Vertx vertx) {
    TestForum forum = TestForum.onOwnPort(vertx, "ops-public", Map.of());
    assertEquals(200, browser.get(forum.base() + "/health").status(), "the public health check stays");
    for (String path : new String[] {"/metrics", "/health/live", "/health/ready"}) {
      Page page = browser.get(forum.base() + path);
      assertEquals(404, page.status(), path + " is not on the public port");
      assertFalse(page.body().contains("forum_live_connections"), path);
    }
    forum.close();
  }

  @Test
  @DisplayName("live while the process answers; ready only while MongoDB answers, and ready again when it is back")
  void liveAndReady(Vertx vertx, @TempDir Path dir) {
    Path file = dir.resolve("store.mv");
    int mongoPort = TestServers.freePort();
    int management = TestServers.freePort();
    EmbeddedMongo store = EmbeddedMongo.start(file, mongoPort);
    TestForum.onOwnPort(vertx, "ops-ready", Map.of(AppConfig.MONGO_URI, store.uri("ops-ready"),
        AppConfig.FORUM_MANAGEMENT_PORT, String.valueOf(management)));
    String ops = "http://127.0.0.1:" + management;
    assertEquals(200, browser.get(ops + "/health/live").status());
    Page ready = browser.get(ops + "/health/ready");
    assertEquals(200, ready.status());
    assertEquals(new JsonObject().put("status", "UP").put("mongo", "UP").put("keycloak", "UP"),
        new JsonObject(ready.body()));
    // This Vert.x was made without metrics (as in every test): /metrics still answers, with the forum's own meters.
    Page scrape = browser.get(ops + "/metrics");
    assertEquals(200, scrape.status());
    assertTrue(scrape.body().contains("forum_live_connections"), scrape.body());

    store.close();
    EmbeddedMongo again = null;
    try {
      Page gone = browser.get(ops + "/health/ready");
      assertEquals(503, gone.status());
      assertEquals("DOWN", new JsonObject(gone.body()).getString("mongo"));
      assertEquals(200, browser.get(ops + "/health/live").status(), "the process still answers: no restart wanted");

      again = EmbeddedMongo.start(file, mongoPort);
      assertEquals(200, (int) eventually(() -> browser.get(ops + "/health/ready").status(), status -> status == 200));
    } finally {
      if (again != null) {
        again.close();
      }
    }
  }

  @Test
  @DisplayName("not ready until Keycloak is discovered; a taken management port moves the listener to the next one")
  void keycloakAndPortTaken(Vertx vertx) throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      ForumUnderTest.await(vertx.deployVerticle(new ManagementVerticle("127.0.0.1", port,
          Future::succeededFuture, () -> false)));
      Page ready = browser.get("http://127.0.0.1:" + (port + 1) + "/health/ready");
      assertEquals(503, ready.status());
      assertEquals("DOWN", new JsonObject(ready.body()).getString("keycloak"));
      assertEquals("UP", new JsonObject(ready.body()).getString("mongo"));
    }
  }

  @Test
  @DisplayName("an operator sees each live session's followers and the size of the search index and page cache")
  void readModelsAndSessions(Vertx vertx) {
    int management = TestServers.freePort();
    TestForum forum = TestForum.onOwnPort(vertx, "ops-models", Map.of(
        AppConfig.FORUM_MANAGEMENT_PORT, String.valueOf(management)));
    try {
      Page created = forum.as(People.newMember()).post("/api/v1/threads", new JsonObject()
          .put("category", "field-reports").put("title", "Đếm chỉ mục").put("body", "Một bài để đếm."));
      assertEquals(201, created.status(), created.body());
      String thread = new JsonObject(created.body()).getString("id");
      // Applied first: the index also holds the demo organisations, so its size alone may be reached before the
      // thread's change is in.
      assertTrue(eventually(() -> value(metricsOf(management), "forum_search_applied"), v -> v >= 1) >= 1,
          "the change that put the thread in the index");
      assertTrue(value(metricsOf(management), "forum_search_documents") >= 2,
          "the thread and its first post are in the search index");
      assertEquals(200, browser.get(forum.base() + "/t/" + thread).status());
      String scrape = metricsOf(management);
      assertTrue(value(scrape, "forum_page_cache_pages") >= 1, "a guest's page was kept:\n" + scrape);
      assertTrue(value(scrape, "forum_page_cache_bytes") > 1000, "with its bytes");

      String session = QaClient.on(forum).as("moderator").newSession("pre", "public");
      String followers = "session=\"" + session + "\"";
      try (BridgeClient first = BridgeClient.connect(vertx, forum.port(), null);
           BridgeClient second = BridgeClient.connect(vertx, forum.port(), null)) {
        first.registerAndProbe(vertx, Addresses.session(session));
        second.registerAndProbe(vertx, Addresses.session(session));
        assertEquals(2.0, eventually(() -> value(metricsOf(management), "forum_qa_session_followers", followers),
            v -> v == 2.0), "both followers of the session, by session");
      }
      assertEquals(-1.0, eventually(() -> value(metricsOf(management), "forum_qa_session_followers", followers),
          v -> v == -1.0), "a session nobody follows any more leaves the metrics");
    } finally {
      forum.close();
    }
  }

  private String metricsOf(int management) {
    return browser.get("http://127.0.0.1:" + management + "/metrics").body();
  }

  /**
   * The value of the sample of {@code name} whose labels contain all of {@code labels}, summed over the samples that
   * match; -1 when none does.
   */
  private static double value(String scrape, String name, String... labels) {
    Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
    Matcher matcher = sample.matcher(scrape);
    double sum = -1;
    while (matcher.find()) {
      String found = matcher.group(1) == null ? "" : matcher.group(1);
      boolean all = true;
      for (String label : labels) {
        all &= found.contains(label);
      }
      if (all) {
        sum = Math.max(sum, 0) + Double.parseDouble(matcher.group(2));
      }
    }
    return sum;
  }

  /** Asks {@code value} until {@code done} holds or 20 s have passed; returns the last answer. */
  private static <T> T eventually(Supplier<T> value, Predicate<T> done) {
    return Eventually.value(value, done, Duration.ofSeconds(20));
  }
}
