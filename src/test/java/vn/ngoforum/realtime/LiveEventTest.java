package vn.ngoforum.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.ForumUnderTest;

/** Live events: the same frames browsers always got, built once for all subscribers. */
@ExtendWith(VertxExtension.class)
class LiveEventTest {

  private static final JsonObject CHANGE = new JsonObject().put("type", "question.voted").put("id", "q1")
      .put("seq", 42).put("votes", 7).put("text", "Câu hỏi \"có dấu\" <b>và</b> ký tự đặc biệt");

  @Test
  @DisplayName("every consumer gets the same event, and the frame is the bridge's envelope, built once")
  void oneInstanceOneFrame(Vertx vertx) {
    String address = Addresses.session("s1");
    LiveEvent.registerCodec(vertx);
    List<Message<Object>> received = listen(vertx, address, 2);

    JsonObject body = CHANGE.copy();
    LiveEvent.publish(vertx, address, body);
    body.put("votes", 8);
    awaitSize(received, 2);
    assertSame(received.get(0).body(), received.get(1).body(), "not copied per consumer");
    LiveEvent event = (LiveEvent) received.get(0).body();
    assertEquals(CHANGE, event.body(), "the body as it was when published");

    Buffer frame = Fanout.frame(address, received.get(0));
    assertEquals(new JsonObject().put("type", "rec").put("address", address).put("body", CHANGE),
        frame.toJsonObject(), "what the bridge itself would have sent");
    assertSame(frame, Fanout.frame(address, received.get(1)), "built once, the same bytes for the next socket");
  }

  @Test
  @DisplayName("a message with headers is encoded whole; plain JSON bodies still work")
  void otherMessages(Vertx vertx) {
    String address = Addresses.user("u1");
    LiveEvent.registerCodec(vertx);
    List<Message<Object>> received = listen(vertx, address, 1);
    vertx.eventBus().publish(address, CHANGE.copy(), new DeliveryOptions().addHeader("h", "v"));
    vertx.eventBus().publish(address, CHANGE.copy());
    awaitSize(received, 2);
    assertEquals(new JsonObject().put("type", "rec").put("address", address).put("body", CHANGE)
        .put("headers", new JsonObject().put("h", "v")), Fanout.frame(address, received.get(0)).toJsonObject());
    assertEquals(new JsonObject().put("type", "rec").put("address", address).put("body", CHANGE),
        Fanout.frame(address, received.get(1)).toJsonObject());
  }

  /** {@code consumers} consumers of {@code address}, registered, all adding what they receive to one list. */
  private static List<Message<Object>> listen(Vertx vertx, String address, int consumers) {
    List<Message<Object>> received = new CopyOnWriteArrayList<>();
    for (int i = 0; i < consumers; i++) {
      ForumUnderTest.await(vertx.eventBus().consumer(address, (Message<Object> m) -> received.add(m))
          .completion());
    }
    return received;
  }

  private static void awaitSize(List<?> received, int size) {
    assertEquals(size, Eventually.value(received::size, seen -> seen >= size, Duration.ofSeconds(5)));
  }

  @Test
  @DisplayName("between nodes the event travels as its JSON text and arrives equal")
  void wire() {
    assertEquals(CHANGE, LiveEvent.decode(encoded(CHANGE)).body());
  }

  private static Buffer encoded(JsonObject body) {
    return LiveEvent.encode(body);
  }
}
