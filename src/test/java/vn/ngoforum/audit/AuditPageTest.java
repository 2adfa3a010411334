package vn.ngoforum.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.ngoforum.support.ForumUnderTest.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.db.Dates;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.People;
import vn.ngoforum.support.RecordingMongo;
import vn.ngoforum.support.TestForum;

/**
 * The forum admins' audit log page and API (issue 18, point 6): newest first, filtered by who, what and when, paged,
 * read by key from numbered entries; entries written before the numbers are numbered at start-up.
 */
class AuditPageTest {

  private static final Instant OLD = Instant.parse("2025-03-01T03:00:00Z");
  private static final String OLD_ACTION = "old.thing";

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("audit-page", AuditPageTest::storeOldEntries);

  /** Three entries as the forum wrote them before entry numbers: on 1, 2 and 3 March 2025. */
  private static void storeOldEntries(MongoClient mongo) {
    for (int day = 0; day < 3; day++) {
      await(mongo.insert("audit", new JsonObject().put("at", Dates.of(OLD.plus(Duration.ofDays(day))))
          .put("actor", new JsonObject().put("id", "old-admin").put("username", "old-admin").put("name", "Old"))
          .put("action", OLD_ACTION).put("target", new JsonObject().put("type", "thing").put("id", "t" + day))));
    }
  }

  @Test
  @DisplayName("only forum admins read the audit log: 401 without a sign-in, 403 for a member or moderator")
  void adminsOnly() {
    assertEquals(401, forum.api().get("/api/v1/audit").status());
    assertEquals(403, forum.as(People.token("member")).get("/api/v1/audit").status());
    assertEquals(403, forum.as(People.token("moderator")).get("/api/v1/audit").status());
    assertEquals(403, Browser.signedIn(forum.base(), "member").get(forum.base() + "/admin/audit").status());
    assertEquals(200, Browser.signedIn(forum.base(), "admin").get(forum.base() + "/admin/audit").status());
    assertEquals(400, admin().get("/api/v1/audit?from=yesterday").status());
    assertEquals(400, admin().get("/api/v1/audit?before=x").status());
  }

  @Test
  @DisplayName("the log pages newest first through every entry of an action, filtered by who, what and when")
  void filtersAndPages() {
    String action = "test.w" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    AuditLog log = new AuditLog(forum.mongo());
    CurrentUser lan = person("lan", "Lan Phạm");
    CurrentUser minh = person("minh", "Minh Trần");
    for (int i = 0; i < 120; i++) {
      await(log.record(i % 3 == 0 ? lan : minh, action + (i % 2 == 0 ? ".even" : ".odd"), "thing", "n" + i,
          "reason " + i, null));
    }
    List<String> all = new ArrayList<>();
    String next = "";
    int pages = 0;
    while (next != null) {
      JsonObject page = Api.expect(200, admin().get("/api/v1/audit?what=" + action + next));
      page.getJsonArray("entries").forEach(entry -> all.add(((JsonObject) entry).getJsonObject("target")
          .getString("id")));
      next = page.getValue("next") == null ? null : "&before=" + page.getLong("next");
      pages++;
    }
    assertEquals(3, pages, "50 + 50 + 20");
    List<String> expected = new ArrayList<>();
    for (int i = 119; i >= 0; i--) {
      expected.add("n" + i);
    }
    assertEquals(expected, all, "newest first, each once");

    List<String> even = ids("what=" + action + ".even", 100);
    assertEquals(50, even.size(), "a page of the 60");
    assertTrue(even.stream().allMatch(id -> Integer.parseInt(id.substring(1)) % 2 == 0), even.toString());
    List<String> lans = ids("what=" + action + "&who=LAN", 100);
    assertEquals(40, lans.size());
    assertTrue(lans.stream().allMatch(id -> Integer.parseInt(id.substring(1)) % 3 == 0), lans.toString());
    assertEquals(40, ids("what=" + action + "&who=" + encode("Lan Phạm"), 100).size(), "by name too");
    String today = LocalDate.now(vn.ngoforum.web.I18n.FORUM_ZONE).toString();
    String yesterday = LocalDate.now(vn.ngoforum.web.I18n.FORUM_ZONE).minusDays(1).toString();
    String tomorrow = LocalDate.now(vn.ngoforum.web.I18n.FORUM_ZONE).plusDays(1).toString();
    assertEquals(50, ids("what=" + action + "&from=" + today + "&until=" + today, 100).size(), "one page");
    assertEquals(List.of(), ids("what=" + action + "&until=" + yesterday, 100));
    assertEquals(List.of(), ids("what=" + action + "&from=" + tomorrow, 100));

    Page page = Browser.signedIn(forum.base(), "admin").get(forum.base() + "/admin/audit?what=" + action
        + "&who=minh");
    assertEquals(200, page.status());
    assertTrue(page.body().contains("reason 119"), "the newest of Minh's first");
    assertFalse(page.body().contains("reason 117"), "none of Lan's");
    assertTrue(page.body().contains("Các mục cũ hơn"), "a link to older entries");
  }

  @Test
  @DisplayName("entries written before the numbers are numbered at start-up, once, and listed after the new ones in"
      + " the order written; the page reads entries, days and counters by key only")
  void olderEntriesAndKeyedReads() {
    assertTrue(Eventually.holds(() -> ids("what=" + OLD_ACTION, 10).size() >= 3, Duration.ofSeconds(20)),
        "the older entries were numbered within 20 s");
    assertEquals(List.of("t2", "t1", "t0"), ids("what=" + OLD_ACTION, 10));
    assertEquals(List.of("t1"), ids("what=" + OLD_ACTION + "&from=2025-03-02&until=2025-03-02", 10));
    assertEquals(List.of("t1", "t0"), ids("what=" + OLD_ACTION + "&until=2025-03-02", 10));
    assertEquals(0, await(new AuditLog(forum.mongo()).numberOlderEntries()), "run again, it does nothing");
    assertEquals(List.of("t2", "t1", "t0"), ids("what=" + OLD_ACTION, 10));

    List<JsonObject> queries = new ArrayList<>();
    AuditLog recorded = new AuditLog(RecordingMongo.recording(forum.mongo(), queries));
    await(recorded.record(person("lan", "Lan"), "test.keyed", "thing", "k", null, null));
    assertEquals(1, await(recorded.page(new AuditLog.Query(null, "test.keyed", null,
        LocalDate.now(vn.ngoforum.web.I18n.FORUM_ZONE), null), 10)).entries().size());
    assertEquals(3, await(recorded.page(new AuditLog.Query("old-admin", null, null, null, null), 10)).entries()
        .size());
    assertTrue(queries.size() >= 5, queries.toString());
    assertEquals(List.of(), queries.stream().filter(call -> !byKey(call.getJsonObject("query"))).toList(),
        "queries not on a unique key");
  }

  /** By {@code _id}, or by the entries' unique {@code seq} ({@code $in}). */
  private static boolean byKey(JsonObject query) {
    if (RecordingMongo.byId(query)) {
      return true;
    }
    return query.fieldNames().equals(Set.of("seq")) && query.getValue("seq") instanceof JsonObject in
        && in.fieldNames().equals(Set.of("$in"));
  }

  private static List<String> ids(String filters, int limit) {
    JsonArray entries = Api.expect(200, admin().get("/api/v1/audit?" + filters)).getJsonArray("entries");
    return entries.stream().map(JsonObject.class::cast).map(entry -> entry.getJsonObject("target").getString("id"))
        .limit(limit).toList();
  }

  private static Api admin() {
    return forum.as(People.token("admin"));
  }

  private static CurrentUser person(String username, String name) {
    return new CurrentUser("id-" + username, username, name, null, "vi", Set.of(Role.ADMIN));
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }
}
