package vn.ngoforum.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.TestServers;

/**
 * Two forum nodes, each in a JVM of its own, clustered over Hazelcast on loopback against one MongoDB and one
 * Keycloak: they behave as one forum, and killing one (SIGKILL) loses nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

  private static final Duration DELIVERY = Duration.ofSeconds(20);
  /** How long a node's follower count outlives it, and how often the nodes re-read the counts (qa.Followers). */
  private static final long FOLLOWER_ENTRY_TTL_MILLIS = 15_000;
  private static final long FOLLOWER_REFRESH_MILLIS = 5_000;

  private static TestServers servers;
  private static Vertx vertx;
  private static ForumNode nodeA;
  private static ForumNode nodeB;

  @BeforeAll
  static void startTwoNodes() {
    servers = TestServers.get();
    vertx = Vertx.vertx();
    int hazelcastA = TestServers.freePort();
    int hazelcastB = TestServers.freePort();
    Map<String, String> cluster = Map.of(
        AppConfig.FORUM_CLUSTER, "true",
        // A name of its own: never joins a forum cluster someone runs on this machine.
        AppConfig.FORUM_CLUSTER_NAME, "forum-test-" + UUID.randomUUID(),
        AppConfig.FORUM_CLUSTER_MEMBERS, "127.0.0.1:" + hazelcastA + ",127.0.0.1:" + hazelcastB,
        AppConfig.FORUM_CLUSTER_HOST, "127.0.0.1",
        AppConfig.MONGO_URI, servers.mongoUri("cluster"),
        AppConfig.KEYCLOAK_URL, servers.keycloakUrl(),
        AppConfig.FORUM_DEMO_DATA, "false",
        AppConfig.FORUM_HTTP_INSTANCES, "1");
    nodeA = ForumNode.start("node-a", servers.clusterNodePort(0), with(cluster, Map.of(
        AppConfig.FORUM_CLUSTER_PORT, String.valueOf(hazelcastA),
        AppConfig.FORUM_DATA_DIR, "target/test-data/node-a")));
    nodeB = ForumNode.start("node-b", servers.clusterNodePort(1), with(cluster, Map.of(
        AppConfig.FORUM_CLUSTER_PORT, String.valueOf(hazelcastB),
        AppConfig.FORUM_DATA_DIR, "target/test-data/node-b")));
  }

  @AfterAll
  static void stopNodes() {
    for (ForumNode node : new ForumNode[] {nodeB, nodeA}) {
      if (node != null) {
        node.close();
      }
    }
    if (vertx != null) {
      vertx.close();
    }
  }

  @Test
  @Order(1)
  @DisplayName("a person signed in through one node is signed in on the other")
  void sharedSession() {
    Browser browser = Browser.signedIn(nodeA.url(), "member");
    String cookie = browser.cookie(nodeA.url(), "forum.session").orElseThrow();

    Browser.Page me = new Browser().get(nodeB.url() + "/api/v1/me", Map.of("Cookie", "forum.session=" + cookie));
    assertEquals(200, me.status(), "node B knows the session node A made: " + me.body());
    assertEquals("member", new JsonObject(me.body()).getString("username"));
  }

  @Test
  @Order(2)
  @DisplayName("a question asked through one node reaches live followers on both nodes")
  void crossNodeDelivery() {
    NodeApi moderator = NodeApi.as("moderator");
    String session = moderator.newOpenSession(nodeA.url());
    try (BridgeClient onA = BridgeClient.connect(vertx, nodeA.port(), null);
         BridgeClient onB = BridgeClient.connect(vertx, nodeB.port(), null)) {
      onA.register(Addresses.session(session));
      onB.register(Addresses.session(session));
      NodeApi asker = NodeApi.newPerson();
      String first = askUntilSeen(asker, nodeA, session, onB);
      assertNotNull(awaitQuestion(onA, first), "asked through A, seen live on B and on A");
      String second = asker.post(nodeB.url(), questionsOf(session), NodeApi.question("Qua nút B?")).json()
          .getString("id");
      assertNotNull(awaitQuestion(onA, second), "asked through B, seen live on A");

      await(() -> followers(nodeA, session) == 2 && followers(nodeB, session) == 2,
          "both nodes count the followers of both nodes");
    }
  }

  @Test
  @Order(3)
  @DisplayName("with both nodes taking questions, sequence numbers stay unique and the per-person limit holds")
  void sequenceAndLimitsAcrossNodes() throws Exception {
    String session = NodeApi.as("moderator").newOpenSession(nodeA.url());
    NodeApi first = NodeApi.newPerson();
    NodeApi second = NodeApi.newPerson();
    CompletableFuture<List<Long>> throughA = CompletableFuture.supplyAsync(() -> askMany(first, nodeA, session, 8));
    CompletableFuture<List<Long>> throughB = CompletableFuture.supplyAsync(() -> askMany(second, nodeB, session, 8));
    List<Long> seqsA = throughA.get(2, TimeUnit.MINUTES);
    List<Long> seqsB = throughB.get(2, TimeUnit.MINUTES);
    assertIncreasing(seqsA);
    assertIncreasing(seqsB);
    Set<Long> all = new HashSet<>(seqsA);
    all.addAll(seqsB);
    assertEquals(16, all.size(), "no two questions share a sequence number: " + seqsA + " " + seqsB);

    // The limit is 10 questions a minute per person, counted in MongoDB whichever node takes them.
    NodeApi busy = NodeApi.newPerson();
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < 12; i++) {
      NodeApi.Answer answer = busy.post((i % 2 == 0 ? nodeA : nodeB).url(), questionsOf(session),
          NodeApi.question("Câu hỏi số " + i));
      if (answer.status() == 201) {
        accepted++;
      } else if (answer.status() == 429) {
        refused++;
      }
    }
    assertEquals(10, accepted, "ten accepted across both nodes");
    assertEquals(2, refused, "then refused on either node");
  }

  @Test
  @Order(3)
  @DisplayName("a vote storm through both nodes (each announcing its own votes) ends with the final count for the"
      + " followers of both nodes, and in a catch-up from either")
  void voteStormAcrossNodes() throws Exception {
    String session = NodeApi.as("moderator").newOpenSession(nodeA.url());
    try (BridgeClient onA = BridgeClient.connect(vertx, nodeA.port(), null);
         BridgeClient onB = BridgeClient.connect(vertx, nodeB.port(), null)) {
      onA.register(Addresses.session(session));
      onB.register(Addresses.session(session));
      String id = askUntilSeen(NodeApi.newPerson(), nodeA, session, onB);
      String vote = "/api/v1/questions/" + id + "/vote";
      int rounds = 4;
      List<CompletableFuture<Void>> storm = new ArrayList<>();
      for (int person = 0; person < 4; person++) {
        NodeApi voter = NodeApi.newPerson();
        ForumNode first = person % 2 == 0 ? nodeA : nodeB;
        ForumNode other = first == nodeA ? nodeB : nodeA;
        storm.add(CompletableFuture.runAsync(() -> {
          // Each person votes and withdraws through both nodes in turn, and ends having voted.
          for (int i = 0; i < rounds; i++) {
            assertEquals(200, voter.post((i % 2 == 0 ? first : other).url(), vote, new JsonObject()).status());
            if (i < rounds - 1) {
              assertEquals(200, voter.delete((i % 2 == 0 ? other : first).url(), vote).status());
            }
          }
        }));
      }
      CompletableFuture.allOf(storm.toArray(new CompletableFuture[0])).get(2, TimeUnit.MINUTES);

      for (BridgeClient follower : List.of(onA, onB)) {
        // What a page shows: for the question, the frame with the highest seq.
        JsonObject[] latest = new JsonObject[1];
        await(() -> {
          for (JsonObject frame = follower.next(50); frame != null; frame = follower.next(50)) {
            JsonObject body = frame.getJsonObject("body");
            if ("rec".equals(frame.getString("type")) && id.equals(body.getString("id"))
                && (latest[0] == null || body.getLong("seq") >= latest[0].getLong("seq"))) {
              latest[0] = body;
            }
          }
          return latest[0] != null && latest[0].getInteger("votes") == 4;
        }, "the follower's latest frame shows the 4 votes left after the storm");
      }
      for (ForumNode node : List.of(nodeA, nodeB)) {
        JsonObject caughtUp = NodeApi.as("moderator").get(node.url(), questionsOf(session) + "?since=0").json();
        JsonObject question = caughtUp.getJsonArray("questions").stream().map(JsonObject.class::cast)
            .filter(q -> id.equals(q.getString("id"))).findFirst().orElseThrow();
        assertEquals(4, question.getInteger("votes"), "a page catching up through " + node.url());
      }
    }
  }

  @Test
  @Order(4)
  @DisplayName("when a node is killed mid-stream, its followers reconnect to the other, catch up and miss nothing")
  void survivesKilledNode() throws Exception {
    String session = NodeApi.as("moderator").newOpenSession(nodeA.url());
    List<NodeApi> askers = List.of(NodeApi.newPerson(), NodeApi.newPerson(),
        NodeApi.newPerson(), NodeApi.newPerson());
    // More questions than the page's resume margin, so that its resync after the failure is a partial one.
    int earlier = 60;
    List<CompletableFuture<List<Long>>> seeding = new ArrayList<>();
    for (int person = 0; person < earlier / 10; person++) {
      NodeApi asker = NodeApi.newPerson();
      seeding.add(CompletableFuture.supplyAsync(() -> askMany(asker, nodeA, session, 10)));
    }
    CompletableFuture.allOf(seeding.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
    Attendee attendee = new Attendee(session);
    attendee.connect(nodeB);
    // Node A learns of B's new registration asynchronously; from the first question B shows, it has.
    NodeApi warmUp = NodeApi.newPerson();
    int warmUps = 0;
    while (attendee.seen() == earlier) {
      assertTrue(++warmUps <= 10, "node A never delivered to node B's follower");
      assertEquals(201, warmUp.post(nodeA.url(), questionsOf(session), NodeApi.question("Khởi động " + warmUps))
          .status());
      Eventually.holds(() -> attendee.seen() > earlier, Duration.ofSeconds(2));
    }

    // Questions keep arriving through node A while node B dies.
    int total = 24;
    List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < total; i++) {
        NodeApi.Answer answer = askers.get(i % askers.size()).postWithKey(nodeA.url(), questionsOf(session),
            NodeApi.question("Câu hỏi trực tiếp " + i), "stream-" + i);
        assertEquals(201, answer.status(), "node A keeps taking questions: " + answer.body());
        accepted.add(answer.json().getString("id"));
      }
    });
    int followedLive = earlier + warmUps + 5;
    await(() -> attendee.seen() >= followedLive, "the attendee on B follows the first questions live");

    // A submission in flight when B dies, retried through A with the same key.
    NodeApi inFlight = askers.get(0);
    JsonObject lastWords = NodeApi.question("Câu hỏi lúc nút B chết");
    CompletableFuture<NodeApi.Answer> toB = CompletableFuture.supplyAsync(() ->
        inFlight.postWithKey(nodeB.url(), questionsOf(session), lastWords, "in-flight"));
    nodeB.kill();
    Instant killedAt = Instant.now();
    toB.get(30, TimeUnit.SECONDS);
    NodeApi.Answer retried = inFlight.postWithKey(nodeA.url(), questionsOf(session), lastWords, "in-flight");
    assertEquals(201, retried.status(), retried.body());

    await(attendee::disconnected, "the attendee notices that its node is gone");
    attendee.connect(nodeA);
    stream.get(2, TimeUnit.MINUTES);

    assertEquals(200, new Browser().get(nodeA.url() + "/health").status(), "node A keeps serving");
    JsonObject stored = NodeApi.as("moderator").get(nodeA.url(), questionsOf(session)).json();
    Map<String, Long> expected = new HashMap<>();
    stored.getJsonArray("questions").stream().map(JsonObject.class::cast)
        .forEach(q -> expected.put(q.getString("id"), q.getLong("seq")));
    assertEquals(earlier + warmUps + total + 1, expected.size(), "every question stored once, the retried one too");
    assertTrue(attendee.resyncedFrom > 0, "the resync after the failure asked only for recent changes");
    assertTrue(expected.keySet().containsAll(accepted));
    assertTrue(expected.containsKey(retried.json().getString("id")));
    Eventually.holds(() -> attendee.state().equals(expected), DELIVERY);
    assertEquals(new java.util.TreeMap<>(expected), new java.util.TreeMap<>(attendee.state()),
        "the attendee ends with exactly the stored questions (id=seq); it resynced from seq " + attendee.resyncedFrom
        + ", the in-flight question was " + retried.body());
    assertEquals(0, attendee.duplicates(), "no question event was applied twice");
    // Until its entry expires, the dead node's count for the attendee still adds up with the attendee's new one on
    // A: only a count read after that expiry says whether it stopped counting.
    Instant expired = killedAt.plusMillis(FOLLOWER_ENTRY_TTL_MILLIS + 2 * FOLLOWER_REFRESH_MILLIS);
    Eventually.holds(() -> Instant.now().isAfter(expired), Duration.ofMillis(2 * FOLLOWER_ENTRY_TTL_MILLIS));
    assertEquals(1, followers(nodeA, session), "the dead node's followers stop counting");
    attendee.close();
  }

  /**
   * A page following a session as live.js and qa.js do: applies a question's change only when it is newer than
   * its copy, and after a reconnect first registers, then asks for everything changed since a little before the
   * last {@code seq} it saw. The margin covers changes whose number was taken before, but stored after, one the
   * page saw: two nodes number concurrently, and a node may die between numbering and storing or publishing.
   */
  private static final class Attendee implements AutoCloseable {

    /** qa.js's {@code RESUME_MARGIN}. */
    private static final int RESUME_MARGIN = 50;

    private final String session;
    private final Map<String, Long> questions = new HashMap<>();
    private final Set<String> deliveredLive = new HashSet<>();
    private long seq;
    private int duplicates;
    /** The {@code since} of the last resync, for failure messages. */
    private volatile long resyncedFrom;
    private BridgeClient client;
    private Thread reader;

    Attendee(String session) {
      this.session = session;
    }

    void connect(ForumNode node) {
      if (client != null) {
        client.close();
        joinReader();
      }
      client = BridgeClient.connect(vertx, node.port(), null);
      client.registerAndAwait(Addresses.session(session), DELIVERY.toMillis());
      resyncedFrom = Math.max(0, seq() - RESUME_MARGIN);
      JsonObject missed = NodeApi.as("attendee").get(node.url(), questionsOf(session) + "?since=" + resyncedFrom)
          .json();
      synchronized (this) {
        missed.getJsonArray("questions").stream().map(JsonObject.class::cast).forEach(q -> apply(q, false));
        seq = Math.max(seq, missed.getLong("seq"));
      }
      BridgeClient reading = client;
      reader = new Thread(() -> {
        while (!reading.isClosed()) {
          JsonObject frame = reading.next(100);
          if (frame != null && "rec".equals(frame.getString("type"))
              && "question".equals(frame.getJsonObject("body").getString("type"))) {
            synchronized (this) {
              apply(frame.getJsonObject("body"), true);
            }
          }
        }
      }, "attendee-reader");
      reader.start();
    }

    /**
     * Applies a question's state unless it already has that state or a later one (a resync and the live frames
     * after a registration may overlap: that is expected). A change delivered live twice counts as a duplicate.
     */
    private void apply(JsonObject question, boolean live) {
      Long known = questions.get(question.getString("id"));
      long questionSeq = question.getLong("seq");
      if (live && !deliveredLive.add(question.getString("id") + "@" + questionSeq)) {
        duplicates++;
      }
      if (known != null && known >= questionSeq) {
        return;
      }
      questions.put(question.getString("id"), questionSeq);
      seq = Math.max(seq, questionSeq);
    }

    synchronized long seq() {
      return seq;
    }

    synchronized int seen() {
      return questions.size();
    }

    /** Changes delivered live more than once. */
    synchronized int duplicates() {
      return duplicates;
    }

    synchronized Map<String, Long> state() {
      return new HashMap<>(questions);
    }

    boolean disconnected() {
      return client.isClosed();
    }

    private void joinReader() {
      try {
        reader.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      client.close();
      joinReader();
    }
  }

  /** Asks through {@code node} until {@code follower} sees a question live (a new registration spreads). */
  private static String askUntilSeen(NodeApi asker, ForumNode node, String session, BridgeClient follower) {
    for (int attempt = 1; attempt <= 5; attempt++) {
      NodeApi.Answer asked = asker.post(node.url(), questionsOf(session), NodeApi.question("Lần thử " + attempt));
      assertEquals(201, asked.status(), asked.body());
      String id = asked.json().getString("id");
      if (awaitQuestion(follower, id, Duration.ofSeconds(3)) != null) {
        return id;
      }
    }
    throw new AssertionError("No question asked through " + node.url() + " reached the other node's follower");
  }

  private static List<Long> askMany(NodeApi asker, ForumNode node, String session, int count) {
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      NodeApi.Answer answer = asker.post(node.url(), questionsOf(session), NodeApi.question("Song song " + i));
      assertEquals(201, answer.status(), answer.body());
      seqs.add(answer.json().getLong("seq"));
    }
    return seqs;
  }

  private static void assertIncreasing(List<Long> seqs) {
    for (int i = 1; i < seqs.size(); i++) {
      assertTrue(seqs.get(i) > seqs.get(i - 1), "one asker's questions are numbered in order: " + seqs);
    }
  }

  /** The question frame with {@code id} from {@code client}, waiting at most {@link #DELIVERY}. */
  private static JsonObject awaitQuestion(BridgeClient client, String id) {
    return awaitQuestion(client, id, DELIVERY);
  }

  private static JsonObject awaitQuestion(BridgeClient client, String id, Duration within) {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      JsonObject frame = client.next(200);
      if (frame != null && "rec".equals(frame.getString("type"))
          && id.equals(frame.getJsonObject("body").getString("id"))) {
        return frame;
      }
    }
    return null;
  }

  private static void await(BooleanSupplier condition, String what) {
    await(condition, DELIVERY, what);
  }

  private static void await(BooleanSupplier condition, Duration within, String what) {
    assertTrue(Eventually.holds(condition, within), "Not within " + within + ": " + what);
  }

  /** The followers count that {@code node} shows for the session. */
  private static int followers(ForumNode node, String session) {
    return new JsonObject(new Browser().get(node.url() + "/api/v1/sessions/" + session).body())
        .getInteger("followers");
  }

  private static String questionsOf(String session) {
    return "/api/v1/sessions/" + session + "/questions";
  }

  private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
    Map<String, String> all = new HashMap<>(base);
    all.putAll(more);
    return all;
  }
}
