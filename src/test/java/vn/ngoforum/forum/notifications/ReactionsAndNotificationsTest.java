package vn.ngoforum.forum.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.forum.moderation.FlagRepository;
import vn.ngoforum.forum.threads.PostRepository;
import vn.ngoforum.forum.threads.ThreadRepository;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/**
 * Reactions to posts (with their per-person limits and their coalesced live announcements), flags' limits, and the
 * notifications people get when someone replies, mentions or quotes them, only about threads they may read.
 */
class ReactionsAndNotificationsTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-reactions");

  @Test
  @DisplayName("a person's reaction counts once however often it is sent, can be withdrawn, and only known"
      + " reactions are taken")
  void reactions() {
    String thread = create(People.newMember(), "Bài để bày tỏ cảm xúc");
    String postId = new JsonObject(new Browser().get(forum.base() + "/api/v1/threads/" + thread).body())
        .getJsonArray("posts").getJsonObject(0).getString("id");
    String reader = People.newMember();
    String other = People.newMember();
    assertEquals(200, forum.as(reader).post("/api/v1/posts/" + postId + "/reactions/thanks", null).status());
    assertEquals(200, forum.as(reader).post("/api/v1/posts/" + postId + "/reactions/thanks", null).status());
    Page third = forum.as(other).post("/api/v1/posts/" + postId + "/reactions/thanks", null);
    assertEquals(2, count(new JsonObject(third.body()), "thanks"), third.body());
    Page withdrawn = forum.as(reader).delete("/api/v1/posts/" + postId + "/reactions/thanks");
    assertEquals(1, count(new JsonObject(withdrawn.body()), "thanks"));
    assertEquals(400, forum.as(reader).post("/api/v1/posts/" + postId + "/reactions/angry", null).status());
    assertEquals(403, forum.as(People.token("attendee")).post("/api/v1/posts/" + postId + "/reactions/like", null)
        .status());
  }

  @Test
  @DisplayName("the author of a thread is notified of a reply, live on their own address, and can mark it read")
  void replyNotification() {
    String username = People.create("member");
    Browser author = forum.signedIn(username);
    String authorToken = People.token(username);
    String userId = new JsonObject(author.get(forum.base() + "/api/v1/me").body()).getString("id");
    String thread = create(authorToken, "Ai trả lời tôi?");

    try (BridgeClient live = BridgeClient.connect(forum.vertx(), forum.port(),
        author.cookie(forum.base(), "forum.session").orElseThrow())) {
      live.register(Addresses.user(userId));
      live.awaitProbe(forum.vertx(), Addresses.user(userId));
      Page reply = forum.as(People.newMember()).post("/api/v1/threads/" + thread + "/posts",
          new JsonObject().put("body", "Tôi đây!"));
      assertEquals(201, reply.status(), reply.body());
      JsonObject frame = live.next(10_000);
      assertNotNull(frame, "the notification arrives live");
      JsonObject body = frame.getJsonObject("body");
      assertEquals("notification", body.getString("type"));
      assertEquals(1L, body.getLong("unread"));
      assertEquals(thread, body.getJsonObject("notification").getString("threadId"));
    }
    JsonObject inbox = new JsonObject(forum.as(authorToken).get("/api/v1/notifications").body());
    assertEquals(1L, inbox.getLong("unread"));
    assertEquals("Ai trả lời tôi?", inbox.getJsonArray("items").getJsonObject(0).getString("title"));
    Page page = author.get(forum.base() + "/notifications");
    assertEquals(200, page.status());
    assertTrue(page.body().contains("Ai trả lời tôi?"));
    assertEquals(0L, new JsonObject(forum.as(authorToken).post("/api/v1/notifications/read", null).body())
        .getLong("unread"));
    assertEquals(0L, new JsonObject(forum.as(authorToken).get("/api/v1/notifications").body()).getLong("unread"));
    assertEquals(401, new Browser().get(forum.base() + "/api/v1/notifications").status());
  }

  @Test
  @DisplayName("people @mentioned and the author of a quoted post are notified, each once, and never the writer")
  void mentionsAndQuotes() {
    String carol = People.create("member");
    String carolToken = People.token(carol);
    String bob = People.newMember();
    String alice = People.newMember();
    String carolsThread = create(carolToken, "Chủ đề của Carol");
    String bobsThread = create(bob, "Chủ đề của Bob");
    Page carolsReply = forum.as(carolToken).post("/api/v1/threads/" + bobsThread + "/posts",
        new JsonObject().put("body", "Ý kiến của Carol, và tự nhắc @" + carol + "."));
    assertEquals(201, carolsReply.status(), carolsReply.body());
    String carolsPost = new JsonObject(carolsReply.body()).getString("id");

    Page aliceReply = forum.as(alice).post("/api/v1/threads/" + bobsThread + "/posts", new JsonObject()
        .put("body", "> Ý kiến của Carol\n\nĐồng ý với @" + carol.toUpperCase() + " và @nobody-known.")
        .put("quote", carolsPost));
    assertEquals(201, aliceReply.status(), aliceReply.body());
    assertEquals(400, forum.as(alice).post("/api/v1/threads/" + carolsThread + "/posts", new JsonObject()
        .put("body", "x").put("quote", carolsPost)).status(), "a quote must come from the same thread");

    JsonObject inbox = forum.as(carolToken).awaitNotifications(1);
    assertEquals(1, inbox.getJsonArray("items").size(), inbox.encode());
    assertEquals("mention", inbox.getJsonArray("items").getJsonObject(0).getString("kind"),
        "mentioned and quoted in one post: told once");
    JsonObject bobs = forum.as(bob).awaitNotifications(2);
    assertTrue(bobs.getJsonArray("items").stream().map(JsonObject.class::cast)
        .allMatch(n -> "reply".equals(n.getString("kind"))), bobs.encode());
  }

  @Test
  @DisplayName("a person who reacts too often is stopped with 429 and Retry-After; others can still react")
  void reactionLimit() {
    String postId = firstPostId(create(People.newMember(), "Bài được thả tim nhiều"));
    String eager = People.newMember();
    Page refused = null;
    int accepted = 0;
    for (int i = 0; i < 121 && refused == null; i++) {
      Page answer = forum.as(eager).send(i % 2 == 0 ? "POST" : "DELETE", "/api/v1/posts/" + postId + "/reactions/like",
          null);
      if (answer.status() == 429) {
        refused = answer;
      } else {
        assertEquals(200, answer.status(), answer.body());
        accepted++;
      }
    }
    assertNotNull(refused, "121 reactions in a row are not all taken");
    assertTrue(accepted >= 10, "ordinary use is not stopped: " + accepted);
    assertEquals("too_many_requests", new JsonObject(refused.body()).getString("error"));
    int retryAfter = Integer.parseInt(refused.header("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    assertEquals(200, forum.as(People.newMember()).post("/api/v1/posts/" + postId + "/reactions/like", null).status(),
        "the limit is per person");
  }

  @Test
  @DisplayName("a person who flags too many posts is stopped with 429 and Retry-After, and the refused flag is not"
      + " stored")
  void flagLimit() {
    String threadId = create(People.newMember(), "Chủ đề có nhiều bài rác");
    List<String> postIds = writePostsDirectly(threadId, 41);
    String flagger = People.newMember();
    Page refused = null;
    String refusedPost = null;
    int accepted = 0;
    for (String postId : postIds) {
      Page answer = forum.as(flagger).post("/api/v1/posts/" + postId + "/flag",
          new JsonObject().put("reason", "Quảng cáo"));
      if (answer.status() == 429) {
        refused = answer;
        refusedPost = postId;
        break;
      }
      assertEquals(201, answer.status(), answer.body());
      accepted++;
    }
    assertNotNull(refused, "41 flags in a row are not all taken");
    assertTrue(accepted >= 5, "ordinary use is not stopped: " + accepted);
    assertTrue(Integer.parseInt(refused.header("Retry-After").orElseThrow()) >= 1);
    assertEquals(0L, ForumUnderTest.await(forum.mongo().count(FlagRepository.FLAGS,
        new JsonObject().put("postId", refusedPost))));
    assertEquals(201, forum.as(People.newMember()).post("/api/v1/posts/" + refusedPost + "/flag",
        new JsonObject().put("reason", "Quảng cáo")).status(), "the limit is per person");
  }

  @Test
  @DisplayName("a reaction storm is announced in a few coalesced frames, the last with the final counts, and a page"
      + " catching up by seq gets them too")
  void reactionStormIsCoalesced() throws Exception {
    String threadId = create(People.newMember(), "Bão cảm xúc");
    String postId = firstPostId(threadId);
    long seqBefore = new JsonObject(new Browser().get(forum.base() + "/api/v1/threads/"
        + threadId).body()).getLong("seq");
    List<String> people = List.of(People.newMember(), People.newMember(), People.newMember(), People.newMember());
    int rounds = 3;
    try (BridgeClient visitor = BridgeClient.connect(forum.vertx(), forum.port(), null)) {
      visitor.registerAndAwait(Addresses.thread(threadId), 10_000);
      List<CompletableFuture<Void>> storm = new ArrayList<>();
      for (String person : people) {
        storm.add(CompletableFuture.runAsync(() -> {
          for (int i = 0; i < rounds; i++) {
            assertEquals(200, forum.as(person).post("/api/v1/posts/" + postId + "/reactions/like", null).status());
            if (i < rounds - 1) {
              assertEquals(200, forum.as(person).delete("/api/v1/posts/" + postId + "/reactions/like").status());
            }
          }
        }));
      }
      CompletableFuture.allOf(storm.toArray(new CompletableFuture[0])).get();
      int changes = people.size() * (2 * rounds - 1);

      List<JsonObject> frames = new ArrayList<>();
      JsonObject last = null;
      Instant deadline = Instant.now().plusSeconds(10);
      while (Instant.now().isBefore(deadline) && (last == null || count(last.getJsonObject("post"), "like") != 4)) {
        JsonObject frame = visitor.next(500);
        if (frame != null && "post.reacted".equals(frame.getJsonObject("body").getString("type"))) {
          frames.add(frame.getJsonObject("body"));
          last = frame.getJsonObject("body");
        }
      }
      assertNotNull(last, "reactions are announced");
      assertEquals(4, count(last.getJsonObject("post"), "like"), "the last frame carries the final count");
      assertTrue(frames.size() < changes, frames.size() + " frames for " + changes + " reaction changes");
      for (int i = 1; i < frames.size(); i++) {
        assertTrue(frames.get(i).getLong("seq") > frames.get(i - 1).getLong("seq"), "seq increases");
      }
      JsonObject caughtUp = new JsonObject(new Browser().get(forum.base() + "/api/v1/threads/" + threadId
          + "/events?since="
          + seqBefore).body());
      JsonObject post = caughtUp.getJsonArray("posts").stream().map(JsonObject.class::cast)
          .filter(p -> postId.equals(p.getString("id"))).findFirst().orElseThrow(
              () -> new AssertionError("catching up since " + seqBefore + " misses the post: " + caughtUp));
      assertEquals(4, count(post, "like"), caughtUp.encode());
      assertTrue(caughtUp.getLong("seq") >= last.getLong("seq"), caughtUp.encode());
    }
  }

  @Test
  @DisplayName("someone mentioned or quoted in a members-only thread they may no longer read is not notified, not"
      + " live and not in their inbox; a member mentioned alongside is")
  void notificationsRespectAccess() {
    String slug = "members-notify-" + System.nanoTime();
    assertEquals(201, forum.as(People.token("admin")).post("/api/v1/categories", new JsonObject().put("slug", slug)
        .put("name", new JsonObject().put("vi", "Nội bộ").put("en", "Members only"))
        .put("visibility", "members")).status());
    String former = People.create("member");
    Page started = forum.as(People.token(former)).post("/api/v1/threads", new JsonObject().put("category", slug)
        .put("title", "Kế hoạch nội bộ").put("body", "Chỉ thành viên được đọc."));
    assertEquals(201, started.status(), started.body());
    String threadId = new JsonObject(started.body()).getString("id");
    String formersPost = new JsonObject(started.body()).getString("postId");

    People.removeRole(former, "member");
    Browser formerBrowser = forum.signedIn(former);
    assertEquals(404, formerBrowser.get(forum.base() + "/api/v1/threads/" + threadId).status(), "no longer a reader");
    String formerId = new JsonObject(formerBrowser.get(forum.base() + "/api/v1/me").body()).getString("id");
    String member = People.create("member");
    String memberToken = People.token(member);
    create(memberToken, "Người viết rồi mới được nhắc tên");

    try (BridgeClient live = BridgeClient.connect(forum.vertx(), forum.port(),
        formerBrowser.cookie(forum.base(), "forum.session").orElseThrow())) {
      live.register(Addresses.user(formerId));
      live.awaitProbe(forum.vertx(), Addresses.user(formerId));
      Page reply = forum.as(People.newMember()).post("/api/v1/threads/" + threadId + "/posts", new JsonObject()
          .put("body", "> Chỉ thành viên được đọc.\n\nHỏi @" + former + " và @" + member + ".")
          .put("quote", formersPost));
      assertEquals(201, reply.status(), reply.body());
      JsonObject told = forum.as(memberToken).awaitNotifications(1);
      assertEquals("mention", told.getJsonArray("items").getJsonObject(0).getString("kind"));
      JsonObject frame = live.next(1_000);
      assertTrue(frame == null, "nothing is pushed to the former member: " + frame);
    }
    JsonObject inbox = new JsonObject(formerBrowser.get(forum.base() + "/api/v1/notifications").body());
    assertEquals(0L, inbox.getLong("unread"), inbox.encode());
    assertTrue(inbox.getJsonArray("items").isEmpty(), inbox.encode());
  }

  private static String firstPostId(String threadId) {
    return new JsonObject(new Browser().get(forum.base() + "/api/v1/threads/" + threadId).body())
        .getJsonArray("posts").getJsonObject(0).getString("id");
  }

  /** Posts 2..count+1 of a thread, written straight into MongoDB as the forum stores them (no rate limits). */
  private static List<String> writePostsDirectly(String threadId, int count) {
    List<String> ids = new ArrayList<>();
    for (int number = 2; number <= count + 1; number++) {
      String id = threadId + "-" + number;
      ForumUnderTest.await(forum.mongo().insert(PostRepository.POSTS, new JsonObject()
          .put("_id", id).put("threadId", threadId).put("number", number).put("seq", 1L).put("version", 1L)
          .put("author", new JsonObject().put("id", "spammer").put("name", "Người rao"))
          .put("source", "Bán hàng " + number).put("html", "<p>Bán hàng " + number + "</p>")
          .put("text", "Bán hàng " + number).put("tokens", new JsonArray().add("ban").add("hang"))
          .put("createdAt", new JsonObject().put("$date", Instant.now().toString()))));
      ids.add(id);
    }
    ForumUnderTest.await(forum.mongo().updateCollection(ThreadRepository.THREADS, new JsonObject().put("_id", threadId),
        new JsonObject().put("$set", new JsonObject().put("postCount", count + 1))));
    return ids;
  }


  private static int count(JsonObject post, String reaction) {
    return post.getJsonArray("reactions").stream().map(JsonObject.class::cast)
        .filter(r -> reaction.equals(r.getString("name"))).findFirst().orElseThrow().getInteger("count");
  }

  private static String create(String token, String title) {
    Page created = forum.as(token).post("/api/v1/threads", new JsonObject().put("category", "field-reports")
        .put("title", title).put("body", "Nội dung."));
    assertEquals(201, created.status(), created.body());
    return new JsonObject(created.body()).getString("id");
  }
}
