package vn.ngoforum.qa.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.qa.OrganisationQuestions;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.qa.events.SessionRepository;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.TestForum;

/** Speaking as an organisation: verified organisations only, shown with a badge, listed for the profile. */
class QaOrganisationsTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("qa-orgs");
  private static final QaClient qa = QaClient.on(forum);

  /** A new organisation registered by the member (its admin); verified by the demo admin when asked. */
  private static String organisation(boolean verified) {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    Page created = qa.as("member").post("/api/v1/orgs", new JsonObject()
        .put("name", new JsonObject().put("vi", "Bảo tồn Voọc " + unique).put("en", "Langur Conservation " + unique))
        .put("acronym", "LC" + unique.toUpperCase())
        .put("province", "Ninh Bình")
        .put("focusAreas", new JsonArray().add("rescue")));
    assertEquals(201, created.status(), created.body());
    String slug = Api.json(created).getString("slug");
    if (verified) {
      Page done = qa.as("admin").post("/api/v1/orgs/" + slug + "/verify", new JsonObject());
      assertEquals(200, done.status(), done.body());
    }
    return slug;
  }

  private static Page ask(String who, String session, String text, boolean anonymous, String org) {
    JsonObject body = new JsonObject().put("text", text).put("anonymous", anonymous);
    if (org != null) {
      body.put("organisation", org);
    }
    return qa.as(who).post("/api/v1/sessions/" + session + "/questions", body);
  }

  @Test
  @DisplayName("a member of a verified organisation asks on its behalf and everyone sees the name with a badge; "
      + "unverified organisations and non-members are refused")
  void onBehalfOfVerifiedOrganisation() {
    String unverified = organisation(false);
    String verified = organisation(true);
    String session = qa.as("moderator").newSession("post", "public");

    assertEquals(403, ask("member", session, "Unverified voice", false, unverified).status(),
        "an unverified organisation cannot be spoken for");
    assertEquals(403, ask("attendee", session, "Not my organisation", false, verified).status(),
        "only its members speak for it");
    assertEquals(403, ask("member", session, "No such organisation", false, "no-such-org").status());
    assertEquals(400, ask("member", session, "Anonymous and on behalf", true, verified).status(),
        "an anonymous question cannot speak for an organisation");

    Page asked = ask("member", session, "Xin ý kiến về cứu hộ voọc", false, verified);
    assertEquals(201, asked.status(), asked.body());
    String id = Api.json(asked).getString("id");
    JsonObject seen = QaClient.byId(qa.questions(session, null).getJsonArray("questions"), id);
    assertTrue(seen.getBoolean("onBehalf"));
    JsonObject org = seen.getJsonObject("author").getJsonObject("organisation");
    assertEquals(verified, org.getString("slug"));
    assertTrue(org.getBoolean("verified"));
    assertTrue(org.getJsonObject("name").getString("vi").startsWith("Bảo tồn Voọc"));

    String plainId = Api.json(ask("member", session, "A question as myself", false, null)).getString("id");
    JsonObject plain = QaClient.byId(qa.questions(session, null).getJsonArray("questions"), plainId);
    assertFalse(plain.getBoolean("onBehalf"));
    assertNotNull(plain.getJsonObject("author").getJsonObject("organisation"),
        "every question shows the asker's organisation");
    String anonymousId = Api.json(ask("member", session, "An anonymous question", true, null)).getString("id");
    JsonObject anonymous = QaClient.byId(qa.questions(session, null).getJsonArray("questions"),
        anonymousId);
    assertNull(anonymous.getValue("author"), "nothing of an anonymous asker, not even the organisation");

    String page = new Browser().get(forum.base() + "/qa/" + session).body();
    assertTrue(page.contains("thay mặt <span class=\"qa-org\">Bảo tồn Voọc"), "the page names the organisation");
    assertTrue(page.contains("qa-verified"), "with the verified badge");
    Browser member = forum.signedIn("member");
    String form = member.get(forum.base() + "/qa/" + session).body();
    assertTrue(form.contains("<option value=\"" + verified + "\">"), "the ask form offers the verified organisation");
    assertFalse(form.contains("<option value=\"" + unverified + "\">"), "and not the unverified one");
  }

  @Test
  @DisplayName("an organisation's profile lists its public questions, newest first, never anonymous or members-only")
  void recentQuestionsForTheProfile() {
    String verified = organisation(true);
    String open = qa.as("moderator").newSession("post", "public");
    String closed = qa.as("moderator").newSession("post", "members");
    String pending = qa.as("moderator").newSession("pre", "public");
    String first = Api.json(ask("member", open, "First on behalf", false, verified)).getString("id");
    String second = Api.json(ask("member", open, "Second on behalf", false, verified)).getString("id");
    ask("member", open, "As myself", false, null);
    ask("member", open, "Anonymously", true, null);
    ask("member", closed, "In a members-only session", false, verified);
    ask("member", pending, "Still waiting for review", false, verified);

    MongoClient mongo = forum.mongo();
    OrganisationQuestions questions = new RecentOrganisationQuestions(new QuestionRepository(mongo),
        new SessionRepository(mongo))::recentFor;
    List<JsonObject> recent = ForumUnderTest.await(questions.recentFor(verified, 10));
    assertEquals(List.of(second, first), recent.stream().map(q -> q.getString("questionId")).toList(), "" + recent);
    assertEquals("/qa/" + open + "#q-" + second, recent.get(0).getString("url"));
    assertEquals(open, recent.get(0).getString("sessionId"));
    assertEquals("Second on behalf", recent.get(0).getString("text"));
    assertNotNull(java.time.Instant.parse(recent.get(0).getString("at")));
    assertEquals(1, ForumUnderTest.await(questions.recentFor(verified, 1)).size());
    assertTrue(ForumUnderTest.await(questions.recentFor("no-such-org", 10)).isEmpty());
  }
}
