package vn.ngoforum.forum.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** Posts built to break the Markdown renderer, through the real API: refused or stored, never a server error. */
class HostileMarkdownTest {

  private static final String CATEGORY = "field-reports";

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-hostile-markdown");

  @Test
  @DisplayName("a thread or reply nesting quotes, lists, emphasis or images thousands deep gets 400 naming the body,"
      + " and nothing is stored")
  void deepNestingRefused() {
    String threadId = created(forum.as(People.newMember()).post("/api/v1/threads",
        thread("Lồng nhau", "Bài mở đầu.")));
    long threadsBefore = count(ThreadRepository.THREADS);
    long postsBefore = count(PostRepository.POSTS);

    for (Map.Entry<String, String> body : MarkdownTest.deepBodies().entrySet()) {
      Page answer = forum.as(People.newMember()).post("/api/v1/threads", thread(body.getKey(), body.getValue()));
      assertRefusedAsTooDeep(body.getKey(), answer);
    }
    Page reply = forum.as(People.newMember()).post("/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", MarkdownTest.deepBodies().get("quote markers")));
    assertRefusedAsTooDeep("a reply", reply);

    assertEquals(threadsBefore, count(ThreadRepository.THREADS));
    assertEquals(postsBefore, count(PostRepository.POSTS));
  }

  @Test
  @DisplayName("long flat runs of brackets, marks, backticks and tags at the largest post size are stored as text,"
      + " and the thread reads back")
  void flatRunsStored() {
    for (Map.Entry<String, String> body : MarkdownTest.flatBodies().entrySet()) {
      String threadId = created(forum.as(People.newMember()).post("/api/v1/threads",
          thread(body.getKey(), body.getValue())));
      Page read = new Browser().get(forum.base() + "/t/" + threadId);
      assertEquals(200, read.status(), body.getKey());
    }
  }

  private static void assertRefusedAsTooDeep(String what, Page answer) {
    assertEquals(400, answer.status(), what + ": " + answer.body());
    JsonObject error = new JsonObject(answer.body());
    assertEquals("invalid", error.getString("error"), what);
    assertTrue(error.getString("message").contains("'body'") && error.getString("message").contains("deep"),
        what + ": " + error.getString("message"));
  }

  private static JsonObject thread(String title, String body) {
    return new JsonObject().put("category", CATEGORY).put("title", title).put("body", body);
  }

  private static String created(Page answer) {
    assertEquals(201, answer.status(), answer.body());
    return new JsonObject(answer.body()).getString("id");
  }

  private static long count(String collection) {
    return ForumUnderTest.await(forum.mongo().count(collection, new JsonObject()));
  }
}
