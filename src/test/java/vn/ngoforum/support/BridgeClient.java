package vn.ngoforum.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A browser's side of the event-bus bridge, spoken over the raw WebSocket endpoint {@code /eventbus/websocket}
 * with the standard frames ({@code register}, {@code ping}, {@code rec}, {@code err}). The forum's confirmation
 * that a registration took effect ({@code registered}) is kept apart from the other frames: see
 * {@link #registerAndAwait}.
 */
public final class BridgeClient implements AutoCloseable {

  private final WebSocketClient client;
  private final WebSocket socket;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final Set<String> registered = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private BridgeClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    // The bridge writes binary or text frames depending on the transport: take both.
    socket.handler(buffer -> {
      JsonObject frame = buffer.toJsonObject();
      if ("registered".equals(frame.getString("type"))) {
        registered.add(frame.getString("address"));
      } else {
        frames.add(frame);
      }
    });
    socket.closeHandler(v -> closed = true);
  }

  /** Connects to the forum on {@code port}, with the browser session cookie when {@code sessionCookie} is set. */
  public static BridgeClient connect(Vertx vertx, int port, String sessionCookie) {
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("localhost").setPort(port).setURI("/eventbus/websocket");
    if (sessionCookie != null) {
      options.addHeader("Cookie", "forum.session=" + sessionCookie);
    }
    return new BridgeClient(client, ForumUnderTest.await(client.connect(options)));
  }

  public void register(String address) {
    send(new JsonObject().put("type", "register").put("address", address));
  }

  /**
   * Registers and waits until the forum confirms the registration took effect, as pages do before they ask for
   * what they missed; fails when it is not confirmed within {@code millis} (a refused one never is).
   */
  public void registerAndAwait(String address, long millis) {
    register(address);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!registered.contains(address)) {
      if (System.nanoTime() > deadline || closed) {
        throw new AssertionError("the forum did not confirm the registration of " + address);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /**
   * Registers and waits until the registration is live: a probe published on {@code address} through
   * {@code vertx} (the forum's) arrives, within 10 s; fails when the first frame back is not that message.
   */
  public void registerAndProbe(Vertx vertx, String address) {
    register(address);
    JsonObject frame = firstProbe(vertx, address);
    if (!"rec".equals(frame.getString("type"))) {
      throw new AssertionError("registration accepted: " + frame.encode());
    }
  }

  /**
   * Waits until a registration already sent is live (a probe published through {@code vertx} arrives, within
   * 10 s), then drops the other probes still on their way.
   */
  public void awaitProbe(Vertx vertx, String address) {
    firstProbe(vertx, address);
    while (next(300) != null) {
      // drop the other probes still on their way
    }
  }

  /** Publishes a probe on {@code address} until a frame arrives (bounded: 10 s) and answers that frame. */
  private JsonObject firstProbe(Vertx vertx, String address) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      vertx.eventBus().publish(address, new JsonObject().put("type", "probe"));
      JsonObject frame = next(200);
      if (frame != null) {
        return frame;
      }
    }
    throw new AssertionError("registration on " + address + " never became live");
  }

  /** How many registrations the forum has confirmed on this connection. */
  public int registeredCount() {
    return registered.size();
  }

  /** Whether the forum has confirmed that the registration of {@code address} took effect. */
  public boolean isRegistered(String address) {
    return registered.contains(address);
  }

  public void send(JsonObject frame) {
    ForumUnderTest.await(socket.writeTextMessage(frame.encode()));
  }

  /** The next frame within {@code millis}, or {@code null}. */
  public JsonObject next(long millis) {
    try {
      return frames.poll(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * Reads frames until a body of {@code type} satisfies {@code done} or {@code limit} has passed, skipping the other
   * frames; the last body of that type read, or null when none came. A page shows the last one it got, so the
   * assertion after the wait shows what it would show instead of a bare timeout. {@code done} sees each body of that
   * type once, in order, so it may also check every one of them.
   */
  public JsonObject lastBody(String type, Predicate<JsonObject> done, Duration limit) {
    Instant deadline = Instant.now().plus(limit);
    JsonObject last = null;
    while (Instant.now().isBefore(deadline)) {
      JsonObject frame = next(200);
      if (frame != null && "rec".equals(frame.getString("type"))
          && type.equals(frame.getJsonObject("body").getString("type"))) {
        last = frame.getJsonObject("body");
        if (done.test(last)) {
          return last;
        }
      }
    }
    return last;
  }

  /**
   * Whether the connection has ended (the server closed it, or its node died). A page then reconnects, to any
   * node: {@link #connect} again with that node's port.
   */
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    socket.close();
    client.close();
  }
}
