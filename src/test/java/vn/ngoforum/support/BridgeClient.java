package vn.ngoforum.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A browser's side of the event-bus bridge, spoken over the raw WebSocket endpoint {@code /eventbus/websocket}
 * with the standard frames ({@code register}, {@code ping}, {@code rec}, {@code err}).
 */
public final class BridgeClient implements AutoCloseable {

  private final WebSocketClient client;
  private final WebSocket socket;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  private BridgeClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    // The bridge writes binary or text frames depending on the transport: take both.
    socket.handler(buffer -> frames.add(buffer.toJsonObject()));
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
