package vn.ngoforum.bench;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The load generator, in its own JVM (never the server's: it needs its own file descriptors and must not share the
 * server's heap or GC). It speaks what browsers speak: HTTP/1.1 for pages and the API, and the SockJS bridge over
 * the raw WebSocket endpoint with {@code register} frames and a {@code ping} per socket every {@code
 * -Dbench.pingMillis} (what webroot/js/live.js sends; BenchMain reads it from there). Latencies are
 * {@code System.nanoTime()} differences against stamps taken in the server process or just before a POST; on one
 * Linux host both read CLOCK_MONOTONIC.
 *
 * <pre>
 *   http   url connections warmupSeconds seconds controlUrl out.json
 *   fanout wsUrl address subscribers rounds controlUrl idleSeconds out.json
 *   live   wsUrl address subscribers controlUrl forumUrl live-config.json out.json
 *   store  mongoUri writers warmupSeconds seconds out.json
 * </pre>
 * Each writes its figures as JSON to {@code out.json}.
 */
public final class LoadGen {

  private static final long PING_TICK_MILLIS = 100;
  private static final int CONNECTS_IN_FLIGHT = 200;
  private static final HttpClient CONTROL = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final Vertx vertx = Vertx.vertx();
  /**
   * Every client this process made, held for its whole life: Vert.x closes a client, and every connection it
   * made, once the client object is garbage collected (a {@code Cleaner}). A WebSocket client held only by a local
   * variable was collected at the first big collection during the vote storm, closing all 5,000 sockets at once
   * (close code 1000, sent by this side and echoed by the server): the "closed by the server" seen in some runs.
   */
  private final List<Object> clients = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Sockets closed while the scenario ran, not by this process's end (e.g. for a missed ping). */
  private final AtomicInteger closedByServer = new AtomicInteger();
  /** Close code, reason and second (from this process's start) of the closes counted in closedByServer. */
  private final java.util.Map<String, Integer> closeCodes = new java.util.concurrent.ConcurrentSkipListMap<>();
  private final long startedNanos = System.nanoTime();
  private volatile boolean closing;
  private final long pingMillis = Long.getLong("bench.pingMillis", 5_000);
  /** The {@code Cookie} header each HTTP request carries (a signed-in browser's session), or {@code null}. */
  private String cookie;

  private LoadGen() {
  }

  public static void main(String[] args) throws Exception {
    LoadGen gen = new LoadGen();
    if ("http".equals(args[0]) && args.length > 7) {
      gen.cookie = args[6];
    }
    JsonObject result = switch (args[0]) {
      case "http" -> gen.http(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
          Integer.parseInt(args[4]), args[5]);
      case "fanout" -> gen.fanout(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5],
          Integer.parseInt(args[6]));
      case "live" -> gen.live(args[1], args[2], Integer.parseInt(args[3]), args[4], args[5],
          new JsonObject(Files.readString(Path.of(args[6]))));
      case "store" -> gen.store(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
          Integer.parseInt(args[4]));
      default -> throw new IllegalArgumentException("Unknown mode " + args[0]);
    };
    gen.closing = true;
    result.put("closedByServer", gen.closedByServer.get()).put("pingMillis", gen.pingMillis)
        .put("closes", new JsonObject(new java.util.HashMap<>(gen.closeCodes)));
    Files.writeString(Path.of(args[args.length - 1]), result.encodePrettily());
    // No graceful close: thousands of WebSocket closing handshakes can outlast a loaded server's patience; the
    // process's end closes every socket.
    System.exit(0);
  }

  // ---- HTTP: closed loop, one request in flight per connection -------------------------------------------------

  private JsonObject http(String url, int connections, int warmupSeconds, int seconds, String control)
      throws Exception {
    URI uri = URI.create(url);
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(connections));
    clients.add(client);
    Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    AtomicLong ok = new AtomicLong();
    AtomicLong bad = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
    long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
    String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    Promise<Void> done = Promise.promise();
    AtomicInteger running = new AtomicInteger(connections);
    for (int i = 0; i < connections; i++) {
      loop(client, uri, path, latencies, ok, bad, bytes, measureFrom, measureTo, running, done);
    }
    Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
    long cpuBefore = serverCpu(control);
    done.future().toCompletionStage().toCompletableFuture().get(seconds + warmupSeconds + 60L, TimeUnit.SECONDS);
    long cpuAfter = serverCpu(control);
    double rps = ok.get() / (double) seconds;
    return new JsonObject().put("url", url).put("connections", connections).put("seconds", seconds)
        .put("requests", ok.get()).put("failures", bad.get()).put("rps", round(rps))
        .put("p50Ms", millis(latencies.getValueAtPercentile(50))).put("p99Ms", millis(latencies.getValueAtPercentile(99)))
        .put("bytesPerResponse", ok.get() == 0 ? 0 : bytes.get() / ok.get())
        .put("serverCpuMsPerRequest", ok.get() == 0 ? null : round((cpuAfter - cpuBefore) / 1e6 / ok.get()));
  }

  private void loop(HttpClientAgent client, URI uri, String path, Histogram latencies, AtomicLong ok,
      AtomicLong bad, AtomicLong bytes, long measureFrom, long measureTo, AtomicInteger running, Promise<Void> done) {
    long sent = System.nanoTime();
    if (sent >= measureTo) {
      if (running.decrementAndGet() == 0) {
        done.tryComplete();
      }
      return;
    }
    client.request(HttpMethod.GET, uri.getPort(), uri.getHost(), path)
        .compose(request -> (cookie == null ? request : request.putHeader("Cookie", cookie)).send())
        .compose(response -> response.body().map(body -> response.statusCode() == 200 ? body : null))
        .onComplete(answer -> {
          long now = System.nanoTime();
          if (sent >= measureFrom && now <= measureTo) {
            if (answer.succeeded() && answer.result() != null) {
              ok.incrementAndGet();
              bytes.addAndGet(answer.result().length());
              synchronized (latencies) {
                latencies.recordValue(Math.max(1, (now - sent) / 1_000));
              }
            } else {
              bad.incrementAndGet();
            }
          }
          loop(client, uri, path, latencies, ok, bad, bytes, measureFrom, measureTo, running, done);
        });
  }

  // ---- store: acknowledged writes through the MongoDB driver, closed loop ---------------------------------------

  /**
   * {@code writers} writers, each inserting a document of about a kilobyte (a post's size) and waiting for the
   * store's acknowledgement before the next; latency is from the call to the acknowledgement.
   */
  private JsonObject store(String mongoUri, int writers, int warmupSeconds, int seconds) throws Exception {
    MongoClient mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", mongoUri)
        .put("maxPoolSize", Math.max(writers, 10)));
    clients.add(mongo);
    String body = "x".repeat(1000);
    // Connected (the driver's first server selection can take seconds on a loaded machine) before the clock runs.
    mongo.insert("posts", new JsonObject().put("body", body)).toCompletionStage().toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    AtomicLong ok = new AtomicLong();
    AtomicLong bad = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
    long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
    List<io.vertx.core.Future<Void>> loops = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      Promise<Void> done = Promise.promise();
      insertLoop(mongo, start + "-" + w + "-", 0, body, latencies, ok, bad, measureFrom, measureTo, done);
      loops.add(done.future());
    }
    io.vertx.core.Future.all(loops).toCompletionStage().toCompletableFuture()
        .get(seconds + warmupSeconds + 60L, TimeUnit.SECONDS);
    return new JsonObject().put("mongoUri", mongoUri).put("writers", writers).put("seconds", seconds)
        .put("writes", ok.get()).put("failures", bad.get()).put("writesPerSec", round(ok.get() / (double) seconds))
        .put("p50Ms", millis(latencies.getValueAtPercentile(50)))
        .put("p99Ms", millis(latencies.getValueAtPercentile(99)));
  }

  private void insertLoop(MongoClient mongo, String prefix, long n, String body, Histogram latencies, AtomicLong ok,
      AtomicLong bad, long measureFrom, long measureTo, Promise<Void> done) {
    long sent = System.nanoTime();
    if (sent >= measureTo) {
      done.complete();
      return;
    }
    mongo.insert("posts", new JsonObject().put("_id", prefix + n).put("body", body).put("n", n))
        .onComplete(answer -> {
          long now = System.nanoTime();
          if (sent >= measureFrom && now <= measureTo) {
            if (answer.succeeded()) {
              ok.incrementAndGet();
              synchronized (latencies) {
                latencies.recordValue(Math.max(1, (now - sent) / 1_000));
              }
            } else {
              bad.incrementAndGet();
            }
          }
          insertLoop(mongo, prefix, n + 1, body, latencies, ok, bad, measureFrom, measureTo, done);
        });
  }

  // ---- live updates: subscribers on the bridge (or the raw baseline) ---------------------------------------------

  /** One subscriber: a WebSocket, what it received, when. */
  private static final class Subscriber {
    final WebSocket socket;
    volatile boolean warmedUp;
    /** Receipt times (nanoTime) and vote counts of the frames about the storm's question, in order. */
    final List<long[]> voteFrames = new ArrayList<>();
    final java.util.Map<String, Long> firstSeen = new java.util.HashMap<>();

    Subscriber(WebSocket socket) {
      this.socket = socket;
    }
  }

  /** What a frame's body means to the running scenario. */
  @FunctionalInterface
  private interface Receiver {
    void received(Subscriber subscriber, JsonObject body, long nanos);
  }

  private List<Subscriber> connect(String wsUrl, String address, int count, Receiver receiver) throws Exception {
    URI uri = URI.create(wsUrl);
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(count + 10).setConnectTimeout(30_000));
    clients.add(client);
    List<Subscriber> subscribers = java.util.Collections.synchronizedList(new ArrayList<>());
    // Each socket pings every PING_MILLIS from its connection on, like a browser, spread evenly over the interval.
    long slots = Math.max(1, pingMillis / PING_TICK_MILLIS);
    AtomicLong tick = new AtomicLong();
    String ping = new JsonObject().put("type", "ping").encode();
    vertx.setPeriodic(PING_TICK_MILLIS, id -> {
      long slot = tick.getAndIncrement() % slots;
      synchronized (subscribers) {
        for (int i = (int) slot; i < subscribers.size(); i += (int) slots) {
          subscribers.get(i).socket.writeTextMessage(ping);
        }
      }
    });
    AtomicInteger started = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Promise<Void> all = Promise.promise();
    AtomicInteger finished = new AtomicInteger();
    Runnable[] next = new Runnable[1];
    next[0] = () -> {
      if (started.getAndIncrement() >= count) {
        return;
      }
      client.connect(new WebSocketConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
              .setURI(uri.getRawPath()))
          .onComplete(connected -> {
            if (connected.succeeded()) {
              WebSocket socket = connected.result();
              Subscriber subscriber = new Subscriber(socket);
              socket.handler(buffer -> onFrame(subscriber, buffer, receiver));
              socket.closeHandler(v -> {
                if (!closing) {
                  closedByServer.incrementAndGet();
                  // Which close it was, and when: the bridge's ping timeout, the forum's lag limit (1008), or a
                  // connection dropped without a close frame (no code).
                  closeCodes.merge(socket.closeStatusCode() + " " + socket.closeReason() + " at "
                      + (System.nanoTime() - startedNanos) / 1_000_000_000 + " s", 1, Integer::sum);
                }
              });
              socket.writeTextMessage(new JsonObject().put("type", "register").put("address", address).encode());
              subscribers.add(subscriber);
            } else {
              failed.incrementAndGet();
            }
            if (finished.incrementAndGet() == count) {
              all.tryComplete();
            }
            next[0].run();
          });
    };
    for (int i = 0; i < Math.min(CONNECTS_IN_FLIGHT, count); i++) {
      next[0].run();
    }
    all.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    if (failed.get() > 0) {
      System.err.println("LoadGen: " + failed.get() + " of " + count + " connections failed");
    }
    return subscribers;
  }

  private static void onFrame(Subscriber subscriber, Buffer buffer, Receiver receiver) {
    long now = System.nanoTime();
    JsonObject frame;
    try {
      frame = buffer.toJsonObject();
    } catch (RuntimeException e) {
      return;
    }
    if ("rec".equals(frame.getString("type")) && frame.getValue("body") instanceof JsonObject body) {
      if (body.containsKey("sentNanos") && body.getInteger("round", -1) == 0) {
        subscriber.warmedUp = true;
        return;
      }
      receiver.received(subscriber, body, now);
    }
  }

  /** Publishes warm-up frames until every subscriber has one: proof that every registration went through. */
  private static long warmUp(List<Subscriber> subscribers, String control, String address) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long warm;
    do {
      publish(control, address, 0);
      Thread.sleep(1000);
      synchronized (subscribers) {
        warm = subscribers.stream().filter(s -> s.warmedUp).count();
      }
    } while (warm < subscribers.size() && System.nanoTime() < deadline);
    return warm;
  }

  private JsonObject fanout(String wsUrl, String address, int count, int rounds, String control, int idleSeconds)
      throws Exception {
    long heapBefore = heap(control);
    Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
    AtomicLong delivered = new AtomicLong();
    long connectStart = System.nanoTime();
    List<Subscriber> subscribers = connect(wsUrl, address, count, (subscriber, body, nanos) -> {
      if (body.containsKey("sentNanos")) {
        delivered.incrementAndGet();
        synchronized (latencies) {
          latencies.recordValue(Math.max(1, (nanos - body.getLong("sentNanos")) / 1_000));
        }
      }
    });
    long warm = warmUp(subscribers, control, address);
    long connectMillis = (System.nanoTime() - connectStart) / 1_000_000;
    long heapAfter = heap(control);
    Thread.sleep(1000);
    long cpuBefore = serverCpu(control);
    for (int round = 1; round <= rounds; round++) {
      long at = System.nanoTime();
      publish(control, address, round);
      Thread.sleep(Math.max(0, 1000 - (System.nanoTime() - at) / 1_000_000));
    }
    long expected = (long) count * rounds;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (delivered.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    long cpuAfter = serverCpu(control);
    JsonObject result = new JsonObject().put("subscribers", count).put("connected", subscribers.size())
        .put("registered", warm).put("connectSeconds", round(connectMillis / 1000.0)).put("rounds", rounds)
        .put("p50Ms", millis(latencies.getValueAtPercentile(50)))
        .put("p99Ms", millis(latencies.getValueAtPercentile(99)))
        .put("maxMs", millis(latencies.getMaxValue()))
        .put("delivered", round4(delivered.get() / (double) expected))
        .put("heapPerConnectionKiB", round((heapAfter - heapBefore) / 1024.0 / count))
        .put("serverCpuMicrosPerFrame", delivered.get() == 0 ? null
            : round((cpuAfter - cpuBefore) / 1e3 / delivered.get()));
    if (idleSeconds > 0) {
      Thread.sleep(2000);
      long idleCpu = serverCpu(control);
      long idleStart = System.nanoTime();
      Thread.sleep(idleSeconds * 1000L);
      double percent = (serverCpu(control) - idleCpu) * 100.0 / (System.nanoTime() - idleStart);
      result.put("idleCpuPercentOfOneCore", round(percent)).put("idleSeconds", idleSeconds);
    }
    return result;
  }

  // ---- the forum's own live scenarios: question approved, vote storm ----------------------------------------------

  private JsonObject live(String wsUrl, String address, int count, String control, String forumUrl,
      JsonObject config) throws Exception {
    Histogram approvals = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
    List<Subscriber> subscribers = connect(wsUrl, address, count, (subscriber, body, nanos) -> {
      String id = body.getString("id");
      if (id == null) {
        return;
      }
      synchronized (subscriber) {
        subscriber.firstSeen.putIfAbsent(id, nanos);
        if (id.equals(config.getString("voteQuestion")) && body.getValue("votes") instanceof Number votes) {
          subscriber.voteFrames.add(new long[] {nanos, votes.longValue()});
        }
      }
    });
    long warm = warmUp(subscribers, control, address);
    JsonObject result = new JsonObject().put("subscribers", count).put("registered", warm);

    // "Question approved -> every attendee has it": from just before the moderator's POST to each receipt.
    String moderator = config.getString("moderatorToken");
    JsonArray pending = config.getJsonArray("pending");
    List<Long> approvedAt = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      long at = System.nanoTime();
      approvedAt.add(at);
      int status = api(forumUrl + "/api/v1/questions/" + pending.getString(i) + "/moderate", "POST", moderator,
          new JsonObject().put("action", "approve")).statusCode();
      if (status != 200) {
        throw new IllegalStateException("Approving answered " + status);
      }
      Thread.sleep(1500);
    }
    Thread.sleep(3000);
    long approvedReceipts = 0;
    for (Subscriber subscriber : subscribers) {
      synchronized (subscriber) {
        for (int i = 0; i < pending.size(); i++) {
          Long seen = subscriber.firstSeen.get(pending.getString(i));
          if (seen != null) {
            approvedReceipts++;
            approvals.recordValue(Math.max(1, (seen - approvedAt.get(i)) / 1_000));
          }
        }
      }
    }
    result.put("approval", new JsonObject().put("subscribers", count).put("questions", pending.size())
        .put("p50Ms", millis(approvals.getValueAtPercentile(50)))
        .put("p99Ms", millis(approvals.getValueAtPercentile(99)))
        .put("delivered", round4(approvedReceipts / (double) (count * (long) pending.size()))));

    result.put("voteStorm", voteStorm(subscribers, forumUrl, config, control));
    return result;
  }

  /**
   * Signed-in voters vote and withdraw on one question at the given rate: in ramps of U changes, all U voters
   * voting (the count climbs 0→U), then all withdrawing (U→0), and again. Within a ramp the changes go out on
   * time whatever the answers' latency (several in flight); between ramps the driver waits for the ramp's last
   * answer. So every count a frame shows names, within its ramp, exactly how many changes it includes: a change is
   * delivered to a subscriber by the first frame showing it or a later state. A count recurs once per up-and-down
   * cycle (2U changes: 4 s with 100 voters at 50 a second); a frame is taken to show the latest state with its count
   * whose change was sent before the frame arrived, which is right unless a frame took longer than a whole cycle.
   */
  private JsonObject voteStorm(List<Subscriber> subscribers, String forumUrl, JsonObject config, String control)
      throws Exception {
    String question = config.getString("voteQuestion");
    JsonArray tokens = config.getJsonArray("voterTokens");
    int perSecond = config.getInteger("votesPerSec");
    int seconds = config.getInteger("stormSeconds");
    int voters = tokens.size();
    int total = Math.max(voters, perSecond * seconds / voters * voters);
    long[] sentAt = new long[total];
    long[] countAfter = new long[total];
    AtomicInteger failures = new AtomicInteger();
    Histogram answers = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
    java.util.concurrent.ExecutorService lanes = java.util.concurrent.Executors.newFixedThreadPool(16);
    long interval = 1_000_000_000L / perSecond;
    long cpuBefore = serverCpu(control);
    long start = System.nanoTime();
    long due = start;
    List<java.util.concurrent.Future<?>> ramp = new ArrayList<>();
    for (int k = 0; k < total; k++) {
      if (k % voters == 0) {
        for (java.util.concurrent.Future<?> change : ramp) {
          change.get();
        }
        ramp.clear();
        due = Math.max(due, System.nanoTime());
      }
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      due += interval;
      int change = k;
      boolean up = (k / voters) % 2 == 0;
      String token = tokens.getString(k % voters);
      ramp.add(lanes.submit(() -> {
        sentAt[change] = System.nanoTime();
        try {
          HttpResponse<String> answer = api(forumUrl + "/api/v1/questions/" + question + "/vote",
              up ? "POST" : "DELETE", token, null);
          synchronized (answers) {
            answers.recordValue(Math.max(1, (System.nanoTime() - sentAt[change]) / 1_000));
          }
          if (answer.statusCode() == 200) {
            countAfter[change] = new JsonObject(answer.body()).getLong("votes");
            return;
          }
          System.err.println("LoadGen: vote answered " + answer.statusCode() + " " + answer.body());
        } catch (Exception e) {
          System.err.println("LoadGen: vote failed " + e);
        }
        countAfter[change] = -1;
        failures.incrementAndGet();
      }));
    }
    for (java.util.concurrent.Future<?> change : ramp) {
      change.get();
    }
    lanes.shutdown();
    double stormSeconds = (System.nanoTime() - start) / 1e9;
    double achieved = total / stormSeconds;
    // Late is not lost: wait (up to 60 s) until every subscriber has a frame showing the final count.
    long finalCount = ((total - 1) / voters) % 2 == 0 ? voters : 0;
    long lastSent = java.util.Arrays.stream(sentAt).max().orElse(0);
    long settleBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < settleBy && subscribers.stream().anyMatch(subscriber -> {
      synchronized (subscriber) {
        List<long[]> frames = subscriber.voteFrames;
        return frames.isEmpty() || frames.get(frames.size() - 1)[1] != finalCount
            || frames.get(frames.size() - 1)[0] < lastSent;
      }
    })) {
      Thread.sleep(200);
    }
    double settleSeconds = round((System.nanoTime() - lastSent) / 1e9);
    long cpuAfter = serverCpu(control);

    // The order in which the changes took effect: ramp by ramp, within a ramp by the count each produced.
    int ramps = total / voters;
    long[] order = new long[total];
    for (int k = 0; k < total; k++) {
      int r = k / voters;
      long rank = r % 2 == 0 ? countAfter[k] : voters - countAfter[k];
      order[k] = countAfter[k] < 0 ? Long.MAX_VALUE : (long) r * voters + rank;
    }
    Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
    long delivered = 0;
    long frames = 0;
    long unmatched = 0;
    for (Subscriber subscriber : subscribers) {
      List<long[]> received;
      synchronized (subscriber) {
        received = new ArrayList<>(subscriber.voteFrames);
      }
      frames += received.size();
      boolean[] done = new boolean[total];
      int cursorRamp = 0;
      for (long[] frame : received) {
        long shown = -1;
        int shownRamp = cursorRamp;
        for (int r = cursorRamp; r < ramps; r++) {
          long rank = r % 2 == 0 ? frame[1] : voters - frame[1];
          if (rank < 1 || rank > voters) {
            continue;
          }
          long position = (long) r * voters + rank;
          for (int k = r * voters; k < (r + 1) * voters; k++) {
            if (order[k] == position && sentAt[k] < frame[0]) {
              shown = position;
              shownRamp = r;
              break;
            }
          }
        }
        cursorRamp = shownRamp;
        if (shown < 0) {
          unmatched++;
          continue;
        }
        for (int k = 0; k < total; k++) {
          if (!done[k] && order[k] <= shown) {
            done[k] = true;
            delivered++;
            latencies.recordValue(Math.max(1, (frame[0] - sentAt[k]) / 1_000));
          }
        }
      }
    }
    long expected = (long) (total - failures.get()) * subscribers.size();
    return new JsonObject().put("subscribers", subscribers.size()).put("votesPerSec", perSecond)
        .put("achievedVotesPerSec", round(achieved)).put("changes", total).put("failedVotes", failures.get())
        .put("voters", voters)
        .put("p50Ms", millis(latencies.getValueAtPercentile(50)))
        .put("p99Ms", millis(latencies.getValueAtPercentile(99)))
        .put("delivered", round4(expected == 0 ? 0 : delivered / (double) expected))
        .put("framesPerSubscriberPerSec", round(frames / (double) subscribers.size() / stormSeconds))
        .put("unmatchedFrames", unmatched)
        .put("voteAnswerP50Ms", millis(answers.getValueAtPercentile(50)))
        .put("voteAnswerP99Ms", millis(answers.getValueAtPercentile(99)))
        .put("secondsUntilAllHadTheFinalCount", settleSeconds)
        .put("serverCpuMicrosPerFrame", frames == 0 ? null : round((cpuAfter - cpuBefore) / 1e3 / frames));
  }

  // ---- helpers ---------------------------------------------------------------------------------------------------

  private static HttpResponse<String> api(String url, String method, String token, JsonObject body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body.encode()));
    return CONTROL.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void publish(String control, String address, int round) throws IOException, InterruptedException {
    CONTROL.send(HttpRequest.newBuilder(URI.create(control + "/publish?round=" + round + "&address="
        + java.net.URLEncoder.encode(address, java.nio.charset.StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
  }

  private static long serverCpu(String control) throws IOException, InterruptedException {
    return controlJson(control + "/cpu").getLong("cpuNanos");
  }

  private static long heap(String control) throws IOException, InterruptedException {
    return controlJson(control + "/heap").getLong("usedBytes");
  }

  private static JsonObject controlJson(String url) throws IOException, InterruptedException {
    return new JsonObject(CONTROL.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
        .build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private static double millis(long micros) {
    return round(micros / 1000.0);
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static double round4(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
