package vn.ngoforum.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.TestServers;

/**
 * People for forum tests: new Keycloak users made through the admin API (so that each test writes as someone
 * of its own, free of other tests' rate limits), and access tokens for them from the realm.
 */
public final class People {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private People() {
  }

  /** A person with the given realm role ({@code null}: none); answers their username. */
  public static String create(String role) {
    TestServers servers = TestServers.get();
    String admin = servers.adminToken();
    String username = "p" + System.nanoTime() + "-" + COUNTER.incrementAndGet();
    Map<String, String> auth = Map.of("Authorization", "Bearer " + admin);
    String users = servers.keycloakUrl() + "/admin/realms/" + TestServers.REALM + "/users";
    JsonObject user = new JsonObject()
        .put("username", username)
        .put("enabled", true)
        .put("email", username + "@example.org")
        .put("emailVerified", true)
        .put("firstName", "Người thử")
        .put("lastName", "Số " + COUNTER.get())
        .put("credentials", new JsonArray().add(new JsonObject()
            .put("type", "password").put("value", TestServers.PASSWORD).put("temporary", false)));
    Browser.Page created = new Browser().postJson(users, user.encode(), auth);
    assertEquals(201, created.status(), created.body());
    if (role != null) {
      String location = created.header("location").orElseThrow();
      grantRole(servers, auth, location.substring(location.lastIndexOf('/') + 1), role);
    }
    return username;
  }

  /** Gives {@code username} the realm role {@code role} in Keycloak (their next token or refresh carries it). */
  public static void grantRole(String username, String role) {
    TestServers servers = TestServers.get();
    Map<String, String> auth = Map.of("Authorization", "Bearer " + servers.adminToken());
    grantRole(servers, auth, id(servers, auth, username), role);
  }

  /**
   * Ends every Keycloak session of the person with Keycloak user id {@code userId}, as an administrator does (the
   * forum learns it by the back-channel, or at its next refresh).
   */
  public static void endSessions(String userId) {
    TestServers servers = TestServers.get();
    Browser.Page ended = new Browser().postJson(servers.keycloakUrl() + "/admin/realms/" + TestServers.REALM
        + "/users/" + userId + "/logout", "", Map.of("Authorization", "Bearer " + servers.adminToken()));
    assertEquals(204, ended.status(), ended.body());
  }

  /** Takes the realm role {@code role} away from {@code username} in Keycloak (their next sign-in lacks it). */
  public static void removeRole(String username, String role) {
    TestServers servers = TestServers.get();
    Map<String, String> auth = Map.of("Authorization", "Bearer " + servers.adminToken());
    String users = servers.keycloakUrl() + "/admin/realms/" + TestServers.REALM + "/users";
    String id = id(servers, auth, username);
    JsonObject representation = realmRole(servers, auth, role);
    try {
      var removed = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(users + "/" + id + "/role-mappings/realm"))
              .header("Authorization", "Bearer " + servers.adminToken()).header("Content-Type", "application/json")
              .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(
                  new JsonArray().add(representation).encode())).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(204, removed.statusCode(), removed.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An access token for the forum, for {@code username} (password grant of the test client). */
  public static String token(String username) {
    return token(TestServers.TEST_CLIENT, username);
  }

  /**
   * An access token for {@code username} from the realm client {@code clientId}: {@link TestServers#TEST_CLIENT}
   * (for the forum), {@link TestServers#SHORT_LIVED_CLIENT} (expires in two seconds) or
   * {@link TestServers#OTHER_CLIENT} (meant for another application).
   */
  public static String token(String clientId, String username) {
    return tokens(TestServers.get().keycloakUrl(), clientId, username).getString("access_token");
  }

  /**
   * Keycloak's whole token answer ({@code access_token}, {@code id_token}, ...) for {@code username} from
   * {@code clientId}, asked of Keycloak at {@code keycloakUrl} (a proxy in front of it: the tokens name the URL
   * they were asked at as their issuer).
   */
  public static JsonObject tokens(String keycloakUrl, String clientId, String username) {
    Browser.Page answer = new Browser().postForm(
        keycloakUrl + "/realms/" + TestServers.REALM + "/protocol/openid-connect/token",
        Map.of("grant_type", "password", "client_id", clientId,
            "client_secret", TestServers.TEST_CLIENT_SECRET, "username", username,
            "password", TestServers.PASSWORD, "scope", "openid"));
    assertEquals(200, answer.status(), answer.body());
    return new JsonObject(answer.body());
  }

  /** A new person as a test signs in as them: their username (for a browser) and an access token (for the API). */
  public record Person(String username, String token) {
  }

  /** A new person with the given realm role ({@code null}: none), with an access token. */
  public static Person person(String role) {
    String username = create(role);
    return new Person(username, token(username));
  }

  /** A token of a new person holding the {@code member} role. */
  public static String newMember() {
    return token(create("member"));
  }

  private static String id(TestServers servers, Map<String, String> auth, String username) {
    Browser.Page found = new Browser().get(servers.keycloakUrl() + "/admin/realms/" + TestServers.REALM
        + "/users?exact=true&username=" + username, auth);
    assertEquals(200, found.status(), found.body());
    return new JsonArray(found.body()).getJsonObject(0).getString("id");
  }

  private static JsonObject realmRole(TestServers servers, Map<String, String> auth, String role) {
    Browser.Page found = new Browser().get(servers.keycloakUrl() + "/admin/realms/" + TestServers.REALM
        + "/roles/" + role, auth);
    assertEquals(200, found.status(), found.body());
    return new JsonObject(found.body());
  }

  private static void grantRole(TestServers servers, Map<String, String> auth, String id, String role) {
    JsonObject representation = realmRole(servers, auth, role);
    Browser.Page mapped = new Browser().postJson(servers.keycloakUrl() + "/admin/realms/" + TestServers.REALM
        + "/users/" + id + "/role-mappings/realm", new JsonArray().add(representation).encode(), auth);
    assertEquals(204, mapped.status(), mapped.body());
  }
}
