package vn.ngoforum.qa.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;
import vn.ngoforum.db.Keys;

/**
 * Which sites may frame each session's attendee page ({@link Embedding}): {@code session_embeds}, one document
 * {@code {_id: sessionId, origins}} per session that allows any, read by the session's id.
 */
public record EmbedRepository(MongoClient mongo) {

  static final String EMBEDS = "session_embeds";

  /** The origins allowed to frame the session's attendee page (none: empty). */
  public Future<List<String>> origins(String sessionId) {
    return mongo.findOne(EMBEDS, Keys.id(sessionId), null).map(doc -> doc == null ? List.of()
        : doc.getJsonArray("origins", new JsonArray()).stream().map(String::valueOf).toList());
  }

  /** Replaces the session's allowed origins. */
  public Future<Void> set(String sessionId, List<String> origins) {
    return mongo.updateCollectionWithOptions(EMBEDS, Keys.id(sessionId),
        new JsonObject().put("$set", new JsonObject().put("origins", new JsonArray(origins))),
        new UpdateOptions().setUpsert(true)).mapEmpty();
  }
}
