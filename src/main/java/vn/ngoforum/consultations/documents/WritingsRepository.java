package vn.ngoforum.consultations.documents;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;
import java.util.function.Supplier;
import vn.ngoforum.db.Marker;
import vn.ngoforum.db.Mongo;

/**
 * What each person wrote in consultations, so that their data download reads it by key: {@code consultation_writings}
 * {@code {_id: userId, comments:[ids], amendments:[ids]}}, the ids in the order written. Kept by the writes that store
 * a comment ({@link ConsultationRepository#insertComment}) or an amendment; filled once for what was stored before it
 * was kept ({@link #migrate}). A person writes a few comments per consultation, so a document stays small.
 */
public record WritingsRepository(MongoClient mongo) {

  static final String WRITINGS = "consultation_writings";
  public static final String COMMENTS = "comments";
  public static final String AMENDMENTS = "amendments";
  private static final String MIGRATIONS = "consultation_migrations";

  /** Notes that {@code userId} wrote {@code id}, one of their {@code kind} ({@value #COMMENTS}, {@value #AMENDMENTS}). */
  public Future<Void> wrote(String userId, String kind, String id) {
    return wroteAll(userId, kind, List.of(id));
  }

  /** The ids of what {@code userId} wrote: {@code {comments:[ids], amendments:[ids]}}, each oldest first. */
  public Future<JsonObject> of(String userId) {
    return mongo.findOne(WRITINGS, new JsonObject().put("_id", userId), null).map(doc -> new JsonObject()
        .put(COMMENTS, doc == null ? new JsonArray() : doc.getJsonArray(COMMENTS, new JsonArray()))
        .put(AMENDMENTS, doc == null ? new JsonArray() : doc.getJsonArray(AMENDMENTS, new JsonArray())));
  }

  /**
   * Lists what was written before this list was kept ({@code authors}: each {@code {_id, author:{id}}}, a scan of the
   * comments or the amendments): at start-up, in the background; adding an id twice is harmless, and the work is a
   * no-op once marked done.
   */
  public Future<Void> migrate(Supplier<Future<List<JsonObject>>> comments,
      Supplier<Future<List<JsonObject>>> amendments) {
    Marker done = new Marker(MIGRATIONS, "writings-v1");
    return done.isSet(mongo).compose(set -> set ? Future.succeededFuture() : comments.get()
        .compose(found -> listAll(COMMENTS, found))
        .compose(v -> amendments.get())
        .compose(found -> listAll(AMENDMENTS, found))
        .compose(v -> done.set(mongo)));
  }

  private Future<Void> listAll(String kind, List<JsonObject> written) {
    Future<Void> all = Future.succeededFuture();
    for (JsonObject doc : written) {
      String author = doc.getJsonObject("author", new JsonObject()).getString("id");
      if (author != null) {
        all = all.compose(v -> wroteAll(author, kind, List.of(doc.getString("_id"))));
      }
    }
    return all;
  }

  private Future<Void> wroteAll(String userId, String kind, List<String> ids) {
    JsonObject query = new JsonObject().put("_id", userId);
    JsonObject update = new JsonObject().put("$addToSet", new JsonObject().put(kind,
        new JsonObject().put("$each", new JsonArray(ids))));
    return mongo.updateCollectionWithOptions(WRITINGS, query, update, new UpdateOptions().setUpsert(true))
        .<Void>mapEmpty()
        .recover(failure -> Mongo.isDuplicateKey(failure) ? mongo.updateCollection(WRITINGS, query, update)
            .mapEmpty() : Future.failedFuture(failure));
  }
}
