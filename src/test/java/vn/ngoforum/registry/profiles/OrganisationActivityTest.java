package vn.ngoforum.registry.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.ngoforum.consultations.OrganisationConsultations;
import vn.ngoforum.forum.OrganisationThreads;
import vn.ngoforum.qa.OrganisationQuestions;

/** The profile's recent activity, asked of stand-ins for the forum and Q&A through their public interfaces. */
class OrganisationActivityTest {

  @Test
  @DisplayName("the profile lists what the forum and Q&A say the organisation posted and asked, newest five each")
  void listsBoth() throws Exception {
    List<String> asked = new ArrayList<>();
    OrganisationThreads threads = (slug, limit) -> {
      asked.add("threads:" + slug + ":" + limit);
      List<JsonObject> items = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        items.add(new JsonObject().put("threadId", "t" + i).put("title", "Tê giác " + i).put("url", "/t/t" + i)
            .put("excerpt", "Sừng tê giác …").put("at", "2026-11-2" + i % 10 + "T08:00:00Z"));
      }
      return Future.succeededFuture(items);
    };
    OrganisationQuestions questions = (slug, limit) -> {
      asked.add("questions:" + slug + ":" + limit);
      return Future.succeededFuture(List.of(new JsonObject().put("sessionId", "s1").put("questionId", "q1")
          .put("text", "Xử phạt buôn bán tê tê?").put("url", "/qa/s1#q-q1").put("at", "2026-11-29T01:00:00Z")));
    };
    JsonObject recent = await(new OrganisationActivity(threads, questions).of("svw"));
    assertEquals(List.of("threads:svw:5", "questions:svw:5"), asked);
    assertEquals(5, recent.getJsonArray("threads").size(), "at most five");
    assertEquals("Tê giác 0", recent.getJsonArray("threads").getJsonObject(0).getString("title"), "in their order");
    assertEquals("/qa/s1#q-q1", recent.getJsonArray("questions").getJsonObject(0).getString("url"));
  }

  @Test
  @DisplayName("a feature that fails leaves only its own section empty; links that leave the forum are dropped")
  void failuresAndUnsafeLinks() throws Exception {
    OrganisationThreads failing = (slug, limit) -> Future.failedFuture(new IllegalStateException("forum down"));
    OrganisationQuestions odd = (slug, limit) -> Future.succeededFuture(List.of(
        new JsonObject().put("text", "a").put("url", "javascript:alert(1)"),
        new JsonObject().put("text", "b").put("url", "//evil.example/x"),
        new JsonObject().put("text", "c").put("url", "https://evil.example/x"),
        new JsonObject().put("url", "/qa/s1"),
        new JsonObject().put("text", "kept").put("url", "/qa/s2").put("at", "not a time")));
    JsonObject recent = await(new OrganisationActivity(failing, odd).of("svw"));
    assertEquals(new JsonArray(), recent.getJsonArray("threads"));
    assertEquals(1, recent.getJsonArray("questions").size(), recent.encode());
    JsonObject kept = recent.getJsonArray("questions").getJsonObject(0);
    assertEquals("kept", kept.getString("text"));
    assertTrue(!kept.containsKey("at"), "a time that is not one is left out rather than breaking the page");

    OrganisationThreads throwing = (slug, limit) -> {
      throw new IllegalStateException("bug");
    };
    JsonObject none = await(new OrganisationActivity(throwing, OrganisationQuestions.NONE).of("svw"));
    assertEquals(empty(), none);
  }

  @Test
  @DisplayName("the consultations an organisation took part in are listed with their bilingual titles; items"
      + " without a title or kind, or with a link off the forum, are dropped")
  void consultations() throws Exception {
    JsonObject title = new JsonObject().put("vi", "Dự thảo").put("en", "Draft");
    OrganisationConsultations consultations = (slug, limit) -> Future.succeededFuture(List.of(
        new JsonObject().put("kind", "signature").put("title", title).put("url", "/consultations/c1/statement")
            .put("at", "2026-12-01T01:00:00Z"),
        new JsonObject().put("kind", "comment").put("title", "not bilingual").put("url", "/consultations/c1"),
        new JsonObject().put("title", title).put("url", "/consultations/c1"),
        new JsonObject().put("kind", "comment").put("title", title).put("url", "javascript:alert(1)")));
    JsonArray listed = await(new OrganisationActivity(OrganisationThreads.NONE, OrganisationQuestions.NONE,
        consultations).of("svw")).getJsonArray("consultations");
    assertEquals(1, listed.size(), listed.encode());
    assertEquals("/consultations/c1/statement", listed.getJsonObject(0).getString("url"));
    OrganisationConsultations failing = (slug, limit) -> Future.failedFuture(new IllegalStateException("down"));
    assertEquals(empty(), await(new OrganisationActivity(OrganisationThreads.NONE, OrganisationQuestions.NONE,
        failing).of("svw")));
  }

  private static JsonObject empty() {
    return new JsonObject().put("threads", new JsonArray()).put("questions", new JsonArray())
        .put("consultations", new JsonArray());
  }

  @Test
  @DisplayName("while no feature provides anything, every section is empty")
  void none() throws Exception {
    assertEquals(empty(), await(OrganisationActivity.none().of("svw")));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
