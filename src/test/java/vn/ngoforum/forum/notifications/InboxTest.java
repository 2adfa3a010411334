package vn.ngoforum.forum.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.ngoforum.support.ForumUnderTest.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.ngoforum.db.Dates;
import vn.ngoforum.forum.common.Person;
import vn.ngoforum.support.TestServers;

/**
 * A person's inbox and its unread count (what every signed-in page's header asks) are read by key from the inbox
 * document kept with every notification; a forum upgraded from notifications stored before the inboxes shows them
 * before and after its start-up migration, counted once.
 */
class InboxTest {

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  /** Each test's own database. */
  private MongoClient mongo;

  @BeforeEach
  void newDatabase() {
    mongo = TestServers.get().newDatabase(vertx, "forum-inbox-");
  }

  @AfterEach
  void closeDatabase() {
    await(mongo.close());
  }

  @Test
  @DisplayName("after several notifications the count says how many are unread, newest first; marking them read"
      + " resets it, and the next one counts again")
  void countsAndMarksRead() {
    NotificationRepository notifications = withInboxes();
    String lan = "lan-" + System.nanoTime();
    for (int i = 1; i <= 3; i++) {
      assertEquals(i, await(notifications.insert(notification(lan, "n" + i, i))), "the count pushed live");
    }
    await(notifications.insert(notification("someone-else", "x", 9)));
    NotificationRepository.InboxView inbox = await(notifications.inbox(lan, 50));
    assertEquals(3, inbox.unread());
    assertEquals(List.of("n3", "n2", "n1"), ids(inbox));

    await(notifications.markAllRead(lan));
    inbox = await(notifications.inbox(lan, 50));
    assertEquals(0, inbox.unread());
    assertTrue(inbox.latest().stream().allMatch(Notification::read), "each is shown read");
    assertEquals(1, await(notifications.inbox("someone-else", 50)).unread(), "nobody else's");

    assertEquals(1, await(notifications.insert(notification(lan, "n4", 4))));
    inbox = await(notifications.inbox(lan, 2));
    assertEquals(1, inbox.unread());
    assertEquals(List.of("n4", "n3"), ids(inbox));
    assertFalse(inbox.latest().get(0).read());
  }

  @Test
  @DisplayName("an inbox keeps the newest hundred notifications, read by key: a notification no inbox names is not"
      + " shown (a filter on the whole collection would show it)")
  void boundedAndByKey() {
    NotificationRepository notifications = withInboxes();
    String hoa = "hoa-" + System.nanoTime();
    for (int i = 1; i <= NotificationRepository.RECENT + 5; i++) {
      await(notifications.insert(notification(hoa, String.format("n%03d", i), i)));
    }
    await(mongo.insert(NotificationRepository.NOTIFICATIONS, old(hoa, "stray", 999, false)));
    NotificationRepository.InboxView inbox = await(notifications.inbox(hoa, 1000));
    assertEquals(NotificationRepository.RECENT, inbox.latest().size());
    assertEquals("n105", inbox.latest().get(0).id());
    assertEquals("n006", inbox.latest().get(NotificationRepository.RECENT - 1).id());
    assertEquals(NotificationRepository.RECENT + 5, inbox.unread());
  }

  @Test
  @DisplayName("notifications stored before the inboxes are shown before the migration, in their inbox after it"
      + " (after newer ones, unread counted once), and a second run changes nothing")
  void migratesOldNotifications() {
    String minh = "minh-" + System.nanoTime();
    await(mongo.insert(NotificationRepository.NOTIFICATIONS, old(minh, "old1", 1, true)));
    await(mongo.insert(NotificationRepository.NOTIFICATIONS, old(minh, "old2", 2, false)));
    await(mongo.insert(NotificationRepository.NOTIFICATIONS, old(minh, "old3", 3, false)));
    NotificationRepository before = new NotificationRepository(mongo);
    NotificationRepository.InboxView inbox = await(before.inbox(minh, 50));
    assertEquals(2, inbox.unread(), "before the migration, the old way");
    assertEquals(List.of("old3", "old2", "old1"), ids(inbox));
    assertEquals(3, await(before.insert(notification(minh, "new1", 10))), "a new one while it has not run");

    assertEquals(3, await(new NotificationRepository(mongo).buildInboxes()));
    NotificationRepository after = new NotificationRepository(mongo);
    inbox = await(after.inbox(minh, 50));
    assertEquals(3, inbox.unread());
    assertEquals(List.of("new1", "old3", "old2", "old1"), ids(inbox));
    assertEquals(0, await(after.buildInboxes()), "run again, it only finds its marker");
    assertEquals(3, await(new NotificationRepository(mongo).inbox(minh, 50)).unread());

    await(after.markAllRead(minh));
    assertTrue(await(after.inbox(minh, 50)).latest().stream().allMatch(Notification::read));
    assertEquals(0, await(after.inbox(minh, 50)).unread());
  }

  /** The repository on this test's database, its inboxes built (as at start-up). */
  private NotificationRepository withInboxes() {
    NotificationRepository notifications = new NotificationRepository(mongo);
    await(notifications.buildInboxes());
    return notifications;
  }

  private static Notification notification(String userId, String id, int minute) {
    return new Notification(id, userId, "reply", "t1", "Thread", "p" + id, "/t/t1#p" + id,
        new Person("a1", "An"), Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * minute), false);
  }

  /** A notification as today's main stored it (no inbox). */
  private static JsonObject old(String userId, String id, int minute, boolean read) {
    return new JsonObject().put("_id", id).put("userId", userId).put("type", "mention").put("threadId", "t0")
        .put("title", "Old").put("postId", "p0").put("url", "/t/t0").put("actor", new JsonObject()
            .put("id", "a0").put("name", "Old"))
        .put("at", Dates.of(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(60L * minute))).put("read", read);
  }

  private static List<String> ids(NotificationRepository.InboxView inbox) {
    return inbox.latest().stream().map(Notification::id).toList();
  }
}
