package vn.ngoforum.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.registry.profiles.RegistrationRoutes;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** The registry's JSON API against the real forum, Keycloak (Bearer tokens) and the MongoDB-wire store. */
class RegistryApiTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("registry-api");

  @Test
  @DisplayName("a member registers an organisation in Quảng Trị, is its admin, and the directory finds it by "
      + "province (any spelling, and by the absorbed Quảng Bình) and by 'cuu ho dong vat'")
  void registerAndFind() {
    String member = People.token("member");
    String unique = unique();
    JsonObject org = organisation("Trung tâm Cứu hộ Linh trưởng " + unique, "Primate Rescue Centre " + unique,
        "PRC" + unique, "Quảng Trị")
        .put("description", new JsonObject()
            .put("vi", "Cứu hộ động vật hoang dã bị buôn bán trái phép ở miền Trung.")
            .put("en", "Rescues trafficked wildlife in central Vietnam."));
    Page created = as(member).post("/api/v1/orgs", org);
    assertEquals(201, created.status(), created.body());
    String slug = new JsonObject(created.body()).getString("slug");
    assertNotNull(slug);

    JsonObject me = Api.json(as(member).get("/api/v1/me"));
    JsonObject membership = find(me.getJsonArray("organisations"), slug);
    assertNotNull(membership, "the creator's /api/v1/me lists the organisation: " + me);
    assertEquals("admin", membership.getString("role"));
    assertFalse(membership.getBoolean("verified"));
    assertEquals(org.getJsonObject("name"), membership.getJsonObject("name"));

    for (String province : List.of("Quảng Trị", "Quang Tri", "quang tri", "Quang Binh", "Quảng Bình", "quang-tri")) {
      assertTrue(directory("province=" + encode(province)).contains(slug), "province=" + province);
    }
    assertFalse(directory("province=" + encode("Ca Mau")).contains(slug), "not in Cà Mau");
    assertFalse(directory("province=" + encode("Hà Nội")).contains(slug), "not in Hà Nội");
    assertTrue(directory("q=" + encode("cuu ho dong vat")).contains(slug));
    assertTrue(directory("q=" + encode("CỨU HỘ động vật")).contains(slug));
    assertTrue(directory("q=" + encode("prc" + unique)).contains(slug), "by acronym");
    assertFalse(directory("q=" + encode("cuu ho te giac " + unique)).contains(slug), "every word must match");
    assertTrue(directory("focus=rescue&province=Quang+Binh").contains(slug));
    assertFalse(directory("focus=policy").contains(slug));

    JsonObject entry = find(Api.json(forum.api().get("/api/v1/orgs?q=" + unique)).getJsonArray("results"), slug);
    assertEquals("quang-tri", entry.getJsonObject("province").getString("code"));
    assertEquals("Quảng Trị", entry.getJsonObject("province").getJsonObject("name").getString("vi"));
    assertEquals(new JsonArray().add("rescue"), entry.getJsonArray("focusAreas"));
    assertFalse(entry.getBoolean("verified"));

    JsonObject profile = Api.json(forum.api().get("/api/v1/orgs/" + slug));
    assertEquals(org.getJsonObject("description"), profile.getJsonObject("description"));
    assertEquals("Lan Phạm", profile.getJsonArray("members").getJsonObject(0).getString("name"));
  }

  @Test
  @DisplayName("the same name or acronym twice is refused with 409, with or without diacritics")
  void duplicates() {
    String member = People.token("member");
    String unique = unique();
    assertEquals(201, as(member).post("/api/v1/orgs", organisation("Bảo tồn Rùa " + unique, "Turtle Conservation "
        + unique, "TC" + unique, "Cà Mau")).status());
    Page sameName = as(member).post("/api/v1/orgs", organisation("bao ton rua " + unique, "Other " + unique,
        "X" + unique, "Cà Mau"));
    assertEquals(409, sameName.status(), sameName.body());
    assertEquals("conflict", Api.json(sameName).getString("error"));
    Page sameAcronym = as(People.token("attendee")).post("/api/v1/orgs", organisation("Khác " + unique, "Different "
        + unique, "tc" + unique, "Hà Nội"));
    assertEquals(409, sameAcronym.status(), sameAcronym.body());
    assertEquals(1, Api.json(forum.api().get("/api/v1/orgs?q=" + unique)).getJsonArray("results").size(),
        "only the first one is stored");
    String longName = "Trung tam nghien cuu va bao ton thien nhien vung nui cao phia bac " + unique;
    Page one = as(member).post("/api/v1/orgs", organisation("A " + longName, longName + " one", "X", "Lào Cai")
        .putNull("acronym"));
    Page two = as(member).post("/api/v1/orgs", organisation("B " + longName, longName + " two", "X", "Lào Cai")
        .putNull("acronym"));
    assertEquals(201, one.status(), one.body());
    assertEquals(201, two.status(), "different names whose addresses would collide: " + two.body());
    assertFalse(Api.json(one).getString("slug").equals(Api.json(two).getString("slug")));
  }

  @Test
  @DisplayName("bad input is a 400 naming the field, and nothing is stored")
  void badInput() {
    String member = People.token("member");
    String unique = unique();
    JsonObject good = organisation("Tổ chức " + unique, "Organisation " + unique, "O" + unique, "Huế");
    Map<String, JsonObject> cases = Map.ofEntries(
        Map.entry("province", good.copy().put("province", "Atlantis")),
        Map.entry("focusAreas", good.copy().put("focusAreas", new JsonArray().add("knitting"))),
        Map.entry("verified", good.copy().put("verified", true)),
        Map.entry("roles", good.copy().put("roles", new JsonArray().add("admin"))),
        Map.entry("name", good.copy().put("name", 42)),
        Map.entry("acronym", good.copy().put("acronym", "A".repeat(21))),
        Map.entry("website", good.copy().put("website", "javascript:alert(1)")),
        Map.entry("description.vi", good.copy().put("description", new JsonObject().put("vi", "x".repeat(4001)))),
        Map.entry("contactEmail", good.copy().put("contactEmail", "not an address")),
        Map.entry("legalStatus", good.copy().put("legalStatus", "cartel")),
        Map.entry("foundedYear", good.copy().put("foundedYear", 1850)));
    cases.forEach((field, body) -> {
      Page answer = as(member).post("/api/v1/orgs", body);
      assertEquals(400, answer.status(), field + ": " + answer.body());
      assertTrue(Api.json(answer).getString("message").contains(field), field + ": " + answer.body());
    });
    Page operator = as(member).post("/api/v1/orgs", good.copy().put("acronym", new JsonObject().put("$ne", "")));
    assertEquals(400, operator.status());
    assertTrue(Api.json(forum.api().get("/api/v1/orgs?q=" + unique)).getJsonArray("results").isEmpty(),
        "nothing stored");
    assertEquals(400, forum.api().get("/api/v1/orgs?province=Atlantis").status(), "unknown province filter");
    assertEquals(401, forum.api().post("/api/v1/orgs", good).status(), "anonymous: sign in first");
    assertTrue(Api.json(forum.api().get("/api/v1/orgs?q=" + unique)).getJsonArray("results").isEmpty(),
        "still nothing");
  }

  @Test
  @DisplayName("an attendee's join request is approved by the organisation admin, never by the applicant, and then "
      + "shows in the attendee's /api/v1/me; the audit log keeps the decision")
  void joinAndApprove() {
    String member = People.token("member");
    String attendee = People.token("attendee");
    String slug = register(member, "Quảng Bình");
    String attendeeId = idOf(attendee);

    Page join = join(attendee, slug);
    assertEquals(202, join.status(), join.body());
    assertEquals("pending", Api.json(join).getString("status"));
    assertEquals(202, join(attendee, slug).status(), "asking twice");
    assertTrue(Api.json(as(attendee).get("/api/v1/me")).getJsonArray("organisations").isEmpty(),
        "pending is not a member");

    JsonObject approve = new JsonObject().put("action", "approve");
    Page self = decide(attendee, slug, attendeeId, approve);
    assertEquals(403, self.status(), "the applicant cannot approve themself: " + self.body());
    assertEquals(403, decide(People.token("moderator"), slug, attendeeId, approve)
        .status(), "nor can someone outside the organisation");

    JsonObject adminView = Api.json(as(member).get("/api/v1/orgs/" + slug));
    assertEquals(attendeeId, adminView.getJsonArray("pending").getJsonObject(0).getString("userId"),
        "the admin sees the request");
    assertFalse(Api.json(forum.api().get("/api/v1/orgs/" + slug)).containsKey("pending"), "the public does not");

    Page approved = decide(member, slug, attendeeId, approve);
    assertEquals(200, approved.status(), approved.body());
    JsonObject mine = find(Api.json(as(attendee).get("/api/v1/me")).getJsonArray("organisations"), slug);
    assertNotNull(mine, "the attendee's /api/v1/me lists the organisation");
    assertEquals("member", mine.getString("role"));
    assertEquals(409, join(attendee, slug).status(),
        "a member does not ask again");
    assertEquals(404, decide(member, slug, attendeeId, approve).status(),
        "nothing left to approve");

    JsonObject entry = ForumUnderTest.await(forum.mongo().findOne("audit", new JsonObject()
        .put("action", "membership.approve").put("target.id", slug + "|" + attendeeId), null));
    assertNotNull(entry, "the approval is in the audit log");
    assertEquals("member", entry.getJsonObject("actor").getString("username"));
  }

  @Test
  @DisplayName("a rejected request gives no membership; an unknown action is 400")
  void reject() {
    String member = People.token("member");
    String attendee = People.token("attendee");
    String slug = register(member, "Nghệ An");
    String attendeeId = idOf(attendee);
    join(attendee, slug);
    assertEquals(400, decide(member, slug, attendeeId,
        new JsonObject().put("action", "crown")).status());
    assertEquals(200, decide(member, slug, attendeeId,
        new JsonObject().put("action", "reject")).status());
    assertTrue(Api.json(as(attendee).get("/api/v1/me")).getJsonArray("organisations").stream()
        .noneMatch(o -> slug.equals(((JsonObject) o).getString("slug"))));
  }

  @Test
  @DisplayName("an organisation always keeps an admin: the last one cannot leave, be removed or demoted, "
      + "until they make another member admin")
  void lastAdmin() {
    String member = People.token("member");
    String attendee = People.token("attendee");
    String slug = register(member, "Lâm Đồng");
    String memberId = idOf(member);
    String attendeeId = idOf(attendee);

    assertEquals(409, as(member).post("/api/v1/orgs/" + slug + "/leave", new JsonObject()).status());
    assertEquals(409, decide(member, slug, memberId,
        new JsonObject().put("action", "remove")).status());
    assertEquals(409, decide(member, slug, memberId,
        new JsonObject().put("action", "demote")).status());

    join(attendee, slug);
    decide(member, slug, attendeeId, new JsonObject().put("action", "approve"));
    assertEquals(403, decide(attendee, slug, memberId,
        new JsonObject().put("action", "remove")).status(), "a plain member cannot remove anyone");
    assertEquals(200, decide(member, slug, attendeeId,
        new JsonObject().put("action", "promote")).status());
    assertEquals(200, as(member).post("/api/v1/orgs/" + slug + "/leave", new JsonObject()).status());
    assertTrue(Api.json(as(member).get("/api/v1/me")).getJsonArray("organisations").stream()
        .noneMatch(o -> slug.equals(((JsonObject) o).getString("slug"))), "the member has left");
    assertEquals("admin", find(Api.json(as(attendee).get("/api/v1/me")).getJsonArray("organisations"), slug)
        .getString("role"));
    assertEquals(409, as(attendee).post("/api/v1/orgs/" + slug + "/leave", new JsonObject()).status(),
        "now the attendee is the last admin");
  }

  @Test
  @DisplayName("only a forum admin verifies (or revokes), and the directory then shows the organisation verified")
  void verification() {
    String member = People.token("member");
    String slug = register(member, "Đắk Lắk");
    Page refused = as(member).post("/api/v1/orgs/" + slug + "/verify", new JsonObject());
    assertEquals(403, refused.status(), "an organisation cannot verify itself");
    assertEquals(401, forum.api().post("/api/v1/orgs/" + slug + "/verify", new JsonObject()).status(), "anonymous");
    assertFalse(directory("verified=true&province=dak-lak").contains(slug));

    String admin = People.token("admin");
    Page verified = as(admin).post("/api/v1/orgs/" + slug + "/verify", new JsonObject().put("note", "Checked the "
        + "registration certificate."));
    assertEquals(200, verified.status(), verified.body());
    assertTrue(directory("verified=true&province=dak-lak").contains(slug));
    assertFalse(directory("verified=false&province=dak-lak").contains(slug));
    assertTrue(find(Api.json(as(member).get("/api/v1/me")).getJsonArray("organisations"), slug).getBoolean("verified"));
    assertEquals(400, as(admin).post("/api/v1/orgs/" + slug + "/verify", new JsonObject().put("verified", "yes"))
        .status());
    assertEquals(404, as(admin).post("/api/v1/orgs/no-such-org-" + unique() + "/verify", new JsonObject()).status());

    assertEquals(200, as(admin).post("/api/v1/orgs/" + slug + "/verify", new JsonObject().put("verified", false))
        .status());
    assertFalse(directory("verified=true&province=dak-lak").contains(slug), "revoked");
    JsonObject entry = ForumUnderTest.await(forum.mongo().findOne("audit", new JsonObject()
        .put("action", "org.verify").put("target.id", slug), null));
    assertEquals("Checked the registration certificate.", entry.getString("reason"));
  }

  @Test
  @DisplayName("the public sees members' names and roles, never an e-mail or a user id")
  void privacy() {
    String member = People.token("member");
    String attendee = People.token("attendee");
    String unique = unique();
    Page created = as(member).post("/api/v1/orgs", organisation("Tổ chức " + unique, "Organisation " + unique,
        "T" + unique, "Cần Thơ").put("contactEmail", "contact-" + unique + "@wildlife.example")
        .put("legalStatus", "association").put("foundedYear", 2008));
    assertEquals(201, created.status(), created.body());
    String slug = Api.json(created).getString("slug");
    String attendeeId = idOf(attendee);
    join(attendee, slug);
    decide(member, slug, attendeeId, new JsonObject().put("action", "approve"));
    for (String token : new String[] {null, attendee}) {
      String body = as(token).get("/api/v1/orgs/" + slug).body();
      assertFalse(body.contains("@ngo-forum.example"), body);
      assertFalse(body.contains(attendeeId), body);
      assertEquals(2, new JsonObject(body).getJsonArray("members").size());
    }
    assertFalse(forum.api().get("/orgs/" + slug).body().contains("@ngo-forum.example"));

    JsonObject anonymous = Api.json(forum.api().get("/api/v1/orgs/" + slug));
    assertFalse(anonymous.containsKey("contactEmail"), "the organisation's contact e-mail is for signed-in people");
    assertFalse(forum.api().get("/orgs/" + slug).body().contains("@wildlife.example"));
    assertEquals(2008, anonymous.getInteger("foundedYear"));
    assertEquals("association", anonymous.getString("legalStatus"));
    assertEquals("contact-" + unique + "@wildlife.example",
        Api.json(as(attendee).get("/api/v1/orgs/" + slug)).getString("contactEmail"));
  }

  @Test
  @DisplayName("the reference lists and the per-province counts are public")
  void referenceAndStats() {
    JsonObject sample = Api.json(forum.api().get("/api/v1/orgs/cwrc"));
    assertTrue(sample.getBoolean("verified"), "the run command's sample data includes a verified organisation");
    assertTrue(directory("province=Quang+Binh&verified=true").contains("cwrc"));
    JsonObject reference = Api.json(forum.api().get("/api/v1/orgs/reference"));
    assertEquals(34, reference.getJsonArray("provinces").size());
    assertEquals(8, reference.getJsonArray("focusAreas").size());
    register(People.token("member"), "Điện Biên");
    JsonObject stats = Api.json(forum.api().get("/api/v1/orgs/stats"));
    assertTrue(stats.getJsonArray("provinces").stream().map(JsonObject.class::cast)
        .anyMatch(row -> row.getString("code").equals("dien-bien") && row.getInteger("count") >= 1), stats.encode());
    assertEquals(404, forum.api().get("/api/v1/orgs/not-" + unique()).status());
    String unique = unique();
    Page stats2 = as(People.token("member")).post("/api/v1/orgs", organisation("Nhóm Thống kê " + unique,
        "Stats Group " + unique, "Stats", "Điện Biên"));
    assertEquals(201, stats2.status(), stats2.body());
    assertEquals("stats-org", Api.json(stats2).getString("slug"), "an organisation called STATS does not hide /stats");
    assertEquals(200, forum.api().get("/api/v1/orgs/stats-org").status());
    String spec = forum.api().get("/api/v1/openapi.yaml").body();
    for (String path : List.of("/orgs:", "/orgs/{slug}:", "/orgs/{slug}/join:", "/orgs/{slug}/members/{userId}:",
        "/orgs/{slug}/verify:")) {
      assertTrue(spec.contains("\n  " + path + "\n"), "the OpenAPI document describes " + path);
    }
  }


  @Test
  @DisplayName("an organisation admin edits the profile and lists achievements; nobody else can")
  void editAndAchievements() {
    String member = People.token("member");
    String attendee = People.token("attendee");
    String slug = register(member, "Quảng Ninh");
    String unique = unique();
    JsonObject edited = organisation("Trung tâm Sinh vật Biển " + unique, "Marine Life Centre " + unique,
        "MLC" + unique, "Hà Tĩnh");
    assertEquals(403, as(attendee).put("/api/v1/orgs/" + slug, edited).status(), "someone else's organisation");
    Page saved = as(member).put("/api/v1/orgs/" + slug, edited);
    assertEquals(200, saved.status(), saved.body());
    assertTrue(directory("province=Ha+Tinh&q=marine+" + unique).contains(slug));
    assertFalse(directory("province=Quang+Ninh").contains(slug));
    String other = register(member, "Hà Tĩnh");
    Page clash = as(member).put("/api/v1/orgs/" + other, edited);
    assertEquals(409, clash.status(), "the name is taken: " + clash.body());
    assertEquals(400, as(member).put("/api/v1/orgs/" + slug, edited.copy().put("verified", true)).status());

    JsonObject achievement = new JsonObject()
        .put("title", new JsonObject().put("vi", "Giải cứu 120 con rùa").put("en", "Rescued 120 turtles"))
        .put("year", 2023)
        .put("description", new JsonObject().put("en", "With the provincial forest protection department."))
        .put("link", "https://example.org/report-2023");
    assertEquals(403, as(attendee).post("/api/v1/orgs/" + slug + "/achievements", achievement).status());
    assertEquals(400, as(member).post("/api/v1/orgs/" + slug + "/achievements", achievement.copy().put("year", "2023"))
        .status(), "year must be a number");
    assertEquals(400, as(member).post("/api/v1/orgs/" + slug + "/achievements", achievement.copy().put("year", 1800))
        .status());
    Page added = as(member).post("/api/v1/orgs/" + slug + "/achievements", achievement);
    assertEquals(201, added.status(), added.body());
    String id = Api.json(added).getString("id");
    JsonObject listed = Api.json(forum.api().get("/api/v1/orgs/" + slug)).getJsonArray("achievements").getJsonObject(0);
    assertEquals(id, listed.getString("id"));
    assertEquals(2023, listed.getInteger("year"));
    assertEquals("Rescued 120 turtles", listed.getJsonObject("title").getString("en"));
    assertTrue(forum.api().get("/orgs/" + slug).body().contains("Giải cứu 120 con rùa"), "the profile page shows it");

    assertEquals(403, as(attendee).delete("/api/v1/orgs/" + slug + "/achievements/" + id).status());
    assertEquals(200, as(member).delete("/api/v1/orgs/" + slug + "/achievements/" + id).status());
    assertEquals(404, as(member).delete("/api/v1/orgs/" + slug + "/achievements/" + id).status());
    assertTrue(Api.json(forum.api().get("/api/v1/orgs/" + slug)).getJsonArray("achievements").isEmpty());
  }

  @Test
  @DisplayName("a forum admin downloads the directory as CSV, with formula-looking names defused; others cannot")
  void csvExport() {
    String member = People.token("member");
    String unique = unique();
    Page created = as(member).post("/api/v1/orgs", organisation("=HYPERLINK(\"http://evil\") " + unique,
        "Formula, Inc " + unique, "F" + unique, "An Giang"));
    assertEquals(201, created.status(), created.body());
    String slug = Api.json(created).getString("slug");
    assertEquals(403, as(member).get("/api/v1/orgs/export").status());
    Page csv = as(People.token("admin")).get("/api/v1/orgs/export");
    assertEquals(200, csv.status());
    assertTrue(csv.header("content-type").orElseThrow().startsWith("text/csv"));
    assertTrue(csv.body().startsWith("\uFEFFslug,name_vi,name_en,acronym,province"), csv.body());
    String line = csv.body().lines().filter(l -> l.startsWith(slug + ",")).findFirst().orElseThrow();
    assertTrue(line.contains("\"'=HYPERLINK(\"\"http://evil\"\") " + unique + "\""), line);
    assertTrue(line.contains("\"Formula, Inc " + unique + "\""), line);
    assertTrue(line.contains(",An Giang,"), line);
  }

  @Test
  @DisplayName("a registration retried with the same Idempotency-Key registers once and answers the same slug")
  void idempotentRegistration() {
    String member = People.token("member");
    String unique = unique();
    JsonObject org = organisation("Mạng lưới Chim " + unique, "Bird Network " + unique, "BN" + unique, "Lào Cai");
    Map<String, String> headers = Map.of("Authorization", "Bearer " + member, "Idempotency-Key", "reg-" + unique);
    Page first = new Browser().postJson(forum.base() + "/api/v1/orgs", org.encode(), headers);
    Page retry = new Browser().postJson(forum.base() + "/api/v1/orgs", org.encode(), headers);
    assertEquals(201, first.status(), first.body());
    assertEquals(201, retry.status(), retry.body());
    assertEquals(Api.json(first).getString("slug"), Api.json(retry).getString("slug"));
    assertEquals(1, Api.json(forum.api().get("/api/v1/orgs?q=" + unique)).getJsonArray("results").size());
  }

  @Test
  @DisplayName("someone registering organisations by the dozen is slowed down with 429 and Retry-After")
  void registrationRateLimit() {
    String moderator = People.token("moderator");
    int limit = RegistrationRoutes.REGISTRATIONS_PER_HOUR;
    int accepted = 0;
    Page refused = null;
    String unique = null;
    // Bounded: a fixed window that happens to roll over mid-test allows at most one more window's worth.
    for (int attempt = 0; attempt <= 2 * limit + 1 && refused == null; attempt++) {
      unique = unique();
      Page answer = as(moderator).post("/api/v1/orgs", organisation("Nhóm " + unique, "Group " + unique,
          "G" + unique, "Sơn La"));
      if (answer.status() == 201) {
        accepted++;
      } else {
        refused = answer;
      }
    }
    assertNotNull(refused, "refused at some point");
    assertTrue(accepted >= limit, "the first " + limit + " were accepted: " + accepted);
    assertEquals(429, refused.status(), refused.body());
    assertTrue(refused.header("retry-after").isPresent());
    assertTrue(Api.json(forum.api().get("/api/v1/orgs?q=" + unique)).getJsonArray("results").isEmpty());
  }

  @Test
  @DisplayName("two admins demoting each other at the same moment still leave the organisation an admin")
  void simultaneousDemotions() {
    String member = People.token("member");
    String attendee = People.token("attendee");
    String slug = register(member, "Tây Ninh");
    String memberId = idOf(member);
    String attendeeId = idOf(attendee);
    join(attendee, slug);
    decide(member, slug, attendeeId, new JsonObject().put("action", "approve"));
    assertEquals(200, decide(member, slug, attendeeId,
        new JsonObject().put("action", "promote")).status());

    JsonObject demote = new JsonObject().put("action", "demote");
    CompletableFuture<Page> first = CompletableFuture.supplyAsync(() ->
        decide(member, slug, attendeeId, demote));
    CompletableFuture<Page> second = CompletableFuture.supplyAsync(() ->
        decide(attendee, slug, memberId, demote));
    List<Integer> statuses = List.of(first.join().status(), second.join().status());
    long admins = Api.json(forum.api().get("/api/v1/orgs/" + slug)).getJsonArray("members").stream()
        .map(JsonObject.class::cast).filter(m -> "admin".equals(m.getString("role"))).count();
    // Whichever way the race goes (one wins and the other is refused, or both collide and both are undone with
    // 409), there is never a moment's answer that leaves nobody in charge.
    assertTrue(statuses.stream().allMatch(status -> status == 200 || status == 403 || status == 409),
        statuses.toString());
    assertEquals(statuses.contains(200) ? 1 : 2, admins, "admins left after " + statuses);
  }

  @Test
  @DisplayName("an organisation admin uploads a logo: checked by its content, shrunk to 256 px, served as PNG")
  void logo() throws java.io.IOException {
    String member = People.token("member");
    String slug = register(member, "Gia Lai");
    assertEquals(404, forum.api().get("/orgs/" + slug + "/logo.png").status(), "no logo yet");

    java.awt.image.BufferedImage wide = new java.awt.image.BufferedImage(600, 300,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(wide, "jpg", jpeg);
    byte[] image = jpeg.toByteArray();

    assertEquals(403, putBytes(People.token("attendee"), "/api/v1/orgs/" + slug + "/logo", "image/jpeg", image)
        .status(), "not their organisation");
    assertEquals(415, putBytes(member, "/api/v1/orgs/" + slug + "/logo", "text/html", image).status());
    Page fake = putBytes(member, "/api/v1/orgs/" + slug + "/logo", "image/png",
        "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8));
    assertEquals(400, fake.status(), "a declared type is not enough: " + fake.body());
    byte[] broken = java.util.Arrays.copyOf(image, 40);
    assertEquals(400, putBytes(member, "/api/v1/orgs/" + slug + "/logo", "image/jpeg", broken).status(),
        "a JPEG header without an image");

    Page uploaded = putBytes(member, "/api/v1/orgs/" + slug + "/logo", "image/jpeg", image);
    assertEquals(200, uploaded.status(), uploaded.body());
    String path = Api.json(uploaded).getString("logo");
    assertEquals(path, Api.json(forum.api().get("/api/v1/orgs/" + slug)).getString("logo"));
    java.net.http.HttpResponse<byte[]> served;
    try {
      served = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(forum.base() + path)).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertEquals(200, served.statusCode());
    assertEquals("image/png", served.headers().firstValue("content-type").orElseThrow());
    java.awt.image.BufferedImage logo = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(served.body()));
    assertEquals(256, logo.getWidth());
    assertEquals(128, logo.getHeight());
    assertTrue(forum.api().get("/orgs?province=gia-lai").body().contains("src=\"/orgs/" + slug + "/logo.png?v"),
        "the directory shows it");
  }

  @Test
  @DisplayName("a logo of a few bytes that declares a picture of 900 million pixels is refused (400) from its header,"
      + " and the organisation keeps no logo")
  void logoPixelBomb() {
    // Forum admins register too: the "member" account keeps its hourly registrations for the other tests.
    String admin = People.token("admin");
    String slug = register(admin, "Gia Lai");
    Page refused = putBytes(admin, "/api/v1/orgs/" + slug + "/logo", "image/png",
        vn.ngoforum.support.Images.png(30_000, 30_000));
    assertEquals(400, refused.status(), refused.body());
    assertTrue(Api.json(refused).getString("message").contains("pixels"), refused.body());
    assertEquals(404, forum.api().get("/orgs/" + slug + "/logo.png").status(), "no logo stored");
  }

  @Test
  @DisplayName("a logo is kept in GridFS, a new one replaces the old file, and a logo stored before GridFS still shows")
  void logoInGridFs() throws java.io.IOException {
    // Forum admins register too: the "member" account keeps its hourly registrations for the other tests.
    String member = People.token("admin");
    String slug = register(member, "Gia Lai");
    byte[] first = png(300, 100);
    assertEquals(200, putBytes(member, "/api/v1/orgs/" + slug + "/logo", "image/png", first).status());
    JsonObject stored = ForumUnderTest.await(forum.mongo().findOne("logos.files",
        new JsonObject().put("metadata.org", slug), null));
    assertNotNull(stored, "the logo is a GridFS file of bucket 'logos'");
    assertEquals(slug + ".png", stored.getString("filename"));
    String firstFile = ForumUnderTest.await(forum.mongo().findOne("organisations",
        new JsonObject().put("_id", slug), null)).getString("logoFile");
    assertNotNull(firstFile, "the organisation points at its file");

    Page second = putBytes(member, "/api/v1/orgs/" + slug + "/logo", "image/png", png(50, 100));
    assertEquals(200, second.status(), second.body());
    assertEquals(1L, ForumUnderTest.await(forum.mongo().count("logos.files",
        new JsonObject().put("metadata.org", slug))), "the old file is gone");
    java.awt.image.BufferedImage served = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
        bytes(Api.json(second).getString("logo"))));
    assertEquals(50, served.getWidth(), "the new logo is served");
    assertEquals(100, served.getHeight());

    // An organisation whose logo was stored before GridFS: the document collection, no file pointer.
    String older = register(member, "Gia Lai");
    byte[] legacy = png(20, 10);
    ForumUnderTest.await(forum.mongo().save("org_logos", new JsonObject().put("_id", older)
        .put("png", new JsonObject().put("$binary", legacy))));
    ForumUnderTest.await(forum.mongo().updateCollection("organisations", new JsonObject().put("_id", older),
        new JsonObject().put("$set", new JsonObject().put("logoVersion", 1L))));
    assertTrue(forum.api().get("/api/v1/orgs/" + older).body().contains("/orgs/" + older + "/logo.png?v=1"));
    assertTrue(java.util.Arrays.equals(legacy, bytes("/orgs/" + older + "/logo.png?v=1")),
        "the old logo is served as it was stored");
    assertEquals(200, putBytes(member, "/api/v1/orgs/" + older + "/logo", "image/png", png(30, 30)).status());
    assertEquals(0L, ForumUnderTest.await(forum.mongo().count("org_logos", new JsonObject().put("_id", older))),
        "a new logo moves the organisation to GridFS and drops the old document");
    assertEquals(1L, ForumUnderTest.await(forum.mongo().count("logos.files",
        new JsonObject().put("metadata.org", older))));
  }

  @Test
  @DisplayName("the directory API answers page by page, with the total and the number of pages, and refuses a bad page")
  void apiPaging() {
    String word = "paged" + unique();
    List<String> slugs = insertOrganisations(word, 5);
    JsonObject first = Api.json(forum.api().get("/api/v1/orgs?q=" + word + "&pageSize=2"));
    assertEquals(5L, first.getLong("total"));
    assertEquals(3L, first.getLong("pages"));
    assertEquals(1, first.getInteger("page"));
    assertEquals(2, first.getInteger("pageSize"));
    List<String> seen = new java.util.ArrayList<>();
    for (int page = 1; page <= 3; page++) {
      JsonObject answer = Api.json(forum.api().get("/api/v1/orgs?q=" + word + "&pageSize=2&page=" + page));
      answer.getJsonArray("results").forEach(o -> seen.add(((JsonObject) o).getString("slug")));
    }
    assertEquals(slugs, seen, "every organisation once, in name order, over the pages");
    assertEquals(0, Api.json(forum.api().get("/api/v1/orgs?q=" + word + "&pageSize=2&page=4")).getJsonArray("results")
        .size(), "past the end: an empty page");
    assertEquals(5, Api.json(forum.api().get("/api/v1/orgs?q=" + word)).getJsonArray("results").size(),
        "20 by default");
    for (String bad : List.of("page=0", "page=x", "pageSize=101", "pageSize=-1")) {
      Page refused = forum.api().get("/api/v1/orgs?" + bad);
      assertEquals(400, refused.status(), bad);
      assertTrue(Api.json(refused).getString("message").contains(bad.substring(0, bad.indexOf('='))), refused.body());
    }
  }

  @Test
  @DisplayName("the directory page shows 20 organisations a page, with page links that keep the search and filters")
  void directoryPaging() {
    String word = "pages" + unique();
    List<String> slugs = insertOrganisations(word, 23);
    Page first = unescaped(forum.api().get("/orgs?q=" + word + "&province=Quang+Binh&sort=name"));
    assertEquals(200, first.status());
    assertTrue(first.body().contains("href=\"/orgs/" + slugs.get(19) + "\""));
    assertFalse(first.body().contains("href=\"/orgs/" + slugs.get(20) + "\""), "the 21st is on page 2");
    String pageTwo = "/orgs?q=" + word + "&province=quang-tri&page=2";
    assertTrue(first.body().contains("href=\"" + pageTwo + "\""), "the link keeps the filters: " + first.body());
    assertTrue(first.body().contains("aria-current=\"page\""));
    Page second = unescaped(forum.api().get(pageTwo));
    assertTrue(second.body().contains("href=\"/orgs/" + slugs.get(22) + "\""));
    assertFalse(second.body().contains("href=\"/orgs/" + slugs.get(0) + "\""));
    assertTrue(second.body().contains("rel=\"prev\""));
    assertFalse(forum.api().get("/orgs?q=" + word + "&province=ha-noi").body().contains("class=\"pager\""),
        "no page links when nothing needs them");
  }

  @Test
  @DisplayName("asking to join, deciding, leaving and registering are all written to the audit log")
  void auditLog() {
    // Forum admins register too: the "member" account keeps its hourly registrations for the other tests.
    String member = People.token("admin");
    String attendee = People.token("attendee");
    String slug = register(member, "Hà Tĩnh");
    assertEquals(202, join(attendee, slug).status());
    String attendeeId = idOf(attendee);
    assertEquals(200, decide(member, slug, attendeeId,
        new JsonObject().put("action", "approve")).status());
    assertEquals(200, decide(member, slug, attendeeId,
        new JsonObject().put("action", "promote")).status());
    assertEquals(200, as(attendee).post("/api/v1/orgs/" + slug + "/leave", new JsonObject()).status());
    List<JsonObject> entries = ForumUnderTest.await(forum.mongo().find("audit", new JsonObject().put("$or",
        new JsonArray().add(new JsonObject().put("target.id", slug))
            .add(new JsonObject().put("details.org", slug)))));
    List<String> actions = entries.stream().map(e -> e.getString("action")).toList();
    assertTrue(actions.containsAll(List.of("org.register", "membership.request", "membership.approve",
        "membership.promote", "membership.leave")), actions.toString());
  }

  @Test
  @DisplayName("an organisation's profile lists its recent forum posts and questions, empty until the forum and "
      + "Q&A provide them")
  void recentActivityWiring() {
    String slug = register(People.token("admin"), "Huế");
    JsonObject profile = Api.json(forum.api().get("/api/v1/orgs/" + slug));
    assertEquals(new JsonArray(), profile.getJsonArray("recentThreads"));
    assertEquals(new JsonArray(), profile.getJsonArray("recentQuestions"));
    Page page = forum.api().get("/orgs/" + slug);
    assertTrue(page.body().contains("id=\"recent-threads-title\""), page.body());
    assertTrue(page.body().contains("id=\"recent-questions-title\""));
  }

  // ---- helpers

  /**
   * {@code count} organisations straight into the store (faster than the API and its hourly limit), each with
   * {@code word} in its name, in Quảng Trị; answers their slugs in name order.
   */
  private static List<String> insertOrganisations(String word, int count) {
    List<String> slugs = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      String slug = word + "-" + String.format("%02d", i);
      String name = word + " " + String.format("%02d", i);
      ForumUnderTest.await(forum.mongo().insert("organisations", new JsonObject().put("_id", slug)
          .put("name", new JsonObject().put("vi", name).put("en", name))
          .put("province", "quang-tri").put("focusAreas", new JsonArray().add("rescue"))
          .put("description", new JsonObject().put("vi", "").put("en", ""))
          .put("nameViKey", name).put("nameEnKey", name + " en").put("acronymKey", "~" + slug).put("sortKey", name)
          .put("tokens", new JsonArray().add(word).add(String.format("%02d", i)))
          .put("verified", false).put("createdAt", new JsonObject().put("$date", java.time.Instant.now().toString()))
          .put("achievements", new JsonArray())));
      slugs.add(slug);
    }
    // As every write through the repository does: the directory's read model reads the organisations again.
    ForumUnderTest.await(new vn.ngoforum.registry.organisations.OrganisationRepository(forum.mongo()).changed());
    return slugs;
  }

  /** The page with the attribute escapes Handlebars writes ({@code &amp;}, {@code &#x3D;}) read back. */
  private static Page unescaped(Page page) {
    return new Page(page.uri(), page.status(), page.headers(),
        page.body().replace("&#x3D;", "=").replace("&amp;", "&"));
  }

  static byte[] png(int width, int height) throws java.io.IOException {
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static byte[] bytes(String path) {
    try {
      java.net.http.HttpResponse<byte[]> served = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(forum.base() + path)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, served.statusCode(), path);
      assertEquals("image/png", served.headers().firstValue("content-type").orElseThrow());
      return served.body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String unique() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  static JsonObject organisation(String nameVi, String nameEn, String acronym, String province) {
    return new JsonObject()
        .put("name", new JsonObject().put("vi", nameVi).put("en", nameEn))
        .put("acronym", acronym)
        .put("province", province)
        .put("focusAreas", new JsonArray().add("rescue"))
        .put("website", "https://example.org/" + acronym.toLowerCase());
  }

  private static String register(String token, String province) {
    String unique = unique();
    Page created = as(token).post("/api/v1/orgs", organisation("Tổ chức " + unique, "Organisation " + unique,
        "T" + unique, province));
    assertEquals(201, created.status(), created.body());
    return new JsonObject(created.body()).getString("slug");
  }

  private static List<String> directory(String query) {
    Page answer = forum.api().get("/api/v1/orgs?" + query);
    assertEquals(200, answer.status(), answer.body());
    return Api.json(answer).getJsonArray("results").stream()
        .map(o -> ((JsonObject) o).getString("slug")).toList();
  }

  private static JsonObject find(JsonArray items, String slug) {
    return items.stream().map(JsonObject.class::cast).filter(o -> slug.equals(o.getString("slug"))).findFirst()
        .orElse(null);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** The API as the person holding {@code token} ({@code null}: a guest). */
  /** The id of the person holding {@code token}, as their {@code /api/v1/me} says. */
  private static String idOf(String token) {
    return Api.json(as(token).get("/api/v1/me")).getString("id");
  }

  /** The person holding {@code token} asks to join the organisation at {@code slug}. */
  private static Page join(String token, String slug) {
    return as(token).post("/api/v1/orgs/" + slug + "/join", new JsonObject());
  }

  /** The holder of {@code token} decides on {@code userId}'s membership: {@code {"action": "approve"}}, ... */
  private static Page decide(String token, String slug, String userId, JsonObject decision) {
    return as(token).post("/api/v1/orgs/" + slug + "/members/" + userId, decision);
  }

  private static Api as(String token) {
    return forum.as(token);
  }

  private static Page putBytes(String token, String path, String type, byte[] body) {
    return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(forum.base() + path))
        .header("Content-Type", type)
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)), token);
  }

  /** A PUT of bytes (a logo), which {@link Api} does not send, with a Bearer token. */
  private static Page send(java.net.http.HttpRequest.Builder request, String token) {
    try {
      java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
          request.header("Authorization", "Bearer " + token).timeout(java.time.Duration.ofSeconds(30)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      return new Page(response.uri(), response.statusCode(), response.headers(), response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
