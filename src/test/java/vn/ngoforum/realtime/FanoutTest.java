package vn.ngoforum.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link Fanout} writes a frame to a few sockets a turn, letting the event loop do other work in between: every
 * socket still gets every frame of an address once, in the order they were published.
 */
class FanoutTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A socket that notes the {@code n} of every frame written to it (on the event loop: no locking needed). */
  private static SockJSSocket socket(List<Integer> received) {
    return (SockJSSocket) Proxy.newProxyInstance(SockJSSocket.class.getClassLoader(),
        new Class<?>[] {SockJSSocket.class}, (proxy, method, args) -> switch (method.getName()) {
          case "write" -> {
            received.add(new JsonObject(((Buffer) args[0]).toString()).getJsonObject("body").getInteger("n"));
            yield Future.succeededFuture();
          }
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "socket";
          default -> null;
        });
  }

  /**
   * Ten sockets following {@code address} through a fanout writing three a turn, on {@code loop}, after
   * {@code others} (which receive too, but are not returned).
   */
  private List<List<Integer>> follow(Context loop, String address, SockJSSocket... others) throws Exception {
    LiveEvent.registerCodec(vertx);
    OutboundLimit outbound = new OutboundLimit();
    List<List<Integer>> received = new ArrayList<>();
    Promise<Void> joined = Promise.promise();
    loop.runOnContext(v -> {
      Fanout fanout = new Fanout(vertx, outbound, 3);
      List<Future<Void>> ready = new ArrayList<>();
      for (SockJSSocket other : others) {
        outbound.opened(other);
        ready.add(fanout.join(address, other));
      }
      for (int i = 0; i < 10; i++) {
        List<Integer> mine = new ArrayList<>();
        received.add(mine);
        SockJSSocket socket = socket(mine);
        outbound.opened(socket);
        ready.add(fanout.join(address, socket));
      }
      Future.all(ready).<Void>mapEmpty().onComplete(joined);
    });
    joined.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return received;
  }

  @Test
  @DisplayName("a burst of frames to more sockets than a turn writes: each socket gets them all once, in order")
  void burstInOrder() throws Exception {
    String address = "qa.session.s1";
    int frames = 40;
    Context loop = vertx.getOrCreateContext();
    List<List<Integer>> received = follow(loop, address);
    Promise<Void> done = Promise.promise();
    loop.runOnContext(v -> {
      IntStream.range(0, frames).forEach(n -> LiveEvent.publish(vertx, address, new JsonObject().put("n", n)));
      vertx.setPeriodic(10, id -> {
        if (received.stream().allMatch(mine -> mine.size() >= frames)) {
          vertx.cancelTimer(id);
          vertx.setTimer(100, last -> done.complete());
        }
      });
    });
    done.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    List<Integer> inOrder = IntStream.range(0, frames).boxed().toList();
    for (List<Integer> mine : received) {
      assertEquals(inOrder, mine, "every frame once, in the order published");
    }
  }

  @Test
  @DisplayName("between the turns of one frame, the event loop runs what else waits")
  void otherWorkBetweenTurns() throws Exception {
    String address = "qa.session.s2";
    Context loop = vertx.getOrCreateContext();
    List<List<Integer>> received = follow(loop, address);
    List<Long> seen = new ArrayList<>();
    Promise<Void> done = Promise.promise();
    loop.runOnContext(v -> {
      LiveEvent.publish(vertx, address, new JsonObject().put("n", 0));
      observe(loop, received, seen, 50, done);
    });
    done.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertTrue(seen.stream().anyMatch(count -> count > 0 && count < received.size()),
        "some task of the loop ran while some sockets had the frame and others not yet: " + seen);
    assertEquals(received.size(), seen.get(seen.size() - 1), "in the end every socket has it");
  }

  @Test
  @DisplayName("a socket whose write throws costs the others nothing: they get this frame and the later ones")
  void throwingSocket() throws Exception {
    String address = "qa.session.s3";
    SockJSSocket broken = (SockJSSocket) Proxy.newProxyInstance(SockJSSocket.class.getClassLoader(),
        new Class<?>[] {SockJSSocket.class}, (proxy, method, args) -> switch (method.getName()) {
          case "write" -> throw new IllegalStateException("closed under our feet");
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> null;
        });
    Context loop = vertx.getOrCreateContext();
    List<List<Integer>> received = follow(loop, address, broken);
    Promise<Void> done = Promise.promise();
    loop.runOnContext(v -> {
      LiveEvent.publish(vertx, address, new JsonObject().put("n", 0));
      LiveEvent.publish(vertx, address, new JsonObject().put("n", 1));
      vertx.setPeriodic(10, id -> {
        if (received.stream().allMatch(mine -> mine.size() >= 2)) {
          vertx.cancelTimer(id);
          done.complete();
        }
      });
    });
    done.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    for (List<Integer> mine : received) {
      assertEquals(List.of(0, 1), mine);
    }
  }

  /** Notes, task after task on the loop, how many sockets have a frame. */
  private static void observe(Context loop, List<List<Integer>> received, List<Long> seen, int times,
      Promise<Void> done) {
    seen.add(received.stream().filter(mine -> !mine.isEmpty()).count());
    if (times == 0) {
      done.complete();
    } else {
      loop.runOnContext(v -> observe(loop, received, seen, times - 1, done));
    }
  }
}
