package vn.ngoforum.forum.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.forum.common.Person;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/**
 * Unread (issue 18, point 3): a signed-in reader's per-thread unread counts on the category page, Latest and the
 * thread page, and "jump to the first unread post"; opening a page marks read only the posts up to its last one.
 */
class UnreadTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-unread");

  private static final int POSTS = 45;

  @Test
  @DisplayName("a reader who opened page 1 of a 45-post thread sees 25 new on the category page, Latest and the"
      + " thread page, jumps to post 21, and has nothing unread once they opened the last page, until a new reply")
  void countsAndJump() {
    String slug = category();
    String author = People.newMember();
    String thread = start(author, slug);
    List<String> posts = grow(thread);
    Browser reader = forum.signedIn(People.create("member"));

    Page before = reader.get(forum.base() + "/c/" + slug);
    assertTrue(row(before, thread).contains("badge-new"), "never opened: new");
    assertFalse(row(before, thread).contains("data-unread-count"), row(before, thread));

    Page first = reader.get(forum.base() + "/t/" + thread);
    assertEquals(200, first.status());
    assertTrue(first.body().contains("data-unread-count=\"25\""), "the posts after page 1 are unread");
    assertTrue(first.body().contains("href=\"/t/" + thread + "/unread\""), "with the jump link");
    assertEquals("25", count(reader.get(forum.base() + "/c/" + slug), thread));
    assertEquals("25", count(reader.get(forum.base() + "/latest"), thread));

    Page jump = reader.get(forum.base() + "/t/" + thread + "/unread");
    assertEquals(302, jump.status());
    assertEquals("/t/" + thread + "?page=2#post-" + posts.get(20), jump.header("location").orElseThrow());

    reader.get(forum.base() + "/t/" + thread + "?page=3");
    reader.get(forum.base() + "/t/" + thread + "?page=2");
    Page read = reader.get(forum.base() + "/c/" + slug);
    assertFalse(row(read, thread).contains("badge-new"), "all read, and opening page 2 after it lowers nothing: "
        + row(read, thread));
    assertEquals("/t/" + thread + "?page=3#post-" + posts.get(POSTS - 1),
        reader.get(forum.base() + "/t/" + thread + "/unread").header("location").orElseThrow(),
        "all read: the jump leads to the last post");

    Page reply = forum.as(author).post("/api/v1/threads/" + thread + "/posts", new JsonObject().put("body", "Mới."));
    assertEquals(201, reply.status(), reply.body());
    assertEquals("1", count(reader.get(forum.base() + "/c/" + slug), thread));
    assertTrue(reader.get(forum.base() + "/t/" + thread + "/unread").header("location").orElseThrow()
        .endsWith("?page=3#post-" + new JsonObject(reply.body()).getString("id")));
  }

  @Test
  @DisplayName("a reader's marks from before the counts (only the thread's event number) still say whether it changed")
  void olderMarks() {
    String slug = category();
    String thread = start(People.newMember(), slug);
    Browser reader = forum.signedIn(People.create("member"));
    String userId = new JsonObject(reader.get(forum.base() + "/api/v1/me").body()).getString("id");
    ForumUnderTest.await(forum.mongo().insert(ReadRepository.READS, new JsonObject()
        .put("_id", userId + ":" + thread).put("seq", 1L)));
    assertFalse(row(reader.get(forum.base() + "/c/" + slug), thread).contains("badge-new"), "read as it is");
    ForumUnderTest.await(forum.mongo().updateCollection(ThreadRepository.THREADS, new JsonObject().put("_id", thread),
        new JsonObject().put("$set", new JsonObject().put("seq", 2L))));
    String row = row(reader.get(forum.base() + "/c/" + slug), thread);
    assertTrue(row.contains("badge-new") && !row.contains("data-unread-count"), "changed since: new, uncounted");
    reader.get(forum.base() + "/t/" + thread);
    assertFalse(row(reader.get(forum.base() + "/c/" + slug), thread).contains("badge-new"), "opened again: counted");
  }

  @Test
  @DisplayName("the jump to the first unread post: 404 for an unknown thread or one the reader may not read; a guest"
      + " lands on the first post")
  void jumpBadInput() {
    Browser guest = new Browser();
    assertEquals(404, guest.get(forum.base() + "/t/no-such-thread/unread").status());
    assertEquals(404, guest.get(forum.base() + "/t/bad%20id/unread").status());
    String hidden = start(People.newMember(), forum.as(People.token("admin")).newCategory("unread", "members"));
    assertEquals(404, guest.get(forum.base() + "/t/" + hidden + "/unread").status());
    String open = start(People.newMember(), category());
    assertTrue(guest.get(forum.base() + "/t/" + open + "/unread").header("location").orElseThrow()
        .startsWith("/t/" + open + "#post-"));
  }

  private static String category() {
    return forum.as(People.token("admin")).newCategory("unread", "public");
  }

  private static String start(String token, String slug) {
    Page created = forum.as(token).post("/api/v1/threads", new JsonObject().put("category", slug)
        .put("title", "Chủ đề dài " + System.nanoTime()).put("body", "Bài mở đầu."));
    assertEquals(201, created.status(), created.body());
    return new JsonObject(created.body()).getString("id");
  }

  /** Posts 2..{@value #POSTS} written straight into MongoDB as the forum stores them; all post ids in order. */
  private static List<String> grow(String thread) {
    JsonObject first = new JsonObject(forum.api().get("/api/v1/threads/" + thread).body())
        .getJsonArray("posts").getJsonObject(0);
    List<String> ids = new ArrayList<>(List.of(first.getString("id")));
    Person author = new Person("seeded", "Người viết");
    for (int number = 2; number <= POSTS; number++) {
      String id = thread + "-" + number;
      ForumUnderTest.await(forum.mongo().insert(PostRepository.POSTS, SeedDocuments.post(id, thread, number, author,
          "Bài " + number, Instant.now())));
      ids.add(id);
    }
    ForumUnderTest.await(forum.mongo().updateCollection(ThreadRepository.THREADS, new JsonObject().put("_id", thread),
        new JsonObject().put("$set", new JsonObject().put("postCount", POSTS).put("seq", (long) POSTS)
            .put("version", (long) POSTS))));
    return ids;
  }

  /** The listing's row of {@code thread}. */
  private static String row(Page page, String thread) {
    assertEquals(200, page.status(), page.body());
    int start = page.body().indexOf("id=\"thread-" + thread + "\"");
    assertTrue(start >= 0, "the thread is listed");
    return page.body().substring(start, page.body().indexOf("</tr>", start));
  }

  private static String count(Page page, String thread) {
    Matcher matcher = Pattern.compile("data-unread-count=\"(\\d+)\"").matcher(row(page, thread));
    assertTrue(matcher.find(), row(page, thread));
    return matcher.group(1);
  }
}
