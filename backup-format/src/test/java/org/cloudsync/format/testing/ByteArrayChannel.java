package org.cloudsync.format.testing;

import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/** A read-only {@link SeekableByteChannel} over bytes in memory, for reading mutated backups. */
public final class ByteArrayChannel implements SeekableByteChannel {
  private final byte[] data;
  private final int length;
  private long position;
  private boolean open = true;

  public ByteArrayChannel(byte[] data) {
    this(data, data.length);
  }

  /** The first {@code length} bytes of {@code data}, e.g. a truncated copy without copying. */
  public ByteArrayChannel(byte[] data, int length) {
    this.data = data;
    this.length = length;
  }

  @Override
  public int read(ByteBuffer dst) {
    if (position >= length) {
      return -1;
    }
    int n = (int) Math.min(dst.remaining(), length - position);
    dst.put(data, (int) position, n);
    position += n;
    return n;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) {
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position");
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() {
    return length;
  }

  @Override
  public SeekableByteChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }
}
