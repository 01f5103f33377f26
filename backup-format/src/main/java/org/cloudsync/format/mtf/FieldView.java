package org.cloudsync.format.mtf;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.UUID;
import org.cloudsync.format.BackupFormatException;
import org.cloudsync.format.ErrorCode;
import org.cloudsync.format.Lsn;

/**
 * A bounds-checked little-endian view of one structure (a block's fixed part, a stream body, a
 * record): every read is checked against the structure's length, sums are computed in {@code long},
 * and a failure names the file, the block, where and what.
 */
final class FieldView {
  private final byte[] data;
  private final int start;
  private final int length;
  private final ReadContext context;
  private final String block;
  private final long blockOffset;
  private final String tag;
  private final String what;
  private final String at;
  private final long whatAt;

  /**
   * @param block the MTF block type the bytes belong to, for errors
   * @param blockOffset the block's offset in the file (or the decompressed data)
   * @param what how the structure is named in errors, e.g. {@code "block header"}
   */
  FieldView(
      byte[] data,
      int start,
      int length,
      ReadContext context,
      String block,
      long blockOffset,
      String what) {
    this(data, start, length, context, block, blockOffset, null, what, null, -1);
  }

  /**
   * A view named in errors {@code TAG WHAT AT0xWHATAT}, e.g. {@code "SCIN record at MQCI+0x16"}:
   * the parts are joined only when an error is reported, not on every read.
   *
   * @param tag the structure's tag, or null
   * @param at what precedes the hexadecimal {@code whatAt}, e.g. {@code " at 0x"}; null for none
   */
  FieldView(
      byte[] data,
      int start,
      int length,
      ReadContext context,
      String block,
      long blockOffset,
      String tag,
      String what,
      String at,
      long whatAt) {
    if (start < 0 || length < 0 || (long) start + length > data.length) {
      throw new IllegalArgumentException("view out of range");
    }
    this.data = data;
    this.start = start;
    this.length = length;
    this.context = context;
    this.block = block;
    this.blockOffset = blockOffset;
    this.tag = tag;
    this.what = what;
    this.at = at;
    this.whatAt = whatAt;
  }

  /** How the structure is named in errors. */
  String name() {
    String name = tag == null ? what : tag + " " + what;
    return at == null ? name : name + at + Long.toHexString(whatAt);
  }

  int length() {
    return length;
  }

  /**
   * A view of {@code len} bytes at {@code at} of this one, named in errors {@code "TAG WHAT" +
   * atLabel + hex(at)}.
   */
  FieldView slice(int at, int len, String sliceTag, String sliceWhat, String atLabel) {
    check(at, len, sliceWhat);
    return new FieldView(
        data, start + at, len, context, block, blockOffset, sliceTag, sliceWhat, atLabel, at);
  }

  BackupFormatException invalid(String rule) {
    return context.fail(ErrorCode.MTF_FIELD_INVALID, block, blockOffset, name() + ": " + rule);
  }

  private void check(int at, long len, String field) {
    if (at < 0 || len < 0 || at + len > length) {
      throw invalid(
          field
              + " at +0x"
              + Integer.toHexString(at)
              + " (0x"
              + Long.toHexString(len)
              + " bytes) lies beyond the end 0x"
              + Integer.toHexString(length));
    }
  }

  int u8(int at, String field) {
    check(at, 1, field);
    return data[start + at] & 0xFF;
  }

  int s8(int at, String field) {
    check(at, 1, field);
    return data[start + at];
  }

  int u16(int at, String field) {
    check(at, 2, field);
    int p = start + at;
    return (data[p] & 0xFF) | (data[p + 1] & 0xFF) << 8;
  }

  long u32(int at, String field) {
    check(at, 4, field);
    int p = start + at;
    return (data[p] & 0xFFL)
        | (data[p + 1] & 0xFFL) << 8
        | (data[p + 2] & 0xFFL) << 16
        | (data[p + 3] & 0xFFL) << 24;
  }

  /** An unsigned 64-bit value that must fit in a {@code long}. */
  long u64(int at, String field) {
    long lo = u32(at, field);
    long hi = u32(at + 4, field);
    if (hi > 0x7FFF_FFFFL) {
      throw invalid(field + " at +0x" + Integer.toHexString(at) + " exceeds 2^63");
    }
    return hi << 32 | lo;
  }

  /**
   * Four ASCII characters (a block, stream or record tag); a known tag is returned as the shared
   * constant (no copy, hash code cached).
   */
  String tag(int at, String field) {
    check(at, 4, field);
    return Tags.of(data, start + at);
  }

  /** A GUID in the Windows byte order (first three groups little-endian). */
  UUID guid(int at, String field) {
    check(at, 16, field);
    int p = start + at;
    long d1 = u32(at, field);
    long d2 = u16(at + 4, field);
    long d3 = u16(at + 6, field);
    long msb = d1 << 32 | d2 << 16 | d3;
    long lsb = 0;
    for (int i = 8; i < 16; i++) {
      lsb = lsb << 8 | (data[p + i] & 0xFFL);
    }
    return new UUID(msb, lsb);
  }

  /** A GUID, or null when all 16 bytes are zero. */
  UUID guidOrNull(int at, String field) {
    UUID g = guid(at, field);
    return g.getMostSignificantBits() == 0 && g.getLeastSignificantBits() == 0 ? null : g;
  }

  /** Ten bytes: u32 vlf, u32 block, u16 slot. */
  Lsn lsn(int at, String field) {
    check(at, 10, field);
    return Lsn.fromBytes(data, start + at);
  }

  /**
   * An MTF date: 5 bytes, big-endian bit fields year 14, month 4, day 5, hour 5, minute 6, second
   * 6. Null when all five bytes are zero.
   */
  LocalDateTime mtfDate(int at, String field) {
    check(at, 5, field);
    long v = 0;
    for (int i = 0; i < 5; i++) {
      v = v << 8 | (data[start + at + i] & 0xFFL);
    }
    if (v == 0) {
      return null;
    }
    int year = (int) (v >>> 26);
    int month = (int) (v >>> 22) & 0xF;
    int day = (int) (v >>> 17) & 0x1F;
    int hour = (int) (v >>> 12) & 0x1F;
    int minute = (int) (v >>> 6) & 0x3F;
    int second = (int) v & 0x3F;
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second);
    } catch (DateTimeException e) {
      throw invalid(
          field
              + " at +0x"
              + Integer.toHexString(at)
              + " is not a date: "
              + year
              + "-"
              + month
              + "-"
              + day
              + " "
              + hour
              + ":"
              + minute
              + ":"
              + second);
    }
  }

  /**
   * A UTF-16LE string addressed by the (size u16, offset u16) pair at {@code at}, the offset
   * relative to this view's start. Null when the size is zero.
   */
  String utf16(int at, String field) {
    check(at, 4, field);
    int size = u16(at, field);
    int offset = u16(at + 2, field);
    if (size == 0) {
      return null;
    }
    if (size % 2 != 0) {
      throw invalid(field + " has an odd UTF-16 size " + size);
    }
    check(offset, size, field);
    // Decoded by hand: the names are short, and a charset decoder costs more than the reading.
    // A name with surrogates goes through the decoder, which replaces unpaired ones.
    char[] chars = new char[size / 2];
    int n = 0;
    for (int p = start + offset, end = p + size; p < end; p += 2) {
      char c = (char) ((data[p] & 0xFF) | (data[p + 1] & 0xFF) << 8);
      if (c == 0) {
        break;
      }
      if (Character.isSurrogate(c)) {
        String s = new String(data, start + offset, size, StandardCharsets.UTF_16LE);
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
      }
      chars[n++] = c;
    }
    return new String(chars, 0, n);
  }

  /** XOR of the first {@code words} little-endian 16-bit words. */
  int xorWords(int words) {
    int x = 0;
    for (int i = 0; i < words; i++) {
      x ^= u16(i * 2, "checksummed word");
    }
    return x;
  }
}
