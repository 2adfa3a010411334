package vn.ngoforum.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AppConfigTest {

  @Test
  @DisplayName("with nothing set, a newcomer gets the embedded store, a local Keycloak and http://localhost:8080")
  void defaults() {
    AppConfig config = AppConfig.from(Map.of(), new Properties());
    assertEquals(8080, config.httpPort());
    assertEquals("http://localhost:8080", config.publicUrl());
    assertNull(config.mongoUri(), "no MONGO_URI: the embedded store");
    assertEquals("mongodb://127.0.0.1:27017/forum", config.embeddedMongoUri());
    assertNull(config.keycloakUrl(), "no KEYCLOAK_URL: the run command starts Keycloak");
    assertEquals("http://localhost:8180", config.localKeycloakUrl());
    assertEquals("ngo-forum", config.keycloakRealm());
    assertEquals("ngo-forum", config.keycloakClientId());
    assertTrue(config.demoData());
    assertTrue(config.dataDir().endsWith("data"));
    assertEquals("127.0.0.1", config.managementHost(), "metrics and health checks: this machine only");
    assertEquals(9464, config.managementPort());
  }

  @Test
  @DisplayName("the management listener's address is set like the others, and a bad port is refused by name")
  void managementListener() {
    AppConfig config = AppConfig.from(Map.of("FORUM_MANAGEMENT_HOST", "0.0.0.0", "FORUM_MANAGEMENT_PORT", "9500"),
        new Properties());
    assertEquals("0.0.0.0", config.managementHost());
    assertEquals(9500, config.managementPort());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AppConfig.from(Map.of("FORUM_MANAGEMENT_PORT", "metrics"), new Properties()));
    assertTrue(e.getMessage().contains("FORUM_MANAGEMENT_PORT"), e.getMessage());
  }

  @Test
  @DisplayName("environment variables win over system properties, which win over defaults")
  void precedence() {
    Properties props = new Properties();
    props.setProperty("forum.http.port", "9000");
    props.setProperty("keycloak.realm", "from-props");
    AppConfig config = AppConfig.from(Map.of("FORUM_HTTP_PORT", "9100"), props);
    assertEquals(9100, config.httpPort());
    assertEquals("from-props", config.keycloakRealm());
    assertEquals("http://localhost:9100", config.publicUrl(), "the public URL follows the port");
  }

  @Test
  @DisplayName("the client secret comes from the environment only, never from a system property")
  void secretFromEnvironmentOnly() {
    Properties props = new Properties();
    props.setProperty("keycloak.client.secret", "visible-in-ps");
    assertEquals(AppConfig.DEV_CLIENT_SECRET, AppConfig.from(Map.of(), props).keycloakClientSecret());
    AppConfig config = AppConfig.from(Map.of("KEYCLOAK_CLIENT_SECRET", "s3cret"), new Properties());
    assertEquals("s3cret", config.keycloakClientSecret());
    assertFalse(config.toString().contains("s3cret"), "a logged configuration never shows the secret");
  }

  @Test
  @DisplayName("bad values are refused with a message naming each variable")
  void invalidValues() {
    assertRefusedNaming(Map.of("FORUM_HTTP_PORT", "eighty", "MONGO_URI", "localhost:27017", "FORUM_DEMO_DATA",
        "perhaps"), "FORUM_HTTP_PORT", "MONGO_URI", "FORUM_DEMO_DATA");
  }

  @Test
  @DisplayName("a log format or access-log level that logback.xml cannot use is refused, so logs never go silent")
  void logSettings() {
    AppConfig.from(Map.of("FORUM_LOG_FORMAT", "json", "FORUM_ACCESS_LOG", "INFO"), new Properties());
    AppConfig.from(Map.of("FORUM_LOG_FORMAT", "text", "FORUM_ACCESS_LOG", "OFF"), new Properties());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AppConfig.from(Map.of(
        "FORUM_LOG_FORMAT", "JSON", "FORUM_ACCESS_LOG", "true"), new Properties()));
    assertTrue(e.getMessage().contains("FORUM_LOG_FORMAT must be one of [text, json] (got 'JSON')"), e.getMessage());
    assertTrue(e.getMessage().contains("FORUM_ACCESS_LOG must be one of [INFO, OFF] (got 'true')"), e.getMessage());
  }

  @Test
  @DisplayName("behind docker-compose, tokens are checked against the public Keycloak URL, not the internal one")
  void publicIssuer() {
    AppConfig config = AppConfig.from(Map.of("KEYCLOAK_URL", "http://keycloak:8080/",
        "KEYCLOAK_PUBLIC_URL", "http://localhost:8180"), new Properties());
    assertEquals("http://keycloak:8080/realms/ngo-forum", config.realmUrl());
    assertEquals("http://localhost:8180/realms/ngo-forum", config.issuer());
  }

  @Test
  @DisplayName("without FORUM_CLUSTER a node runs alone; the cluster defaults fit two nodes on one machine")
  void clusterDefaults() {
    AppConfig.Cluster cluster = AppConfig.from(Map.of(), new Properties()).cluster();
    assertFalse(cluster.enabled());
    assertEquals("ngo-forum", cluster.name());
    assertEquals(List.of("127.0.0.1:5701"), cluster.members());
    assertEquals("127.0.0.1", cluster.host());
    assertEquals("127.0.0.1", cluster.publicHost(), "the public host follows the bound host");
    assertEquals(5701, cluster.port());
    assertTrue(AppConfig.KEYS.containsAll(List.of("FORUM_CLUSTER", "FORUM_CLUSTER_NAME", "FORUM_CLUSTER_MEMBERS",
        "FORUM_CLUSTER_HOST", "FORUM_CLUSTER_PUBLIC_HOST", "FORUM_CLUSTER_PORT")));
  }

  @Test
  @DisplayName("a node in Docker binds to every interface and tells the others its service name")
  void clusterSettings() {
    Properties props = new Properties();
    props.setProperty("forum.cluster.name", "from-props");
    AppConfig config = AppConfig.from(Map.of("FORUM_CLUSTER", "true",
        "FORUM_CLUSTER_MEMBERS", " forum-a:5701, forum-b ,10.0.0.7:5702",
        "FORUM_CLUSTER_HOST", "0.0.0.0", "FORUM_CLUSTER_PUBLIC_HOST", "forum-b", "FORUM_CLUSTER_PORT", "5801",
        "FORUM_HTTP_PORT", "8081"), props);
    AppConfig.Cluster cluster = config.cluster();
    assertTrue(cluster.enabled());
    assertEquals("from-props", cluster.name(), "system properties work for the cluster keys too");
    assertEquals(List.of("forum-a:5701", "forum-b", "10.0.0.7:5702"), cluster.members());
    assertEquals("0.0.0.0", cluster.host());
    assertEquals("forum-b", cluster.publicHost());
    assertEquals(5801, cluster.port());
    assertEquals("http://localhost:8081", config.publicUrl(), "node B on 8081 sends browsers back to itself");
  }

  @Test
  @DisplayName("unusable cluster settings are refused, naming the variable")
  void invalidClusterSettings() {
    assertRefusedNaming(Map.of("FORUM_CLUSTER", "maybe", "FORUM_CLUSTER_MEMBERS", "127.0.0.1:57x1",
        "FORUM_CLUSTER_PORT", "70000"), "FORUM_CLUSTER ", "FORUM_CLUSTER_MEMBERS", "FORUM_CLUSTER_PORT");

    IllegalArgumentException everywhere = assertThrows(IllegalArgumentException.class, () -> AppConfig.from(
        Map.of("FORUM_CLUSTER", "true", "FORUM_CLUSTER_HOST", "0.0.0.0"), new Properties()));
    assertTrue(everywhere.getMessage().contains("FORUM_CLUSTER_PUBLIC_HOST"), "bound to every interface, a node "
        + "must say where the others reach it: " + everywhere.getMessage());
  }

  @Test
  @DisplayName("the daily digest goes out from 7:00 unless FORUM_DIGEST_HOUR says otherwise; an hour past 23 is"
      + " refused by name")
  void digestHour() {
    assertEquals(7, AppConfig.from(Map.of(), new Properties()).smtp().digestHour());
    assertEquals(18, AppConfig.from(Map.of("FORUM_DIGEST_HOUR", "18"), new Properties()).smtp().digestHour());
    assertRefusedNaming(Map.of("FORUM_DIGEST_HOUR", "24"), "FORUM_DIGEST_HOUR");
  }

  /** Reading {@code environment} is refused with a message that names each of {@code variables}. */
  private static void assertRefusedNaming(Map<String, String> environment, String... variables) {
    String message = assertThrows(IllegalArgumentException.class,
        () -> AppConfig.from(environment, new Properties())).getMessage();
    for (String variable : variables) {
      assertTrue(message.contains(variable), variable + " is not named: " + message);
    }
  }
}
