package vn.ngoforum.registry;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * One buffer already in memory as a {@link ReadStream}: what the GridFS client uploads from. A logo is a few kB
 * after {@link Logos} has shrunk it, so it is held whole; the stream honours pause and fetch so the driver's
 * back-pressure still works. The driver may ask from its own threads, hence {@code synchronized}.
 */
final class BufferReadStream implements ReadStream<Buffer> {

  private final Buffer data;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private long demand = Long.MAX_VALUE;
  private boolean emitted;
  private boolean ended;

  BufferReadStream(Buffer data) {
    this.data = data;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    synchronized (this) {
      this.handler = handler;
    }
    drain();
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    synchronized (this) {
      demand = 0;
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    synchronized (this) {
      demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    }
    drain();
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    synchronized (this) {
      this.endHandler = endHandler;
    }
    drain();
    return this;
  }

  private void drain() {
    Handler<Buffer> onData = null;
    Handler<Void> onEnd = null;
    synchronized (this) {
      if (!emitted && handler != null && demand > 0) {
        emitted = true;
        demand--;
        onData = handler;
      }
      if (emitted && onData == null && !ended && endHandler != null) {
        ended = true;
        onEnd = endHandler;
      }
    }
    if (onData != null) {
      onData.handle(data);
      drain();
    } else if (onEnd != null) {
      onEnd.handle(null);
    }
  }
}
