package org.cloudsync.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Where eCW's files come from: an Azure Blob container, or a directory for on-premises drops and
 * the demo. Deliberately narrow (list, open a range, describe); retry, MD5 checking, resume and
 * parallel download live once above it in {@link BlobFetcher}.
 *
 * <p>Failures are {@link SourceException}s with a stable code; {@link
 * SourceException#transientFailure()} says whether trying again may help. Reading the returned
 * stream throws {@link java.io.IOException} when the transfer breaks; callers treat that as
 * transient.
 */
public interface BlobSource {

  /** Every blob currently in the source, with its metadata. */
  List<BlobInfo> list();

  /**
   * Opens {@code range} of the blob exactly as {@code blob} describes it. If the blob has since
   * been replaced (its etag differs) this fails with {@code BLOB_CHANGED}; if it was deleted, with
   * {@code BLOB_VANISHED}.
   */
  InputStream open(BlobInfo blob, ByteRange range);

  /**
   * Hands {@code range} of the blob to {@code sink} in order, as {@link #open} would read it, with
   * the same failures: a broken transfer is an {@link IOException} after the bytes delivered so
   * far; whatever {@code sink} throws is thrown unchanged.
   *
   * <p>The default reads {@link #open} through one 256 KiB buffer. A source whose bytes already
   * arrive in buffers (Azure's HTTP client) overrides this to pass them on without copying them
   * into a stream first; this is only an optimisation, never a different behaviour.
   */
  default void transfer(BlobInfo blob, ByteRange range, Sink sink) throws IOException {
    try (InputStream in = open(blob, range)) {
      byte[] buffer = new byte[256 << 10];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sink.accept(ByteBuffer.wrap(buffer, 0, n));
      }
    }
  }

  /** Where {@link #transfer} delivers bytes. */
  @FunctionalInterface
  interface Sink {
    /**
     * Takes every remaining byte of {@code bytes} (the buffer is reused once this returns, so keep
     * no reference to it).
     */
    void accept(ByteBuffer bytes) throws IOException;
  }

  /** A human description of the source, safe to print and log (no secrets). */
  String describe();
}
