package vn.ngoforum.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/**
 * The registry tells people through the forum's notifications: a join request reaches every admin of the
 * organisation (stored, counted, live), the decision reaches the applicant, a verification decision the
 * organisation's admins; the notifications page words them in Vietnamese and English.
 */
class RegistryNotificationsTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("registry-notifications");

  @Test
  @DisplayName("a join request is stored for every admin of the organisation (not its plain members), live and"
      + " counted, with a link to the request on the organisation's page; asking again tells nobody twice")
  void joinRequestReachesEveryAdmin() {
    People.Person first = People.person("member");
    String slug = register(first.token());
    String second = People.token(People.create("member"));
    String secondId = id(second);
    String plain = People.token(People.create("member"));
    join(second, slug);
    join(plain, slug);
    decide(first.token(), slug, secondId, "approve");
    decide(first.token(), slug, id(plain), "approve");
    decide(first.token(), slug, secondId, "promote");
    long before = inbox(first.token()).getLong("unread");

    Browser browser = forum.signedIn(first.username());
    String firstId = id(first.token());
    String applicantName = People.create("member");
    String applicant = People.token(applicantName);
    String applicantId = id(applicant);
    try (BridgeClient live = BridgeClient.connect(forum.vertx(), forum.port(),
        browser.cookie(forum.base(), "forum.session").orElseThrow())) {
      live.register(Addresses.user(firstId));
      live.awaitProbe(forum.vertx(), Addresses.user(firstId));
      join(applicant, slug);
      JsonObject pushed = live.lastBody("notification", any -> true, Duration.ofSeconds(10));
      assertNotNull(pushed, "the stored notification is pushed live");
      assertEquals(before + 1, pushed.getLong("unread"));
      assertEquals("org.join_request", pushed.getJsonObject("notification").getString("kind"));
    }

    for (String admin : List.of(first.token(), second)) {
      JsonObject item = only(awaitKind(admin, "org.join_request", 1).stream()
          .filter(request -> applicantId.equals(request.getJsonObject("applicant").getString("id"))).toList());
      assertEquals(slug, item.getString("org"));
      assertEquals("/orgs/" + slug + "#request-" + applicantId, item.getString("url"));
      assertEquals(applicantId, item.getJsonObject("applicant").getString("id"));
      assertEquals(applicantId, item.getJsonObject("actor").getString("id"));
      assertTrue(item.getJsonObject("orgName").getString("vi").startsWith("Tổ chức "), item.encode());
      assertEquals(false, item.getBoolean("read"));
    }
    assertEquals(before + 1, inbox(first.token()).getLong("unread"), "the header's count");

    join(applicant, slug);
    assertEquals(3, kind(inbox(first.token()), "org.join_request").size(),
        "the three requests, not the applicant's again while pending");
    assertTrue(kind(inbox(plain), "org.join_request").isEmpty(), "a plain member is not told");
    assertTrue(kind(inbox(applicant), "org.join_request").isEmpty(), "nor the applicant");

    Page page = browser.get(forum.base() + "/orgs/" + slug);
    assertTrue(page.body().contains("id=\"request-" + applicantId + "\""), "the link's target is on the page");
    Page vi = browser.get(forum.base() + "/notifications");
    assertEquals(200, vi.status());
    assertTrue(vi.body().contains("xin gia nhập Tổ chức "), vi.body());
    assertTrue(vi.body().contains("href=\"/orgs/" + slug + "#request-" + applicantId + "\""), vi.body());
    browser.get(forum.base() + "/lang/en?next=/");
    Page en = browser.get(forum.base() + "/notifications");
    assertTrue(en.body().contains("asks to join Organisation "), en.body());
  }

  @Test
  @DisplayName("the applicant is told the decision: approved, or declined with the admin's reason")
  void applicantHearsTheDecision() {
    String adminToken = People.token(People.create("member"));
    String slug = register(adminToken);
    String acceptedName = People.create("member");
    String accepted = People.token(acceptedName);
    String declined = People.token(People.create("member"));
    join(accepted, slug);
    join(declined, slug);
    decide(adminToken, slug, id(accepted), "approve");
    assertEquals(200, as(adminToken).post("/api/v1/orgs/" + slug + "/members/" + id(declined), new JsonObject()
        .put("action", "reject").put("reason", "Chưa đủ thông tin")).status());

    JsonObject yes = only(awaitKind(accepted, "org.join_decision", 1));
    assertEquals("approved", yes.getString("decision"));
    assertEquals(slug, yes.getString("org"));
    assertEquals("/orgs/" + slug, yes.getString("url"));
    JsonObject no = only(awaitKind(declined, "org.join_decision", 1));
    assertEquals("rejected", no.getString("decision"));
    assertEquals("Chưa đủ thông tin", no.getString("note"));
    assertTrue(kind(inbox(adminToken), "org.join_decision").isEmpty(), "the admin who decided is not told");

    Browser browser = forum.signedIn(acceptedName);
    Page vi = browser.get(forum.base() + "/notifications");
    assertTrue(vi.body().contains("Yêu cầu gia nhập Tổ chức "), vi.body());
    assertTrue(vi.body().contains("đã được chấp thuận"), vi.body());
    browser.get(forum.base() + "/lang/en?next=/");
    assertTrue(browser.get(forum.base() + "/notifications").body().contains("was approved"));
  }

  @Test
  @DisplayName("a forum admin's verification decision is told to the organisation's admins, with the note")
  void verificationDecision() {
    String orgAdmin = People.token(People.create("member"));
    String slug = register(orgAdmin);
    String member = People.token(People.create("member"));
    join(member, slug);
    decide(orgAdmin, slug, id(member), "approve");
    String forumAdmin = People.token("admin");
    assertEquals(200, as(forumAdmin).post("/api/v1/orgs/" + slug + "/verify", new JsonObject()
        .put("note", "Đã kiểm tra giấy phép")).status());
    JsonObject verified = only(awaitKind(orgAdmin, "org.verification_decision", 1));
    assertEquals("verified", verified.getString("decision"));
    assertEquals("Đã kiểm tra giấy phép", verified.getString("note"));
    assertEquals("/orgs/" + slug, verified.getString("url"));

    assertEquals(200, as(forumAdmin).post("/api/v1/orgs/" + slug + "/verify", new JsonObject()
        .put("verified", false)).status());
    List<JsonObject> both = awaitKind(orgAdmin, "org.verification_decision", 2);
    assertEquals("unverified", both.get(0).getString("decision"), "newest first");
    assertTrue(kind(inbox(member), "org.verification_decision").isEmpty(), "plain members are not told");
  }

  private static String register(String token) {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    Page created = as(token).post("/api/v1/orgs", RegistryApiTest.organisation("Tổ chức " + unique,
        "Organisation " + unique, "T" + unique, "Nghệ An"));
    assertEquals(201, created.status(), created.body());
    return new JsonObject(created.body()).getString("slug");
  }

  private static void join(String token, String slug) {
    Page join = as(token).post("/api/v1/orgs/" + slug + "/join", new JsonObject());
    assertEquals(202, join.status(), join.body());
  }

  private static void decide(String token, String slug, String userId, String action) {
    Page decided = as(token).post("/api/v1/orgs/" + slug + "/members/" + userId, new JsonObject()
        .put("action", action));
    assertEquals(200, decided.status(), decided.body());
  }

  private static String id(String token) {
    return Api.json(as(token).get("/api/v1/me")).getString("id");
  }

  private static JsonObject inbox(String token) {
    Page page = as(token).get("/api/v1/notifications");
    assertEquals(200, page.status(), page.body());
    return new JsonObject(page.body());
  }

  private static List<JsonObject> kind(JsonObject inbox, String kind) {
    return inbox.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(item -> kind.equals(item.getString("kind"))).toList();
  }

  /** Notifications are stored as the action ends: poll (bounded) until {@code expected} of that kind are there. */
  private static List<JsonObject> awaitKind(String token, String kind, int expected) {
    List<JsonObject> found = Eventually.value(() -> kind(inbox(token), kind), items -> items.size() >= expected,
        Duration.ofSeconds(10));
    assertTrue(found.size() >= expected, "expected " + expected + " " + kind + ", got " + found);
    return found;
  }

  private static JsonObject only(List<JsonObject> items) {
    assertEquals(1, items.size(), items.toString());
    return items.get(0);
  }

  private static Api as(String token) {
    return forum.as(token);
  }
}
