package vn.ngoforum.forum.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/**
 * Forum member rights come from the realm role {@code member} or an approved membership of a verified
 * organisation, and from nothing else: registering an organisation nobody has verified gives its creator no more
 * than the right to run it and to ask for verification.
 */
class TrustTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-trust");

  @Test
  @DisplayName("a new account that registers an organisation cannot read members-only threads and sessions, post"
      + " or upload until a forum admin verifies it; it may run the organisation and ask for verification")
  void unverifiedOrganisationGivesNothing() {
    MembersOnly place = membersOnlyPlace();
    String founder = People.token(People.create(null));
    String slug = registerOrganisation(founder);
    JsonObject mine = new JsonObject(forum.as(founder).get("/api/v1/me").body()).getJsonArray("organisations")
        .getJsonObject(0);
    assertEquals(slug, mine.getString("slug"));
    assertEquals("admin", mine.getString("role"));
    assertFalse(mine.getBoolean("verified"));

    assertNoMemberRights(founder, place);

    // What the creator of an unverified organisation may do: run it.
    JsonObject edited = organisation(slug).put("website", "https://example.org/" + slug);
    assertEquals(200, forum.as(founder).put("/api/v1/orgs/" + slug, edited).status());
    assertNoMemberRights(approvedMember(founder, slug).token(), place);

    // ... and ask the forum admins to verify it, who see the request.
    Page asked = forum.as(founder).post("/api/v1/orgs/" + slug + "/verification-request",
        new JsonObject().put("note", "Registered with the provincial DONRE, licence 12/2024"));
    assertEquals(202, asked.status(), asked.body());
    String admin = People.token("admin");
    JsonObject request = new JsonObject(forum.as(admin).get("/api/v1/orgs/" + slug).body())
        .getJsonObject("verificationRequest");
    assertNotNull(request, "a forum admin sees the request");
    assertEquals("Registered with the provincial DONRE, licence 12/2024", request.getString("note"));
    assertNull(new JsonObject(forum.api().get("/api/v1/orgs/" + slug).body()).getJsonObject("verificationRequest"),
        "who asked, and why, is not public");
    assertTrue(new JsonObject(forum.api().get("/api/v1/orgs/" + slug).body()).getBoolean("verificationRequested"));
    assertEquals(403, forum.as(founder).post("/api/v1/orgs/" + slug + "/verify", new JsonObject()).status(),
        "nobody verifies their own organisation");
  }

  @Test
  @DisplayName("verification gives an organisation's members the member rights; revoking it, or removing a member,"
      + " takes them away on the next request")
  void verificationGivesAndTakes() {
    MembersOnly place = membersOnlyPlace();
    String founder = People.token(People.create(null));
    String slug = registerOrganisation(founder);
    Joiner joiner = approvedMember(founder, slug);
    String joinerToken = joiner.token();

    String admin = People.token("admin");
    assertEquals(200, forum.as(admin).post("/api/v1/orgs/" + slug + "/verify", new JsonObject()).status());
    assertNull(new JsonObject(forum.as(admin).get("/api/v1/orgs/" + slug).body()).getJsonObject("verificationRequest"));
    for (String token : new String[] {founder, joinerToken}) {
      assertEquals(200, forum.as(token).get("/api/v1/threads/" + place.threadId()).status(), "reads members-only");
      assertEquals(200, forum.as(token).get("/api/v1/sessions/" + place.sessionId() + "/questions").status());
    }
    Page reply = forum.as(joinerToken).post("/api/v1/threads/" + place.threadId() + "/posts",
        new JsonObject().put("body", "Tổ chức chúng tôi đã được xác minh."));
    assertEquals(201, reply.status(), reply.body());
    assertEquals(201, upload(founder));

    assertEquals(200, forum.as(founder).post("/api/v1/orgs/" + slug + "/members/" + joiner.id(),
        new JsonObject().put("action", "remove")).status());
    assertNoMemberRights(joinerToken, place);
    assertEquals(200, forum.as(founder).get("/api/v1/threads/" + place.threadId()).status(), "the others keep theirs");

    assertEquals(200, forum.as(admin).post("/api/v1/orgs/" + slug + "/verify", new JsonObject().put("verified", false))
        .status());
    assertNoMemberRights(founder, place);
  }

  /** A new person, with no role, who asks to join {@code slug} and whom its admin {@code founder} approves. */
  private static Joiner approvedMember(String founder, String slug) {
    String token = People.token(People.create(null));
    assertEquals(202, forum.as(token).post("/api/v1/orgs/" + slug + "/join", new JsonObject()).status());
    String id = new JsonObject(forum.as(token).get("/api/v1/me").body()).getString("id");
    Page approved = forum.as(founder).post("/api/v1/orgs/" + slug + "/members/" + id,
        new JsonObject().put("action", "approve"));
    assertEquals(200, approved.status(), approved.body());
    return new Joiner(token, id);
  }

  private record Joiner(String token, String id) {
  }

  private static void assertNoMemberRights(String token, MembersOnly place) {
    assertEquals(404, forum.as(token).get("/api/v1/threads/" + place.threadId()).status(), "members-only thread");
    assertEquals(403, forum.as(token).get("/api/v1/sessions/" + place.sessionId() + "/questions").status(),
        "members-only session");
    Page thread = forum.as(token).post("/api/v1/threads", new JsonObject().put("category", "policy-and-law")
        .put("title", "Không được phép").put("body", "Bài này không được lưu."));
    assertEquals(403, thread.status(), thread.body());
    Page asked = forum.as(token).post("/api/v1/sessions/" + place.sessionId() + "/questions",
        new JsonObject().put("text", "Câu hỏi không được phép?").put("anonymous", false));
    assertEquals(403, asked.status(), asked.body());
    assertEquals(403, upload(token), "uploads");
  }

  /** A thread in a members-only category and an open members-only Q&amp;A session. */
  private record MembersOnly(String threadId, String sessionId) {
  }

  private static MembersOnly membersOnlyPlace() {
    String admin = People.token("admin");
    String category = "trust-" + System.nanoTime();
    assertEquals(201, forum.as(admin).post("/api/v1/categories", new JsonObject().put("slug", category)
        .put("name", new JsonObject().put("vi", "Nội bộ").put("en", "Internal")).put("visibility", "members"))
        .status());
    Page thread = forum.as(People.newMember()).post("/api/v1/threads", new JsonObject().put("category", category)
        .put("title", "Chỉ dành cho thành viên").put("body", "Nội dung nội bộ."));
    assertEquals(201, thread.status(), thread.body());
    String moderator = People.token("moderator");
    Page event = forum.as(moderator).post("/api/v1/events", new JsonObject().put("title", "Hội thảo nội bộ")
        .put("startsAt", "2026-09-29T08:30:00+07:00").put("endsAt", "2026-09-29T17:00:00+07:00")
        .put("location", "Hà Nội"));
    assertEquals(201, event.status(), event.body());
    String eventId = new JsonObject(event.body()).getString("id");
    Page session = forum.as(moderator).post("/api/v1/events/" + eventId + "/sessions",
        new JsonObject().put("title", "Phiên nội bộ").put("moderation", "post").put("visibility", "members"));
    assertEquals(201, session.status(), session.body());
    String sessionId = new JsonObject(session.body()).getString("id");
    assertEquals(200, forum.as(moderator).post("/api/v1/sessions/" + sessionId + "/qa",
        new JsonObject().put("open", true)).status());
    return new MembersOnly(new JsonObject(thread.body()).getString("id"), sessionId);
  }

  private static String registerOrganisation(String token) {
    String unique = Long.toString(System.nanoTime(), 36);
    Page created = forum.as(token).post("/api/v1/orgs", organisation(unique));
    assertEquals(201, created.status(), created.body());
    return new JsonObject(created.body()).getString("slug");
  }

  private static JsonObject organisation(String unique) {
    return new JsonObject()
        .put("name", new JsonObject().put("vi", "Nhóm Bảo tồn " + unique).put("en", "Conservation Group " + unique))
        .put("acronym", "CG" + unique.replace("-", "").toUpperCase())
        .put("province", "Hà Nội")
        .put("focusAreas", new JsonArray().add("policy"))
        .put("description", new JsonObject().put("vi", "Một nhóm mới.").put("en", "A new group."));
  }

  /** An upload's status ({@link vn.ngoforum.support.Api} sends only JSON). */
  private static int upload(String token) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(forum.base()
              + "/api/v1/attachments?name=draft.pdf"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
          .POST(HttpRequest.BodyPublishers.ofByteArray("%PDF-1.4 trust".getBytes(StandardCharsets.US_ASCII)))
          .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
