package vn.ngoforum.forum.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.forum.common.Person;
import vn.ngoforum.search.Changes;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/**
 * A category's deep pages (issue 15): the first and last {@value CategoryListing#NUMBERED} pages by number, those
 * between by cursor ("older" after a page's last thread, "newer" before its first), the last page read backwards;
 * every link a reader follows lists the threads once each, in order, across the boundaries, also after new threads
 * and activity, with pinned threads first, in members-only categories for who may read them.
 */
class CategoryPagesTest {

  private static final int PER_PAGE = ThreadReader.THREADS_PER_PAGE;
  /** 23 pages: 10 by number from the start, 10 from the end, 3 between; the last one of 10 threads. */
  private static final int THREADS = 22 * PER_PAGE + 10;
  private static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-category-pages");

  @Test
  @DisplayName("following 'older' from page 1 and 'newer' from the last page each list every thread once, in order,"
      + " across the numbered pages and those reached by cursor; pinned threads lead page 1 only")
  void walkBothWays() {
    Seeded seeded = seeded("deep", "public", 2);
    assertEquals(2, seeded.newestFirst().stream().filter(id -> id.startsWith("pinned-")).count());
    assertTrue(seeded.newestFirst().get(0).startsWith("pinned-") && seeded.newestFirst().get(1).startsWith("pinned-"));

    JsonObject first = listing(seeded.slug(), "page=1", null);
    assertEquals(23, first.getInteger("pages"));
    assertEquals(THREADS, first.getInteger("total"));
    assertNull(first.getString("newer"));
    List<String> forwards = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    String query = "page=1";
    for (JsonObject page = first; ; page = listing(seeded.slug(), query, null)) {
      forwards.addAll(ids(page));
      numbers.add(page.getInteger("page"));
      query = page.getString("older");
      if (query == null) {
        break;
      }
      assertTrue(forwards.size() <= THREADS, "the walk ends");
    }
    assertEquals(seeded.newestFirst(), forwards, "older, older...: each thread once, in order");
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), numbers.subList(0, 10));
    assertTrue(numbers.subList(10, numbers.size()).stream().allMatch(n -> n == 0), "then by cursor: " + numbers);
    assertEquals(ids(listing(seeded.slug(), "page=1", null)).subList(0, 2), seeded.newestFirst().subList(0, 2),
        "pinned first");
    assertTrue(ids(listing(seeded.slug(), "page=2", null)).stream().noneMatch(id -> id.startsWith("pinned-")));

    JsonObject last = listing(seeded.slug(), "page=23", null);
    assertEquals(23, last.getInteger("page"));
    assertEquals(seeded.newestFirst().subList(22 * PER_PAGE, THREADS), ids(last),
        "the last page: the ten oldest threads");
    assertNull(last.getString("older"));
    List<String> backwards = new ArrayList<>();
    List<Integer> backNumbers = new ArrayList<>();
    for (JsonObject page = last; ; page = listing(seeded.slug(), query, null)) {
      List<String> shown = new ArrayList<>(ids(page));
      java.util.Collections.reverse(shown);
      backwards.addAll(shown);
      backNumbers.add(page.getInteger("page"));
      query = page.getString("newer");
      if (query == null) {
        break;
      }
      assertTrue(backwards.size() <= THREADS, "the walk ends");
    }
    List<String> oldestFirst = new ArrayList<>(seeded.newestFirst());
    java.util.Collections.reverse(oldestFirst);
    assertEquals(oldestFirst, backwards, "newer, newer...: each thread once, in order");
    assertEquals(List.of(23, 22, 21, 20, 19, 18, 17, 16, 15, 14), backNumbers.subList(0, 10));
    assertEquals(1, backNumbers.get(backNumbers.size() - 1), "back to page 1");

    for (int page = 14; page <= 23; page++) {
      int from = (page - 1) * PER_PAGE;
      assertEquals(seeded.newestFirst().subList(from, Math.min(THREADS, from + PER_PAGE)),
          ids(listing(seeded.slug(), "page=" + page, null)), "page " + page + " by number, from the end");
    }
    JsonObject between = listing(seeded.slug(), "page=12", null);
    assertEquals(10, between.getInteger("page"), "a number between answers the tenth page");
    assertEquals(seeded.newestFirst().subList(9 * PER_PAGE, 10 * PER_PAGE), ids(between));
    assertEquals(23, listing(seeded.slug(), "page=4000", null).getInteger("page"), "past the last: the last");
  }

  @Test
  @DisplayName("the HTML pages link the last page and the cursor pages, and a bookmarked page number not served is"
      + " redirected to the page that is")
  void htmlLinks() {
    Seeded seeded = seeded("html", "public", 0);
    Browser guest = new Browser();
    Page first = guest.get(forum.base() + "/c/" + seeded.slug());
    assertEquals(200, first.status());
    Matcher last = Pattern.compile("href=\"([^\"]*)\" data-page=\"last\"").matcher(first.body());
    assertTrue(last.find(), "page 1 links the last page");
    assertEquals("/c/" + seeded.slug() + "?page=23", unescaped(last.group(1)));
    Page oldest = guest.get(forum.base() + unescaped(last.group(1)));
    assertEquals(200, oldest.status());
    assertTrue(oldest.body().contains("/t/" + seeded.newestFirst().get(THREADS - 1)),
        "the oldest thread is on the last page");

    Page tenth = guest.get(forum.base() + "/c/" + seeded.slug() + "?page=10");
    Matcher older = Pattern.compile("rel=\"next\" href=\"([^\"]*)\"").matcher(tenth.body());
    assertTrue(older.find());
    assertTrue(unescaped(older.group(1)).contains("?after="), older.group(1));
    Page eleventh = guest.get(forum.base() + unescaped(older.group(1)));
    assertEquals(200, eleventh.status());
    assertTrue(eleventh.body().contains("/t/" + seeded.newestFirst().get(10 * PER_PAGE)));

    Page bookmark = guest.get(forum.base() + "/c/" + seeded.slug() + "?page=12");
    assertEquals(302, bookmark.status());
    assertEquals("/c/" + seeded.slug() + "?page=10", bookmark.header("location").orElseThrow());
    Page past = guest.get(forum.base() + "/c/" + seeded.slug() + "?page=99");
    assertEquals(302, past.status());
    assertEquals("/c/" + seeded.slug() + "?page=23", past.header("location").orElseThrow());
    assertEquals(400, guest.get(forum.base() + "/c/" + seeded.slug() + "?after=bm90LWEtY3Vyc29y").status());
  }

  @Test
  @DisplayName("a cursor page after new threads and activity lists what is now older than its thread, once each")
  void afterNewThreadsAndActivity() {
    Seeded seeded = seeded("moving", "public", 0);
    String older = listing(seeded.slug(), "page=10", null).getString("older");
    assertTrue(older.startsWith("after="), older);
    assertEquals(seeded.newestFirst().subList(10 * PER_PAGE, 11 * PER_PAGE), ids(listing(seeded.slug(), older, null)));

    // A new thread, and an old one (on the cursor's page) active again: both go to the top.
    String bumped = seeded.newestFirst().get(10 * PER_PAGE + 3);
    String fresh = forum.as(People.newMember()).newThread(seeded.slug(), "Mới");
    ForumUnderTest.await(forum.mongo().updateCollection(ThreadRepository.THREADS, new JsonObject().put("_id", bumped),
        new JsonObject().put("$set", new JsonObject().put("lastActivityAt",
            new JsonObject().put("$date", Instant.now().plusSeconds(60).toString())))));
    ForumUnderTest.await(new Changes(forum.vertx(), forum.mongo()).record(Findables.THREAD, bumped));

    List<String> now = new ArrayList<>(seeded.newestFirst());
    now.remove(bumped);
    List<String> expected = now.subList(10 * PER_PAGE, 10 * PER_PAGE + PER_PAGE);
    assertEquals(expected, ids(listing(seeded.slug(), older, null)),
        "the same link: the threads older than its cursor");
    List<String> top = ids(listing(seeded.slug(), "page=1", null));
    assertEquals(List.of(bumped, fresh), top.subList(0, 2), "the active one and the new one lead page 1");
    JsonObject tenth = listing(seeded.slug(), "page=10", null);
    assertEquals(seeded.newestFirst().subList(9 * PER_PAGE - 2, 10 * PER_PAGE - 2), ids(tenth), "shifted by two");
    List<String> seen = new ArrayList<>();
    for (String query = "page=1"; query != null; ) {
      JsonObject page = listing(seeded.slug(), query, null);
      seen.addAll(ids(page));
      query = page.getString("older");
    }
    assertEquals(THREADS + 1, new HashSet<>(seen).size());
    assertEquals(seen.size(), new HashSet<>(seen).size(), "once each");
  }

  @Test
  @DisplayName("a members-only category's pages, by number or by cursor, are for who may read it: 404 for a guest")
  void membersOnly() {
    Seeded seeded = seeded("inside", "members", 0);
    String member = People.newMember();
    String older = listing(seeded.slug(), "page=10", member).getString("older");
    assertTrue(older.startsWith("after="), older);
    assertEquals(seeded.newestFirst().subList(10 * PER_PAGE, 11 * PER_PAGE),
        ids(listing(seeded.slug(), older, member)));
    assertEquals(seeded.newestFirst().subList(22 * PER_PAGE, THREADS), ids(listing(seeded.slug(), "page=23", member)));
    for (String query : List.of("page=1", "page=23", older, "before=" + older.substring("after=".length()))) {
      assertEquals(404, forum.api().get("/api/v1/categories/" + seeded.slug() + "/threads?" + query).status(), query);
      assertEquals(404, new Browser().get(forum.base() + "/c/" + seeded.slug() + "?" + query).status(), query);
    }
  }

  /** A new category and its threads, newest first. */
  private record Seeded(String slug, List<String> newestFirst) {
  }

  /** A new category ({@code visibility}: public or members) of {@link #THREADS} threads, {@code pinned} pinned. */
  private static Seeded seeded(String prefix, String visibility, int pinned) {
    String slug = forum.as(People.token("admin")).newCategory(prefix, visibility);
    return new Seeded(slug, seed(slug, THREADS, pinned));
  }

  /**
   * {@code count} threads in the category, written straight into the store (one a minute, the first {@code pinned}
   * pinned) with their changes logged, as the forum's writes log them: answers their ids in listing order.
   */
  private static List<String> seed(String slug, int count, int pinned) {
    List<BulkOperation> inserts = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    Person author = new Person("seed-author", "Người viết");
    for (int i = 0; i < count; i++) {
      String id = (i < pinned ? "pinned-" : "t-") + slug + "-" + i;
      Instant at = BASE.plusSeconds(60L * i);
      JsonObject thread = SeedDocuments.thread(id, slug, "Chủ đề " + i, author, at, at, author, 1);
      if (i < pinned) {
        thread.put("pinned", true);
      }
      inserts.add(BulkOperation.createInsert(thread));
      ids.add(id);
    }
    ForumUnderTest.await(forum.mongo().bulkWrite(ThreadRepository.THREADS, inserts));
    ForumUnderTest.await(new Changes(forum.vertx(), forum.mongo()).recordAll(Findables.THREAD, ids));
    List<String> order = new ArrayList<>(ids.subList(pinned, count));
    java.util.Collections.reverse(order);
    List<String> pins = new ArrayList<>(ids.subList(0, pinned));
    java.util.Collections.reverse(pins);
    pins.addAll(order);
    awaitIndexed(slug, count);
    return pins;
  }

  /** Until the node's index is built and lists the category's {@code count} threads. */
  private static void awaitIndexed(String slug, int count) {
    Instant deadline = Instant.now().plusSeconds(60);
    assertTrue(Eventually.holds(() -> forum.api().get("/health").body().contains("\"search\":\"UP\""),
        Duration.between(Instant.now(), deadline)), "the search index was not built in 60 s");
    String admin = People.token("admin");
    // A listing waits a bounded time for the changes logged before it: a large batch may take longer to apply.
    int total = Eventually.value(() -> listing(slug, "page=1", admin).getInteger("total"), listed -> listed >= count,
        Duration.between(Instant.now(), deadline));
    assertTrue(total >= count, "the index did not list the " + count + " threads in 60 s");
    assertEquals(count, listing(slug, "page=1", admin).getInteger("total"));
  }

  private static JsonObject listing(String slug, String query, String token) {
    Page page = forum.as(token).get("/api/v1/categories/" + slug + "/threads?" + query);
    assertEquals(200, page.status(), page.body());
    JsonObject listing = new JsonObject(page.body());
    assertNotNull(listing.getJsonArray("threads"));
    return listing;
  }

  private static String unescaped(String href) {
    return href.replace("&amp;", "&").replace("&#x3D;", "=");
  }

  private static List<String> ids(JsonObject listing) {
    return listing.getJsonArray("threads").stream().map(JsonObject.class::cast)
        .map(thread -> thread.getString("id")).toList();
  }
}
