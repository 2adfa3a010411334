package vn.ngoforum.qa.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class VoteCoalescerTest {

  @Test
  @DisplayName("votes reaching a node through two event loops are announced once per window, not once per loop")
  void oneAnnouncementPerNode(Vertx vertx, VertxTestContext test) {
    List<String> announced = new CopyOnWriteArrayList<>();
    VoteCoalescer first = VoteCoalescer.forNode(vertx, session -> 200, (session, question) -> announced.add(question));
    VoteCoalescer second = VoteCoalescer.forNode(vertx, session -> 200, (session, question) -> announced.add(question));
    assertSame(first, second, "the HTTP verticle instances of a node share one coalescer");
    // Two contexts stand for the two HTTP verticle instances' event loops.
    vertx.getOrCreateContext().runOnContext(v -> first.touch("s", "q"));
    vertx.runOnContext(v -> second.touch("s", "q"));
    vertx.setTimer(100, id -> second.touch("s", "q"));
    vertx.setTimer(600, id -> test.verify(() -> {
      assertEquals(List.of("q"), announced, "one frame for the question in the window");
      test.completeNow();
    }));
  }
}
