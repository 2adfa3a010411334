package vn.ngoforum.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.ForumUnderTest;

/**
 * The bridge's limits hold against clients that do not behave like the forum's pages: bursts of registrations,
 * sockets that close while their registration is being checked, documents without an origin, and the transports
 * browsers no longer need. The xhr fallbacks that browsers on WebSocket-blocking networks do need work end to end.
 */
@ExtendWith(VertxExtension.class)
class BridgeLimitsTest {

  private Vertx vertx;
  private HttpServer server;
  private Router router;
  private int port;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    router = Router.router(vertx);
    server = ForumUnderTest.await(vertx.createHttpServer().requestHandler(router).listen(0));
    port = server.actualPort();
  }

  @AfterEach
  void stop() {
    ForumUnderTest.await(server.close());
  }

  private EventBusBridge bridge(RegistrationCheck sessions) {
    EventBusBridge bridge = new EventBusBridge(vertx, "http://localhost:" + port).sessions(sessions);
    bridge.mount(router);
    return bridge;
  }

  @Test
  @DisplayName("a client that sends many registrations at once still follows at most 50 addresses")
  void burstOfRegistrations() {
    // A check that answers later, as the real ones do (they read MongoDB): every registration is still being
    // checked when the next arrives.
    EventBusBridge bridge = bridge((user, id) -> vertx.timer(100).map(true));
    int sent = EventBusBridge.MAX_ADDRESSES_PER_SOCKET + 20;
    try (BridgeClient client = BridgeClient.connect(vertx, port, null)) {
      for (int i = 0; i < sent; i++) {
        client.register(Addresses.session("s" + i));
      }
      List<JsonObject> refusals = new CopyOnWriteArrayList<>();
      await(() -> {
        JsonObject frame = client.next(10);
        if (frame != null && "err".equals(frame.getString("type"))) {
          refusals.add(frame);
        }
        return client.registeredCount() + refusals.size() >= sent;
      });
      assertEquals(EventBusBridge.MAX_ADDRESSES_PER_SOCKET, client.registeredCount(), "confirmed registrations");
      assertEquals(sent - EventBusBridge.MAX_ADDRESSES_PER_SOCKET, refusals.size(), "refused: " + refusals);
      int delivered = 0;
      for (int i = 0; i < sent; i++) {
        delivered += bridge.audience(Addresses.session("s" + i));
      }
      assertEquals(EventBusBridge.MAX_ADDRESSES_PER_SOCKET, delivered, "addresses delivered to the socket");
    }
  }

  @Test
  @DisplayName("a socket that closes while its registration is checked leaves nothing behind")
  void closedDuringCheck() {
    AtomicReference<Promise<Boolean>> pending = new AtomicReference<>();
    AtomicReference<Context> checkContext = new AtomicReference<>();
    EventBusBridge bridge = bridge((user, id) -> {
      Promise<Boolean> answer = Promise.promise();
      checkContext.set(Vertx.currentContext());
      pending.set(answer);
      return answer.future();
    });
    String address = Addresses.session("slow");
    BridgeClient client = BridgeClient.connect(vertx, port, null);
    client.register(address);
    await(() -> pending.get() != null);
    client.close();
    await(() -> bridge.openConnections() == 0);

    // The check answers "yes" only now, on the bridge's event loop, as a MongoDB read would.
    ForumUnderTest.await(Future.<Void>future(done -> checkContext.get().runOnContext(v -> {
      pending.get().complete(true);
      done.complete();
    })));
    assertEquals(0, bridge.audience(address), "nothing is delivered to, or kept for, the closed socket");
    assertEquals(0, bridge.openConnections());
  }

  @Test
  @DisplayName("a document without an origin (a sandboxed frame, a local file) cannot open the live connection")
  void nullOrigin() {
    bridge((user, id) -> Future.succeededFuture(true));
    var client = vertx.createWebSocketClient();
    try {
      assertThrows(IllegalStateException.class, () -> ForumUnderTest.await(client.connect(
          new WebSocketConnectOptions().setHost("localhost").setPort(port)
              .setURI("/eventbus/websocket").addHeader("Origin", "null"))));
      // The forum's own pages still connect.
      ForumUnderTest.await(client.connect(new WebSocketConnectOptions().setHost("localhost").setPort(port)
          .setURI("/eventbus/websocket").addHeader("Origin", "http://localhost:" + port))).close();
    } finally {
      client.close();
    }
  }

  @Test
  @DisplayName("the old script and markup transports (JSONP, htmlfile, eventsource) are off")
  void oldTransportsOff() {
    bridge((user, id) -> Future.succeededFuture(true));
    HttpClient http = vertx.createHttpClient();
    try {
      int session = 0;
      for (String transport : List.of("jsonp?c=callback", "htmlfile?c=callback", "eventsource")) {
        String uri = "/eventbus/000/old" + session++ + "/" + transport;
        HttpClientResponse answer = ForumUnderTest.await(http.request(HttpMethod.GET, port, "localhost", uri)
            .compose(request -> request.send()));
        assertEquals(404, answer.statusCode(), uri);
      }
    } finally {
      http.close();
    }
  }

  @Test
  @DisplayName("xhr-polling, the last fallback, registers and receives what is published")
  void xhrPolling() {
    bridge((user, id) -> Future.succeededFuture(true));
    HttpClient http = sockJsClient();
    String session = "/eventbus/000/polling" + System.nanoTime();
    String address = Addresses.session("polled");
    try {
      assertEquals("o\n", post(http, session + "/xhr", null).toString(), "the open frame");
      Buffer sent = post(http, session + "/xhr_send", register(address));
      assertEquals(0, sent.length(), "xhr_send answers 204 with no body");
      assertEquals("registered", frames(post(http, session + "/xhr", null)).get(0).getString("type"));

      // The SockJS session keeps what arrives between polls; the next poll takes it.
      vertx.eventBus().publish(address, new JsonObject().put("text", "polled"));
      JsonObject frame = frames(post(http, session + "/xhr", null)).get(0);
      assertEquals("rec", frame.getString("type"));
      assertEquals("polled", frame.getJsonObject("body").getString("text"));
    } finally {
      http.close();
    }
  }

  @Test
  @DisplayName("xhr-streaming, the fallback for networks that block WebSocket, registers and receives")
  void xhrStreaming() {
    bridge((user, id) -> Future.succeededFuture(true));
    HttpClient http = sockJsClient();
    String session = "/eventbus/000/streaming" + System.nanoTime();
    String address = Addresses.session("streamed");
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    StringBuilder partial = new StringBuilder();
    try {
      // The body handler must be set before the first chunk is delivered. The request is made on a Vert.x
      // context so the response head and its chunks arrive in order on that one event loop, and the handler is
      // set as the head is handled; made from the test thread, the first chunk (the prelude and the open frame)
      // could be delivered before the handler was set and be lost (vert.x issue 5825).
      Promise<HttpClientResponse> opened = Promise.promise();
      vertx.getOrCreateContext().runOnContext(ignored -> http.request(new RequestOptions()
              .setMethod(HttpMethod.POST).setPort(port).setHost("localhost").setURI(session + "/xhr_streaming"))
          .compose(request -> request.send())
          .map(response -> response.handler(chunk -> {
            synchronized (partial) {
              partial.append(chunk.toString());
              int end;
              while ((end = partial.indexOf("\n")) >= 0) {
                lines.add(partial.substring(0, end));
                partial.delete(0, end + 1);
              }
            }
          }))
          .onComplete(opened));
      HttpClientResponse stream = ForumUnderTest.await(opened.future());
      assertEquals(200, stream.statusCode());
      assertEquals("o", nextLine(lines, line -> !line.matches("h+")), "the open frame after the prelude");
      post(http, session + "/xhr_send", register(address));
      assertEquals("registered", frames(Buffer.buffer(nextLine(lines, line -> line.startsWith("a"))))
          .get(0).getString("type"));
      vertx.eventBus().publish(address, new JsonObject().put("text", "streamed"));
      JsonObject frame = frames(Buffer.buffer(nextLine(lines, line -> line.startsWith("a")))).get(0);
      assertEquals("rec", frame.getString("type"));
      assertEquals("streamed", frame.getJsonObject("body").getString("text"));
    } finally {
      http.close();
    }
  }

  /**
   * A client for the xhr transports. SockJS closes the connection after each poll (and at the end of a stream)
   * without saying so in a header, so a kept-alive connection could be picked for the next request just as it
   * closes; each request here gets its own, as in a browser that retries such a request.
   */
  private HttpClient sockJsClient() {
    return vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
  }

  /**
   * Posts on a Vert.x context, like the streaming request above: chained from the test thread, a response that had
   * already arrived when {@code body()} was asked for could have its body delivered before anyone listened, and the
   * poll then never completed (CI saw xhrPolling wait a minute for its open frame).
   */
  private Buffer post(HttpClient http, String uri, String body) {
    Promise<Buffer> answered = Promise.promise();
    vertx.getOrCreateContext().runOnContext(ignored -> http.request(new RequestOptions().setMethod(HttpMethod.POST)
            .setPort(port).setHost("localhost").setURI(uri).putHeader("Content-Type", "text/plain"))
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> {
          assertTrue(response.statusCode() == 200 || response.statusCode() == 204, uri + ": " + response.statusCode());
          return response.body();
        })
        .onComplete(answered));
    return ForumUnderTest.await(answered.future());
  }

  /** A SockJS {@code xhr_send} body: a JSON array of the frames, each a JSON text. */
  private static String register(String address) {
    return new JsonArray().add(new JsonObject().put("type", "register").put("address", address).encode()).encode();
  }

  /** The bridge frames of one SockJS message frame {@code a["{...}", ...]}. */
  private static List<JsonObject> frames(Buffer sockJsFrame) {
    String text = sockJsFrame.toString().strip();
    assertTrue(text.startsWith("a"), "a message frame: " + text);
    return new JsonArray(text.substring(1)).stream().map(item -> new JsonObject((String) item)).toList();
  }

  private static String nextLine(BlockingQueue<String> lines, java.util.function.Predicate<String> wanted) {
    Instant deadline = Instant.now().plusSeconds(10);
    while (Instant.now().isBefore(deadline)) {
      try {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line != null && wanted.test(line)) {
          return line;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("no such line within 10 s; left: " + lines);
  }

  private static void await(BooleanSupplier condition) {
    assertTrue(Eventually.holds(condition, Duration.ofSeconds(10)), "not within 10 s");
  }
}
