package vn.ngoforum.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;
import vn.ngoforum.support.TestServers;

/** Signing in and out through the real Keycloak login page, like a browser does. */
class SignInTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("signin");

  @Test
  @DisplayName("a member signs in on Keycloak's page, sees their name in the header, and /api/v1/me knows them")
  void memberSignsIn() {
    Browser browser = new Browser();
    Page login = browser.get(forum.base() + "/login?next=/");
    assertEquals(302, login.status());
    String authorize = login.header("location").orElseThrow();
    assertTrue(authorize.contains("code_challenge_method=S256"), "PKCE S256: " + authorize);
    assertTrue(authorize.contains("code_challenge="));

    Page home = browser.signIn(forum.base(), "member", TestServers.PASSWORD);
    assertEquals(200, home.status());
    assertEquals(forum.base() + "/", home.uri().toString());
    assertTrue(home.body().contains("Lan Phạm"), "the header shows the person's name");
    assertTrue(home.body().contains("action=\"/logout\""), "and a sign-out button");

    JsonObject me = new JsonObject(browser.get(forum.base() + "/api/v1/me").body());
    assertEquals("member", me.getString("username"));
    assertEquals("Lan Phạm", me.getString("name"));
    assertEquals(List.of("member"), me.getJsonArray("roles").getList());
    assertNotNull(me.getString("id"));
    assertTrue(me.getJsonArray("organisations").isEmpty());

    JsonObject stored = ForumUnderTest.await(forum.mongo().findOne("users", new JsonObject().put("_id",
        me.getString("id")),
        null));
    assertNotNull(stored, "the sign-in is recorded in MongoDB users");
    assertEquals("member", stored.getString("username"));
    assertEquals("Lan Phạm", stored.getString("name"));
  }

  @Test
  @DisplayName("the session cookie is HttpOnly and SameSite=Lax, and a new one is issued at sign-in")
  void sessionCookie() {
    Browser browser = new Browser();
    // Opening the sign-in page stores no session; a session id planted in the browser before sign-in (fixation)
    // is never the one the person ends up with.
    String before = "planted0123456789abcdef0123456789abcdef";
    browser.setCookie(forum.base(), "forum.session", before);
    Page login = browser.open(forum.base() + "/login");
    Page landed = browser.get(browser.submitLoginForm(login, "member", TestServers.PASSWORD)
        .header("location").orElseThrow());
    String cookie = landed.setCookies().stream().filter(c -> c.startsWith("forum.session=")).findFirst()
        .orElseThrow();
    assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
    assertTrue(cookie.contains("SameSite=Lax"), cookie);
    assertFalse(cookie.startsWith("forum.session=" + before + ";"), "the session id changes at sign-in");
  }

  @Test
  @DisplayName("a moderator's roles reach /api/v1/me")
  void moderatorRoles() {
    JsonObject me = meSignedIn("moderator");
    assertEquals("moderator", me.getString("username"));
    assertTrue(me.getJsonArray("roles").contains("moderator"));
    assertTrue(me.getJsonArray("roles").contains("member"));
    assertFalse(me.getJsonArray("roles").contains("admin"));
  }

  @Test
  @DisplayName("an attendee signs in with no forum role at all")
  void attendeeHasNoRole() {
    JsonObject me = meSignedIn("attendee");
    assertEquals("attendee", me.getString("username"));
    assertTrue(me.getJsonArray("roles").isEmpty());
  }

  @Test
  @DisplayName("nobody signed in: /api/v1/me answers 401 with a JSON error")
  void anonymousMe() {
    Page me = new Browser().get(forum.base() + "/api/v1/me");
    assertEquals(401, me.status());
    assertEquals("unauthorized", new JsonObject(me.body()).getString("error"));
  }

  @Test
  @DisplayName("a wrong password leaves the person on Keycloak's page and signed out")
  void wrongPassword() {
    Browser browser = new Browser();
    Page login = browser.open(forum.base() + "/login");
    Page answer = browser.submitLoginForm(login, TestServers.LOCKOUT_USER, "not-the-password");
    assertEquals(200, answer.status(), "Keycloak shows its form again");
    assertEquals(401, browser.get(forum.base() + "/api/v1/me").status());
  }

  @Test
  @DisplayName("sign-in sends the person back to the page they came from, but never to another site")
  void returnsToPage() {
    Browser browser = new Browser();
    Page login = browser.open(forum.base() + "/login?next=/api/v1/categories");
    Page back = browser.follow(browser.submitLoginForm(login, "member", TestServers.PASSWORD));
    assertEquals(forum.base() + "/api/v1/categories", back.uri().toString());

    Browser other = new Browser();
    Page evil = other.open(forum.base() + "/login?next=https://evil.example/");
    assertEquals(forum.base() + "/", other.follow(other.submitLoginForm(evil, "member", TestServers.PASSWORD))
        .uri().toString());
  }

  @Test
  @DisplayName("a state-changing request without the CSRF token is refused and changes nothing")
  void csrfRequired() {
    Browser browser = forum.signedIn("member");
    Page logout = browser.postForm(forum.base() + "/logout", Map.of());
    assertEquals(403, logout.status());
    Page forged = browser.postForm(forum.base() + "/logout", Map.of("_csrf", "forged"));
    assertEquals(403, forged.status());
    Page api = browser.postJson(forum.base() + "/api/v1/categories", "{}", Map.of());
    assertEquals(403, api.status());
    assertEquals("forbidden", new JsonObject(api.body()).getString("error"));
    assertEquals(200, browser.get(forum.base() + "/api/v1/me").status(), "still signed in");
  }

  @Test
  @DisplayName("when Keycloak ends a person's sessions (an admin, or a sign-out elsewhere), the forum session ends too")
  void backchannelLogout() {
    Browser browser = forum.signedIn("member");
    String userId = new JsonObject(browser.get(forum.base() + "/api/v1/me").body()).getString("id");
    People.endSessions(userId);
    int status = Eventually.value(() -> browser.get(forum.base() + "/api/v1/me").status(), answer -> answer != 200,
        Duration.ofSeconds(15));
    assertEquals(401, status, "the forum session was ended by Keycloak's back-channel logout");
  }

  @Test
  @DisplayName("a forged back-channel logout is refused and ends nobody's session")
  void forgedBackchannelLogout() {
    Browser browser = forum.signedIn("member");
    Page forged = new Browser().postForm(forum.base() + "/logout/backchannel",
        Map.of("logout_token", "eyJhbGciOiJub25lIn0.eyJzaWQiOiJ4In0."));
    assertEquals(400, forged.status());
    assertEquals(200, browser.get(forum.base() + "/api/v1/me").status());
  }

  @Test
  @DisplayName("signing out ends the forum session and the Keycloak session")
  void signOut() {
    Browser browser = forum.signedIn("member");
    Page confirm = browser.get(forum.base() + "/logout");
    assertEquals(200, confirm.status());
    assertTrue(confirm.body().contains("method=\"post\" action=\"/logout\""), "GET /logout only shows a button");
    assertEquals(200, browser.get(forum.base() + "/api/v1/me").status(), "GET /logout signs nobody out");

    String token = browser.cookie(forum.base(), "XSRF-TOKEN").orElseThrow();
    Page logout = browser.postForm(forum.base() + "/logout", Map.of("_csrf", token));
    assertEquals(303, logout.status());
    String endSession = logout.header("location").orElseThrow();
    assertTrue(endSession.startsWith(TestServers.get().keycloakUrl() + "/realms/ngo-forum/"), endSession);
    assertTrue(endSession.contains("id_token_hint="));
    Page home = browser.follow(logout);
    assertEquals(forum.base() + "/", home.uri().toString(), "Keycloak sends the person back to the forum");
    assertEquals(401, browser.get(forum.base() + "/api/v1/me").status());

    Page again = browser.open(forum.base() + "/login");
    assertTrue(again.body().contains("kc-form-login"), "Keycloak asks for the password again: its session ended");
  }

  /** What /api/v1/me answers a browser just signed in as {@code username}. */
  private static JsonObject meSignedIn(String username) {
    return new JsonObject(forum.signedIn(username).get(forum.base() + "/api/v1/me").body());
  }
}
