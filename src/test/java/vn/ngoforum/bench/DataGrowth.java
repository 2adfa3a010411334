package vn.ngoforum.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.MongoClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import vn.ngoforum.forum.common.Ids;
import vn.ngoforum.forum.common.Person;
import vn.ngoforum.forum.threads.PostRepository;
import vn.ngoforum.forum.threads.SeedDocuments;
import vn.ngoforum.forum.threads.ThreadRepository;
import vn.ngoforum.support.TestServers;

/**
 * The data-growth scenario (issue 15): the same reads, one request at a time, on a forum whose embedded store (the
 * durable one the run command uses, in a JVM of its own: {@link BenchStore}) holds more and more threads of ten posts
 * each in one category: a guest's thread page not cached yet (a thread nobody asked for before: the guest page cache
 * cannot be turned off), the same signed in, {@code GET /api/v1/threads/{id}}, the category's first page and its last,
 * search (a common word, a rare one, words without their diacritics, a quoted phrase), the directory and home; and
 * replies through the API. For each read: p50 and p99 at every size and p99(largest) ÷ p99(smallest), whose target
 * is at most 2. After the largest size, the forum is started again on that data: start-up time from launching its JVM
 * to the first 200 on {@code /health}.
 *
 * <p>The threads and posts are written in bulk through the MongoDB driver into the forum's database, each document
 * made by the forum's own mapping ({@link SeedDocuments}: {@code ThreadRepository.document}, {@code
 * PostRepository.document}, the forum's Markdown renderer), with the counters a thread written through the API would
 * have ({@code seq}, {@code postCount}, {@code version}). One seeded thread is read back through the API (its ten
 * posts, the stored HTML) and as a page before anything is measured.
 *
 * <p>With few samples per read (the slow reads take seconds each), p99 is the slowest of them: the figures are a
 * baseline for the scale work, not a fine measure.
 */
final class DataGrowth {

  static final int POSTS_PER_THREAD = 10;
  private static final int BATCH_THREADS = 500;
  /** Concurrent bulk writes while seeding. */
  private static final int WRITERS = 32;
  /** One thread in ten holds this (search without diacritics: "te giac"). */
  private static final String TEN_PERCENT = "tê giác";
  /** One thread in a thousand holds this (the rare word). */
  private static final String RARE = "voọc";
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * Thread counts (ascending), samples per read per size, the time a read may take per size (at least 3 samples are
   * taken whatever it costs), and replies per size (one per member, within the forum's pace).
   */
  record Sizes(List<Integer> threads, int samples, int secondsPerRead, int replies) {

    static Sizes full() {
      return new Sizes(sizes(List.of(1_000, 10_000, 100_000)), 20, Integer.getInteger("bench.growth.seconds", 60), 5);
    }

    static Sizes quick() {
      // Not 1,000: searching 10,000 posts on the embedded store takes up to 20 s a request (then 503).
      return new Sizes(sizes(List.of(100, 300)), 5, 5, 2);
    }

    /** {@code -Dbench.growth.sizes=1000,10000} measures at those sizes instead. */
    private static List<Integer> sizes(List<Integer> defaults) {
      String given = System.getProperty("bench.growth.sizes", "");
      return given.isBlank() ? defaults
          : Arrays.stream(given.split(",")).map(String::strip).map(Integer::valueOf).sorted().toList();
    }
  }

  /** A read: its key in the results, what the summary calls it, and the next request's path and token. */
  private record Read(String key, String name, Supplier<String> path, String user) {
  }

  private final BenchMain bench;
  private final Sizes sizes;
  private final Path dir;
  private final Random random = new Random(15);
  private final List<String> threadIds = new ArrayList<>();
  /** Seeded threads not asked for yet, in random order: each uncached read takes the next. */
  private final List<String> unasked = new ArrayList<>();
  private final Map<String, Long> lastReply = new HashMap<>();
  /** Access tokens by username, with when they were issued: they expire within minutes, the scenario takes longer. */
  private final Map<String, Map.Entry<String, Long>> tokens = new HashMap<>();
  private BenchMain.Seed seed;

  DataGrowth(BenchMain bench, Sizes sizes, Path dir) {
    this.bench = bench;
    this.sizes = sizes;
    this.dir = dir;
  }

  JsonObject run(String keycloak) throws Exception {
    BenchMain.log("Data growth at " + sizes.threads() + " threads of " + POSTS_PER_THREAD + " posts");
    int storePort = TestServers.freePort();
    Process store = bench.start("growth-store", BenchMain.SERVER_JVM, BenchStore.class, List.of("durable",
        dir.resolve("store.mv").toString(), String.valueOf(storePort)));
    String mongoUri = "mongodb://127.0.0.1:" + storePort + "/forum";
    int forumPort = TestServers.freePort();
    String forum = "http://localhost:" + forumPort;
    Process forumProcess = bench.start("growth-forum", BenchMain.SERVER_JVM, BenchForum.class,
        forumArgs(forumPort, mongoUri, keycloak));
    Vertx vertx = Vertx.vertx();
    MongoClient mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", mongoUri)
        .put("maxPoolSize", WRITERS));
    try {
      seed = new BenchMain.Seed(keycloak, forum);
      String prefix = "bench-growth-" + System.currentTimeMillis() % 100_000 + "-";
      seed.users(prefix, sizes.replies(), true);
      List<String> writers = new ArrayList<>();
      List<Person> authors = new ArrayList<>();
      for (int i = 0; i < sizes.replies(); i++) {
        writers.add(prefix + i);
        String token = token(prefix + i);
        JsonObject me = new JsonObject(send(forum + "/api/v1/me", token, 200).body());
        authors.add(new Person(me.getString("id"), me.getString("name")));
      }
      String category = new JsonArray(send(forum + "/api/v1/categories", null, 200).body()).stream()
          .map(JsonObject.class::cast).filter(c -> !"members".equals(c.getString("visibility"))).findFirst()
          .orElseThrow().getString("slug");

      List<Read> reads = reads(category, writers.get(0));
      JsonArray seeding = new JsonArray();
      Map<String, JsonArray> bySize = new java.util.LinkedHashMap<>();
      reads.forEach(read -> bySize.put(read.key(), new JsonArray()));
      bySize.put("reply", new JsonArray());
      for (int size : sizes.threads()) {
        int before = threadIds.size();
        long seedStart = System.nanoTime();
        seed(mongo, category, authors, before, size);
        double seconds = LoadGen.round((System.nanoTime() - seedStart) / 1e9);
        BenchMain.log("  seeded " + (size - before) + " threads (" + size + " in all) in " + seconds + " s");
        seeding.add(new JsonObject().put("threads", size).put("posts", size * POSTS_PER_THREAD)
            .put("addedThreads", size - before).put("seconds", seconds));
        check(forum, mongo, threadIds.get(threadIds.size() - 1));
        for (Read read : reads) {
          JsonObject figures = measure(forum, read).put("threads", size);
          BenchMain.log("  " + size + " threads, " + read.name() + ": " + figures.encode());
          bySize.get(read.key()).add(figures);
        }
        JsonObject replies = replies(forum, writers).put("threads", size);
        BenchMain.log("  " + size + " threads, reply: " + replies.encode());
        bySize.get("reply").add(replies);
      }

      forumProcess.destroy();
      if (!forumProcess.waitFor(30, TimeUnit.SECONDS)) {
        forumProcess.destroyForcibly().waitFor();
      }
      int largest = sizes.threads().get(sizes.threads().size() - 1);
      BenchMain.log("  start-up on " + largest + " threads");
      int restartPort = TestServers.freePort();
      long launched = System.nanoTime();
      forumProcess = bench.launch("growth-forum-restart", BenchMain.SERVER_JVM, BenchForum.class,
          forumArgs(restartPort, mongoUri, keycloak));
      double startup = untilHealthy("http://localhost:" + restartPort, forumProcess, launched);
      BenchMain.log("  start-up: " + startup + " s to the first 200 on /health");

      JsonArray results = new JsonArray();
      Map<String, String> names = new java.util.LinkedHashMap<>();
      reads.forEach(read -> names.put(read.key(), read.name()));
      names.put("reply", "reply POST /api/v1/threads/{id}/posts");
      for (var entry : names.entrySet()) {
        JsonArray figures = bySize.get(entry.getKey());
        double first = figures.getJsonObject(0).getDouble("p99Ms");
        double last = figures.getJsonObject(figures.size() - 1).getDouble("p99Ms");
        double ratio = LoadGen.round(first == 0 ? Double.NaN : last / first);
        results.add(new JsonObject().put("read", entry.getKey()).put("name", entry.getValue())
            .put("bySize", figures).put("p99Ratio", ratio).put("met", ratio <= 2));
      }
      return new JsonObject().put("threads", new JsonArray(sizes.threads())).put("postsPerThread", POSTS_PER_THREAD)
          .put("store", "embedded, durable (BenchStore durable: the run command's store), own JVM")
          .put("samplesPerRead", sizes.samples()).put("secondsPerRead", sizes.secondsPerRead())
          .put("seeding", seeding).put("reads", results)
          .put("startupThreads", largest).put("startupSeconds", startup);
    } finally {
      mongo.close();
      vertx.close();
      forumProcess.destroy();
      store.destroy();
    }
  }

  /** A current access token of {@code username} (one under a minute old); {@code null} for a guest. */
  private String token(String username) throws Exception {
    if (username == null) {
      return null;
    }
    Map.Entry<String, Long> held = tokens.get(username);
    if (held == null || System.nanoTime() - held.getValue() > TimeUnit.SECONDS.toNanos(60)) {
      held = Map.entry(seed.token(username), System.nanoTime());
      tokens.put(username, held);
    }
    return held.getKey();
  }

  private List<String> forumArgs(int port, String mongoUri, String keycloak) throws Exception {
    return List.of(String.valueOf(port), String.valueOf(TestServers.freePort()), mongoUri, keycloak,
        dir.resolve("data").toString());
  }

  private List<Read> reads(String category, String member) {
    Supplier<String> unaskedThread = () -> "/t/" + nextUnasked();
    return List.of(
        new Read("threadGuest", "thread page GET /t/{id}, guest, not cached yet", unaskedThread, null),
        new Read("threadSignedIn", "thread page GET /t/{id}, signed in", unaskedThread, member),
        new Read("apiThread", "GET /api/v1/threads/{id}", () -> "/api/v1/threads/" + nextUnasked(), null),
        new Read("categoryFirst", "category page 1", () -> "/c/" + category, null),
        new Read("categoryDeep", "category, last page", () -> "/c/" + category + "?page="
            + Math.min(10_000, Math.max(1, (threadIds.size() + 24) / 25)), null),
        new Read("searchCommon", "search, a common word (\"rừng\", every post)", () -> search("rừng"), null),
        new Read("searchRare", "search, a rare word (\"" + RARE + "\", one thread in 1,000)", () -> search(RARE),
            null),
        new Read("searchFolded", "search without diacritics (\"te giac\", one thread in 10)",
            () -> search("te giac"), null),
        new Read("searchPhrase", "search, a phrase (\"\\\"kiểm lâm\\\"\", every post)",
            () -> search("\"kiểm lâm\""), null),
        new Read("directory", "directory /orgs", () -> "/orgs", null),
        new Read("home", "home /", () -> "/", null));
  }

  private static String search(String words) {
    return "/search?q=" + URLEncoder.encode(words, StandardCharsets.UTF_8);
  }

  private String nextUnasked() {
    if (unasked.isEmpty()) {
      throw new IllegalStateException("Every seeded thread has been asked for once: seed more");
    }
    return unasked.remove(unasked.size() - 1);
  }

  /** Adds threads {@code from} .. {@code to - 1} with their posts, in bulk, newest activity last. */
  private void seed(MongoClient mongo, String category, List<Person> authors, int from, int to) throws Exception {
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    List<String> added = new ArrayList<>();
    long making = 0;
    long writing = 0;
    for (int start = from; start < to; start += BATCH_THREADS) {
      long began = System.nanoTime();
      // Rendering the Markdown is most of the work of making the documents: on every core.
      List<List<JsonObject>> made = java.util.stream.IntStream.range(start, Math.min(to, start + BATCH_THREADS))
          .parallel().mapToObj(i -> threadWithPosts(i, base, category, authors)).toList();
      List<BulkOperation> threads = new ArrayList<>();
      List<BulkOperation> posts = new ArrayList<>();
      for (List<JsonObject> docs : made) {
        threads.add(BulkOperation.createInsert(docs.get(0)));
        docs.subList(1, docs.size()).forEach(post -> posts.add(BulkOperation.createInsert(post)));
        added.add(docs.get(0).getString("_id"));
      }
      long wrote = System.nanoTime();
      making += wrote - began;
      // Posts first, as the forum writes them: a thread is never listed without its opening post.
      write(mongo, PostRepository.POSTS, posts);
      write(mongo, ThreadRepository.THREADS, threads);
      writing += System.nanoTime() - wrote;
    }
    BenchMain.log(String.format(java.util.Locale.ROOT, "  documents made in %.1f s, written in %.1f s",
        making / 1e9, writing / 1e9));
    threadIds.addAll(added);
    Collections.shuffle(added, random);
    unasked.addAll(0, added);
  }

  /** Thread {@code i}'s document, then its posts'. */
  private static List<JsonObject> threadWithPosts(int i, Instant base, String category, List<Person> authors) {
    String threadId = Ids.newId();
    Instant created = base.plusSeconds(600L * i);
    Person opener = authors.get(i % authors.size());
    Person last = opener;
    List<JsonObject> docs = new ArrayList<>();
    docs.add(null);
    for (int n = 1; n <= POSTS_PER_THREAD; n++) {
      last = authors.get((i + n - 1) % authors.size());
      docs.add(SeedDocuments.post(Ids.newId(), threadId, n, last, body(i, n), created.plusSeconds(30L * (n - 1))));
    }
    docs.set(0, SeedDocuments.thread(threadId, category, "Báo cáo tuần tra " + i + ": bẫy thú ở tiểu khu "
        + (600 + i % 400), opener, created, created.plusSeconds(30L * (POSTS_PER_THREAD - 1)), last,
        POSTS_PER_THREAD));
    return docs;
  }

  /**
   * Inserts the documents in {@link #WRITERS} bulk writes at once: the durable store syncs each write it answers,
   * and concurrent writes share their syncs (its group commit), where one bulk write syncs document by document.
   */
  private static void write(MongoClient mongo, String collection, List<BulkOperation> operations) throws Exception {
    int chunk = (operations.size() + WRITERS - 1) / WRITERS;
    List<io.vertx.core.Future<io.vertx.ext.mongo.MongoClientBulkWriteResult>> writes = new ArrayList<>();
    for (int from = 0; from < operations.size(); from += chunk) {
      writes.add(mongo.bulkWriteWithOptions(collection, operations.subList(from,
          Math.min(operations.size(), from + chunk)), new BulkWriteOptions(false)));
    }
    io.vertx.core.Future.all(writes).toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    long inserted = writes.stream().mapToLong(write -> write.result().getInsertedCount()).sum();
    if (inserted != operations.size()) {
      throw new IllegalStateException("The store took " + inserted + " of " + operations.size() + " " + collection);
    }
  }

  /** Post {@code number} of thread {@code index}: about a kilobyte of Markdown, like the other scenarios' posts. */
  static String body(int index, int number) {
    String extra = (index % 10 == 3 && number == 2 ? " Dấu vết " + TEN_PERCENT + " được ghi nhận gần suối." : "")
        + (index % 1000 == 7 && number == 5 ? " Một đàn " + RARE + " chà vá chân nâu xuất hiện." : "");
    return BenchMain.Seed.body(index * POSTS_PER_THREAD + number).replace("bảo tồn, tiểu khu",
        "bảo tồn" + extra + ", tiểu khu");
  }

  /** A seeded thread reads back through the API with its posts as stored, and as a page. */
  private void check(String forum, MongoClient mongo, String threadId) throws Exception {
    JsonObject thread = new JsonObject(send(forum + "/api/v1/threads/" + threadId, null, 200).body());
    JsonArray posts = thread.getJsonArray("posts");
    JsonObject first = mongo.findOne(PostRepository.POSTS, new JsonObject().put("threadId", threadId)
        .put("number", 1), null).toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    if (posts == null || posts.size() != POSTS_PER_THREAD
        || !first.getString("html").equals(posts.getJsonObject(0).getString("html"))) {
      throw new IllegalStateException("A seeded thread does not read back as stored: " + thread.encode());
    }
    String page = send(forum + "/t/" + threadId, null, 200).body();
    if (!page.contains(thread.getString("title").substring(0, 15))) {
      throw new IllegalStateException("The page of a seeded thread lacks its title");
    }
    unasked.remove(threadId);
  }

  /**
   * One request at a time: a warm-up, then up to {@code samples} requests while within {@code secondsPerRead} (at
   * least 3 in any case). Every answer counts, whatever its status; the statuses are reported with the figures.
   */
  private JsonObject measure(String forum, Read read) throws Exception {
    get(forum + read.path().get(), token(read.user()));
    List<Long> micros = new ArrayList<>();
    Map<String, Integer> statuses = new java.util.TreeMap<>();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(sizes.secondsPerRead());
    while (micros.size() < 3 || micros.size() < sizes.samples() && System.nanoTime() < until) {
      String path = read.path().get();
      String token = token(read.user());
      long sent = System.nanoTime();
      int status = get(forum + path, token);
      micros.add((System.nanoTime() - sent) / 1_000);
      statuses.merge(String.valueOf(status), 1, Integer::sum);
    }
    return percentiles(micros).put("statuses", new JsonObject(new HashMap<>(statuses)))
        .put("ok", statuses.getOrDefault("200", 0) == micros.size());
  }

  /**
   * The status of a GET, whatever it is, -1 for a connection closed without an answer: a read that fails is
   * measured, not fatal (search on the embedded store answers 503 once its scan outlasts the driver's socket
   * timeout).
   */
  private static int get(String url, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException closed) {
      return -1;
    }
  }

  /** One reply by each writer to a seeded thread, each writer within the forum's pace (one post per 5 s). */
  private JsonObject replies(String forum, List<String> writers) throws Exception {
    List<Long> micros = new ArrayList<>();
    for (String writer : writers) {
      long wait = lastReply.getOrDefault(writer, 0L) + TimeUnit.MILLISECONDS.toNanos(5_200) - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000 + 1);
      }
      String threadId = threadIds.get(random.nextInt(threadIds.size()));
      String token = token(writer);
      HttpRequest request = HttpRequest.newBuilder(URI.create(forum + "/api/v1/threads/" + threadId + "/posts"))
          .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("body", body(0, micros.size() + 11))
              .encode())).build();
      long sent = System.nanoTime();
      HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      micros.add((System.nanoTime() - sent) / 1_000);
      lastReply.put(writer, System.nanoTime());
      if (answer.statusCode() != 201) {
        throw new IllegalStateException("A reply answered " + answer.statusCode() + ": " + answer.body());
      }
    }
    return percentiles(micros);
  }

  /** Seconds from {@code launched} to the first 200 on {@code /health}, asked every 100 ms. */
  private static double untilHealthy(String forum, Process process, long launched) throws Exception {
    long deadline = launched + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The forum exited while starting on the grown data");
      }
      try {
        HttpResponse<Void> health = HTTP.send(HttpRequest.newBuilder(URI.create(forum + "/health"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        if (health.statusCode() == 200) {
          return LoadGen.round((System.nanoTime() - launched) / 1e9);
        }
      } catch (java.io.IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("The forum did not answer 200 on /health within 10 minutes of its launch");
  }

  private static HttpResponse<String> send(String url, String token, int expected) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != expected) {
      throw new IllegalStateException("GET " + url + " answered " + answer.statusCode() + ", not " + expected);
    }
    return answer;
  }

  /** p50 and p99 (nearest rank) of the samples, with their count and the largest. */
  private static JsonObject percentiles(List<Long> micros) {
    List<Long> sorted = micros.stream().sorted().toList();
    return new JsonObject().put("samples", sorted.size())
        .put("p50Ms", LoadGen.round(sorted.get((int) Math.ceil(sorted.size() * 0.5) - 1) / 1000.0))
        .put("p99Ms", LoadGen.round(sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1000.0))
        .put("maxMs", LoadGen.round(sorted.get(sorted.size() - 1) / 1000.0));
  }
}
