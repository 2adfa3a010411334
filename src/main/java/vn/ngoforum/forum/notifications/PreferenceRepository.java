package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Keys;
import vn.ngoforum.forum.notifications.Preferences.Channel;
import vn.ngoforum.forum.notifications.Preferences.Topic;

/**
 * {@code notification_preferences}: one document per person who chose how to hear of something ({@code {_id: userId,
 * topics: {replies: "digest", ...}, at}}), read by key: one person by {@code _id}, the people a post concerns by
 * {@code _id $in}. Someone with no document has the defaults ({@link Preferences}), so nothing needs migrating.
 */
public final class PreferenceRepository {

  static final String PREFERENCES = "notification_preferences";
  private static final JsonObject TOPICS = new JsonObject().put("topics", 1);

  private final MongoClient mongo;

  public PreferenceRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** The person's preferences (the defaults when they chose nothing). */
  Future<Preferences> of(String userId) {
    return mongo.findOne(PREFERENCES, Keys.id(userId), TOPICS).map(PreferenceRepository::preferences);
  }

  /** Each person's preferences, those who chose nothing absent (one read by {@code _id $in}). */
  Future<Map<String, Preferences>> of(Collection<String> userIds) {
    return Keys.findAll(mongo, PREFERENCES, userIds, TOPICS).map(docs -> {
      Map<String, Preferences> found = new HashMap<>();
      docs.forEach(doc -> found.put(doc.getString("_id"), preferences(doc)));
      return found;
    });
  }

  /** Sets the channels of {@code changes} (the other topics stay as they were); answers the preferences after. */
  Future<Preferences> change(String userId, Map<Topic, Channel> changes) {
    JsonObject set = new JsonObject().put("at", Dates.of(Instant.now()));
    changes.forEach((topic, channel) -> set.put("topics." + topic.code(), channel.code()));
    return mongo.findOneAndUpdateWithOptions(PREFERENCES, Keys.id(userId), new JsonObject().put("$set", set),
            new FindOptions().setFields(TOPICS), new UpdateOptions().setUpsert(true).setReturningNewDocument(true))
        .map(PreferenceRepository::preferences);
  }

  private static Preferences preferences(JsonObject doc) {
    return doc == null ? Preferences.DEFAULTS : Preferences.from(doc.getJsonObject("topics"));
  }
}
