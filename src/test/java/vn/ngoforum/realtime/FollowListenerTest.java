package vn.ngoforum.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.ForumUnderTest;

/** The bridge tells listeners who starts and stops following an address, whatever the way they leave. */
@ExtendWith(VertxExtension.class)
class FollowListenerTest {

  @Test
  @DisplayName("a follow listener hears accepted registrations, unregistrations and closed sockets, not refusals")
  void followListener(Vertx vertx) {
    List<String> heard = new CopyOnWriteArrayList<>();
    Router router = Router.router(vertx);
    HttpServer server = ForumUnderTest.await(vertx.createHttpServer().requestHandler(router).listen(0));
    new EventBusBridge(vertx, "http://localhost:" + server.actualPort())
        .sessions((user, id) -> Future.succeededFuture(!id.equals("secret")))
        .onFollowChange((address, delta) -> heard.add(address + " " + (delta > 0 ? "+" : "-")))
        .mount(router);
    try (BridgeClient first = BridgeClient.connect(vertx, server.actualPort(), null);
         BridgeClient second = BridgeClient.connect(vertx, server.actualPort(), null)) {
      first.register("qa.session.a");
      first.register("qa.session.b");
      second.register("qa.session.a");
      second.register("qa.session.secret");
      awaitSize(heard, 3);
      assertEquals(List.of("qa.session.a +", "qa.session.a +", "qa.session.b +"), heard.stream().sorted().toList(),
          "a refused registration is not a follower");
      first.send(new JsonObject().put("type", "unregister").put("address", "qa.session.b"));
      awaitSize(heard, 4);
      assertEquals("qa.session.b -", heard.get(3));
      first.close();
      awaitSize(heard, 5);
      assertEquals("qa.session.a -", heard.get(4), "a closed socket stops following what it still followed");
    } finally {
      server.close();
    }
  }

  private static void awaitSize(List<String> heard, int size) {
    assertEquals(size, Eventually.value(heard::size, seen -> seen >= size, Duration.ofSeconds(10)), "heard: " + heard);
  }
}
