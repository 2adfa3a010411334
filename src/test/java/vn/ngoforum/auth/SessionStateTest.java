package vn.ngoforum.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.TestForum;
import vn.ngoforum.support.TestServers;

/**
 * Anonymous traffic creates no server state: reading, opening the sign-in page and sending a session cookie the
 * forum does not know store nothing; only a completed sign-in makes a session.
 */
@ExtendWith(VertxExtension.class)
class SessionStateTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  /** The cookie that carries a sign-in in progress (state, PKCE verifier, where to return), sealed. */
  private static final String SIGN_IN = "forum.signin";
  private static final String DATABASE = "session-state";

  private static String base;
  /** The forum's own session store: a local store's sessions live in its Vert.x instance's shared map. */
  private static LocalSessionStore store;

  @BeforeAll
  static void deploy(Vertx vertx) {
    base = TestForum.onOwnPort(vertx, DATABASE, Map.of(
        "FORUM_PUBLIC_URL", "http://localhost:" + TestServers.get().clusterNodePort(0))).base();
    store = LocalSessionStore.create(vertx);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Test
  @DisplayName("a visitor who reads, switches language and opens the sign-in page twenty times stores no session")
  void guestsStoreNothing() {
    int before = stored();
    Browser browser = new Browser();
    for (String path : List.of("/", "/orgs", "/api/v1/categories", "/api/v1/me", "/lang/en?next=/orgs")) {
      Page page = browser.get(base + path);
      assertTrue(page.status() < 500, path + " " + page.status());
      assertFalse(setsSessionCookie(page), path + " sets no session cookie");
    }
    for (int i = 0; i < 20; i++) {
      Page login = new Browser().get(base + "/login?next=/orgs");
      assertEquals(302, login.status());
      assertFalse(setsSessionCookie(login), "/login sets no session cookie");
    }
    Page post = browser.postJson(base + "/api/v1/threads", "{}", Map.of());
    assertEquals(401, post.status());
    assertEquals(before, stored(), "no session was stored for anonymous requests");
  }

  @Test
  @DisplayName("a session cookie the forum does not know (forged, expired, from a restarted node) creates nothing")
  void unknownCookieStoresNothing() {
    int before = stored();
    String unknown = "forum.session=" + randomId();
    for (String path : List.of("/", "/api/v1/me", "/login?next=/", "/lang/vi?next=/orgs", "/logout")) {
      Page page = new Browser().get(base + path, Map.of("Cookie", unknown));
      assertTrue(page.status() < 500, path + " " + page.status());
    }
    Page post = new Browser().postJson(base + "/api/v1/threads", "{}", Map.of("Cookie", unknown));
    assertEquals(401, post.status(), "an unknown session is no session: the API asks for sign-in");
    Page form = new Browser().postForm(base + "/logout", Map.of(), Map.of("Cookie", unknown));
    assertTrue(form.status() < 500, "POST /logout " + form.status());
    assertEquals(before, stored(), "nothing was stored for an unknown session cookie");
  }

  @Test
  @DisplayName("the sign-in state rides in a short-lived HttpOnly cookie, and a tampered one is refused")
  void signInStateCookie() {
    int before = stored();
    Browser browser = new Browser();
    Page login = browser.get(base + "/login?next=/orgs");
    assertEquals(302, login.status());
    String cookie = login.setCookies().stream().filter(c -> c.startsWith(SIGN_IN + "="))
        .findFirst().orElseThrow(() -> new AssertionError("no sign-in cookie: " + login.setCookies()));
    String lower = cookie.toLowerCase();
    assertTrue(lower.contains("httponly"), cookie);
    assertTrue(lower.contains("samesite=lax"), cookie);
    long maxAge = Long.parseLong(lower.replaceAll(".*max-age=(\\d+).*", "$1"));
    assertTrue(maxAge > 0 && maxAge <= 900, "expires within minutes: " + cookie);
    assertEquals(before, stored());

    String state = query(URI.create(login.header("location").orElseThrow()), "state").orElseThrow();
    String value = browser.cookie(base, SIGN_IN).orElseThrow();
    char last = value.charAt(value.length() - 5);
    String tampered = value.substring(0, value.length() - 5) + (last == 'A' ? 'B' : 'A') + value.substring(
        value.length() - 4);
    Page callback = new Browser().get(base + "/callback?state=" + state + "&code=whatever",
        Map.of("Cookie", SIGN_IN + "=" + tampered));
    assertEquals(400, callback.status());
    assertEquals(before, stored(), "a refused callback stores nothing");
  }

  @Test
  @DisplayName("a sign-in started on one node finishes on another: the nodes share no memory, only the client secret")
  void signInAcrossNodes() {
    TestServers servers = TestServers.get();
    // Node B serves the URL the realm knows (a cluster test port), node A is this class's forum and names the same
    // public URL, as two nodes behind one proxy do. Separate Vert.x instances: they share nothing in memory.
    Vertx other = Vertx.vertx();
    try {
      int portB = servers.clusterNodePort(0);
      TestForum.onOwnPort(other, DATABASE, Map.of("FORUM_HTTP_PORT", String.valueOf(portB)));
      Browser browser = new Browser();
      Page login = browser.open(base + "/login?next=/orgs");
      Page back = browser.submitLoginForm(login, "member", TestServers.PASSWORD);
      String callback = back.header("location").orElseThrow();
      assertTrue(callback.startsWith("http://localhost:" + portB + "/callback?"), callback);
      String signIn = browser.cookie(base, SIGN_IN).orElseThrow();
      Browser onB = new Browser();
      Page landed = onB.get(callback, Map.of("Cookie", SIGN_IN + "=" + signIn));
      assertEquals(302, landed.status(), landed.body());
      assertEquals("/orgs", landed.header("location").orElseThrow());
      Page me = onB.get("http://localhost:" + portB + "/api/v1/me");
      assertEquals(200, me.status());
      assertEquals("member", new JsonObject(me.body()).getString("username"));
      assertTrue(landed.setCookies().stream().anyMatch(c -> c.startsWith(SIGN_IN + "=")
          && c.toLowerCase().contains("max-age=0")), "the sign-in cookie is cleared once used: " + landed.setCookies());
    } finally {
      ForumUnderTest.await(other.close());
    }
  }

  private static int stored() {
    return ForumUnderTest.await(store.size());
  }

  private static boolean setsSessionCookie(Page page) {
    return page.setCookies().stream().anyMatch(c -> c.startsWith("forum.session="));
  }

  private static String randomId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Optional<String> query(URI uri, String name) {
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals(name) && kv.length == 2) {
        return Optional.of(java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }
}
