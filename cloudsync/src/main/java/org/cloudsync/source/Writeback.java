package org.cloudsync.source;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Forces a download's temp file to disk in the background every {@code step} bytes written, so that
 * the disk writes while the network delivers and the force before the rename finds little left to
 * write (without it the whole blob sits in the page cache until that last force: about a second per
 * GiB here, after the last byte arrived).
 *
 * <p>At most one force runs at a time and writers never wait for it; a force that fails (a full
 * disk can surface only here, with delayed allocation) is thrown by {@link #finish}. The flushing
 * thread is never interrupted, because an interrupt would close the channel under the writers.
 */
final class Writeback implements AutoCloseable {
  private final FileChannel channel;
  private final long step;
  private ExecutorService thread;
  private Future<?> pending;
  private long unflushed;
  private volatile IOException failure;

  /** A writeback of {@code channel} every {@code step} bytes; none when step is not positive. */
  Writeback(FileChannel channel, long step) {
    this.channel = channel;
    this.step = step;
  }

  /** Counts {@code bytes} just written; starts a force when a step's worth is unflushed. */
  synchronized void wrote(long bytes) {
    if (step <= 0) {
      return;
    }
    unflushed += bytes;
    if (unflushed < step || failure != null || (pending != null && !pending.isDone())) {
      return;
    }
    unflushed = 0;
    if (thread == null) {
      thread =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "cloudsync-writeback");
                t.setDaemon(true);
                return t;
              });
    }
    pending =
        thread.submit(
            () -> {
              try {
                channel.force(false);
              } catch (IOException e) {
                failure = e;
              }
            });
  }

  /** Waits for the force in progress, if any, and throws the first force's failure. */
  void finish() throws IOException {
    Future<?> last;
    synchronized (this) {
      last = pending;
    }
    if (last != null) {
      try {
        last.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("background force failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while forcing the download to disk", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Stops the flushing thread after the force in progress; call before closing the channel. */
  @Override
  public void close() {
    ExecutorService t;
    synchronized (this) {
      t = thread;
    }
    if (t == null) {
      return;
    }
    t.shutdown();
    try {
      t.awaitTermination(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
