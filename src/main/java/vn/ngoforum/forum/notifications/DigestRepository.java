package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Keys;
import vn.ngoforum.db.Mongo;

/**
 * What the daily digest still has to tell, and what it told.
 *
 * <p>{@code notification_digests}: one document per person ({@code {_id: userId, pending: [notification ids, newest
 * first]}}, at most {@value #PENDING}), pushed to when a notification of a topic they hear of by digest is stored.
 *
 * <p>{@code notification_digest_runs}: per person and day, the mark that their digest of that day (Asia/Ho_Chi_Minh)
 * is claimed ({@code {_id: "2026-12-07 {userId}", ids, state: sending | sent | failed}}), written before the e-mail
 * goes: inserted by {@code _id}, so a second node or a restarted one finds it and sends nothing; and per day, the mark
 * that the day's digest is done ({@code {_id: "2026-12-07"}}).
 */
public final class DigestRepository {

  static final String DIGESTS = "notification_digests";
  static final String RUNS = "notification_digest_runs";
  /** How many notifications one person's digest keeps waiting: the newest; the forum's inbox has them all. */
  static final int PENDING = 100;

  private final MongoClient mongo;

  /** A person's notifications waiting for their digest. */
  record Waiting(String userId, List<String> ids) {
  }

  public DigestRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** Puts each notification first in its person's waiting list (one bulk write, whatever their number). */
  Future<Void> queue(List<Notification> notifications) {
    if (notifications.isEmpty()) {
      return Future.succeededFuture();
    }
    return mongo.bulkWrite(DIGESTS, notifications.stream().map(n -> BulkOperation.createUpdate(Keys.id(n.userId()),
        push(List.of(n.id())), true, false)).toList()).mapEmpty();
  }

  /**
   * Everyone who has notifications waiting. It reads the whole collection (one document per person who ever had a
   * digest): background work, once a day, never a request.
   */
  Future<List<Waiting>> waiting() {
    return mongo.findWithOptions(DIGESTS, new JsonObject(), new FindOptions().setFields(new JsonObject()
            .put("pending", 1)))
        .map(docs -> docs.stream()
            .map(doc -> new Waiting(doc.getString("_id"), ids(doc.getJsonArray("pending"))))
            .filter(waiting -> !waiting.ids().isEmpty())
            .toList());
  }

  /**
   * Claims the person's digest of {@code day}, naming the notifications it tells: {@code true} when this call wrote
   * the claim, {@code false} when it was there already (another node's, or this day's before a restart).
   */
  Future<Boolean> claim(LocalDate day, String userId, List<String> ids) {
    return Mongo.isNew(mongo.insert(RUNS, new JsonObject().put("_id", run(day, userId)).put("ids", new JsonArray(
        new ArrayList<>(ids))).put("state", "sending").put("at", Dates.of(Instant.now()))));
  }

  /** Takes {@code ids} off the person's waiting list (those that came meanwhile stay for the next digest). */
  Future<Void> take(String userId, List<String> ids) {
    return mongo.updateCollection(DIGESTS, Keys.id(userId), new JsonObject().put("$pullAll", new JsonObject()
        .put("pending", new JsonArray(new ArrayList<>(ids))))).mapEmpty();
  }

  /** The person's digest of {@code day} went out. */
  Future<Void> sent(LocalDate day, String userId) {
    return state(day, userId, "sent");
  }

  /** The mail server refused the person's digest of {@code day}: its notifications wait for the next one. */
  Future<Void> failed(LocalDate day, String userId, List<String> ids) {
    return state(day, userId, "failed")
        .compose(v -> mongo.updateCollection(DIGESTS, Keys.id(userId), push(ids)))
        .mapEmpty();
  }

  /** Whether the digest of {@code day} is done (by any node). */
  Future<Boolean> isDone(LocalDate day) {
    return mongo.findOne(RUNS, Keys.id(day.toString()), new JsonObject().put("_id", 1)).map(doc -> doc != null);
  }

  /** Marks the digest of {@code day} done, with how many digests went out. */
  Future<Void> done(LocalDate day, int sent) {
    return mongo.save(RUNS, new JsonObject().put("_id", day.toString()).put("sent", sent)
        .put("at", Dates.of(Instant.now()))).mapEmpty();
  }

  private Future<Void> state(LocalDate day, String userId, String state) {
    return mongo.updateCollection(RUNS, Keys.id(run(day, userId)), new JsonObject().put("$set", new JsonObject()
        .put("state", state).put("at", Dates.of(Instant.now())))).mapEmpty();
  }

  private static JsonObject push(List<String> ids) {
    return new JsonObject().put("$push", new JsonObject().put("pending", new JsonObject()
        .put("$each", new JsonArray(new ArrayList<>(ids))).put("$position", 0).put("$slice", PENDING)));
  }

  private static String run(LocalDate day, String userId) {
    return day + " " + userId;
  }

  private static List<String> ids(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }
}
