package org.cloudsync.source;

/**
 * A range of bytes in a blob: {@code length} bytes from {@code offset}, or everything from {@code
 * offset} to the end when {@code length} is {@link #TO_END}.
 */
public record ByteRange(long offset, long length) {
  /** The length meaning "up to the end of the blob". */
  public static final long TO_END = -1;

  public ByteRange {
    if (offset < 0) {
      throw new IllegalArgumentException("offset " + offset + " < 0");
    }
    if (length < 0 && length != TO_END) {
      throw new IllegalArgumentException("length " + length + " < 0");
    }
  }

  /** The whole blob. */
  public static ByteRange all() {
    return new ByteRange(0, TO_END);
  }

  /** From {@code offset} to the end. */
  public static ByteRange from(long offset) {
    return new ByteRange(offset, TO_END);
  }

  /** {@code length} bytes from {@code offset}. */
  public static ByteRange of(long offset, long length) {
    return new ByteRange(offset, length);
  }

  public boolean toEnd() {
    return length == TO_END;
  }

  /** The number of bytes this range covers in a blob of {@code blobSize} bytes. */
  public long lengthIn(long blobSize) {
    long available = Math.max(0, blobSize - offset);
    return toEnd() ? available : Math.min(length, available);
  }

  @Override
  public String toString() {
    return toEnd() ? "bytes " + offset + "-" : "bytes " + offset + "-" + (offset + length - 1);
  }
}
