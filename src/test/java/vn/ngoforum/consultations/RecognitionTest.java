package vn.ngoforum.consultations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.consultations.AmendmentsTest.OrgAdmin;
import vn.ngoforum.consultations.recognition.Participation;
import vn.ngoforum.consultations.recognition.ParticipationRepository;
import vn.ngoforum.consultations.text.SplitterTest;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.RecordingMongo;
import vn.ngoforum.support.TestForum;

/**
 * Recognition (issue 17, point 9): an organisation's profile lists the consultations it took part in (its members'
 * comments, its endorsements, its signatures), from a read model kept per organisation on write and filled at
 * start-up from what was stored before it.
 */
class RecognitionTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("recognition");
  private static final DemoPeople people = new DemoPeople(forum);

  private static String open(DemoPeople people, String visibility) {
    String id = Api.expect(201, people.moderator().post("/api/v1/consultations",
        ConsultationsTest.draft(visibility, SplitterTest.DECREE))).getString("id");
    Api.expect(200, people.moderator().post("/api/v1/consultations/" + id + "/open", null));
    return id;
  }

  private static JsonArray recent(Api api, String slug) {
    return Api.expect(200, api.get("/api/v1/orgs/" + slug)).getJsonArray("recentConsultations");
  }

  private static List<String> urls(JsonArray items) {
    return items.stream().map(i -> ((JsonObject) i).getString("url")).toList();
  }

  /** A comment, an endorsement and a signature of {@code org} on a new open consultation; answers its id. */
  static String takePart(DemoPeople people, OrgAdmin org) {
    String id = open(people, "public");
    String api = "/api/v1/consultations/" + id;
    Api.expect(201, org.api().post(api + "/clauses/d2-k1/comments", new JsonObject().put("body", "Cần rõ hơn.")));
    String amendment = Api.expect(201, people.member().post(api + "/clauses/d5/amendments", new JsonObject()
        .put("kind", "delete").put("justification", "Thừa."))).getString("id");
    Api.expect(200, org.api().post("/api/v1/amendments/" + amendment + "/endorse",
        new JsonObject().put("org", org.slug())));
    Api.expect(200, people.moderator().put(api + "/statement", StatementTest.texts()));
    Api.expect(200, org.api().post(api + "/statement/sign", new JsonObject().put("org", org.slug())));
    return id;
  }

  @Test
  @DisplayName("a member's comment, an endorsement and a signature are listed on the profile (API and page, vi and"
      + " en), each linking to its clause, amendment or statement; a withdrawn signature is not; members-only"
      + " consultations are not shown; the read is one by key")
  void listedOnWrite() {
    OrgAdmin org = AmendmentsTest.orgAdmin(forum, true);
    assertEquals(new JsonArray(), recent(people.guest(), org.slug()));
    assertTrue(people.guest().get("/orgs/" + org.slug()).body().contains("chưa tham gia góp ý"));

    String id = takePart(people, org);
    String page = "/consultations/" + id;
    String amendmentAnchor = "#amendment-" + id + "-d5-a1";
    JsonArray items = recent(people.guest(), org.slug());
    assertEquals(List.of(page + "/statement", page + amendmentAnchor, page + "#clause-d2-k1"), urls(items),
        "newest first: " + items.encode());
    assertEquals(List.of("signature", "endorsement", "comment"),
        items.stream().map(i -> ((JsonObject) i).getString("kind")).toList());
    assertEquals("Draft decree on forest animals",
        items.getJsonObject(0).getJsonObject("title").getString("en"));

    String vi = people.guest().get("/orgs/" + org.slug()).body();
    assertTrue(vi.contains("<a href=\"" + page + "#clause-d2-k1\">Dự thảo Nghị định về động vật rừng</a>"), vi);
    assertTrue(vi.contains("Ký tuyên bố chung") && vi.contains("Ủng hộ đề xuất sửa đổi")
        && vi.contains("Thành viên góp ý"));
    String en = people.guest().get("/orgs/" + org.slug(), Map.of("Cookie", "lang=en")).body();
    assertTrue(en.contains("<a href=\"" + page + "/statement\">Draft decree on forest animals</a>"), en);
    assertTrue(en.contains("Signed the joint statement") && en.contains("Endorsed an amendment"));

    Api.expect(200, org.api().send("DELETE", "/api/v1/consultations/" + id + "/statement/sign",
        new JsonObject().put("org", org.slug())));
    assertEquals(List.of(page + amendmentAnchor, page + "#clause-d2-k1"), urls(recent(people.guest(), org.slug())),
        "the withdrawn signature is gone");

    String hidden = open(people, "members");
    Api.expect(201, org.api().post("/api/v1/consultations/" + hidden + "/clauses/d2-k1/comments",
        new JsonObject().put("body", "Nội bộ.")));
    assertFalse(recent(people.guest(), org.slug()).encode().contains(hidden), "the profile is public");

    List<JsonObject> queries = new ArrayList<>();
    Participation recording = new Participation(new ParticipationRepository(
        RecordingMongo.recording(forum.mongo(), queries)), Memberships.NONE);
    assertEquals(2, ForumUnderTest.await(recording.recentFor(org.slug(), 5)).size());
    assertEquals(1, queries.size(), queries.toString());
    assertTrue(RecordingMongo.byId(queries.get(0).getJsonObject("query")), queries.toString());
  }

  @Test
  @DisplayName("a member proposes an amendment for their verified organisation: shown on the amendment (API and"
      + " page) and listed on its profile; for an unverified one or one they are not in a 403, nothing stored;"
      + " in their own name as before")
  void proposedForAnOrganisation() {
    OrgAdmin org = AmendmentsTest.orgAdmin(forum, true);
    OrgAdmin unverified = AmendmentsTest.orgAdmin(forum, false);
    String id = open(people, "public");
    String api = "/api/v1/consultations/" + id + "/clauses/d3-k1-pa/amendments";
    JsonObject body = new JsonObject().put("kind", "replace").put("text", "a) Chuồng, trại đạt chuẩn;")
        .put("justification", "Rõ hơn.");
    assertEquals(403, org.api().post(api, body.copy().put("onBehalfOf", unverified.slug())).status(),
        "an organisation they are not in");
    assertEquals(403, people.member().post(api, body.copy().put("onBehalfOf", org.slug())).status());

    JsonObject proposed = Api.expect(201, org.api().post(api, body.copy().put("onBehalfOf", org.slug())));
    assertEquals(id + ":d3-k1-pa:a1", proposed.getString("id"), "the refused ones stored nothing");
    assertEquals(org.slug(), proposed.getJsonObject("organisation").getString("slug"));
    JsonObject own = Api.expect(201, people.member().post(api, body));
    assertFalse(own.containsKey("organisation"), "in their own name: as before");

    String page = "/consultations/" + id;
    JsonArray items = recent(people.guest(), org.slug());
    assertEquals("proposal", items.getJsonObject(0).getString("kind"), items.encode());
    assertEquals(page + "#amendment-" + id + "-d3-k1-pa-a1", items.getJsonObject(0).getString("url"));
    assertEquals(1, items.size(), "only the amendment proposed for it: " + items.encode());
    assertTrue(people.guest().get("/orgs/" + org.slug()).body()
        .contains("Thành viên đề xuất sửa đổi thay mặt tổ chức"));
    assertTrue(people.guest().get("/orgs/" + org.slug(), Map.of("Cookie", "lang=en")).body()
        .contains("A member proposed an amendment for it"));

    String reading = people.guest().get(page).body();
    String name = Api.expect(200, forum.api().get("/api/v1/orgs/" + org.slug())).getJsonObject("name")
        .getString("vi");
    assertTrue(reading.contains("thay mặt <a href=\"/orgs/" + org.slug() + "\">" + name + "</a>"), reading);
    String form = forum.signedIn(org.username()).get(forum.base() + page).body();
    assertTrue(form.contains("name=\"onBehalfOf\"") && form.contains("<option value=\"" + org.slug() + "\""),
        "the proposal form offers the organisation");
    assertFalse(forum.signedIn("member").get(forum.base() + page).body().contains("name=\"onBehalfOf\""),
        "not to a member of no verified organisation");
  }

  @Test
  @DisplayName("after a restart, what was stored before the read model (comments, endorsements, signatures) is"
      + " listed again by the start-up migration")
  void migratedAtStartUp() {
    OrgAdmin org = AmendmentsTest.orgAdmin(forum, true);
    String id = takePart(people, org);
    List<String> before = urls(recent(people.guest(), org.slug()));
    assertEquals(3, before.size());
    // As if stored by a forum without the read model: no per-organisation records, no migration done.
    ForumUnderTest.await(forum.mongo().dropCollection("consultation_activity"));
    ForumUnderTest.await(forum.mongo().dropCollection("consultation_migrations"));
    assertEquals(new JsonArray(), recent(people.guest(), org.slug()));

    Vertx other = Vertx.vertx();
    try {
      TestForum restarted = TestForum.onOwnPort(other, forum.database(), Map.of());
      List<String> after = Eventually.value(() -> urls(recent(restarted.api(), org.slug())),
          listed -> listed.size() >= before.size(), Duration.ofSeconds(30));
      assertEquals(before, after, "the same items, in the same order");
      assertTrue(after.get(0).startsWith("/consultations/" + id));
      restarted.close();
    } finally {
      ForumUnderTest.await(other.close());
    }
  }
}
