package vn.ngoforum.consultations.recognition;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Marker;

/**
 * What each organisation took part in, one small document per organisation read by {@code _id}:
 * {@code consultation_activity}: {@code {_id: slug, items:{key: {kind, consultation, title:{vi,en}, visibility,
 * clause, amendment, at}}}}, keyed so that writing the same fact twice changes nothing: {@code c:{consultation}} (its
 * members' newest comment there), {@code e:{amendment}} (an endorsement), {@code s:{consultation}} (a signature,
 * unset when withdrawn). At most {@value #KEPT} items are kept, the oldest forgotten first.
 *
 * <p>{@link #scan} reads the comments, endorsements, signatures and consultations stored before this read model
 * existed: the start-up migration's only reads that are not by key, done once ({@link #built}).
 */
public final class ParticipationRepository {

  static final String ACTIVITY = "consultation_activity";
  static final String MIGRATIONS = "consultation_migrations";
  static final String BUILT = "activity";
  /** Items kept per organisation: its profile shows the newest few. */
  static final int KEPT = 30;

  private final MongoClient mongo;
  /** Set once the migration has filled the read model from what was stored before it. */
  private final Marker built = new Marker(MIGRATIONS, BUILT);

  public ParticipationRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  /**
   * Sets the organisation's items ({@code {key: item}}, each item's {@code at} an ISO-8601 instant), then forgets
   * its oldest items beyond {@value #KEPT}.
   */
  public Future<Void> put(String org, Map<String, JsonObject> items) {
    JsonObject set = new JsonObject();
    items.forEach((key, item) -> set.put("items." + key,
        item.copy().put("at", Dates.of(Instant.parse(item.getString("at"))))));
    return mongo.findOneAndUpdateWithOptions(ACTIVITY, byId(org), new JsonObject().put("$set", set),
            new FindOptions(), new UpdateOptions().setUpsert(true).setReturningNewDocument(true))
        .compose(doc -> trim(org, doc));
  }

  /** Removes the organisation's item {@code key} (nothing there changes nothing). */
  public Future<Void> remove(String org, String key) {
    return mongo.updateCollection(ACTIVITY, byId(org),
        new JsonObject().put("$unset", new JsonObject().put("items." + key, ""))).mapEmpty();
  }

  /** The organisation's items, newest first, {@code at} as ISO-8601 (none when it took part in nothing). */
  public Future<List<JsonObject>> items(String org) {
    return mongo.findOne(ACTIVITY, byId(org), null).map(ParticipationRepository::newestFirst);
  }

  private Future<Void> trim(String org, JsonObject doc) {
    List<JsonObject> items = newestFirst(doc);
    if (items.size() <= KEPT) {
      return Future.succeededFuture();
    }
    JsonObject unset = new JsonObject();
    items.subList(KEPT, items.size()).forEach(item -> unset.put("items." + item.getString("key"), ""));
    return mongo.updateCollection(ACTIVITY, byId(org), new JsonObject().put("$unset", unset)).mapEmpty();
  }

  private static List<JsonObject> newestFirst(JsonObject doc) {
    JsonObject items = doc == null ? new JsonObject() : doc.getJsonObject("items", new JsonObject());
    return items.getMap().keySet().stream()
        .map(key -> items.getJsonObject(key).copy().put("key", key)
            .put("at", Dates.iso(items.getJsonObject(key).getValue("at"))))
        .sorted(Comparator.comparing((JsonObject item) -> Instant.parse(item.getString("at"))).reversed())
        .toList();
  }

  /** Whether the start-up migration has run (on any node). */
  public Future<Boolean> isBuilt() {
    return built.isSet(mongo);
  }

  public Future<Void> markBuilt(int items) {
    return built.set(mongo, new JsonObject().put("items", items));
  }

  /**
   * Everything stored before the read model, for the migration (a scan, at start-up only): {@code comments}
   * ({@code {consultation, clause, author:{id}, at}}), {@code endorsements} and {@code signatures} ({@code {_id:
   * "{amendment or consultation}:{org}", at}}), and {@code consultations} ({@code {_id, title, visibility}}).
   */
  public Future<Map<String, List<JsonObject>>> scan() {
    JsonObject all = new JsonObject();
    Future<List<JsonObject>> comments = mongo.findWithOptions("consultation_comments", all, new FindOptions()
        .setFields(new JsonObject().put("consultation", 1).put("clause", 1).put("author", 1).put("at", 1)));
    Future<List<JsonObject>> endorsements = mongo.find("amendment_endorsements", all);
    Future<List<JsonObject>> signatures = mongo.find("statement_signatures", all);
    Future<List<JsonObject>> consultations = mongo.findWithOptions("consultations", all, new FindOptions()
        .setFields(new JsonObject().put("title", 1).put("visibility", 1)));
    return Future.all(comments, endorsements, signatures, consultations).map(v -> Map.of(
        "comments", comments.result(), "endorsements", endorsements.result(), "signatures", signatures.result(),
        "consultations", consultations.result()));
  }

  private static JsonObject byId(String id) {
    return new JsonObject().put("_id", id);
  }
}
