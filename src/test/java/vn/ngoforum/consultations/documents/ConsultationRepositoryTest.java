package vn.ngoforum.consultations.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every query the repository sends is by {@code _id} (a value, or {@code $in} a list): the only form the embedded
 * store answers from an index instead of decoding the whole collection.
 */
class ConsultationRepositoryTest {

  @Test
  @DisplayName("every read and update of consultations, texts, versions, the list, comments and kept events filters on _id alone")
  void readsByKey() {
    List<String> filters = new ArrayList<>();
    MongoClient mongo = (MongoClient) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {MongoClient.class}, (proxy, method, args) -> {
          for (Object arg : args == null ? new Object[0] : args) {
            if (arg instanceof JsonObject query && method.getName().matches("find.*|update.*|count.*|remove.*")) {
              filters.add(method.getName() + " " + query.encode());
              break;
            }
          }
          return switch (method.getName()) {
            case "findOne" -> Future.succeededFuture(new JsonObject().put("_id", "all")
                .put("ids", new JsonArray().add("a").add("b")));
            case "find" -> Future.succeededFuture(List.of());
            case "findOneAndUpdateWithOptions" -> Future.succeededFuture(new JsonObject()
                .put("counts", new JsonObject().put("d5-k2", 3)));
            default -> Future.succeededFuture();
          };
        });
    ConsultationRepository store = new ConsultationRepository(mongo);
    Consultation c = new Consultation("c1", new JsonObject(), new JsonObject(), "MAE", Instant.now(), "public",
        "draft", new JsonObject(), "u1", Instant.now(), 0);

    store.insert(c, "", new JsonArray(), "Điều 1. A", new JsonObject().put("source", "Article 1. A"));
    store.replaceText("c1", "", new JsonArray(), "Điều 1. B", null);
    store.newVersion("c1", 1, new JsonObject(), "", new JsonArray(), "Điều 1. C", null, Instant.now());
    store.version("c1", 1);
    store.find("c1");
    store.text("c1");
    store.listed();
    store.setStatus("c1", "open", Instant.now());
    assertEquals(3, store.countComment("c1", "d5-k2").result());
    store.comments(List.of("c1:d5-k2:1", "c1:d5-k2:2"));
    store.keepEvent("c1", ConsultationRepository.EVENTS_KEPT + 1, new JsonObject().put("seq", 501));
    store.events("c1", 0, 3);

    assertEquals(13, filters.size(), filters.toString());
    assertTrue(filters.contains("removeDocument {\"_id\":\"c1:1\"}"), "the oldest kept event is forgotten by key");
    assertTrue(filters.contains("find {\"_id\":{\"$in\":[\"c1:1\",\"c1:2\",\"c1:3\"]}}"), filters.toString());
    for (String filter : filters) {
      JsonObject query = new JsonObject(filter.substring(filter.indexOf(' ') + 1));
      assertEquals(Set.of("_id"), query.fieldNames(), filter);
      Object id = query.getValue("_id");
      assertTrue(id instanceof String || id instanceof JsonObject in && in.fieldNames().equals(Set.of("$in")),
          filter);
    }
  }
}
