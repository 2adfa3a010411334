package vn.ngoforum.consultations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.consultations.AmendmentsTest.OrgAdmin;
import vn.ngoforum.consultations.text.SplitterTest;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.TestForum;

/** {@code consultation.{id}} over the bridge: each kind of change arrives with a rising seq; access as reading. */
class ConsultationLiveTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("consultation-live");
  private static final DemoPeople people = new DemoPeople(forum);
  /** The seqs of the frames {@link #next} returned. */
  private static final List<Long> seqs = new ArrayList<>();

  @Test
  @DisplayName("a guest following a public consultation receives comments, amendments, supports, endorsements and"
      + " signatures, each with the next seq")
  void eachKind() {
    seqs.clear();
    String id = AmendmentsTest.open(people.moderator());
    String address = Addresses.consultation(id);
    OrgAdmin org = AmendmentsTest.orgAdmin(forum, true);
    Api.expect(200, people.moderator().put("/api/v1/consultations/" + id + "/statement", StatementTest.texts()));
    try (BridgeClient guest = BridgeClient.connect(forum.vertx(), forum.port(), null)) {
      guest.register(address);
      guest.awaitProbe(forum.vertx(), address);

      Api.expect(201, people.member().post("/api/v1/consultations/" + id + "/clauses/d3-k1/comments",
          new JsonObject().put("body", "Cần làm rõ.")));
      JsonObject comment = next(guest, "comment");
      assertEquals("d3-k1", comment.getString("clause"));
      assertEquals(1, comment.getInteger("count"));
      assertEquals("Cần làm rõ.", comment.getJsonObject("comment").getString("body"));

      String amendment = Api.expect(201, people.member().post("/api/v1/consultations/" + id
          + "/clauses/d2-k1/amendments", new JsonObject().put("kind", "delete").put("justification", "Thừa.")))
          .getString("id");
      JsonObject proposed = next(guest, "amendment");
      assertEquals(amendment, proposed.getJsonObject("amendment").getString("id"));
      assertEquals(1, proposed.getInteger("count"));

      Api.expect(200, people.member().post("/api/v1/amendments/" + amendment + "/support", null));
      assertEquals(1, next(guest, "support").getInteger("supports"));
      Api.expect(200, org.api().post("/api/v1/amendments/" + amendment + "/endorse",
          new JsonObject().put("org", org.slug())));
      assertEquals(1, next(guest, "endorsement").getInteger("endorsementCount"));
      Api.expect(200, org.api().post("/api/v1/consultations/" + id + "/statement/sign",
          new JsonObject().put("org", org.slug())));
      JsonObject signatory = next(guest, "signature").getJsonArray("signatories").getJsonObject(0);
      assertEquals(org.slug(), signatory.getString("org"));
      assertEquals("Hanoi", signatory.getJsonObject("province").getString("en"), "its province, for the page's list");
      Api.expect(200, org.api().send("DELETE", "/api/v1/consultations/" + id + "/statement/sign",
          new JsonObject().put("org", org.slug())));
      assertTrue(next(guest, "signature").getJsonArray("signatories").isEmpty(), "withdrawn");

      assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), seqs, "one seq per change, in order");
      assertEquals(403, people.attendee().post("/api/v1/amendments/" + amendment + "/support", null).status());
      assertEquals(409, people.member().post("/api/v1/amendments/" + amendment + "/support", null).status());
      assertNull(guest.next(500), "a refused change announces nothing");
    }
  }

  @Test
  @DisplayName("a members-only consultation's address is refused to a guest and to a person without member rights,"
      + " and to everyone for a draft; a member follows it")
  void access() {
    String id = Api.expect(201, people.moderator().post("/api/v1/consultations",
        ConsultationsTest.draft("members", SplitterTest.DECREE))).getString("id");
    String address = Addresses.consultation(id);
    try (BridgeClient member = BridgeClient.connect(forum.vertx(), forum.port(), forum.sessionCookie("member"))) {
      member.register(address);
      assertRefused(member.next(5000), "a draft is the moderators' only");
    }
    Api.expect(200, people.moderator().post("/api/v1/consultations/" + id + "/open", null));
    try (BridgeClient guest = BridgeClient.connect(forum.vertx(), forum.port(), null)) {
      guest.register(address);
      assertRefused(guest.next(5000), "guest");
      assertFalse(guest.isRegistered(address));
    }
    try (BridgeClient attendee = BridgeClient.connect(forum.vertx(), forum.port(),
        forum.sessionCookie("attendee"))) {
      attendee.register(address);
      assertRefused(attendee.next(5000), "no member rights");
    }
    try (BridgeClient member = BridgeClient.connect(forum.vertx(), forum.port(), forum.sessionCookie("member"))) {
      member.register(address);
      member.awaitProbe(forum.vertx(), address);
      Api.expect(201, people.member().post("/api/v1/consultations/" + id + "/clauses/d3-k1/comments",
          new JsonObject().put("body", "Chỉ thành viên.")));
      assertEquals(id, next(member, "comment").getString("id"));
    }
  }

  @Test
  @DisplayName("a page that reconnects asks for what it missed since its seq and gets the same changes, in order;"
      + " only those who may read the consultation may ask")
  void catchUp() {
    seqs.clear();
    String id = AmendmentsTest.open(people.moderator());
    String events = "/api/v1/consultations/" + id + "/events?since=";
    assertTrue(people.guest().get("/consultations/" + id).body().contains("data-seq=\"0\""), "rendered at seq 0");
    List<JsonObject> live = new ArrayList<>();
    try (BridgeClient guest = BridgeClient.connect(forum.vertx(), forum.port(), null)) {
      guest.register(Addresses.consultation(id));
      guest.awaitProbe(forum.vertx(), Addresses.consultation(id));
      Api.expect(201, people.member().post("/api/v1/consultations/" + id + "/clauses/d3-k1/comments",
          new JsonObject().put("body", "Một.")));
      live.add(next(guest, "comment"));
      Api.expect(201, people.member().post("/api/v1/consultations/" + id + "/clauses/d2-k1/amendments",
          new JsonObject().put("kind", "delete").put("justification", "Thừa.")));
      live.add(next(guest, "amendment"));
      Api.expect(201, people.member().post("/api/v1/consultations/" + id + "/clauses/d3-k1/comments",
          new JsonObject().put("body", "Hai.")));
      live.add(next(guest, "comment"));
    }
    JsonObject all = Api.expect(200, people.guest().get(events + "0"));
    assertEquals(3L, all.getLong("seq"));
    assertTrue(all.getBoolean("complete"));
    List<JsonObject> caught = new ArrayList<>();
    for (int i = 0; i < all.getJsonArray("events").size(); i++) {
      caught.add(all.getJsonArray("events").getJsonObject(i));
    }
    assertEquals(live, caught, "the same bodies as published live, in order");
    JsonObject last = Api.expect(200, people.guest().get(events + "2"));
    assertEquals(1, last.getJsonArray("events").size());
    assertEquals("Hai.", last.getJsonArray("events").getJsonObject(0).getJsonObject("comment").getString("body"));
    JsonObject none = Api.expect(200, people.guest().get(events + "3"));
    assertTrue(none.getJsonArray("events").isEmpty());
    assertEquals(3L, none.getLong("seq"));
    assertTrue(people.guest().get("/consultations/" + id).body().contains("data-seq=\"3\""), "rendered at seq 3");

    assertEquals(400, people.guest().get(events + "-1").status());
    assertEquals(400, people.guest().get(events + "x").status());
    assertEquals(404, people.guest().get("/api/v1/consultations/nope/events?since=0").status());
    String members = Api.expect(201, people.moderator().post("/api/v1/consultations",
        ConsultationsTest.draft("members", SplitterTest.DECREE))).getString("id");
    assertEquals(404, people.member().get("/api/v1/consultations/" + members + "/events?since=0").status(),
        "a draft: moderators only");
    Api.expect(200, people.moderator().post("/api/v1/consultations/" + members + "/open", null));
    assertEquals(404, people.guest().get("/api/v1/consultations/" + members + "/events?since=0").status());
    assertEquals(200, people.member().get("/api/v1/consultations/" + members + "/events?since=0").status());
  }

  @Test
  @DisplayName("a new version imported by a moderator is announced live to everyone reading, kept for catching up,"
      + " and the page has its notice (vi and en) with a link to the current version")
  void newVersion() {
    seqs.clear();
    String id = AmendmentsTest.open(people.moderator());
    String page = "/consultations/" + id;
    String vi = people.guest().get(page).body();
    assertTrue(vi.contains("data-new-version role=\"status\" hidden>Một phiên bản mới của dự thảo vừa được công bố"
        + " —\n    <a href=\"" + page + "\">Tải lại trang</a>"), vi);
    assertTrue(people.guest().get(page, java.util.Map.of("Cookie", "lang=en")).body()
        .contains("A new version was published —"));
    try (BridgeClient guest = BridgeClient.connect(forum.vertx(), forum.port(), null)) {
      guest.register(Addresses.consultation(id));
      guest.awaitProbe(forum.vertx(), Addresses.consultation(id));
      Api.expect(201, people.moderator().post("/api/v1/consultations/" + id + "/versions",
          new JsonObject().put("text", "Điều 1. Phạm vi\nNghị định này quy định lại phạm vi.")));
      JsonObject version = next(guest, "version");
      assertEquals(2, version.getInteger("version"));
      assertEquals(page, version.getString("url"));
      assertEquals(List.of(1L), seqs);
    }
    JsonObject missed = Api.expect(200, people.guest().get("/api/v1/consultations/" + id + "/events?since=0"));
    assertEquals("version", missed.getJsonArray("events").getJsonObject(0).getString("type"),
        "a page that reconnects catches up with it");
    assertTrue(people.guest().get(page).body().contains("data-seq=\"1\""));
  }

  /** The next frame of this type on the connection (probes skipped), within 10 s; records its seq. */
  private static JsonObject next(BridgeClient client, String type) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonObject frame = client.next(500);
      JsonObject body = frame == null ? null : frame.getJsonObject("body");
      if (body != null && !"probe".equals(body.getString("type"))) {
        assertEquals(type, body.getString("type"), body.encode());
        seqs.add(body.getLong("seq"));
        return body;
      }
    }
    throw new AssertionError("no " + type + " frame arrived");
  }

  private static void assertRefused(JsonObject frame, String who) {
    assertNotNull(frame, who + ": the bridge answers the refused registration");
    assertEquals("err", frame.getString("type"), who);
    assertTrue(Set.of("rejected", "access_denied").contains(frame.getString("body")), frame.encode());
  }
}
