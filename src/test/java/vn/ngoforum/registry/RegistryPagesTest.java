package vn.ngoforum.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.TestForum;

/** The registry's pages, used like a browser does: forms with the CSRF field, sessions from Keycloak's login. */
class RegistryPagesTest {

  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  @RegisterExtension
  static final TestForum forum = TestForum.perClass("registry-pages");

  @Test
  @DisplayName("a member registers through the form, a visitor finds the organisation in the directory with the "
      + "plain GET form, and its public page shows it")
  void registerThroughForm() {
    Browser member = forum.signedIn("member");
    Page form = member.get(forum.base() + "/orgs/new");
    assertEquals(200, form.status());
    assertTrue(form.body().contains("name=\"focusAreas\" value=\"rescue\""), "focus areas as checkboxes");
    assertTrue(form.body().contains("<option value=\"quang-tri\">Quảng Trị</option>"), "34 provinces to choose");
    String unique = RegistryApiTest.unique();
    Page done = member.postForm(forum.base() + "/orgs", Map.of("_csrf", csrf(form), "nameVi", "Hội Bảo vệ Voọc "
        + unique,
        "nameEn", "Langur Society " + unique, "acronym", "LS" + unique, "province", "quang-binh",
        "focusAreas", "habitat", "descriptionVi", "Cứu hộ động vật và bảo vệ rừng đá vôi.", "website", ""));
    assertEquals(302, done.status(), done.body());
    String location = done.header("location").orElseThrow();
    assertTrue(location.startsWith("/orgs/ls" + unique), location);
    Page profile = member.open(forum.base() + location);
    assertTrue(profile.body().contains("Hội Bảo vệ Voọc " + unique));
    assertTrue(profile.body().contains("Quảng Trị"), "Quảng Bình became Quảng Trị");
    assertTrue(profile.body().contains("id=\"pending-title\""), "its admin sees the pending requests section");
    assertTrue(profile.body().contains("id=\"logo-form\""), "and the logo upload");

    Browser visitor = new Browser();
    Page directory = visitor.get(forum.base() + "/orgs?q=cuu+ho+dong+vat&province=Quang+Binh&focus=habitat&verified=");
    assertEquals(200, directory.status());
    assertTrue(directory.body().contains("href=\"/orgs/ls" + unique + "\""), "found by the directory's GET form");
    assertTrue(directory.body().contains("<option value=\"quang-tri\" selected>"), "the filter stays chosen");
    assertFalse(visitor.get(forum.base() + "/orgs?province=ca-mau").body().contains("/orgs/ls" + unique));
    Page page = visitor.get(forum.base() + "/orgs/ls" + unique);
    assertEquals(200, page.status());
    assertTrue(page.body().contains("Langur Society " + unique));
    assertTrue(page.body().contains("Lan Phạm"), "the public member list");
    assertFalse(page.body().contains("id=\"pending-title\""), "no requests for the public");
    assertFalse(page.body().contains("id=\"logo-form\""), "no logo upload for the public");
    assertFalse(page.body().contains("action=\"/orgs/ls" + unique + "/join\""), "no join form when signed out");

    Page duplicate = member.postForm(forum.base() + "/orgs", Map.of("_csrf", csrf(form), "nameVi", "Hội Bảo vệ Voọc "
        + unique, "province", "quang-tri"));
    assertEquals(409, duplicate.status());
    assertTrue(duplicate.body().contains("role=\"alert\""), "the form says why");
    Page bad = member.postForm(forum.base() + "/orgs", Map.of("_csrf", csrf(form), "nameVi", "X " + unique,
        "province", "Atlantis"));
    assertEquals(400, bad.status());
    assertTrue(bad.body().contains("value=\"X " + unique + "\""), "what was typed is kept");
  }

  @Test
  @DisplayName("an attendee asks to join with the profile page's form and the admin approves on the page")
  void joinThroughPages() {
    Browser member = forum.signedIn("member");
    String slug = register(member);

    Browser attendee = forum.signedIn("attendee");
    Page profile = attendee.get(forum.base() + "/orgs/" + slug);
    assertTrue(profile.body().contains("action=\"/orgs/" + slug + "/join\""), "a join form for signed-in people");
    assertEquals(403, attendee.postForm(forum.base() + "/orgs/" + slug + "/join", Map.of()).status(),
        "CSRF field needed");
    Page joined = attendee.postForm(forum.base() + "/orgs/" + slug + "/join", Map.of("_csrf", csrf(profile)));
    assertEquals(302, joined.status());
    assertTrue(attendee.open(forum.base() + joined.header("location").orElseThrow()).body()
        .contains("role=\"status\""), "the page confirms the request");

    String attendeeId = new JsonObject(attendee.get(forum.base() + "/api/v1/me").body()).getString("id");
    Page adminPage = member.get(forum.base() + "/orgs/" + slug);
    assertTrue(adminPage.body().contains("id=\"request-" + attendeeId + "\""), "the admin sees the request");
    Page approved = member.postForm(forum.base() + "/orgs/" + slug + "/members/" + attendeeId,
        Map.of("_csrf", csrf(adminPage), "action", "approve"));
    assertEquals(302, approved.status(), approved.body());
    JsonObject me = new JsonObject(attendee.get(forum.base() + "/api/v1/me").body());
    assertTrue(me.getJsonArray("organisations").stream()
        .anyMatch(o -> slug.equals(((JsonObject) o).getString("slug"))), me.encode());
    assertTrue(attendee.get(forum.base() + "/orgs/" + slug).body().contains("action=\"/orgs/" + slug + "/leave\""),
        "a member may leave");
  }

  @Test
  @DisplayName("a forum admin verifies on the profile page and the directory shows the verified badge")
  void verifyThroughPage() {
    Browser member = forum.signedIn("member");
    String slug = register(member);
    assertFalse(member.get(forum.base() + "/orgs/" + slug).body().contains("action=\"/orgs/" + slug + "/verify\""));
    assertEquals(403, member.postForm(forum.base() + "/orgs/" + slug + "/verify",
        Map.of("_csrf", csrf(member.get(forum.base() + "/orgs/" + slug)))).status());

    // Its admin asks for verification with the profile's own form (no JavaScript), and sees that it was asked.
    Page profile = member.get(forum.base() + "/orgs/" + slug);
    assertTrue(profile.body().contains("action=\"/orgs/" + slug + "/verification-request\""),
        "an unverified organisation's admin is offered to ask for verification");
    Page asked = member.postForm(forum.base() + "/orgs/" + slug + "/verification-request",
        Map.of("_csrf", csrf(profile), "note", "Giấy phép số 12/2024"));
    assertEquals(302, asked.status(), asked.body());
    assertTrue(member.follow(asked).body().contains("id=\"verification-title\""));
    assertFalse(new Browser().get(forum.base() + "/orgs/" + slug).body().contains("Giấy phép số 12/2024"),
        "the note is for the forum admins, not the public");

    Browser admin = forum.signedIn("admin");
    Page page = admin.get(forum.base() + "/orgs/" + slug);
    assertTrue(page.body().contains("action=\"/orgs/" + slug + "/verify\""));
    assertTrue(page.body().contains("Giấy phép số 12/2024"), "the forum admin sees the request's note");
    assertEquals(302, admin.postForm(forum.base() + "/orgs/" + slug + "/verify",
        Map.of("_csrf", csrf(page), "verified", "true", "note", "Known partner")).status());
    Page directory = new Browser().get(forum.base() + "/orgs?verified=true&sort=newest");
    int card = directory.body().indexOf("id=\"org-" + slug + "\"");
    assertTrue(card > 0, "listed among verified organisations");
    assertTrue(directory.body().indexOf("badge-verified", card) > card, "with the badge");
    assertFalse(member.get(forum.base() + "/orgs/" + slug).body().contains("id=\"verification-title\""),
        "a verified organisation's admin is not asked to request verification");
  }

  @Test
  @DisplayName("the directory works signed out, in English too, with the counts table, and /orgs/new asks to sign in")
  void directoryAnonymous() {
    Browser visitor = new Browser();
    Page directory = visitor.get(forum.base() + "/orgs");
    assertEquals(200, directory.status());
    assertTrue(directory.body().contains("<form class=\"registry-filters\" method=\"get\" action=\"/orgs\""));
    assertTrue(directory.body().contains("class=\"bar-table\""));
    visitor.get(forum.base() + "/lang/en?next=/orgs");
    assertTrue(visitor.get(forum.base() + "/orgs").body().contains("Directory of NGOs"));
    Page signIn = visitor.get(forum.base() + "/orgs/new");
    assertEquals(302, signIn.status());
    assertTrue(signIn.header("location").orElseThrow().startsWith("/login"));
    assertEquals(404, visitor.get(forum.base() + "/orgs/no-such-organisation").status());
    assertEquals(404, visitor.get(forum.base() + "/orgs/Bad%20Slug").status());
  }

  @Test
  @DisplayName("an organisation admin edits the profile and adds an achievement with the page forms")
  void editThroughPages() {
    Browser member = forum.signedIn("member");
    String slug = register(member);
    Page edit = member.get(forum.base() + "/orgs/" + slug + "/edit");
    assertEquals(200, edit.status());
    assertTrue(edit.body().contains("action=\"/orgs/" + slug + "/edit\""));
    assertTrue(edit.body().contains("<option value=\"ha-tinh\" selected>"), "the form starts from the profile");
    String unique = RegistryApiTest.unique();
    Page saved = member.postForm(forum.base() + "/orgs/" + slug + "/edit", Map.of("_csrf", csrf(edit),
        "nameVi", "Nhóm Bảo vệ Sao la " + unique, "nameEn", "Saola Working Group " + unique,
        "province", "Quảng Nam", "focusAreas", "research", "foundedYear", "2011", "legalStatus", "science-org",
        "contactEmail", "saola-" + unique + "@wildlife.example"));
    assertEquals(302, saved.status(), saved.body());
    Page profile = member.open(forum.base() + saved.header("location").orElseThrow());
    assertTrue(profile.body().contains("Nhóm Bảo vệ Sao la " + unique));
    assertTrue(profile.body().contains("Đà Nẵng"), "Quảng Nam is now part of Đà Nẵng");
    assertTrue(profile.body().contains("mailto:saola-" + unique + "@wildlife.example"), "signed in: the contact");
    assertTrue(profile.body().contains("2011"));
    assertFalse(new Browser().get(forum.base() + "/orgs/" + slug).body().contains("@wildlife.example"),
        "signed out: no contact e-mail");
    Page bad = member.postForm(forum.base() + "/orgs/" + slug + "/edit", Map.of("_csrf", csrf(edit), "nameVi", "X",
        "province", "ha-tinh", "foundedYear", "long ago"));
    assertEquals(400, bad.status());
    assertTrue(bad.body().contains("foundedYear"), "the form names the field");

    Page added = member.postForm(forum.base() + "/orgs/" + slug + "/achievements", Map.of("_csrf", csrf(profile),
        "titleVi", "Bẫy ảnh ghi nhận sao la", "year", "2020", "link", "https://example.org/saola"));
    assertEquals(302, added.status(), added.body());
    assertTrue(new Browser().get(forum.base() + "/orgs/" + slug).body().contains("Bẫy ảnh ghi nhận sao la"));
    Page badLink = member.postForm(forum.base() + "/orgs/" + slug + "/achievements", Map.of("_csrf", csrf(profile),
        "titleVi", "Khảo sát rừng " + unique, "year", "2021", "link", "ftp://example.org/survey"));
    assertEquals(400, badLink.status());
    assertTrue(badLink.body().contains("<p class=\"form-error\" role=\"alert\">Liên kết phải là một địa chỉ bắt đầu"
        + " bằng https:// hoặc http://.</p>"), "the achievements form says why, in the page's language");
    assertTrue(badLink.body().contains("value=\"Khảo sát rừng " + unique + "\""), "what was typed is kept");

    Browser attendee = forum.signedIn("attendee");
    assertEquals(403, attendee.get(forum.base() + "/orgs/" + slug + "/edit").status(), "only its admins edit it");
  }

  @Test
  @DisplayName("an organisation admin with the profile open is told live when someone asks to join, and the "
      + "applicant is told live of the decision")
  void liveJoinRequests() {
    Browser member = forum.signedIn("member");
    String slug = register(member);
    String memberId = new JsonObject(member.get(forum.base() + "/api/v1/me").body()).getString("id");
    Page adminPage = member.get(forum.base() + "/orgs/" + slug);
    assertTrue(adminPage.body().contains("id=\"live-requests\""), "the admin's page has the live notice");
    assertTrue(adminPage.body().contains("/static/js/registry.js"));

    Browser attendee = forum.signedIn("attendee");
    String attendeeId = new JsonObject(attendee.get(forum.base() + "/api/v1/me").body()).getString("id");
    try (BridgeClient adminLive = BridgeClient.connect(forum.vertx(), forum.port(),
        member.cookie(forum.base(), "forum.session").orElseThrow());
        BridgeClient attendeeLive = BridgeClient.connect(forum.vertx(), forum.port(),
            attendee.cookie(forum.base(), "forum.session").orElseThrow())) {
      adminLive.registerAndProbe(forum.vertx(), Addresses.user(memberId));
      attendeeLive.registerAndProbe(forum.vertx(), Addresses.user(attendeeId));

      Page profile = attendee.get(forum.base() + "/orgs/" + slug);
      assertEquals(302, attendee.postForm(forum.base() + "/orgs/" + slug + "/join", Map.of("_csrf", csrf(profile)))
          .status());
      JsonObject request = nextOfType(adminLive, "org.join_request");
      assertEquals(slug, request.getString("org"));
      assertEquals(attendeeId, request.getString("userId"));
      assertFalse(request.encode().contains("@"), "no e-mail in the notice");

      member.postForm(forum.base() + "/orgs/" + slug + "/members/" + attendeeId,
          Map.of("_csrf", csrf(member.get(forum.base() + "/orgs/" + slug)), "action", "approve"));
      JsonObject decision = nextOfType(attendeeLive, "org.membership");
      assertEquals(slug, decision.getString("org"));
      assertEquals("approved", decision.getString("status"));
    }
  }

  /** The next pushed body of {@code type}, skipping leftover probes; fails after 10 seconds. */
  @Test
  @DisplayName("an organisation admin uploads a logo with the plain form, no JavaScript needed; a file that is not an "
      + "image is refused, and so is someone else")
  void logoThroughForm() throws Exception {
    Browser admin = forum.signedIn("member");
    String slug = register(admin);
    Page profile = admin.get(forum.base() + "/orgs/" + slug);
    assertTrue(profile.body().contains("enctype=\"multipart/form-data\""), "a plain multipart form");
    assertFalse(profile.body().contains("registry-logo.js"), "no script needed");
    String token = csrf(profile);

    java.net.http.HttpResponse<String> refused = postFile(admin, "/orgs/" + slug + "/logo", token, "logo.png",
        "image/png", "<svg onload=alert(1)>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(400, refused.statusCode(), "checked by content, not by the declared type");
    java.net.http.HttpResponse<String> noToken = postFile(admin, "/orgs/" + slug + "/logo", "wrong", "logo.png",
        "image/png", RegistryApiTest.png(10, 10));
    assertEquals(403, noToken.statusCode(), "the form carries the CSRF token");

    java.net.http.HttpResponse<String> sent = postFile(admin, "/orgs/" + slug + "/logo", token, "logo.png",
        "image/png", RegistryApiTest.png(400, 200));
    assertEquals(302, sent.statusCode(), sent.body());
    assertTrue(sent.headers().firstValue("location").orElseThrow().startsWith("/orgs/" + slug + "?done=logo"));
    Page after = admin.open(forum.base() + "/orgs/" + slug + "?done=logo");
    assertTrue(after.body().contains("src=\"/orgs/" + slug + "/logo.png?v"), "the profile shows it");

    Browser other = forum.signedIn("attendee");
    String otherToken = csrf(other.get(forum.base() + "/orgs/" + slug));
    assertEquals(403, postFile(other, "/orgs/" + slug + "/logo", otherToken, "logo.png", "image/png",
        RegistryApiTest.png(10, 10)).statusCode(), "not their organisation");
  }

  /** A browser's {@code multipart/form-data} post of one file field {@code logo} and the CSRF field. */
  private static java.net.http.HttpResponse<String> postFile(Browser browser, String path, String csrf,
      String fileName, String type, byte[] content) throws Exception {
    String boundary = "----registry" + RegistryApiTest.unique();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"" + fileName
        + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String session = browser.cookie(forum.base(), vn.ngoforum.auth.Sessions.COOKIE).orElseThrow();
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(forum.base() + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Cookie", vn.ngoforum.auth.Sessions.COOKIE + "=" + session)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject nextOfType(BridgeClient client, String type) {
    JsonObject body = client.lastBody(type, any -> true, Duration.ofSeconds(10));
    assertNotNull(body, "no " + type + " received");
    return body;
  }

  private static String register(Browser browser) {
    Page form = browser.get(forum.base() + "/orgs/new");
    String unique = RegistryApiTest.unique();
    Page done = browser.postForm(forum.base() + "/orgs", Map.of("_csrf", csrf(form), "nameVi", "Tổ chức " + unique,
        "acronym", "P" + unique, "province", "ha-tinh"));
    assertEquals(302, done.status(), done.body());
    return done.header("location").orElseThrow().replaceAll("^/orgs/([^?]+).*$", "$1");
  }

  private static String csrf(Page page) {
    Matcher matcher = CSRF_FIELD.matcher(page.body());
    assertTrue(matcher.find(), "the page has a CSRF field");
    return matcher.group(1);
  }
}
