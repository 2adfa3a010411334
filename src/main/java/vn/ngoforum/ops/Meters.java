package vn.ngoforum.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one forum node: one Prometheus registry per Vert.x instance, which {@code GET /metrics} on the
 * management listener ({@link ManagementVerticle}) writes out.
 *
 * <p>A node started by {@code Main} builds its Vert.x with {@link #vertx} or {@link #clusteredVertx}: Vert.x then
 * reports its own meters (HTTP server requests, event bus, pools, JVM) into the node's registry through
 * {@code vertx-micrometer-metrics}. Metrics options can only be given when Vert.x is created, so a Vert.x made
 * otherwise (the tests' {@code Vertx.vertx()}) has none of those: {@link #of} then gives it a registry of its own,
 * made on first use, that holds the forum's meters only ({@code forum_*} and nothing from Vert.x), and
 * {@code /metrics} still answers.
 *
 * <p>The forum's own meters are read when scraped, so counting costs what it cost before: a gauge reads a number the
 * code keeps anyway ({@link #level} for numbers several verticles move together), a counter reads an
 * {@code AtomicLong}.
 */
public final class Meters implements Shareable {

  /** Every meter of the forum's own starts with this (Prometheus: {@code forum_...}). */
  public static final String PREFIX = "forum.";
  private static final String NODE_KEY = "registry";
  /** Where meters counted outside any Vert.x go: nothing scrapes it. */
  private static final Meters NOWHERE = new Meters(newRegistry(), false);

  private final PrometheusMeterRegistry registry;
  private final boolean withVertxMetrics;
  private final ConcurrentMap<String, AtomicLong> levels = new ConcurrentHashMap<>();

  private Meters(PrometheusMeterRegistry registry, boolean withVertxMetrics) {
    this.registry = registry;
    this.withVertxMetrics = withVertxMetrics;
  }

  /** A Vert.x (alone) whose own metrics go into the registry {@link #of} returns for it. */
  public static Vertx vertx(VertxOptions options) {
    PrometheusMeterRegistry registry = newRegistry();
    Vertx vertx = Vertx.builder().with(withMetrics(options)).withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    attach(vertx, registry);
    return vertx;
  }

  /** A clustered Vert.x whose own metrics go into the registry {@link #of} returns for it. */
  public static Future<Vertx> clusteredVertx(VertxOptions options, ClusterManager manager) {
    PrometheusMeterRegistry registry = newRegistry();
    return Vertx.builder().with(withMetrics(options)).withMetrics(new MicrometerMetricsFactory(registry))
        .withClusterManager(manager)
        .buildClustered()
        .onSuccess(vertx -> attach(vertx, registry));
  }

  /** The meters of {@code vertx}'s node; a Vert.x built without metrics gets a registry of its own here. */
  public static Meters of(Vertx vertx) {
    LocalMap<String, Meters> node = vertx.sharedData().getLocalMap(Meters.class.getName());
    Meters meters = node.get(NODE_KEY);
    if (meters != null) {
      return meters;
    }
    Meters fresh = new Meters(newRegistry(), false);
    Meters existing = node.putIfAbsent(NODE_KEY, fresh);
    return existing == null ? fresh : existing;
  }

  /**
   * The meters of the node whose event loop (or worker) runs the caller, for code that holds no {@link Vertx} (a
   * future's continuation runs on its context); meters counted outside any Vert.x context go nowhere.
   */
  public static Meters current() {
    Context context = Vertx.currentContext();
    return context == null ? NOWHERE : of(context.owner());
  }

  /** The registry, for meters of the forum's own and for the scrape. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Whether Vert.x reports its own meters here (built by {@link #vertx} or {@link #clusteredVertx}). */
  public boolean withVertxMetrics() {
    return withVertxMetrics;
  }

  /** The registry's content in the Prometheus text format. */
  String scrape() {
    return registry.scrape();
  }

  /**
   * A number that goes up and down, shared by every caller on this node that names it (e.g. open live connections,
   * counted by each HTTP verticle's bridge), exposed as a gauge.
   */
  public AtomicLong level(String name, String description) {
    return levels.computeIfAbsent(name, key -> {
      AtomicLong level = new AtomicLong();
      Gauge.builder(key, level, AtomicLong::get).description(description).register(registry);
      return level;
    });
  }

  /**
   * A number read from {@code source} when scraped (e.g. a read model's size). Micrometer holds {@code source}
   * weakly: once it is collected the gauge reads NaN, so a stopped verticle's gauge holds no memory.
   */
  public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
    Gauge.builder(name, source, value).description(description).register(registry);
  }

  /** A counter read from {@code source} when scraped (e.g. a cache's hits), for a source that counts by itself. */
  public <T> void counter(String name, String description, T source, ToDoubleFunction<T> count, String... tags) {
    FunctionCounter.builder(name, source, count).description(description).tags(tags).register(registry);
  }

  private static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /**
   * Vert.x's metrics options: HTTP server, client, event bus, pools and the JVM, with the route as a label of HTTP
   * requests (route templates such as {@code /t/:threadId}, so a handful of values, not one per thread). The
   * registry name is this node's own: vertx-micrometer-metrics keeps registries by name for the whole JVM, and two
   * nodes in one JVM (the tests) must not share one.
   */
  private static VertxOptions withMetrics(VertxOptions options) {
    EnumSet<Label> labels = EnumSet.copyOf(MicrometerMetricsOptions.DEFAULT_LABELS);
    labels.add(Label.HTTP_ROUTE);
    return new VertxOptions(options).setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setRegistryName("ngo-forum-" + UUID.randomUUID())
        .setJvmMetricsEnabled(true)
        .setLabels(labels)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
  }

  private static void attach(Vertx vertx, PrometheusMeterRegistry registry) {
    vertx.sharedData().getLocalMap(Meters.class.getName()).put(NODE_KEY, new Meters(registry, true));
  }
}
