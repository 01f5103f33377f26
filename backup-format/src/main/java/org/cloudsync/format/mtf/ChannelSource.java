package org.cloudsync.format.mtf;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * A seekable file read through a small window: skips are seeks, so a header read fetches the
 * blocks' headers and not the data between them. A fetch is 8 KiB (the head, TAPE to MSCI, and the
 * tail, MSLS to the end, each take one or two), or one sector per fetch once {@link
 * #preferSmallFetches()} is called.
 */
final class ChannelSource implements ByteSource {
  private static final int WINDOW = 8192;
  private static final int SECTOR = 512;

  private final SeekableByteChannel channel;
  private final long size;
  private final byte[] window = new byte[WINDOW];
  private long windowStart = -1;
  private int windowLength;
  private long position;
  private long fetched;
  private int minFetch = WINDOW;

  ChannelSource(SeekableByteChannel channel) throws IOException {
    this.channel = channel;
    this.size = channel.size();
    this.position = 0;
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
    channel.position(at);
    int length = Math.min(WINDOW, Math.max(wanted, minFetch));
    ByteBuffer buf = ByteBuffer.wrap(window, 0, length);
    while (buf.hasRemaining()) {
      int n = channel.read(buf);
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
