package org.cloudsync.source;

/** Hears how far a download is. Called from download threads; implementations must be safe. */
@FunctionalInterface
public interface ProgressListener {
  /** Listens to nothing. */
  ProgressListener NONE = (done, total) -> {};

  /** {@code done} of {@code total} bytes are on disk. */
  void progress(long done, long total);
}
