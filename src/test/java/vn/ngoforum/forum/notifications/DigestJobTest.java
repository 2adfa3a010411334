package vn.ngoforum.forum.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.LastSignIn;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.db.Lease;
import vn.ngoforum.notify.Notice;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.Mails;
import vn.ngoforum.support.RecordingMongo;
import vn.ngoforum.support.TestServers;
import vn.ngoforum.web.I18n;

/**
 * The daily digest: sent once a day by one node of a cluster, never twice after a restart. Two or three job
 * instances stand for the nodes (and a node after a restart): each with its own lease owner, all on one MongoDB
 * database and one mail server (GreenMail), with a clock the test sets.
 */
class DigestJobTest {

  private static final int HOUR = 7;
  /** 8:00 in Hà Nội on 7 December 2026: the digest of that day is due. */
  private static final ZonedDateTime EIGHT = ZonedDateTime.of(2026, 12, 7, 8, 0, 0, 0, I18n.FORUM_ZONE);

  private static Vertx vertx;
  private static GreenMail smtp;
  private static AppConfig config;
  private MongoClient mongo;

  @BeforeAll
  static void servers() {
    vertx = Vertx.vertx();
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    config = TestServers.config(Map.of(
        AppConfig.FORUM_SMTP_HOST, "127.0.0.1",
        AppConfig.FORUM_SMTP_PORT, String.valueOf(smtp.getSmtp().getPort()),
        AppConfig.FORUM_PUBLIC_URL, "https://forum.example.org"));
    TestServers.get();
  }

  @AfterAll
  static void stop() {
    smtp.stop();
    ForumUnderTest.await(vertx.close());
  }

  @BeforeEach
  void database() throws Exception {
    mongo = TestServers.get().newDatabase(vertx, "forum-digest");
    smtp.purgeEmailFromAllMailboxes();
  }

  @AfterEach
  void close() {
    ForumUnderTest.await(mongo.close());
  }

  @Test
  @DisplayName("two nodes running the digest of the same day send one e-mail per person, and a node restarted after"
      + " it sends none again")
  void oneDigestPerPersonAcrossNodes() throws Exception {
    List<String> people = List.of(person(), person(), person());
    tell(people, "watched.post", "Tuần tra Cúc Phương");
    tell(people, "watched.thread", "Cứu hộ tê tê");

    List<Integer> sent = ForumUnderTest.await(Future.all(job(at(EIGHT)).runIfDue(), job(at(EIGHT)).runIfDue()))
        .list();
    assertEquals(3, sent.stream().mapToInt(Integer::intValue).sum(), "three digests between both nodes: " + sent);
    assertTrue(sent.contains(0), "one node found the lease held and sent nothing: " + sent);
    assertMailedOnce(people);

    MimeMessage digest = mailTo(people.get(0)).get(0);
    String body = Mails.text(digest);
    assertTrue(digest.getSubject().contains("07/12/2026"), digest.getSubject());
    assertTrue(body.contains("Tuần tra Cúc Phương") && body.contains("Cứu hộ tê tê"), body);
    String unsubscribe = Mails.header(digest, "List-Unsubscribe");
    assertTrue(unsubscribe.startsWith("<https://forum.example.org/unsubscribe/"), unsubscribe);
    assertEquals("List-Unsubscribe=One-Click", Mails.header(digest, "List-Unsubscribe-Post"));

    assertEquals(0, runAt(EIGHT.plusHours(3)), "a restarted node sends none");
    assertMailedOnce(people);
  }

  @Test
  @DisplayName("the digest waits for its hour in Asia/Ho_Chi_Minh, and the next day tells only what came since")
  void onceADayFromItsHour() throws Exception {
    String someone = person();
    tell(List.of(someone), "watched.post", "Hội thảo Vườn quốc gia");

    assertEquals(0, runAt(EIGHT.withHour(HOUR - 1).withMinute(59)),
        "6:59 in Hà Nội (23:59 UTC the day before) is too early");
    assertEquals(1, runAt(EIGHT.withHour(HOUR)));
    tell(List.of(someone), "watched.post", "Báo cáo tuần sau");
    assertEquals(0, runAt(EIGHT.withHour(23)), "one digest a day");

    assertEquals(1, runAt(EIGHT.plusDays(1)), "the next day's");
    List<MimeMessage> mail = mailTo(someone);
    assertEquals(2, mail.size());
    String second = Mails.text(mail.get(1));
    assertTrue(second.contains("Báo cáo tuần sau") && !second.contains("Hội thảo Vườn quốc gia"), second);
  }

  @Test
  @DisplayName("a node that died holding the lease is taken over once the lease expires, and the person it had"
      + " claimed is not e-mailed again")
  void takeOverFromADeadNode() throws Exception {
    DigestRepository digests = new DigestRepository(mongo);
    LocalDate day = EIGHT.toLocalDate();
    String claimed = person();
    String waiting = person();
    tell(List.of(claimed, waiting), "watched.post", "Giám sát buôn bán động vật hoang dã");
    String pendingId = ForumUnderTest.await(digests.waiting()).stream()
        .filter(w -> w.userId().equals(claimed)).findFirst().orElseThrow().ids().get(0);
    // The dead node: took the lease at 8:00 for its term and claimed the first person's digest, then died.
    assertTrue(ForumUnderTest.await(new Lease(mongo, DigestJob.LEASE, "dead-node").take(EIGHT.toInstant(),
        DigestJob.TERM)));
    assertTrue(ForumUnderTest.await(digests.claim(day, claimed, List.of(pendingId))));

    assertEquals(0, runAt(EIGHT.plusMinutes(5)), "the lease is still held");
    assertEquals(1, runAt(EIGHT.plus(DigestJob.TERM).plusMinutes(1)));
    assertEquals(0, mailTo(claimed).size(), "the claimed digest is never sent twice");
    assertEquals(1, mailTo(waiting).size());
  }

  @Test
  @DisplayName("the digest holds only the topics heard of by digest, and none for someone who has since chosen"
      + " 'in the forum only'")
  void onlyDigestTopics() throws Exception {
    PreferenceRepository preferences = new PreferenceRepository(mongo);
    String reader = person();
    ForumUnderTest.await(preferences.change(reader, Map.of(Preferences.Topic.MODERATION, Preferences.Channel.DIGEST,
        Preferences.Topic.REPLIES, Preferences.Channel.FORUM)));
    String leaver = person();
    tell(List.of(reader, leaver), "watched.post", "Chủ đề theo dõi");
    tell(List.of(reader), "thread.locked", "Chủ đề bị khoá");
    tell(List.of(reader), "reply", "Chủ đề được trả lời");
    ForumUnderTest.await(preferences.change(leaver, Map.of(Preferences.Topic.WATCHING, Preferences.Channel.FORUM)));

    assertEquals(1, runAt(EIGHT));
    String body = Mails.text(mailTo(reader).get(0));
    assertTrue(body.contains("Chủ đề theo dõi") && body.contains("Chủ đề bị khoá"), body);
    assertTrue(!body.contains("Chủ đề được trả lời"), "a reply is not a digest topic for them: " + body);
    assertEquals(0, mailTo(leaver).size());
  }

  @Test
  @DisplayName("telling people reads their preferences by key (_id $in), never by a filter the store would scan")
  void preferencesReadByKey() {
    List<String> people = List.of(person(), person());
    ForumUnderTest.await(new PreferenceRepository(mongo).change(people.get(0),
        Map.of(Preferences.Topic.MODERATION, Preferences.Channel.OFF)));
    ForumUnderTest.await(new NotificationRepository(mongo).buildInboxes());
    List<JsonObject> queries = new java.util.concurrent.CopyOnWriteArrayList<>();
    MongoClient recording = RecordingMongo.recording(mongo, queries);
    Outbox outbox = new Outbox(new PreferenceRepository(recording), new DigestRepository(recording),
        new PeopleRepository(recording), new LastSignIn(recording), null);
    ForumUnderTest.await(new StoredNotices(vertx, new NotificationRepository(recording), outbox)
        .tell(people, new Notice("thread.locked", "/t/x", "actor", "Lan", new JsonObject().put("title", "Khoá"))));

    assertTrue(queries.stream().anyMatch(q -> PreferenceRepository.PREFERENCES.equals(q.getString("collection"))),
        "the preferences were read: " + queries);
    queries.forEach(q -> assertTrue(RecordingMongo.byId(q.getJsonObject("query")), "by key: " + q));
    assertEquals(0, ForumUnderTest.await(new NotificationRepository(mongo).inbox(people.get(0), 10)).latest().size(),
        "moderation is off for the first person: nothing stored");
    assertEquals(1, ForumUnderTest.await(new NotificationRepository(mongo).inbox(people.get(1), 10)).latest().size());
  }

  @Test
  @DisplayName("finding where to e-mail a person reads their people document once, by key; nobody once they closed"
      + " their account")
  void addressInOneRead() {
    String id = person();
    List<JsonObject> queries = new java.util.concurrent.CopyOnWriteArrayList<>();
    Outbox outbox = new Outbox(new PreferenceRepository(mongo), new DigestRepository(mongo),
        new PeopleRepository(RecordingMongo.recording(mongo, queries)), new LastSignIn(mongo), null);
    assertEquals(id + "@example.org", ForumUnderTest.await(outbox.address(id)));
    assertEquals(1, queries.size(), "one read: " + queries);
    assertEquals(PeopleRepository.PEOPLE, queries.get(0).getString("collection"));
    assertTrue(RecordingMongo.byId(queries.get(0).getJsonObject("query")), "by key: " + queries);
    ForumUnderTest.await(new PeopleRepository(mongo).close(id));
    assertEquals(null, ForumUnderTest.await(outbox.address(id)), "a closed account is e-mailed no more");
  }

  @Test
  @DisplayName("a person who closed their account is no longer named in other people's notifications")
  void actorForgotten() {
    ForumUnderTest.await(new NotificationRepository(mongo).createIndexes());
    String reader = person();
    String actor = UUID.randomUUID().toString();
    ForumUnderTest.await(new StoredNotices(vertx, new NotificationRepository(mongo), outbox())
        .tell(List.of(reader), new Notice("thread.locked", "/t/x", null, null, new JsonObject())));
    ForumUnderTest.await(new StoredNotices(vertx, new NotificationRepository(mongo), outbox())
        .tell(List.of(reader), new Notice("org.join_request", "/orgs/x", actor, "Lan",
            new JsonObject().put("applicant", new JsonObject().put("id", actor).put("name", "Lan")))));
    ForumUnderTest.await(new StoredNotices(vertx, new NotificationRepository(mongo), outbox())
        .tell(List.of(reader), new Notice("org.join_decision", "/orgs/x", actor, "Lan",
            new JsonObject().put("decision", "approved"))));
    ForumUnderTest.await(new NotificationRepository(mongo).forgetActor(actor));
    List<Notification> told = ForumUnderTest.await(new NotificationRepository(mongo).inbox(reader, 10)).latest();
    assertEquals(3, told.size());
    String stored = ForumUnderTest.await(mongo.find("notifications", new JsonObject())).toString();
    assertEquals(2, told.stream().filter(n -> n.actor() != null && actor.equals(n.actor().id())
        && n.actor().name() == null).count(), stored);
    assertTrue(!stored.contains("Lan"), stored);
  }

  /** A person the forum knows, with an e-mail address. */
  private String person() {
    String id = UUID.randomUUID().toString();
    ForumUnderTest.await(new PeopleRepository(mongo).remember(new CurrentUser(id, "u" + id.substring(0, 8),
        "Người " + id.substring(0, 4), id + "@example.org", "vi", Set.of())));
    return id;
  }

  /** Tells {@code people} one notice of {@code kind} about a thread titled {@code title}, as the forum does. */
  private void tell(List<String> people, String kind, String title) {
    ForumUnderTest.await(new StoredNotices(vertx, new NotificationRepository(mongo), outbox())
        .tell(people, new Notice(kind, "/t/" + UUID.randomUUID(), "actor", "Lan",
            new JsonObject().put("title", title))));
  }

  private Outbox outbox() {
    return new Outbox(new PreferenceRepository(mongo), new DigestRepository(mongo), new PeopleRepository(mongo),
        new LastSignIn(mongo), Mailer.create(vertx, config));
  }

  /** A node's digest job (a new lease owner: another node, or this one after a restart). */
  private DigestJob job(Clock clock) {
    return new DigestJob(mongo, outbox(), Mailer.create(vertx, config), clock, HOUR, UUID.randomUUID().toString());
  }

  /** Runs a new node's job (another node, or this one after a restart) at {@code time}: how many e-mails it sent. */
  private int runAt(ZonedDateTime time) {
    return ForumUnderTest.await(job(at(time)).runIfDue());
  }

  private static Clock at(ZonedDateTime time) {
    return Clock.fixed(time.toInstant(), I18n.FORUM_ZONE);
  }

  private void assertMailedOnce(List<String> people) {
    for (String person : people) {
      assertEquals(1, mailTo(person).size(), "one digest for " + person);
    }
  }

  /** What GreenMail received for the person, in order (sending is complete when the job's future is). */
  private static List<MimeMessage> mailTo(String userId) {
    return Mails.to(smtp, userId + "@example.org");
  }
}
