package org.cloudsync.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A staging disk that claims {@code free} bytes and fails writes with "No space left on device"
 * once {@code writable} bytes were written, as a full disk does. It counts forces, and can fail
 * them as a disk with delayed allocation does when it fills up ({@link #failForces}).
 */
final class FullDisk implements StagingDisk {
  private final long free;
  private final AtomicLong writable;
  final AtomicInteger forces = new AtomicInteger();
  private volatile boolean failForces;

  FullDisk(long free, long writable) {
    this.free = free;
    this.writable = new AtomicLong(writable);
  }

  /** From now on every force fails with "No space left on device". */
  FullDisk failForces() {
    failForces = true;
    return this;
  }

  @Override
  public long usableSpace(Path directory) {
    return free;
  }

  @Override
  public FileChannel open(Path file, OpenOption... options) throws IOException {
    return new Channel(FileChannel.open(file, options));
  }

  @Override
  public void moveAtomically(Path from, Path to) throws IOException {
    StagingDisk.SYSTEM.moveAtomically(from, to);
  }

  private final class Channel extends FileChannel {
    private final FileChannel real;

    Channel(FileChannel real) {
      this.real = real;
    }

    private ByteBuffer allowed(ByteBuffer src) throws IOException {
      long left = writable.get();
      if (left <= 0) {
        throw new IOException("No space left on device");
      }
      int n = (int) Math.min(left, src.remaining());
      writable.addAndGet(-n);
      ByteBuffer part = src.duplicate();
      part.limit(part.position() + n);
      src.position(src.position() + n);
      return part;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      return real.write(allowed(src), position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      return real.write(allowed(src));
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      throw new IOException("No space left on device");
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return real.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return real.read(dst, position);
    }

    @Override
    public long position() throws IOException {
      return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      real.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      real.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      forces.incrementAndGet();
      if (failForces) {
        throw new IOException("No space left on device");
      }
      real.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      return real.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
        throws IOException {
      throw new IOException("No space left on device");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return real.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      real.close();
    }
  }
}
