package org.cloudsync.format.mtf;

import java.io.EOFException;
import java.io.IOException;

/**
 * Bytes read front to back, with skips: a seekable file (a skip is a seek), a stream (a skip reads
 * and discards), or the decompressed view of a compressed container (a skip passes over whole
 * records without decompressing them).
 */
interface ByteSource {

  /** How many bytes precede the next one to be read. */
  long position();

  /** The total size, or -1 when unknown (a stream). */
  long size();

  /**
   * Reads up to {@code len} bytes; fewer only at the end.
   *
   * @return the count read
   */
  int readUpTo(byte[] b, int off, int len) throws IOException;

  /** Passes over {@code n} bytes, throwing {@link EOFException} when the source ends first. */
  void skip(long n) throws IOException;

  /** Returns up to {@code len} upcoming bytes without consuming them (len at most 1024). */
  int peek(byte[] b, int len) throws IOException;

  /** Bytes actually fetched from the underlying file or stream so far. */
  long bytesFetched();

  /** Reads exactly {@code len} bytes, throwing {@link EOFException} when the source ends first. */
  default void readFully(byte[] b, int off, int len) throws IOException {
    int n = readUpTo(b, off, len);
    if (n < len) {
      throw new EOFException();
    }
  }
}
