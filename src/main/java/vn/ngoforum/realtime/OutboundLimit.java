package vn.ngoforum.realtime;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps what the server holds for one bridge connection that does not read, so that a stalled browser (a laptop
 * lid closed mid-stream, a phone in a tunnel) cannot make the server's memory grow without bound.
 *
 * <p>The bridge itself writes every message to the socket and forgets it: nothing stops the frames piling up in
 * the connection's write queue while the other side does not read. {@code SockJSSocket.writeQueueFull()} does
 * not help either: over SockJS's WebSocket transport it only sees the session's own batch, which is handed to
 * the WebSocket at once, never the bytes queued behind a full TCP window. So this class writes the frame itself
 * and counts the bytes whose write has not completed yet (completion means the bytes reached the operating
 * system; for the polling transports, that a poll took them). A connection more than {@link #MAX_QUEUED_BYTES}
 * behind is closed: what it has not taken yet still reaches it, then the close frame, and nothing after that; its
 * page reconnects and catches up by sequence number, as after any lost connection. What the server holds for a
 * stalled connection is thus at most this limit and the close frame, plus the operating system's socket buffer.
 * A browser that never reads again never takes the close frame either: the HTTP server's idle timeout
 * ({@code HttpVerticle}) then drops the connection.
 */
final class OutboundLimit {

  private static final Logger LOG = LoggerFactory.getLogger(OutboundLimit.class);
  /**
   * The most a connection may have unsent. A Q&amp;A or post event is a few hundred bytes, so this is hundreds
   * of events: far more than a reader that is merely slow falls behind, little per connection.
   */
  static final long MAX_QUEUED_BYTES = 256 * 1024;
  /** WebSocket close code for "policy violation": this connection fell too far behind. */
  private static final short TOO_FAR_BEHIND = 1008;

  /** Bytes written to each open socket and not yet taken; a socket absent here is closed (or closing). */
  private final Map<SockJSSocket, AtomicLong> queued = new ConcurrentHashMap<>();

  /** Starts counting for a new socket. */
  void opened(SockJSSocket socket) {
    queued.put(socket, new AtomicLong());
  }

  /** Forgets a closed socket. */
  void closed(SockJSSocket socket) {
    queued.remove(socket);
  }

  /**
   * Writes one bridge frame ({@code {"type":"rec",...}}, encoded) to {@code socket}, or closes the socket when it
   * is too far behind to take more. A frame for a socket that is already closed or closing is dropped. The same
   * frame may be written to many sockets: it is only read.
   */
  void write(SockJSSocket socket, Buffer frame) {
    AtomicLong pending = queued.get(socket);
    if (pending == null) {
      return;
    }
    int size = frame.length();
    if (pending.addAndGet(size) > MAX_QUEUED_BYTES) {
      if (queued.remove(socket) != null) {
        LOG.warn("Closing the live connection of {}: {} bytes behind; it will reconnect and catch up",
            socket.remoteAddress(), pending.get() - size);
        socket.close(TOO_FAR_BEHIND, "too far behind");
      }
      return;
    }
    socket.write(frame).onComplete(done -> pending.addAndGet(-size));
  }
}
