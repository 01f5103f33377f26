package org.cloudsync.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32;

/**
 * The bytes of one zip entry on their way to disk: read from the zip in large chunks, each chunk
 * counted against the limits, added to a CRC-32 and written to the staged file once, then served to
 * the header reader from memory. So the entry is inflated once, whatever size the reader asks for,
 * and the reader and the copy never disagree about the bytes.
 *
 * <p>A breach of a limit or a failed write stops the copy: the reader sees an {@link IOException},
 * and the caller learns the real cause from {@link #breach()} and {@link #writeFailure()}.
 */
final class EntryCopy extends InputStream {
  /** Why the copy stopped early. */
  enum Breach {
    NONE,
    /** More bytes than the entry declares. */
    DECLARED_SIZE,
    /** More bytes per compressed byte than allowed. */
    RATIO,
    /** The zip's total budget is spent. */
    TOTAL
  }

  /** The chunk size, and the size of the buffer the caller lends. */
  static final int CHUNK = 256 * 1024;

  private final InputStream source;
  private final OutputStream sink;
  private final long declaredSize;
  private final long ratioLimit;
  private final long totalLeft;
  private final CRC32 crc = new CRC32();
  private final byte[] buffer;
  private int position;
  private int limit;
  private long count;
  private boolean ended;
  private Breach breach = Breach.NONE;
  private IOException writeFailure;
  private IOException readFailure;

  /**
   * @param sink where the bytes go, or null to only check them
   * @param declaredSize the entry's uncompressed size, or -1 when unknown
   * @param ratioLimit the most bytes this entry may expand to, by its compression ratio
   * @param totalLeft the most bytes left in the zip's total budget
   * @param buffer {@link #CHUNK} bytes, reused from entry to entry (no allocation per entry)
   */
  EntryCopy(
      InputStream source,
      OutputStream sink,
      long declaredSize,
      long ratioLimit,
      long totalLeft,
      byte[] buffer) {
    if (buffer.length != CHUNK) {
      throw new IllegalArgumentException("the buffer must hold " + CHUNK + " bytes");
    }
    this.buffer = buffer;
    this.source = source;
    this.sink = sink;
    this.declaredSize = declaredSize;
    this.ratioLimit = ratioLimit;
    this.totalLeft = totalLeft;
  }

  @Override
  public int read() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (position == limit && !fill()) {
      return -1;
    }
    int n = Math.min(len, limit - position);
    System.arraycopy(buffer, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes still go to disk and into the CRC.
    long skipped = 0;
    while (skipped < n && (position < limit || fill())) {
      int step = (int) Math.min(n - skipped, limit - position);
      position += step;
      skipped += step;
    }
    return skipped;
  }

  @Override
  public int available() {
    return limit - position;
  }

  /** Copies whatever the reader left unread, so that the whole entry is on disk and checked. */
  void drain() throws IOException {
    while (fill()) {
      position = limit;
    }
  }

  private boolean fill() throws IOException {
    if (breach != Breach.NONE || writeFailure != null || readFailure != null) {
      throw new IOException("entry copy stopped earlier");
    }
    if (ended) {
      return false;
    }
    int n;
    try {
      n = source.readNBytes(buffer, 0, CHUNK);
    } catch (IOException e) {
      readFailure = e;
      throw e;
    }
    if (n <= 0) {
      ended = true;
      position = limit = 0;
      return false;
    }
    count += n;
    if (declaredSize >= 0 && count > declaredSize) {
      breach = Breach.DECLARED_SIZE;
    } else if (count > totalLeft) {
      breach = Breach.TOTAL;
    } else if (count > ratioLimit) {
      breach = Breach.RATIO;
    }
    if (breach != Breach.NONE) {
      throw new IOException("entry copy stopped: " + breach);
    }
    crc.update(buffer, 0, n);
    if (sink != null) {
      try {
        sink.write(buffer, 0, n);
      } catch (IOException e) {
        writeFailure = e;
        throw e;
      }
    }
    position = 0;
    limit = n;
    return true;
  }

  /** Bytes taken from the zip so far. */
  long count() {
    return count;
  }

  long crc() {
    return crc.getValue();
  }

  Breach breach() {
    return breach;
  }

  IOException writeFailure() {
    return writeFailure;
  }

  /** Records that the entry could not even be opened. */
  void fail(IOException e) {
    readFailure = e;
  }

  /** The zip's data could not be read (damaged deflate stream, unexpected end), or null. */
  IOException readFailure() {
    return readFailure;
  }
}
