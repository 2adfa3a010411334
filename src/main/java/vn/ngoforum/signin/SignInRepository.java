package vn.ngoforum.signin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.List;

/**
 * The {@code signins} collection: which forum session belongs to which Keycloak session ({@code sid}), so that a
 * back-channel logout from Keycloak (an admin ending a person's sessions, a sign-out elsewhere) ends the forum
 * session too, on whichever node holds it.
 */
record SignInRepository(MongoClient mongo) {

  static final String SIGNINS = "signins";

  Future<Void> record(String forumSessionId, String keycloakSessionId, String userId) {
    return mongo.save(SIGNINS, new JsonObject()
        .put("_id", forumSessionId)
        .put("sid", keycloakSessionId)
        .put("userId", userId)
        .put("at", new JsonObject().put("$date", Instant.now().toString()))).mapEmpty();
  }

  /** The forum sessions opened under Keycloak session {@code sid}. */
  Future<List<String>> forumSessionsOf(String keycloakSessionId) {
    return mongo.find(SIGNINS, new JsonObject().put("sid", keycloakSessionId))
        .map(docs -> docs.stream().map(doc -> doc.getString("_id")).toList());
  }

  Future<Void> forgetSession(String forumSessionId) {
    return mongo.removeDocuments(SIGNINS, new JsonObject().put("_id", forumSessionId)).mapEmpty();
  }

  Future<Void> forgetKeycloakSession(String keycloakSessionId) {
    return mongo.removeDocuments(SIGNINS, new JsonObject().put("sid", keycloakSessionId)).mapEmpty();
  }

  Future<Void> createIndexes() {
    return mongo.createIndex(SIGNINS, new JsonObject().put("sid", 1));
  }
}
