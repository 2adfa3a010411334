package vn.ngoforum.forum;

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
      String id = location.substring(location.lastIndexOf('/') + 1);
      Browser.Page roleJson = new Browser().get(servers.keycloakUrl() + "/admin/realms/" + TestServers.REALM
          + "/roles/" + role, auth);
      assertEquals(200, roleJson.status(), roleJson.body());
      Browser.Page mapped = new Browser().postJson(users + "/" + id + "/role-mappings/realm",
          new JsonArray().add(new JsonObject(roleJson.body())).encode(), auth);
      assertEquals(204, mapped.status(), mapped.body());
    }
    return username;
  }

  /** Takes the realm role {@code role} away from {@code username} in Keycloak (their next sign-in lacks it). */
  public static void removeRole(String username, String role) {
    TestServers servers = TestServers.get();
    Map<String, String> auth = Map.of("Authorization", "Bearer " + servers.adminToken());
    String users = servers.keycloakUrl() + "/admin/realms/" + TestServers.REALM + "/users";
    Browser.Page found = new Browser().get(users + "?exact=true&username=" + username, auth);
    assertEquals(200, found.status(), found.body());
    String id = new JsonArray(found.body()).getJsonObject(0).getString("id");
    Browser.Page roleJson = new Browser().get(servers.keycloakUrl() + "/admin/realms/" + TestServers.REALM
        + "/roles/" + role, auth);
    assertEquals(200, roleJson.status(), roleJson.body());
    try {
      var removed = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(users + "/" + id + "/role-mappings/realm"))
              .header("Authorization", "Bearer " + servers.adminToken()).header("Content-Type", "application/json")
              .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(
                  new JsonArray().add(new JsonObject(roleJson.body())).encode())).build(),
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
    Browser.Page answer = new Browser().postForm(
        TestServers.get().keycloakUrl() + "/realms/" + TestServers.REALM + "/protocol/openid-connect/token",
        Map.of("grant_type", "password", "client_id", TestServers.TEST_CLIENT,
            "client_secret", TestServers.TEST_CLIENT_SECRET, "username", username,
            "password", TestServers.PASSWORD, "scope", "openid"));
    assertEquals(200, answer.status(), answer.body());
    return new JsonObject(answer.body()).getString("access_token");
  }

  /** A token of a new person holding the {@code member} role. */
  public static String newMember() {
    return token(create("member"));
  }
}
