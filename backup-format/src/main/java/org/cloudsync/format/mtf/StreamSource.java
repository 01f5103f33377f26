package org.cloudsync.format.mtf;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/** A stream read once with constant memory: skips read and discard. */
final class StreamSource implements ByteSource {
  private static final int PEEK_LIMIT = 1024;

  private final PushbackInputStream in;
  private final byte[] scratch = new byte[8192];
  private long position;
  private long fetched;

  StreamSource(InputStream in) {
    this.in = new PushbackInputStream(in, PEEK_LIMIT);
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public long size() {
    return -1;
  }

  @Override
  public int readUpTo(byte[] b, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int n = in.read(b, off + done, len - done);
      if (n < 0) {
        break;
      }
      done += n;
    }
    position += done;
    fetched += done;
    return done;
  }

  @Override
  public void skip(long n) throws IOException {
    long left = n;
    while (left > 0) {
      int got = in.read(scratch, 0, (int) Math.min(scratch.length, left));
      if (got < 0) {
        throw new EOFException();
      }
      left -= got;
      position += got;
      fetched += got;
    }
  }

  @Override
  public int peek(byte[] b, int len) throws IOException {
    if (len > PEEK_LIMIT) {
      throw new IllegalArgumentException("peek of " + len + " bytes exceeds " + PEEK_LIMIT);
    }
    int done = 0;
    while (done < len) {
      int n = in.read(b, done, len - done);
      if (n < 0) {
        break;
      }
      done += n;
    }
    in.unread(b, 0, done);
    return done;
  }

  /** Reads the rest of the stream, so that a zip entry's CRC is checked by its reader. */
  void drain() throws IOException {
    while (true) {
      int got = in.read(scratch, 0, scratch.length);
      if (got < 0) {
        return;
      }
      position += got;
      fetched += got;
    }
  }

  @Override
  public long bytesFetched() {
    return fetched;
  }
}
