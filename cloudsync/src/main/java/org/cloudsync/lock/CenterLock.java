package org.cloudsync.lock;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.cloudsync.ledger.AdvisoryLock;
import org.cloudsync.ledger.CenterId;

/**
 * A held lock on one health center (see {@link CenterLocks}): the file lock, and the advisory lock
 * on a PostgreSQL ledger. Closing it releases both; so does the end of the process, however it
 * ends.
 */
public final class CenterLock implements AutoCloseable {
  private final CenterId center;
  private final Path file;
  private final LockHolder holder;
  private final FileChannel channel;
  private final AdvisoryLock advisory;
  private final Runnable forget;
  private boolean closed;

  CenterLock(
      CenterId center,
      Path file,
      LockHolder holder,
      FileChannel channel,
      AdvisoryLock advisory,
      Runnable forget) {
    this.center = center;
    this.file = file;
    this.holder = holder;
    this.channel = channel;
    this.advisory = advisory;
    this.forget = forget;
  }

  public CenterId center() {
    return center;
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  /** This process, as written into the lock file. */
  public LockHolder holder() {
    return holder;
  }

  /** Releases the lock; a second call does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (advisory != null) {
        advisory.close();
      }
    } finally {
      release(channel);
      forget.run();
    }
  }

  /** Empties the lock file (its holder has gone) and closes it, which releases the file lock. */
  static void release(FileChannel channel) {
    try {
      channel.truncate(0);
    } catch (IOException e) {
      // A stale holder line is harmless: it is read only while the lock is held.
    }
    try {
      channel.close();
    } catch (IOException e) {
      // The file lock ends with the channel all the same.
    }
  }

  @Override
  public String toString() {
    return "lock on health center '" + center + "' held by " + holder;
  }
}
