package org.cloudsync.source.azure;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousByteChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.cloudsync.source.BlobSource;

/**
 * A {@link BlobSource.Sink} seen as the asynchronous channel the SDK writes a download body to.
 * Each write completes before it returns (the sink writes to a local file), so the SDK hands over
 * the HTTP client's buffers one at a time and never copies them. What the sink throws is kept and
 * rethrown unchanged by {@link #rethrowSinkFailure}, not as the SDK's wrapping of it.
 */
final class SinkChannel implements AsynchronousByteChannel {
  private final BlobSource.Sink sink;
  private volatile Throwable sinkFailure;
  private volatile boolean open = true;

  SinkChannel(BlobSource.Sink sink) {
    this.sink = sink;
  }

  @Override
  public Future<Integer> write(ByteBuffer src) {
    int n = src.remaining();
    try {
      sink.accept(src);
      return CompletableFuture.completedFuture(n - src.remaining());
    } catch (IOException | RuntimeException | Error e) {
      sinkFailure = e;
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public <A> void write(
      ByteBuffer src, A attachment, CompletionHandler<Integer, ? super A> handler) {
    int n = src.remaining();
    try {
      sink.accept(src);
    } catch (IOException | RuntimeException | Error e) {
      sinkFailure = e;
      handler.failed(e, attachment);
      return;
    }
    handler.completed(n - src.remaining(), attachment);
  }

  /** Throws what the sink threw, if it threw. */
  void rethrowSinkFailure() throws IOException {
    Throwable failure = sinkFailure;
    if (failure instanceof IOException e) {
      throw e;
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
  }

  @Override
  public Future<Integer> read(ByteBuffer dst) {
    throw new UnsupportedOperationException("a download sink is written, never read");
  }

  @Override
  public <A> void read(
      ByteBuffer dst, A attachment, CompletionHandler<Integer, ? super A> handler) {
    throw new UnsupportedOperationException("a download sink is written, never read");
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }
}
