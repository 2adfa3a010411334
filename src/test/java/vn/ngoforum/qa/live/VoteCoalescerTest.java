package vn.ngoforum.qa.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class VoteCoalescerTest {

  @Test
  @DisplayName("votes reaching a node through two event loops are announced once per window, not once per loop")
  void oneAnnouncementPerNode(Vertx vertx, VertxTestContext test) {
    List<String> announced = new CopyOnWriteArrayList<>();
    Promise<Void> firstAnnounced = Promise.promise();
    Promise<Void> laterAnnounced = Promise.promise();
    BiConsumer<String, String> announce = (session, question) -> {
      announced.add(question);
      (announced.size() == 1 ? firstAnnounced : laterAnnounced).tryComplete();
    };
    VoteCoalescer first = VoteCoalescer.forNode(vertx, session -> 200, announce);
    VoteCoalescer second = VoteCoalescer.forNode(vertx, session -> 200, announce);
    assertSame(first, second, "the HTTP verticle instances of a node share one coalescer");
    // Two contexts stand for the two HTTP verticle instances' event loops.
    vertx.getOrCreateContext().runOnContext(v -> first.touch("s", "q"));
    vertx.runOnContext(v -> second.touch("s", "q"));
    vertx.setTimer(100, id -> second.touch("s", "q"));
    // A vote after the first announcement opens the next window: whatever the first window announced comes before it.
    firstAnnounced.future().onSuccess(v -> first.touch("s", "later"));
    laterAnnounced.future().onSuccess(v -> test.verify(() -> {
      assertEquals(List.of("q", "later"), announced, "one frame for the question in the window");
      test.completeNow();
    }));
  }
}
