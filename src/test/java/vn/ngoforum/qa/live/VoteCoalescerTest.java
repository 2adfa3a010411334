package vn.ngoforum.qa.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class VoteCoalescerTest {

  @Test
  @DisplayName("a vote in a quiet session is announced at once; the votes after it wait for the window to close")
  void quietSessionAnnouncedAtOnce(Vertx vertx, VertxTestContext test) {
    List<String> announced = new CopyOnWriteArrayList<>();
    // A window far longer than the test may take: an announcement made only when it closes would never come.
    VoteCoalescer coalescer = new VoteCoalescer(vertx, session -> 600_000,
        (session, question) -> announced.add(session + "/" + question));
    vertx.runOnContext(v -> test.verify(() -> {
      coalescer.touch("s", "q");
      assertEquals(List.of("s/q"), announced, "the first vote of a quiet session goes out without waiting");
      coalescer.touch("s", "q");
      coalescer.touch("s", "r");
      assertEquals(List.of("s/q"), announced, "votes during the window wait for it to close");
      coalescer.touch("t", "x");
      assertEquals(List.of("s/q", "t/x"), announced, "each session has its own window");
      test.completeNow();
    }));
  }

  @Test
  @DisplayName("a storm through two event loops is announced once per window, not once per loop, its last vote too")
  void stormOncePerWindowPerNode(Vertx vertx, VertxTestContext test) {
    long window = 200;
    int votes = 40;
    long every = 20;
    List<Long> announcedAt = new CopyOnWriteArrayList<>();
    AtomicLong firstVoteAt = new AtomicLong();
    AtomicLong lastVoteAt = new AtomicLong();
    Promise<Void> lastIncluded = Promise.promise();
    BiConsumer<String, String> announce = (session, question) -> {
      long now = System.nanoTime();
      announcedAt.add(now);
      if (lastVoteAt.get() != 0 && now >= lastVoteAt.get()) {
        lastIncluded.tryComplete();
      }
    };
    VoteCoalescer first = VoteCoalescer.forNode(vertx, session -> window, announce);
    VoteCoalescer second = VoteCoalescer.forNode(vertx, session -> window, announce);
    assertSame(first, second, "the HTTP verticle instances of a node share one coalescer");
    // Two contexts stand for the two HTTP verticle instances' event loops, voting in turn.
    Context one = vertx.getOrCreateContext();
    Context two = vertx.getOrCreateContext();
    AtomicInteger cast = new AtomicInteger();
    vertx.setPeriodic(every, id -> {
      int n = cast.incrementAndGet();
      if (n > votes) {
        vertx.cancelTimer(id);
        return;
      }
      (n % 2 == 0 ? one : two).runOnContext(v -> {
        if (n == 1) {
          firstVoteAt.set(System.nanoTime());
        }
        if (n == votes) {
          lastVoteAt.set(System.nanoTime());
        }
        (n % 2 == 0 ? first : second).touch("s", "q");
      });
    });
    lastIncluded.future().onSuccess(v -> test.verify(() -> {
      long stormMillis = TimeUnit.NANOSECONDS.toMillis(lastVoteAt.get() - firstVoteAt.get());
      assertTrue(announcedAt.get(0) - firstVoteAt.get() < TimeUnit.MILLISECONDS.toNanos(window),
          "the storm's first vote is announced before a window could close");
      // One at the first vote, then at most one as each window closes (the last one after the storm).
      assertTrue(announcedAt.size() <= stormMillis / window + 2,
          announcedAt.size() + " announcements for " + votes + " votes over " + stormMillis + " ms");
      test.completeNow();
    }));
  }
}
