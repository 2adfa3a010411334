package vn.ngoforum.forum.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.ngoforum.support.ForumUnderTest.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.support.RecordingMongo;
import vn.ngoforum.support.TestForum;

/**
 * Mentions find people by key ({@link PeopleRepository#byUsernames}): the same people as the old {@code username
 * $in} filter, after people are remembered, renamed and remembered again, and in a forum upgraded from before the
 * keys (people stored the old way get their keys at start-up, once).
 */
class MentionKeysTest {

  private static final List<String> OLD = List.of("old.lan", "old.minh", "old.hoa", "old.tuan");

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-mention-keys", MentionKeysTest::storeOldPeople);

  /** People as the forum stored them before the keys: no {@code forum_usernames}. One has no username. */
  private static void storeOldPeople(MongoClient mongo) {
    for (String username : OLD) {
      await(mongo.insert(PeopleRepository.PEOPLE, new JsonObject().put("_id", "id-" + username)
          .put("username", username).put("name", "Name " + username).put("email", username + "@example.org")
          .put("roles", new JsonArray().add("member")).put("rolesAt", new JsonObject().put("$date",
              "2026-01-01T00:00:00Z")).put("firstSeenAt", new JsonObject().put("$date", "2026-01-01T00:00:00Z"))));
    }
    await(mongo.insert(PeopleRepository.PEOPLE, new JsonObject().put("_id", "id-nameless").put("name", "No name")));
  }

  @Test
  @DisplayName("an upgraded forum keys its old people by username at start-up, once; mentions find the same people")
  void oldPeopleGetKeys() {
    MongoClient mongo = forum.mongo();
    awaitMigration();
    for (String username : OLD) {
      JsonObject key = await(mongo.findOne(PeopleRepository.USERNAMES, new JsonObject().put("_id", username), null));
      assertNotNull(key, username);
      assertEquals("id-" + username, key.getString("userId"));
    }
    PeopleRepository people = new PeopleRepository(mongo);
    List<String> asked = List.of("old.minh", "nobody", "old.lan", "old.tuan");
    assertEquals(ids(oldQuery(mongo, asked)), ids(await(people.byUsernames(asked))));
    assertEquals(3, await(people.byUsernames(asked)).size());

    List<JsonObject> before = keys(mongo);
    await(people.migrate());
    await(new PeopleRepository(mongo).migrate());
    assertEquals(before, keys(mongo), "running the migration again changes nothing");
  }

  @Test
  @DisplayName("after people are remembered, renamed and remembered again, mentions find by key what the old filter"
      + " found")
  void sameAnswersAfterWrites() {
    MongoClient mongo = forum.mongo();
    awaitMigration();
    List<JsonObject> queries = new ArrayList<>();
    PeopleRepository people = new PeopleRepository(RecordingMongo.recording(mongo, queries));
    List<String> names = new ArrayList<>(OLD);
    for (int i = 0; i < 6; i++) {
      String username = "new.person" + i;
      names.add(username);
      await(people.remember(user("id-new" + i, username)));
    }
    await(people.remember(user("id-old.hoa", "old.hoa")));
    await(people.remember(user("id-new2", "renamed.person2")));
    names.add("renamed.person2");
    names.add("nobody");

    for (int from = 0; from < names.size(); from += 3) {
      List<String> asked = names.subList(from, Math.min(names.size(), from + 5));
      assertEquals(ids(oldQuery(mongo, asked)), ids(await(people.byUsernames(asked))), asked.toString());
    }
    assertEquals(List.of(), ids(await(people.byUsernames(List.of("new.person2")))), "the old name finds nobody");
    assertEquals(List.of("id-new2"), ids(await(people.byUsernames(List.of("renamed.person2")))));
    assertEquals(names.size() - 2, await(people.byUsernames(names)).size(), "all but the old name and nobody");

    List<JsonObject> reads = queries.stream().filter(call -> !call.getString("method").startsWith("update"))
        .toList();
    assertTrue(reads.size() > 5, reads.toString());
    assertEquals(List.of(), reads.stream().filter(call -> !RecordingMongo.byId(call.getJsonObject("query"))).toList(),
        "reads not on a unique key");
  }

  private static CurrentUser user(String id, String username) {
    return new CurrentUser(id, username, "Name " + username, username + "@example.org", "vi", Set.of(Role.MEMBER));
  }

  /** What {@code byUsernames} answered before the keys. */
  private static List<KnownPerson> oldQuery(MongoClient mongo, List<String> usernames) {
    return await(mongo.find(PeopleRepository.PEOPLE, new JsonObject().put("username", new JsonObject()
        .put("$in", new JsonArray(usernames))))).stream().map(doc -> new KnownPerson(doc.getString("_id"),
            doc.getString("username"), null, null, List.of(), null, null, null)).toList();
  }

  private static List<String> ids(List<KnownPerson> people) {
    return people.stream().map(KnownPerson::id).sorted().toList();
  }

  private static List<JsonObject> keys(MongoClient mongo) {
    return await(mongo.findWithOptions(PeopleRepository.USERNAMES, new JsonObject(),
        new FindOptions().setSort(new JsonObject().put("_id", 1)))).stream()
        .sorted(Comparator.comparing(doc -> doc.getString("_id"))).toList();
  }

  private static void awaitMigration() {
    forum.awaitDocument(PeopleRepository.MIGRATIONS, PeopleRepository.USERNAMES_MIGRATION);
  }


}
