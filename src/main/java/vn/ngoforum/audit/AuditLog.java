package vn.ngoforum.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.List;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.db.Dates;

/**
 * The audit log: every moderation and administration action, who did it, to what, when and why. Entries are
 * only ever added (never edited or removed); forum admins read them.
 */
public final class AuditLog {

  static final String AUDIT = AuditRepository.AUDIT;

  private final AuditRepository entries;

  public AuditLog(MongoClient mongo) {
    this.entries = new AuditRepository(mongo);
  }

  /**
   * Records an action.
   *
   * @param action     what was done, e.g. {@code "post.hide"}, {@code "question.approve"}, {@code "org.verify"}
   * @param targetType what it was done to, e.g. {@code "post"}
   * @param reason     why, as the actor wrote it (may be {@code null})
   * @param details    anything worth keeping, e.g. the original text of an edited question (may be {@code null})
   */
  public Future<Void> record(CurrentUser actor, String action, String targetType, String targetId, String reason,
      JsonObject details) {
    JsonObject entry = new JsonObject()
        .put("at", Dates.of(Instant.now()))
        .put("actor", new JsonObject().put("id", actor.id()).put("username", actor.username())
            .put("name", actor.name()))
        .put("action", action)
        .put("target", new JsonObject().put("type", targetType).put("id", targetId));
    if (reason != null) {
      entry.put("reason", reason);
    }
    if (details != null) {
      entry.put("details", details);
    }
    return entries.insert(entry);
  }

  /** The newest entries first, optionally only those about one target. */
  public Future<List<JsonObject>> latest(String targetType, String targetId, int limit) {
    return entries.latest(targetType, targetId, limit)
        .map(found -> found.stream().map(AuditLog::publicView).toList());
  }

  public Future<Void> createIndexes() {
    return entries.createIndexes();
  }

  private static JsonObject publicView(JsonObject entry) {
    JsonObject view = entry.copy();
    view.put("id", String.valueOf(view.remove("_id")));
    return view;
  }
}
