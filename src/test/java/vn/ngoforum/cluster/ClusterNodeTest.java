package vn.ngoforum.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.ngoforum.config.AppConfig;

/** The Hazelcast configuration a forum node joins with: found by the members it is told of, and no one else. */
class ClusterNodeTest {

  @Test
  @DisplayName("a node finds the others by TCP/IP only: no multicast, no auto-detection, no phone-home")
  void tcpIpOnly() {
    Config config = ClusterNode.hazelcastConfig(cluster(Map.of(
        "FORUM_CLUSTER_MEMBERS", "127.0.0.1:5701,127.0.0.1:5702", "FORUM_CLUSTER_NAME", "hall-a")));
    JoinConfig join = config.getNetworkConfig().getJoin();
    assertFalse(join.getMulticastConfig().isEnabled());
    assertFalse(join.getAutoDetectionConfig().isEnabled());
    assertTrue(join.getTcpIpConfig().isEnabled());
    assertEquals(List.of("127.0.0.1:5701", "127.0.0.1:5702"), join.getTcpIpConfig().getMembers());
    assertEquals("hall-a", config.getClusterName());
    assertEquals("false", config.getProperty("hazelcast.phone.home.enabled"));
    assertEquals(5701, config.getNetworkConfig().getPort());
    assertTrue(config.getNetworkConfig().isPortAutoIncrement(), "a second node on the machine takes 5702");
    assertEquals(1, config.getMultiMapConfig("__vertx.subs").getBackupCount(),
        "Vert.x's own maps keep a backup, so a dead node takes no registration or session with it");
  }

  @Test
  @DisplayName("a node binds to the configured interface only, and tells the others its public host")
  void interfaces() {
    Config local = ClusterNode.hazelcastConfig(cluster(Map.of()));
    assertEquals("false", local.getProperty("hazelcast.socket.bind.any"));
    assertTrue(local.getNetworkConfig().getInterfaces().isEnabled());
    assertEquals(List.of("127.0.0.1"), List.copyOf(local.getNetworkConfig().getInterfaces().getInterfaces()));
    assertNull(local.getNetworkConfig().getPublicAddress(), "on one machine the bound address is the public one");

    Config docker = ClusterNode.hazelcastConfig(cluster(Map.of("FORUM_CLUSTER_HOST", "0.0.0.0",
        "FORUM_CLUSTER_PUBLIC_HOST", "forum-b")));
    assertEquals("true", docker.getProperty("hazelcast.socket.bind.any"));
    assertEquals("forum-b", docker.getNetworkConfig().getPublicAddress());
  }

  private static AppConfig.Cluster cluster(Map<String, String> settings) {
    Map<String, String> env = new java.util.HashMap<>(settings);
    env.put("FORUM_CLUSTER", "true");
    return AppConfig.from(env, new Properties()).cluster();
  }
}
