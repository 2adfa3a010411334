package vn.ngoforum.realtime;

import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.ops.Meters;

/**
 * Delivers what is published on a followed address to the bridge sockets of one event loop that follow it: one
 * event-bus consumer per address, writing one frame, built once, to each of those sockets.
 *
 * <p>Left to itself the bridge registers an event-bus consumer per socket and address: a publish to a Q&amp;A
 * session followed by 5,000 attendees is then dispatched to 5,000 consumers, each matching the address against
 * the bridge's permissions, building its own envelope and raising a bridge event, and joining or leaving scans
 * the address's list of 5,000 handlers (and, in a cluster, adds or removes a registration cluster-wide). Here a
 * node has one consumer per address and event loop, as a plain WebSocket broadcast server would. The bridge still
 * does everything else (the SockJS protocol, pings, limits, unregistering a closed socket): its own consumer for
 * the socket listens on the address's {@link #quiet} twin, on which nothing is ever published.
 *
 * <p>One instance per bridge, i.e. per HTTP verticle; the bridge's events for a socket and this instance's
 * consumers run on that verticle's event loop. The bridge knows which addresses each socket follows and makes a
 * closed socket leave them.
 */
final class Fanout {

  private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);

  private final Vertx vertx;
  private final OutboundLimit outbound;
  private final int socketsAtATime;
  /**
   * From publishing a live event on this node to its frame handed to the last socket of this event loop: the event
   * bus's queue, the event loop's backlog and the writes themselves ({@code forum_live_fanout_delay_seconds}).
   */
  private final Timer delay;
  /** How many sockets a frame is written to before the event loop may do something else. */
  static final int SOCKETS_AT_A_TIME = 250;
  /** Per followed address, its consumer and the sockets following it. */
  private final Map<String, Audience> audiences = new ConcurrentHashMap<>();

  private static final class Audience {
    final Set<SockJSSocket> sockets = ConcurrentHashMap.newKeySet();
    MessageConsumer<Object> consumer;
    /** Whether a frame is being written to the sockets (in turns, on the consumer's event loop). */
    boolean writing;
    /** The frames published since, each written once the one before has reached its last socket. */
    final Queue<Runnable> waiting = new ArrayDeque<>();
  }

  Fanout(Vertx vertx, OutboundLimit outbound) {
    this(vertx, outbound, SOCKETS_AT_A_TIME);
  }

  /** With {@code socketsAtATime} sockets a turn (tests: a few, to see frames written in several turns). */
  Fanout(Vertx vertx, OutboundLimit outbound, int socketsAtATime) {
    this.vertx = vertx;
    this.outbound = outbound;
    this.socketsAtATime = socketsAtATime;
    this.delay = Timer.builder(Meters.PREFIX + "live.fanout.delay")
        .description("From publishing a live event on this node to its frame written to the last socket following it")
        .register(Meters.of(vertx).registry());
  }

  /** The address the bridge registers for a socket following {@code address}. */
  static String quiet(String address) {
    return Addresses.QUIET_PREFIX + address;
  }

  /** The followed address behind a bridge registration's address (which may already be it). */
  static String loud(String address) {
    String prefix = Addresses.QUIET_PREFIX;
    return address != null && address.startsWith(prefix) ? address.substring(prefix.length()) : address;
  }

  /**
   * Makes {@code socket} receive what is published on {@code address} from now on; the future completes once the
   * address's consumer is registered (cluster-wide, when clustered), i.e. once nothing published can pass it by.
   */
  Future<Void> join(String address, SockJSSocket socket) {
    Audience audience = audiences.computeIfAbsent(address, this::listen);
    audience.sockets.add(socket);
    return audience.consumer.completion();
  }

  /**
   * Completes once the consumer of {@code address} is registered (at once when nobody here follows it any more).
   */
  Future<Void> ready(String address) {
    Audience audience = audiences.get(address);
    return audience == null ? Future.succeededFuture() : audience.consumer.completion();
  }

  /** Stops {@code socket} receiving {@code address}; the last socket to leave an address removes its consumer. */
  void leave(String address, SockJSSocket socket) {
    Audience audience = audiences.get(address);
    if (audience != null && audience.sockets.remove(socket) && audience.sockets.isEmpty()) {
      audiences.remove(address, audience);
      audience.consumer.unregister();
    }
  }

  /** How many sockets {@code address} is delivered to here (0 when nobody here follows it). */
  int audience(String address) {
    Audience audience = audiences.get(address);
    return audience == null ? 0 : audience.sockets.size();
  }

  private Audience listen(String address) {
    Audience audience = new Audience();
    audience.consumer = vertx.eventBus().consumer(address, message -> deliver(address, audience, message));
    return audience;
  }

  private void deliver(String address, Audience audience, Message<Object> message) {
    if (audience.sockets.isEmpty()) {
      return;
    }
    Buffer frame = frame(address, message);
    long publishedNanos = message.body() instanceof LiveEvent live ? live.publishedNanos() : 0;
    Runnable pass = () -> write(audience, audience.sockets.iterator(), frame, publishedNanos);
    if (audience.writing) {
      audience.waiting.add(pass);
    } else {
      audience.writing = true;
      pass.run();
    }
  }

  /**
   * Writes the frame to {@link #SOCKETS_AT_A_TIME} sockets (a turn), then lets the event loop do what else waits (an HTTP
   * request, a write's answer from the store) before the next as many: written in one go, a frame to 2,500 sockets
   * held this loop's requests for tens of milliseconds, and in a vote storm, with a frame every window, for much of
   * the time. A frame published meanwhile waits for this one's last socket, so each socket still gets an address's
   * frames in the order they were published.
   */
  private void write(Audience audience, Iterator<SockJSSocket> sockets, Buffer frame, long publishedNanos) {
    for (int i = 0; i < socketsAtATime && sockets.hasNext(); i++) {
      SockJSSocket socket = sockets.next();
      try {
        outbound.write(socket, frame);
      } catch (RuntimeException e) {
        // One socket's failure must not leave the rest without the frame, nor the audience's later frames waiting
        // for good behind this one.
        LOG.debug("Could not write a live frame to {}: {}", socket.remoteAddress(), e.toString());
      }
    }
    if (sockets.hasNext()) {
      vertx.getOrCreateContext().runOnContext(v -> write(audience, sockets, frame, publishedNanos));
      return;
    }
    if (publishedNanos != 0) {
      delay.record(System.nanoTime() - publishedNanos, TimeUnit.NANOSECONDS);
    }
    Runnable next = audience.waiting.poll();
    if (next == null) {
      audience.writing = false;
    } else {
      vertx.getOrCreateContext().runOnContext(v -> next.run());
    }
  }

  /**
   * The bridge frame ({@code {"type":"rec","address":...,"body":...}}) for a message: a {@link LiveEvent}'s frame is
   * built once for all event loops; anything else (an event published as plain JSON, or with headers) is encoded
   * here.
   */
  static Buffer frame(String address, Message<Object> message) {
    Object body = message.body();
    if (message.headers().isEmpty() && body instanceof LiveEvent live) {
      return live.frame(address);
    }
    JsonObject envelope = new JsonObject().put("type", "rec").put("address", address)
        .put("body", body instanceof LiveEvent live ? live.body() : body);
    if (!message.headers().isEmpty()) {
      JsonObject headers = new JsonObject();
      message.headers().names().forEach(name -> {
        List<String> values = message.headers().getAll(name);
        headers.put(name, values.size() == 1 ? values.get(0) : values);
      });
      envelope.put("headers", headers);
    }
    return Buffer.buffer(envelope.encode());
  }
}
