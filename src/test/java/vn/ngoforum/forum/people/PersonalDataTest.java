package vn.ngoforum.forum.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.consultations.amendments.AmendmentRepository;
import vn.ngoforum.consultations.documents.ConsultationRepository;
import vn.ngoforum.consultations.documents.WritingsRepository;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.Places;
import vn.ngoforum.support.TestForum;

/** Issue 18, point 7: a person downloads what the forum holds about them. */
class PersonalDataTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-personal-data");

  @Test
  @DisplayName("a person's data file holds their account, their threads and posts with what they wrote, their"
      + " preferences and watches, and nothing of someone else's")
  void download() {
    String title = "Dữ liệu của tôi " + System.nanoTime();
    String mine = "Bài của tôi về tê giác " + System.nanoTime();
    String theirs = "Bài của người khác " + System.nanoTime();
    People.Person person = People.person("member");
    People.Person other = People.person("member");
    String thread = Api.expect(201, forum.as(person.token()).post("/api/v1/threads", new JsonObject()
        .put("category", "field-reports").put("title", title).put("body", mine))).getString("id");
    Api.expect(201, forum.as(other.token()).post("/api/v1/threads/" + thread + "/posts",
        new JsonObject().put("body", theirs)));
    String reply = "Trả lời thêm " + System.nanoTime();
    Api.expect(201, forum.as(person.token()).post("/api/v1/threads/" + thread + "/posts",
        new JsonObject().put("body", reply)));
    Api.expect(200, forum.as(person.token()).patch("/api/v1/notifications/settings",
        new JsonObject().put("topics", new JsonObject().put("replies", "digest"))));
    Api.expect(200, forum.as(person.token()).post("/api/v1/watch", new JsonObject().put("category", "policy-and-law")));

    Page answer = forum.as(person.token()).get("/api/v1/me/data");
    assertEquals(200, answer.status(), answer.body());
    assertTrue(answer.header("content-disposition").orElse("").startsWith("attachment; filename=\"ngo-forum-data-"),
        "a file: " + answer.header("content-disposition"));
    JsonObject data = new JsonObject(answer.body());
    assertEquals(person.username(), data.getJsonObject("account").getString("username"));
    assertEquals(person.username() + "@example.org", data.getJsonObject("account").getString("email"));
    assertTrue(data.getJsonObject("account").getJsonArray("roles").contains("member"));
    List<String> texts = data.getJsonArray("posts").stream().map(JsonObject.class::cast)
        .map(post -> post.getString("text")).toList();
    assertEquals(List.of(mine, reply), texts, "their posts, oldest first: " + data.encodePrettily());
    assertFalse(answer.body().contains(theirs), "someone else's post");
    JsonObject first = data.getJsonArray("posts").getJsonObject(0);
    assertEquals(thread, first.getString("threadId"));
    assertTrue(first.getString("url").startsWith("/t/" + thread), first.encode());
    assertEquals(new JsonArray().add(new JsonObject().put("id", thread).put("title", title).put("url", "/t/" + thread)),
        data.getJsonArray("threads"));
    assertEquals("digest", data.getJsonObject("preferences").getString("replies"));
    List<JsonObject> watches = data.getJsonArray("watches").stream().map(JsonObject.class::cast).toList();
    assertTrue(watches.contains(new JsonObject().put("kind", "thread").put("id", thread)), "the author's own thread");
    assertTrue(watches.contains(new JsonObject().put("kind", "category").put("id", "policy-and-law")), "" + watches);
    assertTrue(data.getJsonArray("notifications").stream().map(JsonObject.class::cast)
        .anyMatch(notice -> "reply".equals(notice.getString("kind"))), "the reply they were told of: " + data.encode());

    JsonObject others = Api.json(forum.as(other.token()).get("/api/v1/me/data"));
    assertEquals(List.of(theirs), others.getJsonArray("posts").stream().map(JsonObject.class::cast)
        .map(post -> post.getString("text")).toList());
  }

  @Test
  @DisplayName("the data file holds the texts of the person's Q&A questions (anonymous and waiting ones too), their"
      + " consultation comments and amendments, and nothing of someone else's")
  void writtenElsewhere() {
    Api moderator = forum.as(People.token("moderator"));
    String session = Places.session(moderator, "pre");
    String unique = Long.toString(System.nanoTime(), 36);
    People.Person person = People.person("member");
    People.Person other = People.person("member");
    String asked = "Câu hỏi của tôi " + unique;
    String askedAnonymously = "Câu hỏi ẩn danh " + unique;
    String theirQuestion = "Câu hỏi của người khác " + unique;
    String questions = "/api/v1/sessions/" + session + "/questions";
    String first = Api.expect(201, forum.as(person.token()).post(questions,
        new JsonObject().put("text", asked).put("anonymous", false))).getString("id");
    Api.expect(201, forum.as(person.token()).post(questions,
        new JsonObject().put("text", askedAnonymously).put("anonymous", true)));
    Api.expect(201, forum.as(other.token()).post(questions,
        new JsonObject().put("text", theirQuestion).put("anonymous", false)));
    String consultation = Places.openConsultation(moderator);
    String clause = "/api/v1/consultations/" + consultation + "/clauses/d2-k1/";
    String comment = "Góp ý của tôi " + unique;
    String justification = "Lý do của tôi " + unique;
    Api.expect(201, forum.as(person.token()).post(clause + "comments", new JsonObject().put("body", comment)));
    Api.expect(201, forum.as(other.token()).post(clause + "comments",
        new JsonObject().put("body", "Góp ý của người khác " + unique)));
    Api.expect(201, forum.as(person.token()).post(clause + "amendments", new JsonObject().put("kind", "replace")
        .put("text", "Lời văn mới " + unique).put("justification", justification)));

    Page answer = forum.as(person.token()).get("/api/v1/me/data");
    assertEquals(200, answer.status(), answer.body());
    JsonObject data = new JsonObject(answer.body());
    List<JsonObject> mine = data.getJsonArray("questions").stream().map(JsonObject.class::cast).toList();
    assertEquals(List.of(askedAnonymously, asked), mine.stream().map(q -> q.getString("text")).toList(),
        "their questions, newest first, waiting for review: " + data.encodePrettily());
    JsonObject named = mine.get(1);
    assertEquals(first, named.getString("id"));
    assertEquals("/qa/" + session, named.getString("url"));
    assertEquals("pending", named.getString("status"));
    assertTrue(mine.get(0).getBoolean("anonymous"));
    List<JsonObject> comments = data.getJsonArray("consultationComments").stream().map(JsonObject.class::cast)
        .toList();
    assertEquals(List.of(comment), comments.stream().map(c -> c.getString("body")).toList());
    assertEquals("/consultations/" + consultation + "#clause-d2-k1", comments.get(0).getString("url"));
    List<JsonObject> amendments = data.getJsonArray("amendments").stream().map(JsonObject.class::cast).toList();
    assertEquals(List.of(justification), amendments.stream().map(a -> a.getString("justification")).toList());
    assertEquals("Lời văn mới " + unique, amendments.get(0).getString("text"));
    assertFalse(answer.body().contains(theirQuestion), "someone else's question");
    assertFalse(answer.body().contains("Góp ý của người khác"), "someone else's comment");
  }

  @Test
  @DisplayName("in a forum upgraded from before people's lists of what they wrote, the start-up migration lists their"
      + " consultation comments and amendments, and running it again changes nothing")
  void upgradedForum() {
    String consultation = Places.openConsultation(forum.as(People.token("moderator")));
    People.Person person = People.person("member");
    String userId = Api.json(forum.as(person.token()).get("/api/v1/me")).getString("id");
    String clause = "/api/v1/consultations/" + consultation + "/clauses/d2-k1/";
    String comment = "Góp ý cũ " + System.nanoTime();
    Api.expect(201, forum.as(person.token()).post(clause + "comments", new JsonObject().put("body", comment)));
    Api.expect(201, forum.as(person.token()).post(clause + "amendments", new JsonObject().put("kind", "delete")
        .put("justification", "Lý do cũ")));
    MongoClient mongo = forum.mongo();
    // As a former version left them: no list of what the person wrote, no mark of the migration.
    ForumUnderTest.await(mongo.removeDocument("consultation_writings", new JsonObject().put("_id", userId)));
    ForumUnderTest.await(mongo.removeDocuments("consultation_migrations", new JsonObject()));
    assertTrue(Api.json(forum.as(person.token()).get("/api/v1/me/data")).getJsonArray("consultationComments")
        .isEmpty(), "not listed before the migration");

    migrateWritings(mongo);
    JsonObject data = Api.json(forum.as(person.token()).get("/api/v1/me/data"));
    assertEquals(List.of(comment), data.getJsonArray("consultationComments").stream().map(JsonObject.class::cast)
        .map(c -> c.getString("body")).toList());
    assertEquals(List.of("Lý do cũ"), data.getJsonArray("amendments").stream().map(JsonObject.class::cast)
        .map(a -> a.getString("justification")).toList());
    JsonObject listed = ForumUnderTest.await(mongo.findOne("consultation_writings",
        new JsonObject().put("_id", userId), null));
    ForumUnderTest.await(mongo.removeDocuments("consultation_migrations", new JsonObject()));
    migrateWritings(mongo);
    assertEquals(listed, ForumUnderTest.await(mongo.findOne("consultation_writings",
        new JsonObject().put("_id", userId), null)), "the same list after a second run");
  }

  private static void migrateWritings(MongoClient mongo) {
    ForumUnderTest.await(new WritingsRepository(mongo).migrate(new ConsultationRepository(mongo)::commentAuthors,
        new AmendmentRepository(mongo)::authors));
  }

  @Test
  @DisplayName("a guest gets 401; a signed-in person finds the download on their own profile")
  void guestAndLink() {
    assertEquals(401, forum.api().get("/api/v1/me/data").status());
    People.Person person = People.person("member");
    Api.expect(201, forum.as(person.token()).post("/api/v1/threads", new JsonObject()
        .put("category", "field-reports").put("title", "Hồ sơ " + System.nanoTime()).put("body", "Xin chào.")));
    Browser browser = Browser.signedIn(forum.base(), person.username());
    Page own = browser.get(forum.base() + "/u/" + person.username());
    assertTrue(own.body().contains("href=\"/api/v1/me/data\""), own.body());
    Page file = browser.get(forum.base() + "/api/v1/me/data");
    assertEquals(200, file.status());
    assertEquals(person.username(), new JsonObject(file.body()).getJsonObject("account").getString("username"));
  }
}
