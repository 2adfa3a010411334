package vn.ngoforum.forum.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** Profiles at /u/{username} and "Latest": what a reader may see of a person and of the forum's newest threads. */
class ProfilesTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-people");
  private static String membersOnly;
  /** The founder of a verified organisation, who wrote in a public and a members-only category. */
  private static People.Person author;
  private static String slug;
  private static String publicThread;
  private static String secretThread;
  private static final String PUBLIC_TITLE = "Tuần tra rừng Cúc Phương " + System.nanoTime();
  private static final String SECRET_TITLE = "Chuyện nội bộ " + System.nanoTime();

  @BeforeAll
  static void setUp() {
    membersOnly = "noibo-" + System.nanoTime();
    Api.expect(201, forum.as(People.token("admin")).post("/api/v1/categories", new JsonObject()
        .put("slug", membersOnly).put("name", new JsonObject().put("vi", "Nội bộ").put("en", "Members only"))
        .put("visibility", "members")));
    author = People.person(null);
    String unique = Long.toString(System.nanoTime(), 36);
    slug = Api.expect(201, forum.as(author.token()).post("/api/v1/orgs", new JsonObject()
        .put("name", new JsonObject().put("vi", "Hội Rừng " + unique).put("en", "Forest Society " + unique))
        .put("acronym", "FS" + unique.toUpperCase()).put("province", "Hà Nội")
        .put("focusAreas", new JsonArray().add("policy"))
        .put("description", new JsonObject().put("vi", "Một hội.").put("en", "A society.")))).getString("slug");
    Api.expect(200, forum.as(People.token("admin")).post("/api/v1/orgs/" + slug + "/verify", new JsonObject()));
    publicThread = create(author.token(), "field-reports", PUBLIC_TITLE);
    // A reply: a new account may start only so many threads at once.
    secretThread = create(People.newMember(), membersOnly, SECRET_TITLE);
    Api.expect(201, forum.as(author.token()).post("/api/v1/threads/" + secretThread + "/posts",
        new JsonObject().put("body", "Trả lời nội bộ.")));
  }

  @Test
  @DisplayName("a guest sees a person's name, verified organisation and public posts, never their e-mail or what is"
      + " for members only; a member sees the members' posts too")
  void profile() {
    Page page = new Browser().get(forum.base() + "/u/" + author.username());
    assertEquals(200, page.status(), page.body());
    assertTrue(page.body().contains(PUBLIC_TITLE), "the public post");
    assertTrue(page.body().contains("href=\"/t/" + publicThread), "linked to the post");
    assertTrue(page.body().contains("href=\"/orgs/" + slug + "\""), "the organisation");
    assertTrue(page.body().contains("badge-verified"), "with its verified badge");
    assertFalse(page.body().contains(SECRET_TITLE), "a members-only post");
    assertFalse(page.body().contains("@example.org"), "the e-mail");

    JsonObject json = Api.expect(200, forum.api().get("/api/v1/users/" + author.username()));
    assertEquals(author.username(), json.getString("username"));
    assertTrue(json.getString("name").startsWith("Người thử"), json.encode());
    assertTrue(json.getString("joinedAt") != null, json.encode());
    assertFalse(json.encode().contains("@example.org"), "the e-mail: " + json.encode());
    assertEquals(List.of(PUBLIC_TITLE), titles(json));
    JsonObject org = json.getJsonArray("organisations").getJsonObject(0);
    assertEquals(slug, org.getString("slug"));
    assertTrue(org.getBoolean("verified"));

    JsonObject asMember = Api.expect(200, forum.as(People.newMember()).get("/api/v1/users/" + author.username()));
    assertEquals(List.of(SECRET_TITLE, PUBLIC_TITLE), titles(asMember), "newest first, members' posts too");
  }

  @Test
  @DisplayName("an unknown username is a 404 page and a 404 answer")
  void unknown() {
    Page page = new Browser().get(forum.base() + "/u/nobody-" + System.nanoTime());
    assertEquals(404, page.status());
    assertEquals(404, forum.api().get("/api/v1/users/nobody-" + System.nanoTime()).status());
    assertEquals(404, new Browser().get(forum.base() + "/people/nobody" + System.nanoTime()).status());
  }

  @Test
  @DisplayName("an author's name on a thread page leads to their profile")
  void authorLinks() {
    String userId = Api.expect(200, forum.api().get("/api/v1/threads/" + publicThread)).getJsonArray("posts")
        .getJsonObject(0).getJsonObject("author").getString("id");
    Page thread = new Browser().get(forum.base() + "/t/" + publicThread);
    assertTrue(thread.body().contains("<a class=\"post-author\" href=\"/people/" + userId + "\""), thread.body());
    Page byId = new Browser().get(forum.base() + "/people/" + userId);
    assertEquals(302, byId.status());
    assertEquals("/u/" + author.username(), byId.header("location").orElseThrow());
  }

  @Test
  @DisplayName("a person changes their display name on their profile; an empty, too long or control-character"
      + " name is refused on the form")
  void displayName() {
    People.Person person = People.person("member");
    create(person.token(), "field-reports", "Ghi chép " + System.nanoTime());
    Browser browser = Browser.signedIn(forum.base(), person.username());
    String csrf = browser.cookie(forum.base(), "XSRF-TOKEN").orElseThrow();
    Page own = browser.get(forum.base() + "/u/" + person.username());
    assertTrue(own.body().contains("action=\"/settings/profile\""), "the form on one's own profile");
    assertFalse(new Browser().get(forum.base() + "/u/" + person.username()).body()
        .contains("action=\"/settings/profile\""), "not on someone else's view of it");

    for (String bad : List.of("", "   ", "x".repeat(81), "Lan\u0007", "Lan\nAnh")) {
      Page refused = browser.postForm(forum.base() + "/settings/profile", Map.of("_csrf", csrf, "name", bad));
      assertEquals(400, refused.status(), "refused: " + bad.replace("\u0007", "\\a"));
      assertTrue(refused.body().contains("role=\"alert\""), "the form says why");
    }
    Page saved = browser.postForm(forum.base() + "/settings/profile", Map.of("_csrf", csrf, "name", "  Chị Lan  "));
    assertEquals(302, saved.status(), saved.body());
    assertEquals("Chị Lan", Api.expect(200, forum.api().get("/api/v1/users/" + person.username()))
        .getString("name"));
    Page guest = new Browser().postForm(forum.base() + "/settings/profile", Map.of("_csrf", csrf, "name", "Khách"));
    assertTrue(guest.status() >= 400 || guest.header("location").orElse("").contains("/login"),
        "a guest is sent to sign in: " + guest.status());
  }

  @Test
  @DisplayName("Latest lists the threads of every category the reader may read, most recent activity first")
  void latest() {
    Page guest = new Browser().get(forum.base() + "/latest");
    assertEquals(200, guest.status());
    assertTrue(guest.body().contains(PUBLIC_TITLE), "a public thread");
    assertFalse(guest.body().contains(SECRET_TITLE), "a members-only thread, to a guest");
    assertTrue(guest.body().contains("href=\"/latest\""), "the header links to it");

    String older = create(People.newMember(), "field-reports", "Cũ hơn " + System.nanoTime());
    String newer = create(People.newMember(), "policy-and-law", "Mới hơn " + System.nanoTime());
    Browser member = Browser.signedIn(forum.base(), "member");
    String html = member.get(forum.base() + "/latest").body();
    assertTrue(html.contains(SECRET_TITLE), "a member sees members-only threads");
    assertTrue(html.indexOf("/t/" + newer) < html.indexOf("/t/" + older), "the newer first");
    Api.expect(201, forum.as(People.newMember()).post("/api/v1/threads/" + older + "/posts",
        new JsonObject().put("body", "Trả lời.")));
    html = member.get(forum.base() + "/latest").body();
    assertTrue(html.indexOf("/t/" + older) < html.indexOf("/t/" + newer), "a reply brings a thread to the top");
  }

  private static List<String> titles(JsonObject profile) {
    return profile.getJsonArray("posts").stream().map(JsonObject.class::cast)
        .map(post -> post.getString("title")).toList();
  }

  private static String create(String token, String category, String title) {
    return Api.expect(201, forum.as(token).post("/api/v1/threads", new JsonObject().put("category", category)
        .put("title", title).put("body", "Nội dung của " + title + "."))).getString("id");
  }
}
