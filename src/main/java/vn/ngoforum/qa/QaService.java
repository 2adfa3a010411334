package vn.ngoforum.qa;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;

/** Workshops (events) and their sessions; live Q&A comes with the Q&A issue. */
public final class QaService {

  private final EventRepository events;

  public QaService(MongoClient mongo) {
    this.events = new EventRepository(mongo);
  }

  /** The newest events first, as {@code {id, title:{vi,en}, startsAt, endsAt, location:{vi,en}, organisers}}. */
  public Future<List<JsonObject>> latestEvents(int limit) {
    return events.latestEvents(limit).map(docs -> docs.stream().map(QaService::publicView).toList());
  }

  public Future<Void> createIndexes() {
    return events.createIndexes();
  }

  /** Creates the 2022 Hanoi workshop and its two sessions when there are no events yet (idempotent). */
  public Future<Void> seedDemoData() {
    return events.countEvents().compose(count -> {
      if (count > 0) {
        return Future.succeededFuture();
      }
      Future<Void> chain = events.insertIfAbsent(EventRepository.EVENTS, DemoWorkshop.event());
      for (JsonObject session : DemoWorkshop.sessions()) {
        chain = chain.compose(v -> events.insertIfAbsent(EventRepository.SESSIONS, session));
      }
      return chain;
    });
  }

  private static JsonObject publicView(JsonObject doc) {
    return new JsonObject()
        .put("id", doc.getString("_id"))
        .put("title", doc.getJsonObject("title"))
        .put("startsAt", doc.getValue("startsAt"))
        .put("endsAt", doc.getValue("endsAt"))
        .put("location", doc.getJsonObject("location"))
        .put("organisers", doc.getJsonArray("organisers"));
  }
}
