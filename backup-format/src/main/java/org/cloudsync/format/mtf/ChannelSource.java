package org.cloudsync.format.mtf;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * A seekable file read through a small window: skips are seeks, so a header read fetches the
 * blocks' headers and not the data between them. A fetch is what was asked for, at least one
 * 512-byte sector (a block's header and its first streams) and at most 4 KiB at a time.
 */
final class ChannelSource implements ByteSource {
  private static final int WINDOW = 4096;
  private static final int MIN_FETCH = 512;

  private final SeekableByteChannel channel;
  private final long size;
  private final byte[] window = new byte[WINDOW];
  private long windowStart = -1;
  private int windowLength;
  private long position;
  private long fetched;

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

  /** Fetches at least the wanted bytes (up to the window), and never less than one sector. */
  private void fill(long at, int wanted) throws IOException {
    windowStart = at;
    windowLength = 0;
    channel.position(at);
    int length = Math.min(WINDOW, Math.max(wanted, MIN_FETCH));
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
