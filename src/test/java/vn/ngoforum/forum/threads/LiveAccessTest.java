package vn.ngoforum.forum.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/**
 * Live access is decided again when it changes: followers who may no longer read stop receiving, and are told
 * why; the live connections of a session that signs out close.
 */
class LiveAccessTest {

  private static final long WAIT_MILLIS = 10_000;
  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-live-access");

  @Test
  @DisplayName("a guest following a thread that a moderator moves into a members-only category stops receiving it,"
      + " and is told why; a member following it goes on receiving")
  void threadMoved() {
    String hidden = category("members");
    guestDroppedFromThreadWhen(threadId -> {
      Page moved = post(People.token("moderator"), "/api/v1/threads/" + threadId + "/moderate",
          new JsonObject().put("action", "move").put("category", hidden));
      assertEquals(200, moved.status(), moved.body());
    });
  }

  @Test
  @DisplayName("a category made members-only drops the guests following its threads")
  void categoryMadeMembersOnly() {
    guestDroppedFromThreadWhen(threadId -> {
      String category = new JsonObject(new Browser().get(forum.base() + "/api/v1/threads/" + threadId).body())
          .getJsonObject("category").getString("slug");
      Page changed = new Browser().sendJson("PUT", forum.base() + "/api/v1/categories/" + category,
          new JsonObject().put("visibility", "members").encode(),
          Map.of("Authorization", "Bearer " + People.token("admin")));
      assertEquals(200, changed.status(), changed.body());
    });
  }

  /**
   * A guest and a member follow a new thread of a new public category; after {@code change} (given the thread id)
   * the guest is dropped and told why, and only the member receives the next reply.
   */
  private static void guestDroppedFromThreadWhen(java.util.function.Consumer<String> change) {
    String member = People.newMember();
    String threadId = thread(member, category("public"));
    String address = Addresses.thread(threadId);
    try (BridgeClient guest = BridgeClient.connect(forum.vertx(), forum.port(), null);
         BridgeClient reader = signedInClient("member")) {
      guest.registerAndAwait(address, WAIT_MILLIS);
      reader.registerAndAwait(address, WAIT_MILLIS);
      change.accept(threadId);
      assertRevoked(guest, address, "access");
      assertOnlyReaderGetsNextReply(guest, reader, member, threadId);
    }
  }

  @Test
  @DisplayName("a Q&A session made members-only drops the guests following it")
  void sessionMadeMembersOnly() {
    String moderator = People.token("moderator");
    Page event = post(moderator, "/api/v1/events", new JsonObject().put("title", "Hội thảo")
        .put("startsAt", "2026-09-29T08:30:00+07:00").put("endsAt", "2026-09-29T17:00:00+07:00")
        .put("location", "Hà Nội"));
    assertEquals(201, event.status(), event.body());
    Page session = post(moderator, "/api/v1/events/" + new JsonObject(event.body()).getString("id") + "/sessions",
        new JsonObject().put("title", "Phiên mở").put("moderation", "post").put("visibility", "public"));
    assertEquals(201, session.status(), session.body());
    String sessionId = new JsonObject(session.body()).getString("id");
    String address = Addresses.session(sessionId);
    try (BridgeClient guest = BridgeClient.connect(forum.vertx(), forum.port(), null)) {
      guest.registerAndAwait(address, WAIT_MILLIS);
      Page changed = new Browser().sendJson("PATCH", forum.base() + "/api/v1/sessions/" + sessionId,
          new JsonObject().put("visibility", "members").encode(), Map.of("Authorization", "Bearer " + moderator));
      assertEquals(200, changed.status(), changed.body());
      assertRevoked(guest, address, "access");
    }
  }

  @Test
  @DisplayName("a person whose rights come from a verified organisation and who is removed from it stops receiving"
      + " the members-only thread they follow")
  void removedFromOrganisation() {
    String founder = People.token(People.create(null));
    String unique = Long.toString(System.nanoTime(), 36);
    Page org = post(founder, "/api/v1/orgs", new JsonObject()
        .put("name", new JsonObject().put("vi", "Mạng lưới " + unique).put("en", "Network " + unique))
        .put("province", "Huế").put("focusAreas", new JsonArray().add("policy")));
    assertEquals(201, org.status(), org.body());
    String slug = new JsonObject(org.body()).getString("slug");
    String joiner = People.create(null);
    String joinerToken = People.token(joiner);
    assertEquals(202, post(joinerToken, "/api/v1/orgs/" + slug + "/join", new JsonObject()).status());
    String joinerId = new JsonObject(new Browser().get(forum.base() + "/api/v1/me",
        Map.of("Authorization", "Bearer " + joinerToken)).body()).getString("id");
    assertEquals(200, post(founder, "/api/v1/orgs/" + slug + "/members/" + joinerId,
        new JsonObject().put("action", "approve")).status());
    assertEquals(200, post(People.token("admin"), "/api/v1/orgs/" + slug + "/verify", new JsonObject()).status());

    String threadId = thread(People.newMember(), category("members"));
    String address = Addresses.thread(threadId);
    try (BridgeClient follower = signedInClient(joiner)) {
      follower.registerAndAwait(address, WAIT_MILLIS);
      assertEquals(200, post(founder, "/api/v1/orgs/" + slug + "/members/" + joinerId,
          new JsonObject().put("action", "remove")).status());
      assertRevoked(follower, address, "access");
    }
  }

  @Test
  @DisplayName("signing out closes the live connections the session opened")
  void signOutClosesConnections() {
    Browser browser = forum.signedIn("member");
    String userId = new JsonObject(browser.get(forum.base() + "/api/v1/me").body()).getString("id");
    try (BridgeClient own = BridgeClient.connect(forum.vertx(), forum.port(),
        browser.cookie(forum.base(), "forum.session").orElseThrow())) {
      own.registerAndAwait(Addresses.user(userId), WAIT_MILLIS);
      Page logout = browser.postForm(forum.base() + "/logout", Map.of("_csrf",
          browser.cookie(forum.base(), "XSRF-TOKEN").orElseThrow()));
      assertEquals(303, logout.status());
      assertRevoked(own, Addresses.user(userId), "signed-out");
      assertTrue(Eventually.holds(own::isClosed, Duration.ofMillis(WAIT_MILLIS)), "the forum closed the connection");
    }
  }

  /**
   * The forum drops {@code address} and says why, after what was published before the change (the change's own
   * event, say).
   */
  private static void assertRevoked(BridgeClient client, String address, String reason) {
    JsonObject frame = client.next(WAIT_MILLIS);
    while (frame != null && "rec".equals(frame.getString("type"))) {
      frame = client.next(WAIT_MILLIS);
    }
    assertNotNull(frame, "the follower is told that " + address + " was dropped");
    assertEquals("revoked", frame.getString("type"), frame.encode());
    assertEquals(address, frame.getString("address"));
    assertEquals(reason, frame.getString("reason"));
  }

  /**
   * After the guest's registration was dropped, a new reply reaches the reader and not the guest. The reader's frame
   * comes from the same publish, so once it is there the guest's would have been too.
   */
  private static void assertOnlyReaderGetsNextReply(BridgeClient guest, BridgeClient reader, String member,
      String threadId) {
    assertEquals(201, post(member, "/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", "Trả lời sau khi chuyển.")).status());
    JsonObject delivered = reader.next(WAIT_MILLIS);
    while (delivered != null && !("rec".equals(delivered.getString("type"))
        && "post.created".equals(delivered.getJsonObject("body").getString("type")))) {
      delivered = reader.next(WAIT_MILLIS);
    }
    assertNotNull(delivered, "the reader still receives the thread's new reply");
    assertNull(guest.next(300), "the guest receives nothing more");
  }

  private static BridgeClient signedInClient(String username) {
    Browser browser = forum.signedIn(username);
    return BridgeClient.connect(forum.vertx(), forum.port(), browser.cookie(forum.base(),
        "forum.session").orElseThrow());
  }

  private static String category(String visibility) {
    String slug = "live-" + visibility + "-" + System.nanoTime();
    Page created = post(People.token("admin"), "/api/v1/categories", new JsonObject().put("slug", slug)
        .put("name", new JsonObject().put("vi", "Chuyên mục " + slug).put("en", "Category " + slug))
        .put("visibility", visibility));
    assertEquals(201, created.status(), created.body());
    return slug;
  }

  private static String thread(String token, String category) {
    Page created = post(token, "/api/v1/threads", new JsonObject().put("category", category)
        .put("title", "Theo dõi trực tiếp").put("body", "Bài mở đầu."));
    assertEquals(201, created.status(), created.body());
    return new JsonObject(created.body()).getString("id");
  }

  private static Page post(String token, String path, JsonObject body) {
    return new Browser().postJson(forum.base() + path, body.encode(), Map.of("Authorization", "Bearer " + token));
  }
}
