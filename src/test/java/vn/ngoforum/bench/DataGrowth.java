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
 * The data-growth scenario (issue 15): the same reads, one request at a time, through HTTP only, on a forum whose
 * embedded store (the durable one the run command uses, in a JVM of its own: {@link BenchStore}) holds more and more
 * threads of ten posts each in one category: a guest's thread page not cached yet (a thread nobody asked for before:
 * the guest page cache cannot be turned off), the same signed in, {@code GET /api/v1/threads/{id}}, the category's
 * first page and its last (the link the first page shows, as a reader clicks it), search (a common word, a rare one,
 * words without their diacritics, a quoted phrase), the directory and home; and replies through the API. For each read: p50 and p99 at every size and p99(largest) ÷
 * p99(smallest), whose target is at most 2. At every size also: start-up (launch to the first 200 on {@code /health}),
 * the search index's rebuild (launch to {@code "search":"UP"}) and the forum's heap used after a full GC.
 *
 * <p>Each size is seeded while the forum is stopped: the store is opened without a sync per write ({@code BenchStore
 * load}, its fastest path), the threads and posts are inserted in large unordered bulk writes through the MongoDB
 * driver, then the store is reopened durable and the forum started on a port it never ran on, so on a search index
 * directory of its own that is empty: it rebuilds the index from MongoDB, as a node does on a first start. Seeding
 * writes no change-log entries and needs none. Each document is made by the forum's own mapping ({@link
 * SeedDocuments}: {@code ThreadRepository.document}, {@code PostRepository.document}, the forum's Markdown renderer),
 * with the counters a thread written through the API would have ({@code seq}, {@code postCount}, {@code version}):
 * a key field those classes add is seeded too. One seeded thread is read back through the API (its ten posts, the
 * stored HTML) and as a page before anything is measured.
 *
 * <p>Each read is sampled up to 200 times (within {@code bench.growth.seconds}), so its p99 is the third slowest of
 * them, not the slowest: with 20 samples, taken when reads cost seconds, one pause of the JVM or the machine decided
 * a read's target (a signed-in page p99 of 272 ms at 100k threads where its p50 was 32).
 */
final class DataGrowth {

  static final int POSTS_PER_THREAD = 10;
  /** How long a read's warm-up may take at most. */
  private static final int WARMUP_SECONDS = 10;
  /** Threads made and written per round while seeding (11,000 documents, some 40 MB). */
  private static final int BATCH_THREADS = 1_000;
  /** Concurrent bulk writes while seeding: each a few insert commands of thousands of documents. */
  private static final int WRITERS = 2;
  /** Post bodies repeat every this many threads (rendering the Markdown is the costly part of making a post). */
  private static final int DISTINCT_THREADS = 1_000;
  /** One thread in ten holds this (search without diacritics: "te giac"). */
  private static final String TEN_PERCENT = "tê giác";
  /** One thread in a thousand holds this (the rare word). */
  private static final String RARE = "voọc";
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * Thread counts (ascending), unmeasured requests before each read's samples (and replies before the measured ones),
   * samples per read per size, the time a read may take per size (at least 3 samples are taken whatever it costs), and
   * measured replies per size (one per member, within the forum's pace: each reply needs a member of its own).
   */
  record Sizes(List<Integer> threads, int warmups, int samples, int secondsPerRead, int replies) {

    static Sizes full() {
      // A hundred replies, so that their p99 is the second slowest (with five, it was the slowest, often the first).
      return new Sizes(sizes(List.of(1_000, 10_000, 100_000)), 10, 200, Integer.getInteger("bench.growth.seconds", 60),
          100);
    }

    static Sizes quick() {
      // Tiny: every size starts the forum again (and rebuilds its search index), well under a minute in all.
      return new Sizes(sizes(List.of(50, 200)), 1, 5, 5, 2);
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
  /** The category's last page at the current size, as its first page links it. */
  private String lastPage;

  DataGrowth(BenchMain bench, Sizes sizes, Path dir) {
    this.bench = bench;
    this.sizes = sizes;
    this.dir = dir;
  }

  JsonObject run(String keycloak) throws Exception {
    BenchMain.log("Data growth at " + sizes.threads() + " threads of " + POSTS_PER_THREAD + " posts");
    Path storeFile = dir.resolve("store.mv");
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.deleteIfExists(storeFile);
    // An empty forum first (its demo data): the members who write and the category the threads go to.
    String mongoUri = startStore("durable", storeFile, "empty");
    Forum forum = startForum(mongoUri, keycloak, "empty");
    Vertx vertx = Vertx.vertx();
    try {
      seed = new BenchMain.Seed(keycloak, forum.url);
      String prefix = "bench-growth-" + System.currentTimeMillis() % 100_000 + "-";
      int members = sizes.warmups() + sizes.replies();
      seed.users(prefix, members, true);
      List<String> writers = new ArrayList<>();
      List<Person> authors = new ArrayList<>();
      for (int i = 0; i < members; i++) {
        writers.add(prefix + i);
        String token = token(prefix + i);
        JsonObject me = new JsonObject(send(forum.url + "/api/v1/me", token, 200).body());
        authors.add(new Person(me.getString("id"), me.getString("name")));
      }
      String category = new JsonArray(send(forum.url + "/api/v1/categories", null, 200).body()).stream()
          .map(JsonObject.class::cast).filter(c -> !"members".equals(c.getString("visibility"))).findFirst()
          .orElseThrow().getString("slug");
      forum.stop();
      stopStore();

      List<Read> reads = reads(category, writers.get(0));
      JsonArray seeding = new JsonArray();
      JsonArray startup = new JsonArray();
      Map<String, JsonArray> bySize = new java.util.LinkedHashMap<>();
      reads.forEach(read -> bySize.put(read.key(), new JsonArray()));
      bySize.put("reply", new JsonArray());
      for (int size : sizes.threads()) {
        // Seeded while the forum is stopped, into the store without a sync per write (its fastest path).
        int before = threadIds.size();
        String loadUri = startStore("load", storeFile, "load-" + size);
        MongoClient mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", loadUri)
            .put("maxPoolSize", WRITERS));
        long seedStart = System.nanoTime();
        JsonObject lastPost;
        try {
          lastPost = seed(mongo, category, authors, before, size);
        } finally {
          mongo.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
        }
        stopStore();
        double seconds = LoadGen.round((System.nanoTime() - seedStart) / 1e9);
        BenchMain.log("  seeded " + (size - before) + " threads (" + size + " in all) in " + seconds + " s");
        seeding.add(new JsonObject().put("threads", size).put("posts", size * POSTS_PER_THREAD)
            .put("addedThreads", size - before).put("seconds", seconds));

        // The forum started on the grown data with a search index directory it never saw: it rebuilds the index.
        mongoUri = startStore("durable", storeFile, "durable-" + size);
        long launched = System.nanoTime();
        forum = launchForum(mongoUri, keycloak, "forum-" + size);
        double healthy = forum.untilHealth(launched, "\"status\":\"UP\"");
        double searchable = forum.untilHealth(launched, "\"search\":\"UP\"");
        forum.awaitReady();
        BenchMain.log("  start-up on " + size + " threads: " + healthy + " s to the first 200 on /health, "
            + searchable + " s to search UP (the index rebuilt from MongoDB)");
        check(forum.url, lastPost);
        lastPage = lastPage(forum.url, category);
        for (Read read : reads) {
          JsonObject figures = measure(forum, read).put("threads", size);
          BenchMain.log("  " + size + " threads, " + read.name() + ": " + figures.encode());
          bySize.get(read.key()).add(figures);
        }
        JsonObject replies = replies(forum.url, writers).put("threads", size);
        BenchMain.log("  " + size + " threads, reply: " + replies.encode());
        bySize.get("reply").add(replies);
        double heapMb = LoadGen.round(forum.heapAfterGc() / 1048576.0);
        BenchMain.log("  " + size + " threads: heap used after GC " + heapMb + " MB");
        startup.add(new JsonObject().put("threads", size).put("healthySeconds", healthy)
            .put("searchUpSeconds", searchable).put("heapAfterGcMb", heapMb));
        forum.stop();
        stopStore();
      }

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
      int largest = sizes.threads().get(sizes.threads().size() - 1);
      JsonObject atLargest = startup.getJsonObject(startup.size() - 1);
      return new JsonObject().put("threads", new JsonArray(sizes.threads())).put("postsPerThread", POSTS_PER_THREAD)
          .put("store", "embedded, durable (BenchStore durable: the run command's store), own JVM")
          .put("warmupsPerRead", sizes.warmups()).put("samplesPerRead", sizes.samples()).put("secondsPerRead", sizes.secondsPerRead())
          .put("seeding", seeding).put("reads", results).put("startup", startup)
          .put("startupThreads", largest).put("startupSeconds", atLargest.getDouble("healthySeconds"))
          .put("searchRebuildSeconds", atLargest.getDouble("searchUpSeconds"));
    } finally {
      vertx.close();
      forum.process.destroy();
      if (store != null) {
        store.destroy();
      }
    }
  }

  private Process store;

  /** Starts the store in {@code mode} on {@code file} (kept) and answers its connection string. */
  private String startStore(String mode, Path file, String name) throws Exception {
    int port = TestServers.freePort();
    store = bench.start("growth-store-" + name, BenchMain.SERVER_JVM, BenchStore.class,
        List.of(mode, file.toString(), String.valueOf(port), "keep"));
    return "mongodb://127.0.0.1:" + port + "/forum";
  }

  /** Stops the store: its shutdown hook closes the file cleanly. */
  private void stopStore() throws Exception {
    stop(store);
    store = null;
  }

  private static void stop(Process process) throws Exception {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private Forum startForum(String mongoUri, String keycloak, String name) throws Exception {
    Forum forum = forum(mongoUri, keycloak, name, true);
    return forum;
  }

  private Forum launchForum(String mongoUri, String keycloak, String name) throws Exception {
    return forum(mongoUri, keycloak, name, false);
  }

  /**
   * A forum on an empty search index directory ({@code data/search-<port>}), so that it rebuilds the index from
   * MongoDB. A free port may be one an earlier size ran on: its index, kept, matched the store and the change log
   * (the seeding writes around the log), so the forum took it for current and searched a thousand threads of a
   * hundred thousand.
   */
  private Forum forum(String mongoUri, String keycloak, String name, boolean waitReady) throws Exception {
    int port = TestServers.freePort();
    int control = TestServers.freePort();
    Path index = dir.resolve("data").resolve("search-" + port);
    if (java.nio.file.Files.exists(index)) {
      try (var files = java.nio.file.Files.walk(index)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          java.nio.file.Files.delete(file);
        }
      }
    }
    List<String> args = List.of(String.valueOf(port), String.valueOf(control), mongoUri, keycloak,
        dir.resolve("data").toString());
    Process process = waitReady ? bench.start("growth-" + name, BenchMain.SERVER_JVM, BenchForum.class, args)
        : bench.launch("growth-" + name, BenchMain.SERVER_JVM, BenchForum.class, args);
    return new Forum(process, "http://localhost:" + port, "http://localhost:" + control,
        bench.logs().resolve("growth-" + name + ".log"));
  }

  /** A forum process: its URL, its control side door ({@link Control}) and its log. */
  private record Forum(Process process, String url, String control, Path log) {

    void stop() throws Exception {
      DataGrowth.stop(process);
    }

    /** Seconds from {@code launched} until {@code /health} answers 200 with {@code expected} in its body. */
    double untilHealth(long launched, String expected) throws Exception {
      long deadline = launched + TimeUnit.MINUTES.toNanos(60);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("The forum exited while starting on the grown data: "
              + BenchMain.tail(log));
        }
        try {
          HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/health"))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
          if (health.statusCode() == 200 && health.body().contains(expected)) {
            return LoadGen.round((System.nanoTime() - launched) / 1e9);
          }
        } catch (java.io.IOException notYet) {
          // Not listening yet.
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("/health did not say " + expected + " within an hour of the launch");
    }

    /** Until the process printed READY (its control side door serves). */
    void awaitReady() throws Exception {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (!java.nio.file.Files.readString(log).contains("READY")) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          throw new IllegalStateException("The forum did not print READY: " + BenchMain.tail(log));
        }
        Thread.sleep(100);
      }
    }

    /** The forum's stop-the-world collections so far ({@link Control#collections}). */
    JsonObject collections() throws Exception {
      return new JsonObject(HTTP.send(HttpRequest.newBuilder(URI.create(control + "/gc"))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Heap used after a full GC, in bytes. */
    long heapAfterGc() throws Exception {
      HttpResponse<String> heap = HTTP.send(HttpRequest.newBuilder(URI.create(control + "/heap"))
          .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
      return new JsonObject(heap.body()).getLong("usedBytes");
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
        new Read("categoryDeep", "category, last page", () -> lastPage, null),
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

  /**
   * The address of a category's last page as its first page links it (what a reader clicks): its "last page" link,
   * or with two pages its "next" link, or with one page the first page itself.
   */
  private static String lastPage(String forum, String category) throws Exception {
    String first = send(forum + "/c/" + category, null, 200).body();
    for (String pattern : List.of("href=\"([^\"]*)\" data-page=\"last\"", "rel=\"next\" href=\"([^\"]*)\"")) {
      java.util.regex.Matcher link = java.util.regex.Pattern.compile(pattern).matcher(first);
      if (link.find()) {
        return link.group(1).replace("&amp;", "&").replace("&#x3D;", "=");
      }
    }
    return "/c/" + category;
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

  /**
   * Adds threads {@code from} .. {@code to - 1} with their posts, in bulk, newest activity last; answers the first post
   * of the last thread as stored.
   */
  private JsonObject seed(MongoClient mongo, String category, List<Person> authors, int from, int to)
      throws Exception {
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    List<String> added = new ArrayList<>();
    JsonObject lastFirstPost = null;
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
        lastFirstPost = docs.get(1);
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
    return lastFirstPost;
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
   * Inserts the documents in {@link #WRITERS} unordered bulk writes at once (the driver sends each as insert commands
   * of thousands of documents).
   */
  private static void write(MongoClient mongo, String collection, List<BulkOperation> operations) throws Exception {
    int chunk = (operations.size() + WRITERS - 1) / WRITERS;
    List<io.vertx.core.Future<io.vertx.ext.mongo.MongoClientBulkWriteResult>> writes = new ArrayList<>();
    for (int from = 0; from < operations.size(); from += chunk) {
      writes.add(mongo.bulkWriteWithOptions(collection, operations.subList(from,
          Math.min(operations.size(), from + chunk)), new BulkWriteOptions(false)));
    }
    io.vertx.core.Future.all(writes).toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    long inserted = writes.stream().mapToLong(write -> write.result().getInsertedCount()).sum();
    if (inserted != operations.size()) {
      throw new IllegalStateException("The store took " + inserted + " of " + operations.size() + " " + collection);
    }
  }

  /**
   * Post {@code number} of thread {@code index}: about a kilobyte of Markdown, like the other scenarios' posts; the
   * same every {@link #DISTINCT_THREADS} threads.
   */
  static String body(int thread, int number) {
    int index = thread % DISTINCT_THREADS;
    String extra = (index % 10 == 3 && number == 2 ? " Dấu vết " + TEN_PERCENT + " được ghi nhận gần suối." : "")
        + (index % 1000 == 7 && number == 5 ? " Một đàn " + RARE + " chà vá chân nâu xuất hiện." : "");
    return BenchMain.Seed.body(index * POSTS_PER_THREAD + number).replace("bảo tồn, tiểu khu",
        "bảo tồn" + extra + ", tiểu khu");
  }

  /**
   * A seeded thread reads back through the API with its posts as stored, and as a page; search finds a seeded post.
   */
  private void check(String forum, JsonObject firstPost) throws Exception {
    String threadId = firstPost.getString("threadId");
    JsonObject thread = new JsonObject(send(forum + "/api/v1/threads/" + threadId, null, 200).body());
    JsonArray posts = thread.getJsonArray("posts");
    if (posts == null || posts.size() != POSTS_PER_THREAD
        || !firstPost.getString("html").equals(posts.getJsonObject(0).getString("html"))) {
      throw new IllegalStateException("A seeded thread does not read back as stored: " + thread.encode());
    }
    String page = send(forum + "/t/" + threadId, null, 200).body();
    if (!page.contains(thread.getString("title").substring(0, 15))) {
      throw new IllegalStateException("The page of a seeded thread lacks its title");
    }
    // The rebuilt search index holds the seeded posts: the rare word finds threads that have it (thread 7, 1007, ...:
    // at 100k threads a hundred of them score alike, so which fill the first page is not thread 7's to decide).
    String found = send(forum + search(RARE), null, 200).body();
    boolean any = false;
    for (int i = 7; i < threadIds.size() && !any; i += 1_000) {
      any = found.contains("/t/" + threadIds.get(i));
    }
    if (!any) {
      throw new IllegalStateException("Search for \"" + RARE + "\" does not find the seeded thread that has it");
    }
    unasked.remove(threadId);
  }

  /**
   * One request at a time: up to {@code warmups} unmeasured (within {@value #WARMUP_SECONDS} s), then up to
   * {@code samples} requests while within {@code secondsPerRead} (at least 3 in any case). Every answer counts,
   * whatever its status; the statuses are reported with the figures.
   *
   * <p>The forum starts again at every size, so without the warm-up each read was measured mostly while its code was
   * still interpreted, where a cost that grows with the data weighs many times what it does in a forum that has run
   * for a while: a phrase found in every post took 70 to 130 ms a search for its first few searches of the 100k
   * index, 6 ms from the fiftieth on (the same index opened alone, 2026-12-07).
   */
  private JsonObject measure(Forum forum, Read read) throws Exception {
    long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS);
    for (int i = 0; i < Math.max(1, sizes.warmups()) && (i == 0 || System.nanoTime() < warm); i++) {
      get(forum.url() + read.path().get(), token(read.user()));
    }
    List<Long> micros = new ArrayList<>();
    List<Boolean> collected = new ArrayList<>();
    Map<String, Integer> statuses = new java.util.TreeMap<>();
    JsonObject gcBefore = forum.collections();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(sizes.secondsPerRead());
    while (micros.size() < 3 || micros.size() < sizes.samples() && System.nanoTime() < until) {
      String path = read.path().get();
      String token = token(read.user());
      long collections = forum.collections().getLong("collections");
      long sent = System.nanoTime();
      int status = get(forum.url() + path, token);
      micros.add((System.nanoTime() - sent) / 1_000);
      collected.add(forum.collections().getLong("collections") > collections);
      statuses.merge(String.valueOf(status), 1, Integer::sum);
    }
    JsonObject gcAfter = forum.collections();
    return percentiles(micros).put("statuses", new JsonObject(new HashMap<>(statuses)))
        .put("ok", statuses.getOrDefault("200", 0) == micros.size())
        .put("gc", collectionsDuring(micros, collected, gcBefore, gcAfter));
  }

  /**
   * Whether the forum's stop-the-world collections explain a read's tail: how many ran while it was sampled and their
   * time, and the slowest samples (those from the p99 up), each with whether a collection ran during it.
   */
  private static JsonObject collectionsDuring(List<Long> micros, List<Boolean> collected, JsonObject before,
      JsonObject after) {
    long p99 = nearestRank(micros.stream().sorted().toList(), 0.99);
    JsonArray slowest = new JsonArray();
    for (int i = 0; i < micros.size(); i++) {
      if (micros.get(i) >= p99) {
        slowest.add(new JsonObject().put("ms", LoadGen.round(micros.get(i) / 1000.0)).put("sample", i)
            .put("duringGc", collected.get(i)));
      }
    }
    return new JsonObject()
        .put("collections", after.getLong("collections") - before.getLong("collections"))
        .put("millis", after.getLong("millis") - before.getLong("millis"))
        .put("samplesDuringGc", collected.stream().filter(Boolean::booleanValue).count())
        .put("slowest", slowest);
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

  /**
   * One reply by each writer to a seeded thread, each writer within the forum's pace (one post per 5 s); the first
   * {@link Sizes#warmups()} unmeasured (the forum starts again at every size, and its first replies run cold).
   */
  private JsonObject replies(String forum, List<String> writers) throws Exception {
    List<Long> micros = new ArrayList<>();
    int unmeasured = Math.min(sizes.warmups(), writers.size() - 1);
    int written = 0;
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
          .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("body", body(0, 11 + written++))
              .encode())).build();
      long sent = System.nanoTime();
      HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (unmeasured > 0) {
        unmeasured--;
      } else {
        micros.add((System.nanoTime() - sent) / 1_000);
      }
      lastReply.put(writer, System.nanoTime());
      if (answer.statusCode() != 201) {
        throw new IllegalStateException("A reply answered " + answer.statusCode() + ": " + answer.body());
      }
    }
    return percentiles(micros);
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
  static JsonObject percentiles(List<Long> micros) {
    List<Long> sorted = micros.stream().sorted().toList();
    return new JsonObject().put("samples", sorted.size())
        .put("p50Ms", LoadGen.round(nearestRank(sorted, 0.5) / 1000.0))
        .put("p99Ms", LoadGen.round(nearestRank(sorted, 0.99) / 1000.0))
        .put("maxMs", LoadGen.round(sorted.get(sorted.size() - 1) / 1000.0));
  }

  /** The {@code quantile} of {@code sorted} by nearest rank: the smallest sample at or above that fraction of them. */
  private static long nearestRank(List<Long> sorted, double quantile) {
    return sorted.get((int) Math.ceil(sorted.size() * quantile) - 1);
  }
}
