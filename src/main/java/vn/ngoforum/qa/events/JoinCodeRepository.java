package vn.ngoforum.qa.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import vn.ngoforum.db.Dates;

/**
 * The {@code join_codes} collection: one document per join code, {@code {_id: code, sessionId, at}}. The code is the
 * document's {@code _id}, so finding a session by the code people type is a read by key, and two sessions can never
 * hold the same code (the second insert fails on the key).
 */
public record JoinCodeRepository(MongoClient mongo) {

  static final String JOIN_CODES = "join_codes";

  /** Reserves {@code code} for the session; fails with a duplicate key (11000) when the code is taken. */
  Future<Void> reserve(String code, String sessionId) {
    return mongo.insert(JOIN_CODES, new JsonObject().put("_id", code).put("sessionId", sessionId)
        .put("at", Dates.of(Stamps.now()))).mapEmpty();
  }

  /** Removes {@code code} (its session is gone). */
  Future<Void> release(String code) {
    return mongo.removeDocument(JOIN_CODES, new JsonObject().put("_id", code)).mapEmpty();
  }

  /** The id of the session that holds {@code code}, or {@code null}. */
  Future<String> sessionOf(String code) {
    return mongo.findOne(JOIN_CODES, new JsonObject().put("_id", code), null)
        .map(doc -> doc == null ? null : doc.getString("sessionId"));
  }
}
