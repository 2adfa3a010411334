package vn.ngoforum.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import vn.ngoforum.db.FragmentedStoreWrites;
import vn.ngoforum.support.TestServers;

/**
 * The benchmark: {@code mvn -Pbench} (full, within 15 minutes on the 2-core machine) or {@code mvn -Pbench
 * -Dbench.quick=true} (tiny counts, for CI; the smoke test runs this in quick mode).
 *
 * <p>It starts the MongoDB-wire store and Keycloak (the tests' {@link TestServers}) in this JVM, then three kinds of
 * child JVMs: the forum ({@link BenchForum}), the baselines ({@link BenchBaseline}) and, one per scenario, the load
 * generator ({@link LoadGen}). Every forum figure has a baseline measured in the same run just before it, so the
 * ratios hold on a noisy shared machine. Results: {@code target/bench/results.json}, {@code summary.md},
 * {@code fanout.svg}; logs of the child processes under {@code target/bench/logs/}.
 */
public final class BenchMain {

  /** Same JVM options for the forum and its baselines, so heap and CPU figures compare. */
  static final List<String> SERVER_JVM = List.of("-Xms1g", "-Xmx2g", "-XX:+UseG1GC");
  private static final List<String> LOADGEN_JVM = List.of("-Xmx2g", "-XX:+UseG1GC");
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private static final String PASSWORD = TestServers.PASSWORD;

  /** How much of everything: the full run or the quick one. */
  record Plan(boolean quick, int warmupSeconds, int jitWarmupSeconds, int seconds, List<Integer> subscriberCounts,
      int rounds, int idleSeconds, int liveSubscribers, int approvals, int votesPerSec, int stormSeconds, int voters,
      int posts, int members, List<Integer> storeWriters, int storeSeconds, int replyRounds,
      int fragmentedDocuments, int fragmentedWrites, DataGrowth.Sizes growth) {

    static Plan fullRun() {
      return new Plan(false, 3, 20, 10, List.of(1_000, 5_000, 10_000), 10, 20, 5_000, 5, 50, 20, 100, 50, 10,
          List.of(1, 16), 5, 5, 100_000, 1_000, DataGrowth.Sizes.full());
    }

    static Plan quickRun() {
      return new Plan(true, 1, 1, 1, List.of(10, 30), 2, 1, 10, 1, 10, 2, 4, 3, 2, List.of(1, 4), 1, 1, 5_000, 100,
          DataGrowth.Sizes.quick());
    }
  }

  private final Plan plan;
  private final Path out;
  private final Path logs;
  private final List<Process> children = new java.util.concurrent.CopyOnWriteArrayList<>();

  BenchMain(Plan plan, Path out) {
    this.plan = plan;
    this.out = out;
    this.logs = out.resolve("logs");
  }

  public static void main(String[] args) throws Exception {
    boolean quick = Boolean.getBoolean("bench.quick") || List.of(args).contains("--quick");
    Path out = Path.of(System.getProperty("bench.out", "target/bench"));
    try {
      JsonObject results = new BenchMain(quick ? Plan.quickRun() : Plan.fullRun(), out).run();
      if (!results.isEmpty()) {
        System.out.println(Files.readString(out.resolve("summary.md")));
        System.out.println("Results: " + out.resolve("results.json").toAbsolutePath() + " (" + results.size()
            + " keys)");
      }
    } catch (Exception | Error e) {
      e.printStackTrace();
      // The embedded store's threads would keep the JVM alive; the shutdown hooks stop it and Keycloak.
      System.exit(1);
    }
    System.exit(0);
  }

  /** Runs every phase and writes results.json, summary.md and fanout.svg; answers the results. */
  JsonObject run() throws Exception {
    Files.createDirectories(logs);
    // Interrupted (Ctrl-C), the child JVMs go too.
    Thread reaper = new Thread(() -> children.forEach(Process::destroyForcibly), "bench-children");
    Runtime.getRuntime().addShutdownHook(reaper);
    long started = System.nanoTime();
    try {
      return measure(started);
    } finally {
      children.forEach(Process::destroy);
      for (Process child : children) {
        if (!child.waitFor(20, TimeUnit.SECONDS)) {
          child.destroyForcibly();
        }
      }
      Runtime.getRuntime().removeShutdownHook(reaper);
    }
  }

  private JsonObject measure(long started) throws Exception {
    TestServers servers = TestServers.get();
    String keycloak = servers.keycloakUrl();
    // For working on one scenario: -Dbench.only=live|fanout|http|store|signedin runs just that and writes no report.
    String only = System.getProperty("bench.only", "");
    if ("store".equals(only)) {
      JsonObject store = storeWrites(keycloak);
      log("Store writes: " + store.encode());
      return new JsonObject();
    }
    if ("growth".equals(only)) {
      JsonObject growth = new DataGrowth(this, plan.growth(), out.resolve("growth")).run(keycloak);
      Files.writeString(out.resolve("growth.json"), growth.encodePrettily());
      Files.writeString(out.resolve("growth.md"), Report.growthSummary(growth));
      Files.writeString(out.resolve("growth.svg"), Report.growthChart(growth));
      log("Data growth:\n" + Report.growthSummary(growth));
      return new JsonObject();
    }
    int forumPort = servers.forumPort();
    int forumControl = TestServers.freePort();
    String forum = "http://localhost:" + forumPort;
    String database = "bench" + System.currentTimeMillis();
    Process forumProcess = start("forum", SERVER_JVM, BenchForum.class, List.of(String.valueOf(forumPort),
        String.valueOf(forumControl), servers.mongoUri(database), keycloak, out.resolve("data").toString()));

    log("Seeding users, a thread of " + plan.posts() + " posts and a Q&A session");
    Seed seed = new Seed(keycloak, forum);
    seed.tokensLastAnHour();
    seed.users("bench-member-", plan.members(), true);
    seed.users("bench-voter-", plan.voters(), false);
    String threadId = seed.thread(plan.posts(), plan.members());
    JsonObject qa = seed.session(plan.approvals(), plan.voters(), 0);
    // A session of its own for the live scenario's warm-up (other askers: asking is paced per person).
    JsonObject warmUpQa = seed.session(plan.approvals(), plan.voters(), plan.approvals() + 1);

    String pagePath = "/t/" + threadId;
    byte[] page = get(forum + pagePath).body();
    byte[] pageAgain = get(forum + pagePath).body();
    byte[] api = get(forum + "/api/v1/threads/" + threadId).body();
    Files.write(out.resolve("thread-page.html"), page);
    Files.write(out.resolve("thread-api.json"), api);

    int basePort = TestServers.freePort();
    int baseControl = TestServers.freePort();
    start("baseline", SERVER_JVM, BenchBaseline.class, List.of(String.valueOf(basePort), String.valueOf(baseControl),
        out.resolve("thread-page.html").toString(), out.resolve("thread-api.json").toString()));
    String base = "http://localhost:" + basePort;
    String baseCtl = "http://127.0.0.1:" + baseControl;
    String forumCtl = "http://127.0.0.1:" + forumControl;

    String address = "qa.session." + qa.getString("session");
    if ("live".equals(only)) {
      // The vote storm's target is a ratio to the raw broadcast's p99 to as many subscribers, in the same run.
      log("Raw broadcast to " + plan.liveSubscribers() + " subscribers (the vote storm's baseline)");
      JsonObject raw = loadgen("fanout-raw-" + plan.liveSubscribers(), List.of("fanout",
          "ws://localhost:" + basePort + "/ws", address, String.valueOf(plan.liveSubscribers()),
          String.valueOf(plan.rounds()), baseCtl, "0"));
      JsonObject storm = live(seed, qa, warmUpQa, forumPort, forumCtl, forum).getJsonObject("voteStorm");
      log("Vote storm: count update p50 / p99 " + storm.getValue("p50Ms") + " / " + storm.getValue("p99Ms")
          + " ms, raw broadcast p50 / p99 " + raw.getValue("p50Ms") + " / " + raw.getValue("p99Ms") + " ms: p99 ratio "
          + Report.ratio(storm.getDouble("p99Ms"), raw.getDouble("p99Ms")) + "; " + storm.encode());
      return new JsonObject();
    }
    if ("fanout".equals(only)) {
      fanout(basePort, baseCtl, forumPort, forumCtl, address, new JsonObject());
      return new JsonObject();
    }
    if ("signedin".equals(only)) {
      // For profiling the signed-in page (BENCH_JFR=forum): its load alone, -Dbench.signedin.seconds long.
      int seconds = Integer.getInteger("bench.signedin.seconds", 60);
      loadgen("http-64-signed-in-only", List.of("http", forum + pagePath, "64", String.valueOf(plan.warmupSeconds()),
          String.valueOf(seconds), forumCtl, signedInCookies(forum, pagePath)));
      return new JsonObject();
    }
    log("HTTP: baselines, then the forum");
    JsonObject json = http(base + "/json", 64, baseCtl);
    JsonObject blob = http(base + "/page", 64, baseCtl);
    JsonObject apiBlob = http(base + "/api", 64, baseCtl);
    JsonObject render = http(base + "/render", 64, baseCtl);
    // A forum runs for days, so readers meet its code compiled: each of the forum's pages first gets the same
    // unmeasured load long enough for the JIT to finish on this 2-core machine (the signed-in page's code took
    // 10 to 20 s), then is measured at 16 and 64 connections.
    JsonObject page16 = http(forum + pagePath, 16, forumCtl, null, plan.jitWarmupSeconds());
    JsonObject page64 = http(forum + pagePath, 64, forumCtl);
    JsonObject apiForum = http(forum + "/api/v1/threads/" + threadId, 64, forumCtl, null, plan.jitWarmupSeconds());
    // The same page as a member signed in through the browser's sign-in (a session cookie, as a browser sends it).
    String member = signedInCookies(forum, pagePath);
    JsonObject signedIn16 = http(forum + pagePath, 16, forumCtl, member, plan.jitWarmupSeconds());
    JsonObject signedIn64 = http(forum + pagePath, 64, forumCtl, member);

    if ("http".equals(only)) {
      return new JsonObject();
    }
    JsonObject idle = new JsonObject();
    JsonArray fanout = fanout(basePort, baseCtl, forumPort, forumCtl, address, idle);
    JsonObject live = live(seed, qa, warmUpQa, forumPort, forumCtl, forum);

    JsonObject storeWrites = storeWrites(keycloak);
    forumProcess.destroy();
    JsonObject growth = new DataGrowth(this, plan.growth(), out.resolve("growth")).run(keycloak);

    JsonObject storm = live.getJsonObject("voteStorm");
    JsonObject results = new JsonObject()
        .put("mode", plan.quick() ? "quick" : "full")
        .put("finishedAt", Instant.now().toString())
        .put("durationSeconds", (System.nanoTime() - started) / 1_000_000_000L)
        .put("machine", Machine.describe())
        .put("threadPage", new JsonObject()
            .put("posts", plan.posts()).put("bytes", page.length)
            .put("sameBytesTwice", java.util.Arrays.equals(page, pageAgain))
            .put("rps", page64.getValue("rps")).put("p99Ms", page64.getValue("p99Ms"))
            .put("rps16", page16.getValue("rps")).put("p99Ms16", page16.getValue("p99Ms"))
            .put("signedInRps", signedIn64.getValue("rps")).put("signedInP99Ms", signedIn64.getValue("p99Ms"))
            .put("signedInServerCpuMsPerRequest", signedIn64.getValue("serverCpuMsPerRequest"))
            .put("signedInRps16", signedIn16.getValue("rps")).put("signedInP99Ms16", signedIn16.getValue("p99Ms"))
            .put("serverCpuMsPerRequest", page64.getValue("serverCpuMsPerRequest"))
            .put("baselineBlobRps", blob.getValue("rps")).put("baselineBlobP99Ms", blob.getValue("p99Ms"))
            .put("baselineRenderRps", render.getValue("rps")).put("baselineRenderP99Ms", render.getValue("p99Ms"))
            .put("baselineJsonRps", json.getValue("rps")))
        .put("apiThread", new JsonObject()
            .put("rps", apiForum.getValue("rps")).put("p99Ms", apiForum.getValue("p99Ms"))
            .put("serverCpuMsPerRequest", apiForum.getValue("serverCpuMsPerRequest"))
            .put("baselineBlobRps", apiBlob.getValue("rps")))
        .put("fanout", fanout)
        .put("approval", live.getJsonObject("approval"))
        .put("voteStorm", new JsonObject()
            .put("subscribers", storm.getValue("subscribers")).put("votesPerSec", storm.getValue("votesPerSec"))
            .put("achievedVotesPerSec", storm.getValue("achievedVotesPerSec"))
            .put("p50Ms", storm.getValue("p50Ms")).put("p99Ms", storm.getValue("p99Ms"))
            .put("delivered", storm.getValue("delivered"))
            .put("framesPerSubscriberPerSec", storm.getValue("framesPerSubscriberPerSec"))
            .put("failedVotes", storm.getValue("failedVotes")))
        .put("memoryPerConnectionKiB", idle.getJsonObject("forum").getValue("heapPerConnectionKiB"))
        .put("baselineMemoryPerConnectionKiB", idle.getJsonObject("baseline").getValue("heapPerConnectionKiB"))
        .put("idleCpuPercentOfOneCore", idle.getJsonObject("forum").getValue("idleCpuPercentOfOneCore"))
        .put("baselineIdleCpuPercentOfOneCore", idle.getJsonObject("baseline").getValue("idleCpuPercentOfOneCore"))
        .put("idleSubscribers", plan.subscriberCounts().get(plan.subscriberCounts().size() - 1))
        .put("storeWrites", storeWrites)
        .put("dataGrowth", growth)
        .put("http", new JsonObject().put("baselineJson", json).put("baselinePage", blob).put("baselineApi", apiBlob)
            .put("baselineRender", render).put("threadPage16", page16).put("threadPage64", page64)
            .put("apiThread64", apiForum).put("threadPageSignedIn64", signedIn64));
    results.put("targets", Report.targets(results));
    Files.writeString(out.resolve("results.json"), results.encodePrettily());
    Files.writeString(out.resolve("fanout.svg"), Report.chart(results));
    Files.writeString(out.resolve("growth.svg"), Report.growthChart(growth));
    Files.writeString(out.resolve("summary.md"), Report.summary(results));
    return results;
  }

  /** Fan-out at each subscriber count, the raw broadcast first; {@code idle} gets both at the largest count. */
  private JsonArray fanout(int basePort, String baseCtl, int forumPort, String forumCtl, String address,
      JsonObject idle) throws Exception {
    JsonArray fanout = new JsonArray();
    int most = plan.subscriberCounts().get(plan.subscriberCounts().size() - 1);
    for (int count : plan.subscriberCounts()) {
      log("Fan-out to " + count + " subscribers: raw broadcast, then the bridge");
      int idleSeconds = count == most ? plan.idleSeconds() : 0;
      JsonObject raw = loadgen("fanout-raw-" + count, List.of("fanout", "ws://localhost:" + basePort + "/ws",
          address, String.valueOf(count), String.valueOf(plan.rounds()), baseCtl, String.valueOf(idleSeconds)));
      JsonObject bridge = loadgen("fanout-bridge-" + count, List.of("fanout",
          "ws://localhost:" + forumPort + "/eventbus/websocket", address, String.valueOf(count),
          String.valueOf(plan.rounds()), forumCtl, String.valueOf(idleSeconds)));
      fanout.add(new JsonObject().put("subscribers", count)
          .put("p50Ms", bridge.getValue("p50Ms")).put("p99Ms", bridge.getValue("p99Ms"))
          .put("delivered", bridge.getValue("delivered"))
          .put("baselineP50Ms", raw.getValue("p50Ms")).put("baselineP99Ms", raw.getValue("p99Ms"))
          .put("baselineDelivered", raw.getValue("delivered"))
          .put("serverCpuMicrosPerFrame", bridge.getValue("serverCpuMicrosPerFrame"))
          .put("baselineServerCpuMicrosPerFrame", raw.getValue("serverCpuMicrosPerFrame"))
          .put("bridge", bridge).put("baseline", raw));
      if (count == most) {
        idle.put("forum", bridge).put("baseline", raw);
      }
    }
    return fanout;
  }

  /**
   * "Question approved → every attendee has it" and the vote storm, over the real bridge: first the same, unmeasured,
   * on {@code warmUpQa}, so that the code of voting and announcing is compiled, as in a forum that has run a while
   * (measured cold, the storm's p99 was three times its warm figure, mostly the JIT).
   */
  private JsonObject live(Seed seed, JsonObject qa, JsonObject warmUpQa, int forumPort, String forumCtl,
      String forum) throws Exception {
    log("Live warm-up: the same scenario on a session of its own, unmeasured");
    live("live-warmup", seed, warmUpQa, forumPort, forumCtl, forum);
    log("Live: question approved, then a vote storm, with " + plan.liveSubscribers() + " attendees following");
    return live("live", seed, qa, forumPort, forumCtl, forum);
  }

  private JsonObject live(String name, Seed seed, JsonObject qa, int forumPort, String forumCtl, String forum)
      throws Exception {
    String address = "qa.session." + qa.getString("session");
    JsonObject liveConfig = new JsonObject()
        .put("moderatorToken", seed.token("moderator"))
        .put("pending", qa.getJsonArray("pending"))
        .put("voteQuestion", qa.getString("voteQuestion"))
        .put("voterTokens", new JsonArray(seed.voterTokens(plan.voters())))
        .put("votesPerSec", plan.votesPerSec()).put("stormSeconds", plan.stormSeconds());
    Path liveFile = out.resolve(name + "-config.json");
    Files.writeString(liveFile, liveConfig.encode());
    JsonObject live = loadgen(name, List.of("live", "ws://localhost:" + forumPort + "/eventbus/websocket", address,
        String.valueOf(plan.liveSubscribers()), forumCtl, forum, liveFile.toString()));
    Files.delete(liveFile);
    return live;
  }

  /**
   * What making the embedded store's writes durable costs: the forum's store on a file, which answers a write once
   * it is committed and synced ({@code durable}), beside the store it replaced, which answered at once and
   * committed about once a second ({@code delayed}), and the in-memory store ({@code memory}), in child JVMs
   * ({@link BenchStore}) running side by side.
   *
   * <ul>
   *   <li>{@code reply}: a reply through the API ({@code POST /api/v1/threads/{id}/posts}, one at a time, as a
   *   person posts) to two forums ({@link BenchForum}), one on the durable store and one on the delayed store, the
   *   two requests of each pair one after the other, first one forum then the other, so that the machine's noise
   *   falls on both alike;</li>
   *   <li>{@code driver}: inserts of a kilobyte through the MongoDB driver in a closed loop, 1 writer and many, in
   *   each mode ({@link LoadGen} {@code store}).</li>
   * </ul>
   */
  private JsonObject storeWrites(String keycloak) throws Exception {
    log("Store writes: the durable store beside the delayed-commit one and the in-memory one");
    Path data = out.resolve("store");
    java.util.Map<String, String> stores = new java.util.LinkedHashMap<>();
    List<Process> processes = new ArrayList<>();
    for (String mode : List.of("memory", "delayed", "durable")) {
      int port = TestServers.freePort();
      processes.add(start("store-" + mode, SERVER_JVM, BenchStore.class, List.of(mode,
          data.resolve(mode + ".mv").toString(), String.valueOf(port))));
      stores.put(mode, "mongodb://127.0.0.1:" + port + "/bench");
    }
    try {
      JsonArray driver = new JsonArray();
      for (int writers : plan.storeWriters()) {
        JsonObject row = new JsonObject().put("writers", writers);
        for (var store : stores.entrySet()) {
          row.put(store.getKey(), loadgen("store-" + store.getKey() + "-" + writers, List.of("store",
              store.getValue(), String.valueOf(writers), String.valueOf(plan.warmupSeconds()),
              String.valueOf(plan.storeSeconds()))));
        }
        driver.add(row);
      }
      return new JsonObject().put("driver", driver).put("reply", replies(keycloak, stores, data))
          .put("fragmented", fragmented(data.resolve("fragmented")));
    } finally {
      processes.forEach(Process::destroy);
    }
  }

  /**
   * Durable writes on a fragmented store (a post and a read mark, then commit and sync, one at a time) as the forum
   * opens it, beside the same with H2's own compaction step ({@link FragmentedStoreWrites}).
   */
  private JsonObject fragmented(Path dir) throws Exception {
    log("Store writes on a fragmented store of " + plan.fragmentedDocuments() + " documents");
    FragmentedStoreWrites.Timings timings =
        FragmentedStoreWrites.measure(dir, plan.fragmentedDocuments(), plan.fragmentedWrites());
    return new JsonObject().put("documents", plan.fragmentedDocuments()).put("fileMb", timings.fileMb())
        .put("forum", DataGrowth.percentiles(timings.forum()))
        .put("baseline", DataGrowth.percentiles(timings.baseline()));
  }

  /** Reply latency on a forum whose store is durable, beside one whose store commits about once a second. */
  private JsonObject replies(String keycloak, java.util.Map<String, String> stores, Path data) throws Exception {
    List<String> modes = List.of("durable", "delayed");
    java.util.Map<String, String> forums = new java.util.LinkedHashMap<>();
    List<Process> processes = new ArrayList<>();
    try {
      for (String mode : modes) {
        int port = TestServers.freePort();
        processes.add(start("forum-" + mode, SERVER_JVM, BenchForum.class, List.of(String.valueOf(port),
            String.valueOf(TestServers.freePort()), stores.get(mode).replace("/bench", "/forum"), keycloak,
            data.resolve("forum-" + mode).toString())));
        forums.put(mode, "http://localhost:" + port);
      }
      Seed seed = new Seed(keycloak, forums.get("durable"));
      String prefix = "bench-writer-" + System.currentTimeMillis() % 100_000 + "-";
      seed.users(prefix, plan.members(), true);
      List<String> writers = new ArrayList<>();
      for (int i = 0; i < plan.members(); i++) {
        writers.add(seed.token(prefix + i));
      }
      java.util.Map<String, String> threads = new java.util.HashMap<>();
      for (String mode : modes) {
        threads.put(mode, new Seed(keycloak, forums.get(mode)).thread(1, writers.subList(0, 1)));
      }
      java.util.Map<String, List<Long>> micros = new java.util.HashMap<>();
      modes.forEach(mode -> micros.put(mode, new ArrayList<>()));
      int number = 0;
      // One round more than measured: the first warms both forums up (and their JIT) alike.
      for (int round = 0; round <= plan.replyRounds(); round++) {
        if (round > 0) {
          Thread.sleep(5_200);
        }
        for (String writer : writers) {
          List<String> order = number % 2 == 0 ? modes : List.of(modes.get(1), modes.get(0));
          for (String mode : order) {
            long took = timedReply(forums.get(mode), threads.get(mode), writer, number);
            if (round > 0) {
              micros.get(mode).add(took);
            }
          }
          number++;
        }
      }
      JsonObject durable = percentiles(micros.get("durable"));
      JsonObject delayed = percentiles(micros.get("delayed"));
      return new JsonObject().put("replies", micros.get("durable").size())
          .put("p50Ms", durable.getDouble("p50Ms")).put("p90Ms", durable.getDouble("p90Ms"))
          .put("baselineP50Ms", delayed.getDouble("p50Ms")).put("baselineP90Ms", delayed.getDouble("p90Ms"));
    } finally {
      processes.forEach(Process::destroy);
    }
  }

  /** Posts reply {@code number} and answers the time until the 201, in microseconds. */
  private static long timedReply(String forum, String threadId, String token, int number) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(forum + "/api/v1/threads/" + threadId + "/posts"))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("body", Seed.body(number)).encode())).build();
    long sent = System.nanoTime();
    HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    long took = (System.nanoTime() - sent) / 1_000;
    if (answer.statusCode() != 201) {
      throw new IllegalStateException("A reply to " + forum + " answered " + answer.statusCode() + ": "
          + answer.body());
    }
    return took;
  }

  private static JsonObject percentiles(List<Long> micros) {
    List<Long> sorted = micros.stream().sorted().toList();
    return new JsonObject()
        .put("p50Ms", LoadGen.round(sorted.get((sorted.size() - 1) / 2) / 1000.0))
        .put("p90Ms", LoadGen.round(sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1) / 1000.0));
  }

  // ---- child processes -------------------------------------------------------------------------------------------

  Process start(String name, List<String> jvm, Class<?> main, List<String> args) throws Exception {
    Process process = launch(name, jvm, main, args);
    Path log = logs.resolve(name + ".log");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      if (Files.readString(log).contains("READY")) {
        return process;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited at start: " + tail(log));
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(name + " did not start within 3 minutes: " + tail(log));
  }

  /** Where the child processes' logs go. */
  Path logs() {
    return logs;
  }

  /** Starts a child JVM (its output in logs/{name}.log) without waiting for it. */
  Process launch(String name, List<String> jvm, Class<?> main, List<String> args) throws Exception {
    Path log = logs.resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(jvm);
    String jfr = System.getenv("BENCH_JFR");
    if (jfr != null && jfr.equals(name)) {
      command.add("-XX:StartFlightRecording=filename=" + out.resolve(name + ".jfr")
          + ",settings=profile,dumponexit=true");
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    children.add(process);
    return process;
  }

  private JsonObject http(String url, int connections, String control) throws Exception {
    return http(url, connections, control, null);
  }

  /** HTTP load on {@code url}; with {@code cookie}, each request carries it (a signed-in browser). */
  private JsonObject http(String url, int connections, String control, String cookie) throws Exception {
    return http(url, connections, control, cookie, plan.warmupSeconds());
  }

  /** The same after {@code warmupSeconds} of unmeasured load. */
  private JsonObject http(String url, int connections, String control, String cookie, int warmupSeconds)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("http", url, String.valueOf(connections),
        String.valueOf(warmupSeconds), String.valueOf(plan.seconds()), control));
    if (cookie != null) {
      args.add(cookie);
    }
    return loadgen("http-" + connections + (cookie == null ? "" : "-signed-in") + "-"
        + URI.create(url).getPath().replaceAll("[^A-Za-z0-9]+", "_"), args);
  }

  /**
   * The cookies of a browser that signed in as the first bench member (Keycloak's login form) and opened
   * {@code pagePath} once: the session cookie and the XSRF-TOKEN cookie, as that browser sends them.
   */
  private static String signedInCookies(String forum, String pagePath) {
    vn.ngoforum.support.Browser browser = new vn.ngoforum.support.Browser();
    browser.signIn(forum, "bench-member-0", PASSWORD);
    vn.ngoforum.support.Browser.Page page = browser.get(forum + pagePath);
    String session = browser.cookie(forum, vn.ngoforum.auth.Sessions.COOKIE).orElse(null);
    if (page.status() != 200 || session == null || !page.body().contains("action=\"/logout\"")) {
      throw new IllegalStateException("The bench member's browser did not get a signed-in page: " + page.status());
    }
    return vn.ngoforum.auth.Sessions.COOKIE + "=" + session
        + browser.cookie(forum, "XSRF-TOKEN").map(token -> "; XSRF-TOKEN=" + token).orElse("");
  }

  private JsonObject loadgen(String name, List<String> args) throws Exception {
    Path result = out.resolve("loadgen-" + name + ".json");
    Files.deleteIfExists(result);
    Path log = logs.resolve("loadgen-" + name + ".log");
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(LOADGEN_JVM);
    command.add("-Dbench.pingMillis=" + browserPingMillis());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadGen.class.getName()));
    command.addAll(args);
    command.add(result.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    children.add(process);
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("Load generator " + name + " took over 10 minutes: " + tail(log));
    }
    children.remove(process);
    if (process.exitValue() != 0 || !Files.exists(result)) {
      throw new IllegalStateException("Load generator " + name + " failed: " + tail(log));
    }
    JsonObject figures = new JsonObject(Files.readString(result));
    log("  " + name + ": " + figures.encode());
    return figures;
  }

  /** How often browsers ping the bridge: the constant in the page script, so the load matches what ships. */
  static long browserPingMillis() throws IOException {
    java.util.regex.Matcher ping = java.util.regex.Pattern.compile("PING_MILLIS\\s*=\\s*(\\d+)")
        .matcher(Files.readString(Path.of("webroot/js/live.js")));
    if (!ping.find()) {
      throw new IllegalStateException("PING_MILLIS not found in webroot/js/live.js");
    }
    return Long.parseLong(ping.group(1));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  static void log(String message) {
    System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
  }

  // ---- the data the benchmark reads, made through the API like any client ---------------------------------------

  /** Users in Keycloak and the forum's data, made through Keycloak's admin API and the forum's JSON API. */
  static final class Seed {

    private final String keycloak;
    private final String forum;
    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    Seed(String keycloak, String forum) {
      this.keycloak = keycloak;
      this.forum = forum;
    }

    void users(String prefix, int count, boolean member) throws Exception {
      String admin = TestServers.get().adminToken();
      String realm = keycloak + "/admin/realms/" + TestServers.REALM;
      JsonObject role = new JsonObject(send(HttpRequest.newBuilder(URI.create(realm + "/roles/member"))
          .header("Authorization", "Bearer " + admin), null).body());
      for (int i = 0; i < count; i++) {
        if (i > 0 && i % 10 == 0) {
          // The admin token lasts a minute: on a busy machine a hundred users take longer than that.
          admin = TestServers.get().adminToken();
        }
        String username = prefix + i;
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(realm + "/users"))
            .header("Authorization", "Bearer " + admin), new JsonObject()
            .put("username", username).put("enabled", true).put("emailVerified", true)
            .put("firstName", "Bench").put("lastName", "User " + i).put("email", username + "@bench.example")
            .put("credentials", new JsonArray().add(new JsonObject().put("type", "password")
                .put("value", PASSWORD).put("temporary", false))));
        if (created.statusCode() != 201) {
          throw new IllegalStateException("Keycloak refused user " + username + ": " + created.body());
        }
        if (member) {
          String location = created.headers().firstValue("Location").orElseThrow();
          String id = location.substring(location.lastIndexOf('/') + 1);
          HttpResponse<String> mapped = send(HttpRequest.newBuilder(URI.create(realm + "/users/" + id
              + "/role-mappings/realm")).header("Authorization", "Bearer " + admin), new JsonArray().add(role));
          if (mapped.statusCode() != 204) {
            throw new IllegalStateException("Keycloak refused the member role: " + mapped.body());
          }
        }
      }
    }

    String token(String username) throws Exception {
      String form = Map.of("grant_type", "password", "client_id", TestServers.TEST_CLIENT,
              "client_secret", TestServers.TEST_CLIENT_SECRET, "username", username, "password", PASSWORD,
              "scope", "openid").entrySet().stream()
          .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
      HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(keycloak + "/realms/"
              + TestServers.REALM + "/protocol/openid-connect/token"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("No token for " + username + ": " + answer.body());
      }
      return new JsonObject(answer.body()).getString("access_token");
    }

    /**
     * The benchmark's realm issues access tokens for an hour instead of five minutes: on a busy machine connecting
     * 5,000 subscribers took long enough for the moderator's and voters' tokens to expire before they were used.
     */
    void tokensLastAnHour() throws Exception {
      String realm = keycloak + "/admin/realms/" + TestServers.REALM;
      HttpResponse<String> set = HTTP.send(HttpRequest.newBuilder(URI.create(realm))
          .header("Authorization", "Bearer " + TestServers.get().adminToken())
          .header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(new JsonObject().put("accessTokenLifespan", 3600).encode()))
          .build(), HttpResponse.BodyHandlers.ofString());
      if (set.statusCode() != 204) {
        throw new IllegalStateException("Keycloak kept the token lifespan: " + set.statusCode() + " " + set.body());
      }
    }

    List<String> voterTokens(int count) throws Exception {
      List<String> list = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        list.add(token("bench-voter-" + i));
      }
      return list;
    }

    /** A thread of {@code posts} posts by {@code members} members, within the forum's per-person pace. */
    String thread(int posts, int members) throws Exception {
      List<String> writers = new ArrayList<>();
      for (int i = 0; i < members; i++) {
        writers.add(token("bench-member-" + i));
      }
      return thread(posts, writers);
    }

    /** A thread of {@code posts} posts by the holders of the tokens {@code writers}, in turn. */
    String thread(int posts, List<String> writers) throws Exception {
      int members = writers.size();
      JsonArray categories = new JsonArray(api("GET", "/api/v1/categories", null, null, 200));
      String category = categories.stream().map(JsonObject.class::cast)
          .filter(c -> !"members".equals(c.getString("visibility"))).findFirst().orElseThrow().getString("slug");
      String threadId = new JsonObject(api("POST", "/api/v1/threads", writers.get(0), new JsonObject()
          .put("category", category).put("title", "Buôn bán động vật hoang dã trái phép: báo cáo hiện trường 2026")
          .put("body", Seed.body(1)), 201)).getString("id");
      int written = 1;
      while (written < posts) {
        for (int i = 0; i < members && written < posts; i++) {
          api("POST", "/api/v1/threads/" + threadId + "/posts", writers.get(i),
              new JsonObject().put("body", Seed.body(written + 1)), 201);
          written++;
        }
        if (written < posts) {
          Thread.sleep(5_200);
        }
      }
      return threadId;
    }

    /**
     * A public, pre-moderated session with Q&amp;A open: {@code pending} questions waiting for approval and one
     * approved question for the vote storm. Answers {@code {session, pending:[ids], voteQuestion}}.
     */
    /** A Q&amp;A session with {@code pending} questions waiting and one approved, asked by voters from {@code firstAsker}. */
    JsonObject session(int pending, int voters, int firstAsker) throws Exception {
      String moderator = token("moderator");
      String event = new JsonObject(api("POST", "/api/v1/events", moderator, new JsonObject()
          .put("title", new JsonObject().put("vi", "Hội thảo đo hiệu năng").put("en", "Benchmark workshop"))
          .put("startsAt", "2026-09-29T08:30:00+07:00").put("endsAt", "2026-09-29T17:00:00+07:00")
          .put("location", "Hà Nội"), 201)).getString("id");
      String session = new JsonObject(api("POST", "/api/v1/events/" + event + "/sessions", moderator,
          new JsonObject().put("title", new JsonObject().put("vi", "Hỏi đáp").put("en", "Q&A"))
              .put("moderation", "pre").put("visibility", "public"), 201)).getString("id");
      api("POST", "/api/v1/sessions/" + session + "/qa", moderator, new JsonObject().put("open", true), 200);
      JsonArray waiting = new JsonArray();
      for (int i = 0; i <= pending; i++) {
        String asker = token("bench-voter-" + ((firstAsker + i) % voters));
        String id = new JsonObject(api("POST", "/api/v1/sessions/" + session + "/questions", asker,
            new JsonObject().put("text", "Câu hỏi " + i + ": làm sao kiểm soát buôn bán tê tê qua biên giới?")
                .put("anonymous", false), 201)).getString("id");
        waiting.add(id);
      }
      String voteQuestion = (String) waiting.remove(pending);
      api("POST", "/api/v1/questions/" + voteQuestion + "/moderate", moderator,
          new JsonObject().put("action", "approve"), 200);
      return new JsonObject().put("session", session).put("pending", waiting).put("voteQuestion", voteQuestion);
    }

    /** A post of about a kilobyte of Markdown, different for every number. */
    static String body(int number) {
      return "**Báo cáo " + number + "** từ tỉnh Quảng Trị: đội tuần tra của chúng tôi ghi nhận *"
          + (number * 7 % 23 + 2) + "* bẫy thú trong rừng phòng hộ.\n\n"
          + "Chúng tôi đề nghị các tổ chức thành viên chia sẻ kinh nghiệm phối hợp với kiểm lâm và chính quyền xã "
          + "để tháo gỡ bẫy, ghi nhận bằng chứng và hỗ trợ cộng đồng chuyển đổi sinh kế. Rangers removed snares "
          + "along the ridge; pangolin scales were seized at the border crossing, and the case file is with the "
          + "provincial police.\n\n"
          + "- Thời gian: tuần " + number + "\n- Địa điểm: khu bảo tồn, tiểu khu " + (600 + number) + "\n"
          + "- Tài liệu: [dự thảo chính sách](https://example.org/drafts/" + number + ")\n\n"
          + "> Bảo vệ đa dạng sinh học là trách nhiệm chung — conservation is everyone's job.\n";
    }

    private String api(String method, String path, String token, JsonObject body, int expected) throws Exception {
      for (int attempt = 0; attempt < 5; attempt++) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(forum + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
          request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
          request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode()));
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == expected) {
          return answer.body();
        }
        if (answer.statusCode() != 429) {
          throw new IllegalStateException(method + " " + path + " answered " + answer.statusCode() + ": "
              + answer.body());
        }
        Thread.sleep(1000L * Integer.parseInt(answer.headers().firstValue("Retry-After").orElse("5")));
      }
      throw new IllegalStateException(method + " " + path + " kept answering 429");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, Object json) throws Exception {
      request.timeout(Duration.ofSeconds(30));
      if (json != null) {
        request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json.toString()));
      }
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private static HttpResponse<byte[]> get(String url) {
    try {
      HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
          .build(), HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("GET " + url + " answered " + answer.statusCode());
      }
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
