package vn.ngoforum.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.TestForum;

/** The event-bus bridge: browsers receive only what they may see, and can never send. */
class EventBusBridgeTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("bridge");

  @Test
  @DisplayName("a signed-in person receives their own notifications live")
  void ownNotifications() {
    Browser browser = forum.signedIn("member");
    String userId = userId(browser);
    try (BridgeClient client = connect(browser)) {
      client.registerAndAwait(Addresses.user(userId), 10_000);
      // Confirmed means in place: one publish is enough, with no retry loop to hide a race.
      forum.vertx().eventBus().publish(Addresses.user(userId), new JsonObject().put("text", "hello"));
      JsonObject frame = client.next(5000);
      assertNotNull(frame, "a message published after the confirmation arrives");
      assertEquals("rec", frame.getString("type"));
      assertEquals(Addresses.user(userId), frame.getString("address"));
      assertEquals("hello", frame.getJsonObject("body").getString("text"));
    }
  }

  @Test
  @DisplayName("several sockets on one address each get every change once; one that unregisters gets no more")
  void sharedAudience() {
    Browser browser = forum.signedIn("member");
    String address = Addresses.user(userId(browser));
    try (BridgeClient first = connect(browser);
         BridgeClient second = connect(browser);
         BridgeClient third = connect(browser)) {
      for (BridgeClient client : new BridgeClient[] {first, second, third}) {
        client.registerAndAwait(address, 10_000);
      }
      third.close();
      LiveEvent.publish(forum.vertx(), address, new JsonObject().put("n", 1));
      for (BridgeClient client : new BridgeClient[] {first, second}) {
        JsonObject frame = client.next(5000);
        assertNotNull(frame, "every socket following the address gets the change");
        assertEquals(address, frame.getString("address"), "under the address it followed");
        assertEquals(1, frame.getJsonObject("body").getInteger("n"));
        assertNull(client.next(300), "once");
      }

      second.send(new JsonObject().put("type", "unregister").put("address", address));
      // The bridge handles a socket's frames in order: once the refusal of the next one arrives, the
      // unregistration has taken effect.
      second.register("some.internal.address");
      assertRefused(second.next(5000));
      LiveEvent.publish(forum.vertx(), address, new JsonObject().put("n", 2));
      assertEquals(2, first.next(5000).getJsonObject("body").getInteger("n"), "the others still get changes");
      assertNull(second.next(1000), "the socket that unregistered gets nothing more");
    }
  }

  @Test
  @DisplayName("nobody can follow another person's notifications, signed in or not")
  void othersNotifications() {
    try (BridgeClient anonymous = BridgeClient.connect(forum.vertx(), forum.port(), null)) {
      anonymous.register(Addresses.user("someone-else"));
      assertRefused(anonymous.next(5000));
      forum.vertx().eventBus().publish(Addresses.user("someone-else"), new JsonObject().put("secret", true));
      assertNull(anonymous.next(500), "nothing published there reaches this client");
      assertFalse(anonymous.isRegistered(Addresses.user("someone-else")), "a refused registration is not confirmed");
    }
    try (BridgeClient member = connect(forum.signedIn("member"))) {
      member.register(Addresses.user("someone-else"));
      assertRefused(member.next(5000));
    }
  }

  @Test
  @DisplayName("browsers cannot publish or send anything, nor follow addresses outside the contract")
  void noInbound() {
    try (BridgeClient client = BridgeClient.connect(forum.vertx(), forum.port(), null)) {
      client.send(new JsonObject().put("type", "publish").put("address", "qa.session.x").put("body",
          new JsonObject().put("forged", true)));
      assertRefused(client.next(5000));
      client.send(new JsonObject().put("type", "send").put("address", "user.x").put("body", new JsonObject()));
      assertRefused(client.next(5000));
      client.register("some.internal.address");
      assertRefused(client.next(5000));
      client.register(Fanout.quiet(Addresses.user("x")));
      assertRefused(client.next(5000));
    }
  }

  @Test
  @DisplayName("another site's page cannot open the live connection with a visitor's cookies")
  void otherOrigin() {
    var client = forum.vertx().createWebSocketClient();
    try {
      assertThrows(IllegalStateException.class, () -> ForumUnderTest.await(client.connect(
          new WebSocketConnectOptions().setHost("localhost").setPort(forum.port())
              .setURI("/eventbus/websocket").addHeader("Origin", "http://evil.example"))));
    } finally {
      client.close();
    }
  }

  private static String userId(Browser browser) {
    return new JsonObject(browser.get(forum.base() + "/api/v1/me").body()).getString("id");
  }

  /** A live connection with the browser's session cookie. */
  private static BridgeClient connect(Browser browser) {
    return BridgeClient.connect(forum.vertx(), forum.port(), browser.cookie(forum.base(),
        "forum.session").orElseThrow());
  }

  /** The bridge answers a refused frame with an error frame: "rejected" by our check, "access_denied" by its own. */
  private static void assertRefused(JsonObject frame) {
    assertNotNull(frame, "the bridge answers a refused frame");
    assertEquals("err", frame.getString("type"));
    assertTrue(java.util.Set.of("rejected", "access_denied").contains(frame.getString("body")), frame.encode());
  }
}
