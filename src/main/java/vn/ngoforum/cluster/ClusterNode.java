package vn.ngoforum.cluster;

import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.ops.Meters;

/**
 * The Vert.x instance of one forum node: alone ({@code Vertx.vertx()}), or, with {@code FORUM_CLUSTER=true}, one
 * member of a Hazelcast cluster of forum nodes.
 *
 * <p>Clustered, the nodes share what makes them one forum without any feature knowing: the event bus (a post
 * published on one node reaches the bridge clients of every node), the session store and Vert.x shared data
 * (Hazelcast maps with one backup, so a node that dies takes no session with it). Everything else that must
 * hold across nodes (sequence numbers, rate limits, idempotency keys) already lives in MongoDB.
 *
 * <p>Members are found by TCP/IP only: multicast and cloud auto-detection are switched off, so a node never
 * joins a stranger's cluster on the same network, and Hazelcast's phone-home call is off.
 */
public final class ClusterNode {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
  /** Means "every interface" for {@code FORUM_CLUSTER_HOST}. */
  private static final String ANY_INTERFACE = "0.0.0.0";

  private ClusterNode() {
  }

  /**
   * Starts this node's Vert.x: clustered when the configuration says so, else the plain single-node one; either way
   * with its metrics on (see {@link Meters}).
   */
  public static Future<Vertx> start(AppConfig.Cluster cluster) {
    if (!cluster.enabled()) {
      return Future.succeededFuture(Meters.vertx(new VertxOptions()));
    }
    EventBusOptions eventBus = new EventBusOptions()
        .setHost(cluster.host())
        .setPort(0)
        .setClusterPublicHost(cluster.publicHost());
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig(cluster));
    return Meters.clusteredVertx(new VertxOptions().setEventBusOptions(eventBus), manager)
        .onSuccess(vertx -> logMembership(cluster, manager));
  }

  /** Says whom this node joined, and later who comes and goes: the first thing to look at when nodes disagree. */
  private static void logMembership(AppConfig.Cluster cluster, HazelcastClusterManager manager) {
    Cluster members = manager.getHazelcastInstance().getCluster();
    LOG.info("Joined forum cluster '{}' as {}: {} node(s) {}", cluster.name(), members.getLocalMember().getAddress(),
        members.getMembers().size(), members.getMembers());
    members.addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        LOG.info("Forum node joined: {}; {} node(s) now", event.getMember().getAddress(), event.getMembers().size());
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        LOG.warn("Forum node left or was lost: {}; {} node(s) now", event.getMember().getAddress(),
            event.getMembers().size());
      }
    });
  }

  /**
   * Hazelcast's configuration for this node: Vert.x's own defaults (its maps with one backup each), then the
   * network from {@code FORUM_CLUSTER_*}.
   */
  static Config hazelcastConfig(AppConfig.Cluster cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster.name());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    // Main's shutdown hook closes Vert.x, which leaves the cluster in order; Hazelcast's own hook would race it.
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // A member that vanishes (kill -9) is noticed within seconds, not Hazelcast's default minute.
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
    config.setProperty("hazelcast.logging.type", "slf4j");

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(true);
    if (ANY_INTERFACE.equals(cluster.host())) {
      config.setProperty("hazelcast.socket.bind.any", "true");
    } else {
      config.setProperty("hazelcast.socket.bind.any", "false");
      network.getInterfaces().setEnabled(true).addInterface(ipOf(cluster.host()));
    }
    if (!cluster.publicHost().equals(cluster.host()) && !ANY_INTERFACE.equals(cluster.publicHost())) {
      network.setPublicAddress(cluster.publicHost());
    }

    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    return config;
  }

  /** Hazelcast matches interfaces by IP address, so a host name is resolved first. */
  private static String ipOf(String host) {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(AppConfig.FORUM_CLUSTER_HOST + " '" + host + "' does not resolve", e);
    }
  }
}
