package vn.ngoforum.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.ngoforum.support.ForumUnderTest;

/** Live events: the same frames browsers always got, built once for all subscribers. */
@ExtendWith(VertxExtension.class)
class LiveEventTest {

  private static final JsonObject CHANGE = new JsonObject().put("type", "question.voted").put("id", "q1")
      .put("seq", 42).put("votes", 7).put("text", "Câu hỏi \"có dấu\" <b>và</b> ký tự đặc biệt");

  @Test
  @DisplayName("every consumer gets the same event, and the frame is the bridge's envelope, built once")
  void oneInstanceOneFrame(Vertx vertx) throws Exception {
    List<Object> received = new CopyOnWriteArrayList<>();
    String address = Addresses.session("s1");
    LiveEvent.registerCodec(vertx);
    ForumUnderTest.await(vertx.eventBus().consumer(address, (Message<Object> m) -> received.add(m.body()))
        .completion());
    ForumUnderTest.await(vertx.eventBus().consumer(address, (Message<Object> m) -> received.add(m.body()))
        .completion());

    JsonObject body = CHANGE.copy();
    LiveEvent.publish(vertx, address, body);
    body.put("votes", 8);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (received.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(2, received.size());
    assertSame(received.get(0), received.get(1), "not copied per consumer");
    LiveEvent event = (LiveEvent) received.get(0);
    assertEquals(CHANGE, event.body(), "the body as it was when published");

    JsonObject envelope = new JsonObject().put("type", "rec").put("address", address).put("body", event);
    Buffer frame = EventBusBridge.frame(envelope);
    assertEquals(new JsonObject().put("type", "rec").put("address", address).put("body", CHANGE),
        frame.toJsonObject(), "what the bridge itself would have sent");
    assertSame(frame, EventBusBridge.frame(new JsonObject().put("type", "rec").put("address", address)
        .put("body", event)), "built once, the same bytes for the next socket");
  }

  @Test
  @DisplayName("an envelope with more than the body (headers) is encoded whole; plain JSON bodies still work")
  void otherEnvelopes() {
    JsonObject withHeaders = new JsonObject().put("type", "rec").put("address", "user.u1")
        .put("body", LiveEvent.decode(encoded(CHANGE))).put("headers", new JsonObject().put("h", "v"));
    assertEquals(new JsonObject().put("type", "rec").put("address", "user.u1").put("body", CHANGE)
        .put("headers", new JsonObject().put("h", "v")), EventBusBridge.frame(withHeaders).toJsonObject());
    JsonObject plain = new JsonObject().put("type", "rec").put("address", "user.u1").put("body", CHANGE);
    assertEquals(plain, EventBusBridge.frame(plain.copy()).toJsonObject());
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
