package org.cloudsync.format.mtf;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;

/**
 * A seekable file read through a small window: skips are seeks, so a header read fetches the
 * blocks' headers and not the data between them. A fetch is 8 KiB (the head, TAPE to MSCI, takes
 * one or two), or the rest of the file when at most 16 KiB remain (the tail, MSLS to the end, takes
 * one), or one sector per fetch once {@link #preferSmallFetches()} is called.
 *
 * <p>A file channel is read with positional reads (one system call per fetch). The window is lent
 * by the thread's previous source once that one is {@linkplain #release() released}, so reading
 * many small files in a row does not allocate a window per file.
 */
final class ChannelSource implements ByteSource {
  private static final int WINDOW = 8192;

  /**
   * A window fetch that would leave at most this much of the file after it takes the rest of the
   * file at once: the tail of a log (MSLS, SFMB, ESET, ESET, SFMB) is 10 to 12 KiB, one fetch
   * instead of two, and a small file is read in one or two fetches.
   */
  private static final int TO_THE_END = 2 * WINDOW;

  private static final int SECTOR = 512;

  /** The window of this thread's last released source, if no source holds it now. */
  private static final ThreadLocal<ByteBuffer> SPARE = new ThreadLocal<>();

  private final SeekableByteChannel channel;
  private final FileChannel file;
  private final long size;
  private final ByteBuffer buffer;
  private final byte[] window;
  private long windowStart = -1;
  private int windowLength;
  private long position;
  private long fetched;
  private int minFetch = WINDOW;

  ChannelSource(SeekableByteChannel channel) throws IOException {
    this.channel = channel;
    this.file = channel instanceof FileChannel f ? f : null;
    this.size = channel.size();
    this.position = 0;
    ByteBuffer spare = SPARE.get();
    if (spare != null) {
      SPARE.set(null);
      this.buffer = spare;
    } else {
      this.buffer = ByteBuffer.allocate(TO_THE_END);
    }
    this.window = buffer.array();
  }

  /** Hands the window back for the thread's next source; this source must not be read again. */
  void release() {
    SPARE.set(buffer);
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public int readUpTo(byte[] b, int off, int len) throws IOException {
    int done = 0;
    while (done < len && position < size) {
      if (windowStart < 0 || position < windowStart || position >= windowStart + windowLength) {
        fill(position, len - done);
        if (windowLength == 0) {
          break;
        }
      }
      int at = (int) (position - windowStart);
      int n = Math.min(len - done, windowLength - at);
      System.arraycopy(window, at, b, off + done, n);
      done += n;
      position += n;
    }
    return done;
  }

  /**
   * From now on fetch single sectors: for a walk that reads a small header every few kilobytes
   * (compressed records), where a full window would fetch mostly bytes that are skipped.
   */
  void preferSmallFetches() {
    minFetch = SECTOR;
  }

  /** Fetches at least the wanted bytes, up to the window. */
  private void fill(long at, int wanted) throws IOException {
    windowStart = at;
    windowLength = 0;
    int length = Math.min(WINDOW, Math.max(wanted, minFetch));
    if (minFetch == WINDOW && size - at <= TO_THE_END) {
      length = (int) (size - at);
    }
    ByteBuffer buf = buffer.clear().limit(length);
    if (file == null) {
      channel.position(at);
    }
    while (buf.hasRemaining()) {
      int n = file != null ? file.read(buf, at + buf.position()) : channel.read(buf);
      if (n < 0) {
        break;
      }
      fetched += n;
    }
    windowLength = buf.position();
  }

  @Override
  public void skip(long n) throws IOException {
    if (n < 0 || n > size - position) {
      position = size;
      throw new EOFException();
    }
    position += n;
  }

  @Override
  public int peek(byte[] b, int len) throws IOException {
    long at = position;
    int n = readUpTo(b, 0, len);
    position = at;
    return n;
  }

  @Override
  public long bytesFetched() {
    return fetched;
  }
}
