package org.cloudsync.format;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A SQL Server log sequence number: (virtual log file, log block, slot).
 *
 * <p>Stored in a backup as 10 bytes (u32, u32, u16). {@code RESTORE HEADERONLY} shows it as one
 * decimal number, {@code vlf * 10^15 + block * 10^5 + slot}, which can have 25 digits and so exceed
 * a {@code long}; SQL Server's error messages also print the hex form {@code
 * 00000019:00000099:0001}. LSNs compare as the triple, never as strings.
 */
public record Lsn(long vlf, long block, int slot) implements Comparable<Lsn> {

  /** The zero LSN, which SQL Server shows as {@code 0} (for example a first full's base LSN). */
  public static final Lsn ZERO = new Lsn(0, 0, 0);

  private static final long MAX_U32 = 0xFFFF_FFFFL;
  private static final BigInteger BLOCK_FACTOR = BigInteger.TEN.pow(5);
  private static final BigInteger VLF_FACTOR = BigInteger.TEN.pow(15);
  private static final BigInteger MAX_DECIMAL =
      BigInteger.valueOf(MAX_U32)
          .multiply(VLF_FACTOR)
          .add(BigInteger.valueOf(MAX_U32).multiply(BLOCK_FACTOR))
          .add(BigInteger.valueOf(0xFFFF));

  public Lsn {
    if (vlf < 0 || vlf > MAX_U32) {
      throw new IllegalArgumentException("lsn vlf out of range: " + vlf);
    }
    if (block < 0 || block > MAX_U32) {
      throw new IllegalArgumentException("lsn block out of range: " + block);
    }
    if (slot < 0 || slot > 0xFFFF) {
      throw new IllegalArgumentException("lsn slot out of range: " + slot);
    }
  }

  /**
   * Parses either the decimal form ({@code 25000000015300001}) or the hex form ({@code
   * 00000019:00000099:0001}).
   *
   * @throws IllegalArgumentException with a message naming the text when it is neither
   */
  public static Lsn parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.strip();
    if (s.indexOf(':') >= 0) {
      return parseHex(s, text);
    }
    if (s.isEmpty() || s.length() > 25 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          "not an lsn: '" + text + "' (expected up to 25 decimal digits or vlf:block:slot in hex)");
    }
    return fromDecimal(new BigInteger(s));
  }

  /** The LSN whose decimal form is {@code value}. */
  public static Lsn fromDecimal(BigInteger value) {
    if (value.signum() < 0 || value.compareTo(MAX_DECIMAL) > 0) {
      throw new IllegalArgumentException("lsn out of range: " + value);
    }
    BigInteger[] vlfRest = value.divideAndRemainder(VLF_FACTOR);
    BigInteger[] blockSlot = vlfRest[1].divideAndRemainder(BLOCK_FACTOR);
    long vlf = vlfRest[0].longValueExact();
    long block = blockSlot[0].longValueExact();
    int slot = blockSlot[1].intValueExact();
    if (vlf > MAX_U32 || block > MAX_U32 || slot > 0xFFFF) {
      throw new IllegalArgumentException("not an lsn: " + value + " (a part is out of range)");
    }
    return new Lsn(vlf, block, slot);
  }

  private static Lsn parseHex(String s, String original) {
    String[] parts = s.split(":", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "not an lsn: '" + original + "' (expected vlf:block:slot)");
    }
    try {
      long vlf = parseHexPart(parts[0], 8);
      long block = parseHexPart(parts[1], 8);
      long slot = parseHexPart(parts[2], 4);
      return new Lsn(vlf, block, (int) slot);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "not an lsn: '" + original + "' (expected hex vlf:block:slot)", e);
    }
  }

  private static long parseHexPart(String part, int maxDigits) {
    if (part.isEmpty() || part.length() > maxDigits) {
      throw new NumberFormatException(part);
    }
    return Long.parseLong(part, 16);
  }

  /** Decodes the 10 stored bytes at {@code offset}: u32 vlf, u32 block, u16 slot, little-endian. */
  public static Lsn fromBytes(byte[] b, int offset) {
    Objects.checkFromIndexSize(offset, 10, b.length);
    long vlf = u32(b, offset);
    long block = u32(b, offset + 4);
    int slot = (b[offset + 8] & 0xFF) | (b[offset + 9] & 0xFF) << 8;
    return new Lsn(vlf, block, slot);
  }

  /** Writes the 10 stored bytes at {@code offset}. */
  public void toBytes(byte[] b, int offset) {
    Objects.checkFromIndexSize(offset, 10, b.length);
    putU32(b, offset, vlf);
    putU32(b, offset + 4, block);
    b[offset + 8] = (byte) slot;
    b[offset + 9] = (byte) (slot >>> 8);
  }

  private static long u32(byte[] b, int o) {
    return (b[o] & 0xFFL)
        | (b[o + 1] & 0xFFL) << 8
        | (b[o + 2] & 0xFFL) << 16
        | (b[o + 3] & 0xFFL) << 24;
  }

  private static void putU32(byte[] b, int o, long v) {
    b[o] = (byte) v;
    b[o + 1] = (byte) (v >>> 8);
    b[o + 2] = (byte) (v >>> 16);
    b[o + 3] = (byte) (v >>> 24);
  }

  public boolean isZero() {
    return vlf == 0 && block == 0 && slot == 0;
  }

  /** The decimal form as a number, e.g. for a SQL {@code numeric(25,0)} parameter. */
  public BigInteger toBigInteger() {
    return BigInteger.valueOf(vlf)
        .multiply(VLF_FACTOR)
        .add(BigInteger.valueOf(block).multiply(BLOCK_FACTOR))
        .add(BigInteger.valueOf(slot));
  }

  /** The decimal form, as RESTORE HEADERONLY shows it. */
  public String toDecimalString() {
    if (vlf == 0) {
      return Long.toString(block * 100_000L + slot);
    }
    // vlf * 10^15 + block * 10^5 + slot, where block < 10^10 and slot < 10^5: the three parts
    // side by side, zero-padded (no BigInteger: inspect prints four LSNs per file).
    StringBuilder sb = new StringBuilder(25).append(vlf);
    appendPadded(sb, block, 10);
    appendPadded(sb, slot, 5);
    return sb.toString();
  }

  private static void appendPadded(StringBuilder sb, long value, int width) {
    String digits = Long.toString(value);
    for (int i = digits.length(); i < width; i++) {
      sb.append('0');
    }
    sb.append(digits);
  }

  /** The hex form SQL Server prints in error messages: {@code 00000019:00000099:0001}. */
  public String toHexString() {
    return String.format("%08X:%08X:%04X", vlf, block, slot);
  }

  public boolean isBefore(Lsn other) {
    return compareTo(other) < 0;
  }

  public boolean isAfter(Lsn other) {
    return compareTo(other) > 0;
  }

  @Override
  public int compareTo(Lsn o) {
    int c = Long.compare(vlf, o.vlf);
    if (c != 0) {
      return c;
    }
    c = Long.compare(block, o.block);
    return c != 0 ? c : Integer.compare(slot, o.slot);
  }

  /** The decimal form, the one used in JSON, TSV and the ledger. */
  @Override
  public String toString() {
    return toDecimalString();
  }
}
