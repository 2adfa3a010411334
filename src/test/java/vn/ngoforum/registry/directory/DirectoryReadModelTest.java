package vn.ngoforum.registry.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.ngoforum.support.ForumUnderTest.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.registry.organisations.Organisation;
import vn.ngoforum.registry.organisations.Organisation.Standing;
import vn.ngoforum.registry.organisations.OrganisationProfile;
import vn.ngoforum.registry.organisations.OrganisationRepository;
import vn.ngoforum.support.RecordingMongo;
import vn.ngoforum.support.TestDatabase;

/**
 * The directory answers from its read model ({@link ListedOrganisations}): filters, orders, pages and counts as the
 * collection holds them after registrations, edits and suspensions made on another node, while a request reads
 * only the collection's version, by key, until a write moves it.
 */
class DirectoryReadModelTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @RegisterExtension
  static final TestDatabase db = TestDatabase.perClass("forum-directory-model-");

  @BeforeAll
  static void indexes() {
    await(new OrganisationRepository(db.mongo()).createIndexes());
  }

  @Test
  @DisplayName("filters, orders and counts follow writes made through another repository (another node), and"
      + " between writes a request reads only the version, by key")
  void followsWritesAndReadsByKey() {
    OrganisationRepository otherNode = new OrganisationRepository(db.mongo());
    await(otherNode.insert(org("trung-tam-cuu-ho", "Trung tâm Cứu hộ Gấu", "quang-tri", List.of("rescue"), 3)));
    await(otherNode.insert(org("bao-ton-rung", "Bảo tồn Rừng Việt", "ha-noi", List.of("habitat", "rescue"), 1)));
    await(otherNode.insert(org("an-giang-xanh", "An Giang Xanh", "an-giang", List.of("habitat"), 2)));

    List<JsonObject> queries = new ArrayList<>();
    DirectoryService directory = new DirectoryService(new OrganisationRepository(RecordingMongo.recording(db.mongo(),
        queries)));
    assertEquals(List.of("an-giang-xanh", "bao-ton-rung", "trung-tam-cuu-ho"), slugs(directory, null, null, null,
        null), "by the folded name");
    assertEquals(List.of("trung-tam-cuu-ho", "an-giang-xanh", "bao-ton-rung"), slugs(directory, null, null, null,
        "newest"));
    assertEquals(List.of("trung-tam-cuu-ho"), slugs(directory, "cuu ho", null, null, null), "words, no diacritics");
    assertEquals(List.of("bao-ton-rung", "trung-tam-cuu-ho"), slugs(directory, null, null, "rescue", null));
    assertEquals(List.of("bao-ton-rung"), slugs(directory, "rừng", "Hà Nội", "habitat", null));
    assertEquals(List.of(), slugs(directory, null, null, null, null, true), "none verified yet");
    DirectoryService.Results second = await(directory.search(null, null, null, null, null, 2, 2));
    assertEquals(3, second.total());
    assertEquals(2, second.pages());
    assertEquals(List.of("trung-tam-cuu-ho"), second.organisations().stream().map(Organisation::slug).toList());
    JsonObject counts = await(directory.counts());
    assertEquals(2, count(counts.getJsonArray("focusAreas"), "rescue"));
    assertEquals(1, count(counts.getJsonArray("provinces"), "ha-noi"));
    assertTrue(queries.stream().allMatch(call -> RecordingMongo.byId(call.getJsonObject("query"))
        || "organisations".equals(call.getString("collection"))), queries.toString());
    assertEquals(1, queries.stream().filter(call -> "organisations".equals(call.getString("collection"))).count(),
        "the organisations were read once for all these requests: " + queries);

    queries.clear();
    await(otherNode.setVerified("an-giang-xanh", true, new Organisation.Verification(T0, "admin", "")));
    await(otherNode.setStanding("trung-tam-cuu-ho", new Standing(Standing.SUSPENDED, T0, "admin", "spam")));
    OrganisationProfile renamed = org("bao-ton-rung", "Động vật Hoang dã Việt", "ha-noi", List.of("habitat"), 1)
        .profile();
    await(otherNode.replaceProfile("bao-ton-rung", renamed, T0));
    assertEquals(List.of("an-giang-xanh"), slugs(directory, null, null, null, null, true), "verified elsewhere");
    assertEquals(List.of("an-giang-xanh", "bao-ton-rung"), slugs(directory, null, null, null, null),
        "the suspended one is gone from the directory");
    assertEquals(List.of("bao-ton-rung"), slugs(directory, "hoang da", null, null, null), "found by its new name");
    assertEquals(List.of(), slugs(directory, "rung", null, "rescue", null));
    assertEquals(0, count(await(directory.counts()).getJsonArray("focusAreas"), "rescue"));
    assertEquals(List.of("an-giang-xanh", "bao-ton-rung"),
        await(directory.everyOrganisation()).stream().map(Organisation::slug).toList());
    assertEquals(1, queries.stream().filter(call -> "organisations".equals(call.getString("collection"))).count(),
        "read again once after the writes: " + queries);

    queries.clear();
    for (int i = 0; i < 5; i++) {
      slugs(directory, "xanh", null, null, null);
    }
    assertEquals(5, queries.size(), queries.toString());
    assertTrue(queries.stream().allMatch(call -> RecordingMongo.byId(call.getJsonObject("query"))), "only the version,"
        + " by key, while nothing changed: " + queries);
  }

  @Test
  @DisplayName("a province or focus area that names nothing known is a clear 400, not an empty page")
  void unknownFilters() {
    DirectoryService directory = new DirectoryService(new OrganisationRepository(db.mongo()));
    ForumException province = org.junit.jupiter.api.Assertions.assertThrows(ForumException.class,
        () -> directory.search(null, "Atlantis", null, null, null, 1, 10));
    assertEquals(400, province.status());
    ForumException focus = org.junit.jupiter.api.Assertions.assertThrows(ForumException.class,
        () -> directory.search(null, null, "knitting", null, null, 1, 10));
    assertFalse(focus.getMessage().isBlank());
  }

  private static List<String> slugs(DirectoryService directory, String q, String province, String focus,
      String sort) {
    return slugs(directory, q, province, focus, sort, null);
  }

  private static List<String> slugs(DirectoryService directory, String q, String province, String focus,
      String sort, Boolean verified) {
    return await(directory.search(q, province, focus, verified, sort, 1, 50)).organisations().stream()
        .map(Organisation::slug).toList();
  }

  private static int count(JsonArray rows, String code) {
    return rows.stream().map(JsonObject.class::cast).filter(row -> code.equals(row.getString("code")))
        .mapToInt(row -> row.getInteger("count")).findFirst().orElse(0);
  }

  private static Organisation org(String slug, String name, String province, List<String> focus, int day) {
    return Organisation.registered(slug, new OrganisationProfile(new JsonObject().put("vi", name).put("en", ""),
        null, province, focus, null, new JsonObject().put("vi", "").put("en", ""), null, null, null),
        T0.plusSeconds(86_400L * day), "founder");
  }
}
