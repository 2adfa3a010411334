package vn.ngoforum.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.TestForum;

/** A live connection that stops reading costs the server a bounded queue, then is closed; the others go on. */
class SlowConsumerTest {

  /**
   * About 1 KB a message: 12 MB in all. The server holds at most 256 KB per connection, but the operating system
   * buffers more on its own (Linux lets a socket's send buffer grow to 4 MB), so this is well above both.
   */
  private static final int MESSAGES = 12_000;
  private static final int BATCH = 100;
  private static final String FILLER = "x".repeat(1000);
  private static final Duration WITHIN = Duration.ofSeconds(20);

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("slow-consumers");

  @Test
  @DisplayName("a follower that stops reading is disconnected, while one that reads gets every message")
  void stalledFollowerIsClosed() {
    String session = NodeApi.as("moderator").newOpenSession(forum.base());
    String address = Addresses.session(session);
    try (BridgeClient reader = BridgeClient.connect(forum.vertx(), forum.port(), null);
         StalledWebSocket stalled = StalledWebSocket.open(forum.port(), "/eventbus/websocket")) {
      reader.register(address);
      stalled.sendText(new JsonObject().put("type", "register").put("address", address).encode());
      Watch watch = new Watch(reader);
      assertTrue(watch.until(() -> watch.followers == 2), "both connections follow the session");

      // A steady stream, as a busy session produces: batches that a reading follower takes as they come.
      for (int sent = 0; sent < MESSAGES; ) {
        for (int i = 0; i < BATCH; i++, sent++) {
          forum.vertx().eventBus().publish(address, new JsonObject().put("type", "filler").put("n", sent).put("text",
              FILLER));
        }
        int published = sent;
        assertTrue(watch.until(() -> watch.fillers == published), "the connection that reads misses nothing: "
            + watch.fillers + " of " + published);
      }
      StalledWebSocket.Drained rest = stalled.drain("\"filler\"");
      assertEquals(1008, rest.closeCode(), "reading again finds what was queued, then the server's close ("
          + rest.bytes() + " bytes)");
      assertTrue(rest.framesContaining() < MESSAGES / 2, "the server dropped what it could not deliver instead "
          + "of queueing it: " + rest.framesContaining() + " of " + MESSAGES + " arrived");
      assertTrue(watch.until(() -> watch.followers == 1), "the closed connection no longer follows the session");
    }
  }

  /** What a reading follower has received: filler messages, and the last followers count announced. */
  private static final class Watch {

    private final BridgeClient client;
    int fillers;
    int followers = -1;

    Watch(BridgeClient client) {
      this.client = client;
    }

    /** Reads frames until {@code condition} holds or {@link #WITHIN} passes; whether it held. */
    boolean until(java.util.function.BooleanSupplier condition) {
      Instant deadline = Instant.now().plus(WITHIN);
      while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
        JsonObject frame = client.next(200);
        JsonObject body = frame == null ? null : frame.getJsonObject("body");
        if (body == null) {
          continue;
        }
        if ("filler".equals(body.getString("type"))) {
          fillers++;
        } else if ("followers".equals(body.getString("type"))) {
          followers = body.getInteger("count");
        }
      }
      return condition.getAsBoolean();
    }
  }
}
