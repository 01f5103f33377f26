package org.cloudsync.format.synthetic;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * Little-endian field writers over a byte array, and the MTF encodings the writer needs: dates,
 * GUIDs in the Windows byte order, UTF-16LE strings, and the two header checksums.
 */
final class MtfBytes {
  /** Bytes of an MTF block header that the checksum covers (25 words), and where it is stored. */
  static final int BLOCK_HEADER_CHECKED = 50;

  /** Bytes of a stream header that the checksum covers (10 words), and where it is stored. */
  static final int STREAM_HEADER_CHECKED = 20;

  static final int BLOCK_HEADER_SIZE = 52;
  static final int STREAM_HEADER_SIZE = 22;

  private MtfBytes() {}

  static void putU8(byte[] b, int o, int v) {
    b[o] = (byte) v;
  }

  static void putU16(byte[] b, int o, int v) {
    b[o] = (byte) v;
    b[o + 1] = (byte) (v >>> 8);
  }

  static void putU32(byte[] b, int o, long v) {
    for (int i = 0; i < 4; i++) {
      b[o + i] = (byte) (v >>> (8 * i));
    }
  }

  static void putU64(byte[] b, int o, long v) {
    for (int i = 0; i < 8; i++) {
      b[o + i] = (byte) (v >>> (8 * i));
    }
  }

  static int u16(byte[] b, int o) {
    return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8;
  }

  static long u64(byte[] b, int o) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = v << 8 | (b[o + i] & 0xFF);
    }
    return v;
  }

  static void putAscii(byte[] b, int o, String s) {
    byte[] a = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(a, 0, b, o, a.length);
  }

  static byte[] utf16(String s) {
    return s.getBytes(StandardCharsets.UTF_16LE);
  }

  /** A GUID as Windows stores it: the first three groups little-endian, the rest as written. */
  static void putGuid(byte[] b, int o, UUID g) {
    long hi = g.getMostSignificantBits();
    long lo = g.getLeastSignificantBits();
    putU32(b, o, hi >>> 32);
    putU16(b, o + 4, (int) (hi >>> 16));
    putU16(b, o + 6, (int) hi);
    for (int i = 0; i < 8; i++) {
      b[o + 8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
  }

  /**
   * An MTF date: 5 bytes, big-endian bit fields year 14, month 4, day 5, hour 5, minute 6, second
   * 6. Seconds are truncated.
   */
  static void putDate(byte[] b, int o, LocalDateTime t) {
    if (t.getYear() > 0x3FFF) {
      throw new IllegalArgumentException("year does not fit an mtf date: " + t.getYear());
    }
    long v =
        (long) t.getYear() << 26
            | (long) t.getMonthValue() << 22
            | (long) t.getDayOfMonth() << 17
            | (long) t.getHour() << 12
            | (long) t.getMinute() << 6
            | t.getSecond();
    for (int i = 0; i < 5; i++) {
      b[o + i] = (byte) (v >>> (8 * (4 - i)));
    }
  }

  /** XOR of the little-endian 16-bit words in {@code [o, o + 2 * words)}. */
  static int xorWords(byte[] b, int o, int words) {
    int x = 0;
    for (int i = 0; i < words; i++) {
      x ^= u16(b, o + 2 * i);
    }
    return x;
  }

  /** Stores the block header checksum of the header at {@code o}. */
  static void sealBlockHeader(byte[] b, int o) {
    putU16(b, o + BLOCK_HEADER_CHECKED, xorWords(b, o, BLOCK_HEADER_CHECKED / 2));
  }

  /** Stores the stream header checksum of the header at {@code o}. */
  static void sealStreamHeader(byte[] b, int o) {
    putU16(b, o + STREAM_HEADER_CHECKED, xorWords(b, o, STREAM_HEADER_CHECKED / 2));
  }

  static long alignUp(long v, long unit) {
    return (v + unit - 1) / unit * unit;
  }
}
