package vn.ngoforum.realtime;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A change published to the browsers following an address, encoded to JSON once for all of them.
 *
 * <p>Published as a plain {@code JsonObject}, an event would be copied for every subscribed socket by the event
 * bus (a JSON object is mutable, so each consumer gets its own copy) and encoded again for every socket by the
 * bridge: at 5,000 attendees that is 5,000 copies and 5,000 encodings of the same few hundred bytes, for every
 * vote count. A live event is immutable: the event bus hands the same instance to every consumer, and the bridge
 * frame ({@code {"type":"rec","address":...,"body":...}}) is built once and its bytes written to every socket.
 * Browsers see exactly the frames they saw before; between nodes the event travels as its JSON text.
 */
public final class LiveEvent {

  private static final String CODEC_NAME = "forum.live-event";
  /** The Vert.x instances whose event bus knows the codec (one per process, more in tests). */
  private static final Map<Vertx, Boolean> REGISTERED = Collections.synchronizedMap(new WeakHashMap<>());

  private final String json;
  /**
   * When it was published ({@code System.nanoTime()}), for the fan-out delay; 0 for an event from another node,
   * whose clock is not this one's.
   */
  private final long publishedNanos;
  /** The last frame built, with the address it was built for (an event is published to one address). */
  private volatile Frame frame;

  private record Frame(String address, Buffer bytes) {
  }

  private LiveEvent(String json, long publishedNanos) {
    this.json = json;
    this.publishedNanos = publishedNanos;
  }

  /** Publishes {@code body}, as it is now, to everyone following {@code address} on every node. */
  public static void publish(Vertx vertx, String address, JsonObject body) {
    registerCodec(vertx);
    vertx.eventBus().publish(address, new LiveEvent(body.encode(), System.nanoTime()));
  }

  /**
   * Teaches this Vert.x instance's event bus to carry live events. Every node must do it before it can receive
   * one from another node: the bridge does it when it is built, {@link #publish} before publishing.
   */
  static void registerCodec(Vertx vertx) {
    synchronized (REGISTERED) {
      if (REGISTERED.putIfAbsent(vertx, Boolean.TRUE) == null) {
        vertx.eventBus().registerDefaultCodec(LiveEvent.class, new Codec());
      }
    }
  }

  /** The event as browsers get it. */
  public JsonObject body() {
    return new JsonObject(json);
  }

  /** When this node published it ({@code System.nanoTime()}), or 0 when it came from another node. */
  long publishedNanos() {
    return publishedNanos;
  }

  /** The bridge's frame carrying this event on {@code address}, the same bytes for every socket. */
  Buffer frame(String address) {
    Frame built = frame;
    if (built == null || !built.address().equals(address)) {
      String text = "{\"type\":\"rec\",\"address\":" + Json.encode(address) + ",\"body\":" + json + "}";
      built = new Frame(address, Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)));
      frame = built;
    }
    return built.bytes();
  }

  /** What another node receives for {@code body} (for tests). */
  static Buffer encode(JsonObject body) {
    Buffer wire = Buffer.buffer();
    new Codec().encodeToWire(wire, new LiveEvent(body.encode(), System.nanoTime()));
    return wire;
  }

  /** The event another node makes of {@code wire} (for tests). */
  static LiveEvent decode(Buffer wire) {
    return new Codec().decodeFromWire(0, wire);
  }

  @Override
  public String toString() {
    return json;
  }

  /** Between nodes: the JSON text. Within a node: the same instance for every consumer (it never changes). */
  private static final class Codec implements MessageCodec<LiveEvent, LiveEvent> {

    @Override
    public void encodeToWire(Buffer buffer, LiveEvent event) {
      byte[] bytes = event.json.getBytes(StandardCharsets.UTF_8);
      buffer.appendInt(bytes.length).appendBytes(bytes);
    }

    @Override
    public LiveEvent decodeFromWire(int pos, Buffer buffer) {
      int length = buffer.getInt(pos);
      return new LiveEvent(buffer.getString(pos + 4, pos + 4 + length, StandardCharsets.UTF_8.name()), 0);
    }

    @Override
    public LiveEvent transform(LiveEvent event) {
      return event;
    }

    @Override
    public String name() {
      return CODEC_NAME;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
