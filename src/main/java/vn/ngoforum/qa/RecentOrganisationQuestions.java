package vn.ngoforum.qa;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link OrganisationQuestions} from the questions asked on behalf of an organisation: only public questions
 * (approved, highlighted or answered), never anonymous ones, and only in public sessions.
 */
final class RecentOrganisationQuestions implements OrganisationQuestions {

  private static final int MAX_LIMIT = 50;

  private final MongoClient mongo;

  RecentOrganisationQuestions(MongoClient mongo) {
    this.mongo = mongo;
  }

  @Override
  public Future<List<JsonObject>> recentFor(String slug, int limit) {
    int wanted = Math.max(0, Math.min(limit, MAX_LIMIT));
    if (slug == null || wanted == 0) {
      return Future.succeededFuture(List.of());
    }
    JsonObject query = new JsonObject()
        .put("organisationSlug", slug)
        .put("onBehalf", true)
        .put("anonymous", false)
        .put("status", new JsonObject().put("$in", new JsonArray(List.copyOf(Question.PUBLIC))));
    // Read a few more than asked: some may sit in members-only sessions and are left out.
    return mongo.findWithOptions(QuestionRepository.QUESTIONS, query, new FindOptions()
            .setSort(new JsonObject().put("createdAt", -1)).setLimit(wanted * 3))
        .compose(docs -> {
          Set<String> sessionIds = docs.stream().map(doc -> doc.getString("sessionId")).collect(Collectors.toSet());
          if (sessionIds.isEmpty()) {
            return Future.succeededFuture(List.<JsonObject>of());
          }
          return mongo.find(EventRepository.SESSIONS, new JsonObject()
                  .put("_id", new JsonObject().put("$in", new JsonArray(List.copyOf(sessionIds))))
                  .put("visibility", new JsonObject().put("$ne", "members")))
              .map(sessions -> {
                Set<String> open = sessions.stream().map(s -> s.getString("_id")).collect(Collectors.toSet());
                return docs.stream().filter(doc -> open.contains(doc.getString("sessionId"))).limit(wanted)
                    .map(RecentOrganisationQuestions::view).toList();
              });
        });
  }

  private static JsonObject view(JsonObject doc) {
    Object created = doc.getValue("createdAt");
    String at = created instanceof JsonObject date ? date.getString("$date") : String.valueOf(created);
    String sessionId = doc.getString("sessionId");
    String id = doc.getString("_id");
    return new JsonObject().put("sessionId", sessionId).put("questionId", id).put("text", doc.getString("text"))
        .put("url", "/qa/" + sessionId + "#q-" + id).put("at", at);
  }
}
