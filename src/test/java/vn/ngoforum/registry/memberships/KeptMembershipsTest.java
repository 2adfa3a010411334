package vn.ngoforum.registry.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.ngoforum.support.ForumUnderTest.await;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.registry.organisations.Membership;
import vn.ngoforum.registry.organisations.MembershipRepository;
import vn.ngoforum.registry.organisations.Organisation;
import vn.ngoforum.registry.organisations.Organisation.Standing;
import vn.ngoforum.registry.organisations.OrganisationProfile;
import vn.ngoforum.registry.organisations.OrganisationRepository;
import vn.ngoforum.support.RecordingMongo;
import vn.ngoforum.support.TestDatabase;

/**
 * Who belongs where is kept per person on a node ({@link RegistryMemberships}): asking again reads only the
 * registry's version, by key, and every registry write made on another node (approval, removal, a lost
 * verification, a suspension) shows on the very next question, so rights are never kept after they are lost.
 */
class KeptMembershipsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass("forum-kept-memberships-");


  @Test
  @DisplayName("asked again, only the version is read; writes on another node show on the next question")
  void followsOtherNodesWrites() {
    OrganisationRepository orgsElsewhere = new OrganisationRepository(db.mongo());
    MembershipRepository membershipsElsewhere = new MembershipRepository(db.mongo());
    await(membershipsElsewhere.buildLists());
    await(orgsElsewhere.insert(Organisation.registered("hoi-bao-ton", new OrganisationProfile(new JsonObject()
        .put("vi", "Hội Bảo tồn").put("en", "Conservation Society"), "HBT", "ha-noi", List.of("rescue"), null,
        new JsonObject().put("vi", "").put("en", ""), null, null, null), T0, "lan")));
    await(orgsElsewhere.setVerified("hoi-bao-ton", true, new Organisation.Verification(T0, "admin", "")));
    await(membershipsElsewhere.request("hoi-bao-ton", "nam", "Nam", "nam", T0));

    List<JsonObject> queries = new ArrayList<>();
    MongoClient recorded = RecordingMongo.recording(db.mongo(), queries);
    RegistryMemberships here = new RegistryMemberships(new OrganisationRepository(recorded),
        new MembershipRepository(recorded));
    CurrentUser nam = new CurrentUser("nam", "nam", "Nam", null, "vi", java.util.Set.of());
    assertEquals(List.of(), await(here.of("nam")), "a request grants nothing");
    assertFalse(await(here.hasMemberRights(nam)));

    await(membershipsElsewhere.transition("hoi-bao-ton", "nam", Membership.PENDING, null, Membership.APPROVED,
        Membership.MEMBER, T0));
    List<JsonObject> approved = await(here.of("nam"));
    assertEquals(1, approved.size(), "approved on another node: " + approved);
    assertEquals("hoi-bao-ton", approved.get(0).getString("slug"));
    assertTrue(await(here.hasMemberRights(nam)), "a member of a verified organisation");
    approved.get(0).put("verified", false).put("slug", "changed by a caller");

    queries.clear();
    for (int i = 0; i < 3; i++) {
      assertEquals("hoi-bao-ton", await(here.of("nam")).get(0).getString("slug"), "what a caller did to its copy"
          + " is not kept");
    }
    assertEquals(3, queries.size(), queries.toString());
    assertTrue(queries.stream().allMatch(call -> RecordingMongo.byId(call.getJsonObject("query"))
        && "registry_versions".equals(call.getString("collection"))), "only the version, by key: " + queries);

    await(orgsElsewhere.setVerified("hoi-bao-ton", false, new Organisation.Verification(T0, "admin", "")));
    assertFalse(await(here.hasMemberRights(nam)), "the organisation lost its verification: no rights at once");
    await(orgsElsewhere.setVerified("hoi-bao-ton", true, new Organisation.Verification(T0, "admin", "")));
    assertTrue(await(here.hasMemberRights(nam)));
    await(orgsElsewhere.setStanding("hoi-bao-ton", new Standing(Standing.SUSPENDED, T0, "admin", "spam")));
    assertEquals(List.of(), await(here.of("nam")), "a suspended organisation is nobody's");
    await(orgsElsewhere.setStanding("hoi-bao-ton", new Standing(Standing.ACTIVE, T0, "admin", "reinstated")));
    assertEquals(1, await(here.of("nam")).size());
    await(membershipsElsewhere.deleteApproved("hoi-bao-ton", "nam"));
    assertEquals(List.of(), await(here.of("nam")), "removed on another node: nothing on the next question");
    assertFalse(await(here.hasMemberRights(nam)));
  }
}
