package vn.ngoforum.forum.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.ngoforum.support.ForumUnderTest.await;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.forum.common.Ids;
import vn.ngoforum.forum.common.Person;
import vn.ngoforum.forum.notifications.WatchRepository.ListPage;
import vn.ngoforum.forum.notifications.WatchRepository.Listed;
import vn.ngoforum.forum.notifications.WatchRepository.Watched;
import vn.ngoforum.forum.threads.ForumThread;
import vn.ngoforum.forum.threads.ThreadRepository;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.People;
import vn.ngoforum.support.RecordingMongo;
import vn.ngoforum.support.TestForum;

/**
 * "My watches" ({@code /watches}, issue 18 point 3): the threads and categories a person watches, newest first, with
 * their titles and a "stop watching" button; kept in a per-person list read by key, built at start-up for people
 * who watched things before the lists.
 */
class WatchListTest {

  /** Watches stored before the lists: one person, two threads (one no longer watched) and a category. */
  private static final String OLD_PERSON = "old-watcher-1";

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-watch-lists", WatchListTest::storeOldWatches);

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private static void storeOldWatches(MongoClient mongo) {
    for (String key : List.of("thread:old-t1", "thread:old-t2", "category:old-c")) {
      await(mongo.insert(WatchRepository.WATCHES, new JsonObject().put("_id", OLD_PERSON + " " + key)
          .put("on", !key.equals("thread:old-t2"))));
    }
    await(mongo.insert(WatchRepository.WATCHES, new JsonObject().put("_id", "old-watcher-2 thread:old-t1")
        .put("on", true)));
  }

  @Test
  @DisplayName("a person sees the thread and the category they watch, newest first, with their titles, and the"
      + " thread they started; stopping on the page takes it off; another person sees none of them")
  void watchAndStop() {
    String slug = forum.as(People.token("admin")).newCategory("watch-list", "public");
    String username = People.create("member");
    String token = People.token(username);
    String other = forum.as(People.newMember()).newThread(slug, "Chủ đề người khác mở");
    String own = forum.as(token).newThread(slug, "Chủ đề của tôi");
    Browser browser = forum.signedIn(username);
    // An author comes to watch their thread in the background, after the post was answered: the watches below must
    // come after it to be newer.
    assertTrue(Eventually.holds(() -> shown(browser.get(forum.base() + "/watches").body()).contains("thread-" + own),
        Duration.ofSeconds(10)), "the author watches the thread they started");
    watch(token, new JsonObject().put("thread", other));
    watch(token, new JsonObject().put("category", slug));

    Page page = browser.get(forum.base() + "/watches");
    assertEquals(200, page.status(), page.body());
    List<String> shown = shown(page.body());
    assertEquals(List.of("category-" + slug, "thread-" + other, "thread-" + own), shown, "newest first");
    assertTrue(page.body().contains("Chủ đề người khác mở"), "a thread's title");
    assertTrue(page.body().contains("href=\"/t/" + other + "\""), "linked");
    assertTrue(page.body().contains("href=\"/c/" + slug + "\""), "the category linked");

    Page stopped = browser.postForm(forum.base() + "/watches", Map.of("_csrf", csrf(page.body()),
        "thread", other, "page", "1"));
    assertEquals(302, stopped.status(), stopped.body());
    assertEquals("/watches", stopped.header("location").orElseThrow());
    assertEquals(List.of("category-" + slug, "thread-" + own), shown(browser.get(forum.base() + "/watches").body()));
    assertEquals(false, new JsonObject(forum.as(token).get("/api/v1/watch?thread=" + other).body())
        .getBoolean("watching"), "stopped watching, as the thread page's button does");

    watch(token, new JsonObject().put("thread", other));
    assertEquals(List.of("thread-" + other, "category-" + slug, "thread-" + own),
        shown(browser.get(forum.base() + "/watches").body()), "watching again puts it first");

    Page others = forum.signedIn(People.create("member")).get(forum.base() + "/watches");
    assertEquals(200, others.status());
    assertEquals(List.of(), shown(others.body()), "another person's watches are not shown");
    assertFalse(others.body().contains(other));

    Page guest = new Browser().get(forum.base() + "/watches");
    assertEquals(302, guest.status());
    assertTrue(guest.header("location").orElseThrow().startsWith("/login?next="), guest.header("location").get());
  }

  @Test
  @DisplayName("a long list is paged, 20 to a page; what the person may no longer read is not shown")
  void pagedAndReadable() {
    String slug = forum.as(People.token("admin")).newCategory("watch-pages", "public");
    String members = forum.as(People.token("admin")).newCategory("watch-members", "members");
    String username = People.create(null);
    String userId = userIdOf(People.token(username));
    WatchRepository watches = new WatchRepository(forum.mongo());
    List<String> threads = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      threads.add(thread(slug, "Trang " + i));
      await(watches.set(userId, Watched.thread(threads.get(i)), true));
    }
    Browser browser = forum.signedIn(username);
    List<String> first = shown(browser.get(forum.base() + "/watches").body());
    assertEquals(20, first.size());
    assertEquals("thread-" + threads.get(22), first.get(0));
    Page second = browser.get(forum.base() + "/watches?page=2");
    assertEquals(List.of("thread-" + threads.get(2), "thread-" + threads.get(1), "thread-" + threads.get(0)),
        shown(second.body()));
    assertTrue(second.body().contains("rel=\"prev\""), "the pager");

    String hidden = thread(members, "Nội bộ");
    await(watches.set(userId, Watched.thread(hidden), true));
    assertFalse(browser.get(forum.base() + "/watches").body().contains(hidden), "a members-only thread, to a"
        + " person who is not a member");
  }

  @Test
  @DisplayName("watches stored before the lists are listed after start-up, once; the list is read by key")
  void migration() {
    MongoClient mongo = forum.mongo();
    awaitMigration();
    WatchRepository watches = new WatchRepository(mongo);
    ListPage old = await(watches.listPage(OLD_PERSON, 0, 20));
    List<String> migrated = keys(old);
    assertEquals(List.of("category:old-c", "thread:old-t1"), migrated.stream().sorted().toList(),
        "those still watched (in no particular order: they have no date)");
    assertEquals(List.of("thread:old-t1"), keys(await(watches.listPage("old-watcher-2", 0, 20))));

    JsonObject before = await(mongo.findOne(WatchRepository.LISTS, new JsonObject().put("_id", OLD_PERSON), null));
    await(watches.migrateLists());
    await(new WatchRepository(mongo).migrateLists());
    assertEquals(before, await(mongo.findOne(WatchRepository.LISTS, new JsonObject().put("_id", OLD_PERSON), null)),
        "running it again changes nothing");

    List<JsonObject> queries = new ArrayList<>();
    WatchRepository recorded = new WatchRepository(RecordingMongo.recording(mongo, queries));
    await(recorded.set(OLD_PERSON, Watched.thread("old-t3"), true));
    List<String> now = new ArrayList<>(List.of("thread:old-t3"));
    now.addAll(migrated);
    assertEquals(now, keys(await(recorded.listPage(OLD_PERSON, 0, 20))), "a new watch first");
    await(recorded.set(OLD_PERSON, Watched.category("old-c"), false));
    now.remove("category:old-c");
    assertEquals(now, keys(await(recorded.listPage(OLD_PERSON, 0, 20))));
    assertEquals(List.of(), queries.stream().filter(call -> !RecordingMongo.byId(call.getJsonObject("query")))
        .toList(), "every read and write by key");
  }

  @Test
  @DisplayName("in a forum whose lists are not built yet, a person's page lists what they watched before")
  void beforeTheMigration() {
    MongoClient mongo = forum.mongo();
    awaitMigration();
    String person = "early-" + System.nanoTime();
    await(mongo.insert(WatchRepository.WATCHES, new JsonObject().put("_id", person + " thread:e1").put("on", true)));
    await(mongo.removeDocument(WatchRepository.MIGRATIONS, new JsonObject().put("_id",
        WatchRepository.LISTS_MIGRATION)));
    try {
      assertEquals(List.of("thread:e1"), keys(await(new WatchRepository(mongo).listPage(person, 0, 20))));
    } finally {
      await(new WatchRepository(mongo).migrateLists());
    }
  }

  private static List<String> keys(ListPage page) {
    return page.items().stream().map(Listed::watched).map(watched -> watched.kind() + ":" + watched.id()).toList();
  }

  private static void awaitMigration() {
    forum.awaitDocument(WatchRepository.MIGRATIONS, WatchRepository.LISTS_MIGRATION);
  }

  /** The items of a "my watches" page, in order: {@code kind-id}. */
  private static List<String> shown(String html) {
    Matcher matcher = Pattern.compile("id=\"watch-([a-z]+-[^\"]+)\"").matcher(html);
    List<String> items = new ArrayList<>();
    while (matcher.find()) {
      items.add(matcher.group(1));
    }
    return items;
  }

  private static String userIdOf(String token) {
    return new JsonObject(forum.as(token).get("/api/v1/me").body()).getString("id");
  }

  /** A thread stored as the forum stores one (starting 23 through the API would meet the pace of new threads). */
  private static String thread(String slug, String title) {
    String id = Ids.newId();
    Instant now = Instant.now();
    Person author = new Person("author-" + id, "Tác giả");
    await(forum.mongo().insert(ThreadRepository.THREADS, ThreadRepository.document(new ForumThread(id, slug, title,
        author, now, now, author, 1, 1, 0, false, false))));
    return id;
  }

  private static void watch(String token, JsonObject body) {
    Page answer = forum.as(token).post("/api/v1/watch", body);
    assertEquals(200, answer.status(), answer.body());
  }

  private static String csrf(String html) {
    Matcher matcher = CSRF.matcher(html);
    assertTrue(matcher.find(), "the page has a form");
    return matcher.group(1);
  }
}
