package vn.ngoforum.db;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A buffer already in memory (an upload the body handler collected, a shrunk logo) as a {@link ReadStream}: what the
 * GridFS client uploads from. It hands the bytes out in chunks of {@value #CHUNK} bytes (GridFS's own chunk size)
 * and honours pause and fetch, so the driver's back-pressure works. The driver may ask from its own threads, hence
 * {@code synchronized}; handlers are called outside the lock.
 */
public final class BufferReadStream implements ReadStream<Buffer> {

  private static final int CHUNK = 255 * 1024;

  private final Buffer data;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private long demand = Long.MAX_VALUE;
  private int position;
  private boolean ended;
  private boolean draining;

  public BufferReadStream(Buffer data) {
    this.data = data;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    return changeThenDrain(() -> this.handler = handler);
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
    return changeThenDrain(() -> demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount);
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    return changeThenDrain(() -> this.endHandler = endHandler);
  }

  /** Applies {@code change} under the lock, then serves what it allows now. */
  private ReadStream<Buffer> changeThenDrain(Runnable change) {
    synchronized (this) {
      change.run();
    }
    drain();
    return this;
  }

  /** Hands out chunks while there is demand, then the end; a handler that fetches more is served by this loop. */
  private void drain() {
    synchronized (this) {
      if (draining) {
        return;
      }
      draining = true;
    }
    try {
      while (true) {
        Handler<Buffer> onData = null;
        Handler<Void> onEnd = null;
        Buffer chunk = null;
        synchronized (this) {
          if (position < data.length() && handler != null && demand > 0) {
            int end = Math.min(data.length(), position + CHUNK);
            chunk = data.getBuffer(position, end);
            position = end;
            demand--;
            onData = handler;
          } else if (position >= data.length() && !ended && endHandler != null) {
            ended = true;
            onEnd = endHandler;
          } else {
            draining = false;
            return;
          }
        }
        if (onData != null) {
          onData.handle(chunk);
        } else {
          onEnd.handle(null);
        }
      }
    } catch (RuntimeException e) {
      synchronized (this) {
        draining = false;
      }
      throw e;
    }
  }
}
