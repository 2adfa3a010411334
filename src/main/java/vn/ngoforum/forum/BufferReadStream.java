package vn.ngoforum.forum;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/** A read stream over a buffer already in memory (an upload the body handler collected), for GridFS. */
final class BufferReadStream implements ReadStream<Buffer> {

  private static final int CHUNK = 255 * 1024;

  private final Context context;
  private final Buffer data;
  private int position;
  private boolean paused;
  private boolean ended;
  private boolean scheduled;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;

  BufferReadStream(Context context, Buffer data) {
    this.context = context;
    this.data = data;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    this.handler = handler;
    schedule();
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    paused = true;
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    paused = false;
    schedule();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    return resume();
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    schedule();
    return this;
  }

  private void schedule() {
    if (!scheduled) {
      scheduled = true;
      context.runOnContext(v -> {
        scheduled = false;
        emit();
      });
    }
  }

  private void emit() {
    while (!paused && handler != null && position < data.length()) {
      int end = Math.min(data.length(), position + CHUNK);
      Buffer chunk = data.getBuffer(position, end);
      position = end;
      handler.handle(chunk);
    }
    if (!paused && !ended && position >= data.length() && endHandler != null) {
      ended = true;
      endHandler.handle(null);
    }
  }
}
