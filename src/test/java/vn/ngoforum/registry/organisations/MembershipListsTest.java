package vn.ngoforum.registry.organisations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.ngoforum.support.ForumUnderTest.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.ngoforum.db.Dates;
import vn.ngoforum.support.TestServers;

/**
 * Who belongs where is read by key: through the per-person and per-organisation lists the repository keeps on every
 * write, the membership documents being the truth; and a forum upgraded from memberships written before the lists
 * keeps everyone's memberships, before and after its start-up migration.
 */
class MembershipListsTest {

  private static Vertx vertx;
  private static MongoClient mongo;

  @BeforeAll
  static void connect() {
    vertx = Vertx.vertx();
    mongo = TestServers.get().newDatabase(vertx, "forum-membership-lists-");
  }

  @AfterAll
  static void close() {
    await(mongo.close());
    await(vertx.close());
  }

  @Test
  @DisplayName("memberships stored before the lists are found before the migration, listed by it, found after it,"
      + " and a second run is a no-op")
  void migratesOldMemberships() {
    MongoClient mongo = TestServers.get().newDatabase(vertx, "forum-membership-upgrade-");
    String unique = Long.toString(System.nanoTime(), 36);
    String slug = "old-" + unique;
    String lan = "lan-" + unique;
    String minh = "minh-" + unique;
    await(mongo.insert(MembershipRepository.MEMBERSHIPS, old(slug, lan, Membership.APPROVED, Membership.ADMIN, 1)));
    await(mongo.insert(MembershipRepository.MEMBERSHIPS, old(slug, minh, Membership.PENDING, Membership.MEMBER, 2)));
    await(mongo.insert(MembershipRepository.MEMBERSHIPS, old("other-" + unique, lan, Membership.APPROVED,
        Membership.MEMBER, 3)));
    MembershipRepository before = new MembershipRepository(mongo);
    await(before.createIndexes());

    assertEquals(2, await(before.approvedOf(lan)).size(), "before the migration, by the old way");
    assertEquals(List.of(minh), userIds(await(before.members(slug, Membership.PENDING))));

    assertTrue(await(new MembershipRepository(mongo).buildLists()) >= 3);
    MembershipRepository after = new MembershipRepository(mongo);
    assertEquals(List.of(slug, "other-" + unique),
        await(after.approvedOf(lan)).stream().map(Membership::org).sorted().toList());
    assertEquals(List.of(minh), userIds(await(after.members(slug, Membership.PENDING))));
    assertEquals(List.of(lan), userIds(await(after.members(slug, Membership.APPROVED))));
    assertEquals(1L, await(after.countAdmins(slug)));
    assertEquals(0, await(after.buildLists()), "run again, it only finds its marker");
    assertNotNull(await(mongo.findOne(MembershipRepository.LISTS, new JsonObject().put("_id", "person:" + lan),
        null)));
    await(mongo.close());
  }

  @Test
  @DisplayName("once the lists are built a person's and an organisation's memberships are read through them by key:"
      + " a membership document no write listed is not found (a filter on the collection would find it)")
  void readsByKey() {
    MembershipRepository memberships = built();
    String unique = Long.toString(System.nanoTime(), 36);
    String slug = "keyed-" + unique;
    String hoa = "hoa-" + unique;
    await(memberships.insert(new Membership(slug, hoa, "Hoa", "hoa", Membership.APPROVED, Membership.ADMIN,
        Instant.now(), Instant.now())));
    await(mongo.insert(MembershipRepository.MEMBERSHIPS, old("stray-" + unique, hoa, Membership.APPROVED,
        Membership.MEMBER, 1)));
    await(mongo.insert(MembershipRepository.MEMBERSHIPS, old(slug, "stray-" + unique, Membership.APPROVED,
        Membership.MEMBER, 1)));

    assertEquals(List.of(slug), await(memberships.approvedOf(hoa)).stream().map(Membership::org).toList());
    assertEquals(List.of(hoa), userIds(await(memberships.members(slug, Membership.APPROVED))));
  }

  @Test
  @DisplayName("a person's memberships follow every write at once: register, ask, approve, remove, ask again, reject,"
      + " promote and demote; a listed membership that is gone grants nothing")
  void followsWrites() {
    MembershipRepository memberships = built();
    String unique = Long.toString(System.nanoTime(), 36);
    String slug = "live-" + unique;
    String founder = "founder-" + unique;
    String nam = "nam-" + unique;
    Instant now = Instant.now();
    await(memberships.insert(new Membership(slug, founder, "F", "f", Membership.APPROVED, Membership.ADMIN, now,
        now)));
    assertEquals(1, await(memberships.approvedOf(founder)).size());

    assertTrue(await(memberships.request(slug, nam, "Nam", "nam", now)));
    assertTrue(await(memberships.approvedOf(nam)).isEmpty(), "a request grants nothing");
    assertEquals(List.of(nam), userIds(await(memberships.members(slug, Membership.PENDING))));
    assertTrue(await(memberships.transition(slug, nam, Membership.PENDING, null, Membership.APPROVED,
        Membership.MEMBER, now)));
    assertEquals(List.of(slug), await(memberships.approvedOf(nam)).stream().map(Membership::org).toList());
    assertTrue(await(memberships.members(slug, Membership.PENDING)).isEmpty());
    assertEquals(List.of(founder, nam), userIds(await(memberships.members(slug, Membership.APPROVED))));
    assertTrue(await(memberships.request(slug, nam, "Nam", "nam", now).map(ok -> false)
        .recover(failure -> io.vertx.core.Future.succeededFuture(vn.ngoforum.db.Mongo.isDuplicateKey(failure)))),
        "a member who asks again is told they are one");

    assertTrue(await(memberships.transition(slug, nam, Membership.APPROVED, Membership.MEMBER, null,
        Membership.ADMIN, now)));
    assertEquals(2L, await(memberships.countAdmins(slug)));
    assertTrue(await(memberships.transition(slug, nam, Membership.APPROVED, Membership.ADMIN, null,
        Membership.MEMBER, now)));
    assertEquals(1L, await(memberships.countAdmins(slug)));

    assertTrue(await(memberships.deleteApproved(slug, nam)));
    assertTrue(await(memberships.approvedOf(nam)).isEmpty(), "removed: nothing left");
    assertEquals(List.of(founder), userIds(await(memberships.members(slug, Membership.APPROVED))));

    assertTrue(await(memberships.request(slug, nam, "Nam", "nam", now)));
    assertTrue(await(memberships.transition(slug, nam, Membership.PENDING, null, Membership.REJECTED, null, now)));
    assertTrue(await(memberships.approvedOf(nam)).isEmpty());
    assertTrue(await(memberships.request(slug, nam, "Nam", "nam", now)), "a rejected person may ask again");
    assertTrue(await(memberships.transition(slug, nam, Membership.PENDING, null, Membership.APPROVED,
        Membership.MEMBER, now)));
    assertEquals(1, await(memberships.approvedOf(nam)).size(), "approved again");

    await(mongo.removeDocument(MembershipRepository.MEMBERSHIPS, new JsonObject().put("_id",
        Membership.id(slug, nam))));
    assertTrue(await(memberships.approvedOf(nam)).isEmpty(), "the membership document is the truth");
  }

  /** A repository whose lists are built (the migration ran on this database). */
  private static MembershipRepository built() {
    MembershipRepository memberships = new MembershipRepository(mongo);
    await(memberships.createIndexes());
    await(memberships.buildLists());
    return memberships;
  }

  /** A membership document as today's main wrote it (no lists). */
  private static JsonObject old(String slug, String userId, String status, String role, int minute) {
    return new JsonObject().put("_id", slug + "|" + userId).put("org", slug).put("userId", userId)
        .put("name", userId).put("username", userId).put("status", status).put("role", role)
        .put("requestedAt", Dates.of(Instant.parse("2026-01-01T00:0" + minute + ":00Z")));
  }

  private static List<String> userIds(List<Membership> memberships) {
    return memberships.stream().map(Membership::userId).toList();
  }
}
