package org.cloudsync.format.xpress;

import java.util.Arrays;

/**
 * The canonical Huffman code of one LZ77+Huffman block ([MS-XCA] section 2.2.4): 512 symbols whose
 * code lengths (0 = unused, 1..15) are packed two to a byte in the 256-byte table that starts each
 * block, the even symbol in the low nibble. Codes are assigned in order of (length, symbol), each
 * code of length L taking the next 2^(15-L) values of the 15-bit code space; the space must be
 * filled exactly (the specification rejects any other table).
 *
 * <p>Decoding looks the first 12 bits up in a table; the few longer codes (13 to 15 bits) are found
 * by comparing the 15-bit value with the end of each length's range. One instance is reused for
 * every block of a stream.
 */
final class PrefixCode {
  static final int TABLE_BYTES = 256;
  static final int SYMBOLS = 512;
  static final int MAX_LENGTH = 15;
  private static final int CODE_SPACE = 1 << MAX_LENGTH;
  private static final int FAST_BITS = 12;
  private static final short SLOW = -1;

  private final byte[] lengths = new byte[SYMBOLS];
  private final int[] count = new int[MAX_LENGTH + 1];
  private final int[] firstIndex = new int[MAX_LENGTH + 2];
  private final int[] start = new int[MAX_LENGTH + 1];
  private final int[] limit = new int[MAX_LENGTH + 1];
  private final short[] sorted = new short[SYMBOLS];
  private final short[] fast = new short[1 << FAST_BITS];

  /**
   * Reads the 256-byte table at {@code input[pos]} and builds the code.
   *
   * @param reportedOffset the offset to name in an error (the table's offset within the stream)
   */
  void build(byte[] input, int pos, long reportedOffset) throws XpressFormatException {
    Arrays.fill(count, 0);
    for (int i = 0; i < TABLE_BYTES; i++) {
      int b = input[pos + i] & 0xff;
      lengths[2 * i] = (byte) (b & 15);
      lengths[2 * i + 1] = (byte) (b >>> 4);
      count[b & 15]++;
      count[b >>> 4]++;
    }
    long space = 0;
    for (int len = 1; len <= MAX_LENGTH; len++) {
      space += (long) count[len] << (MAX_LENGTH - len);
    }
    if (space == 0) {
      throw new XpressFormatException(reportedOffset, "huffman table has no symbols (all zero)");
    }
    if (space > CODE_SPACE) {
      throw new XpressFormatException(
          reportedOffset,
          "huffman table is not a prefix code: its code lengths use "
              + space
              + " of "
              + CODE_SPACE
              + " code values");
    }
    if (space < CODE_SPACE) {
      throw new XpressFormatException(
          reportedOffset,
          "huffman table is incomplete: its code lengths use "
              + space
              + " of "
              + CODE_SPACE
              + " code values");
    }
    int index = 0;
    int code = 0;
    for (int len = 1; len <= MAX_LENGTH; len++) {
      firstIndex[len] = index;
      start[len] = code;
      index += count[len];
      code += count[len] << (MAX_LENGTH - len);
      limit[len] = code;
    }
    firstIndex[MAX_LENGTH + 1] = index;
    int[] next = new int[MAX_LENGTH + 1];
    System.arraycopy(firstIndex, 0, next, 0, MAX_LENGTH + 1);
    for (int symbol = 0; symbol < SYMBOLS; symbol++) {
      int len = lengths[symbol];
      if (len != 0) {
        sorted[next[len]++] = (short) symbol;
      }
    }
    int slot = 0;
    for (int len = 1; len <= FAST_BITS; len++) {
      int span = 1 << (FAST_BITS - len);
      for (int i = firstIndex[len]; i < firstIndex[len + 1]; i++) {
        short entry = (short) ((sorted[i] << 4) | len);
        Arrays.fill(fast, slot, slot + span, entry);
        slot += span;
      }
    }
    Arrays.fill(fast, slot, fast.length, SLOW);
  }

  /**
   * Decodes the symbol whose code starts the given 15 bits (most significant bit first).
   *
   * @return {@code (symbol << 4) | codeLength}
   */
  int decode(int next15) {
    int entry = fast[next15 >>> (MAX_LENGTH - FAST_BITS)];
    if (entry >= 0) {
      return entry;
    }
    for (int len = FAST_BITS + 1; len < MAX_LENGTH; len++) {
      if (next15 < limit[len]) {
        return entryOf(len, next15);
      }
    }
    return entryOf(MAX_LENGTH, next15);
  }

  private int entryOf(int len, int next15) {
    int symbol = sorted[firstIndex[len] + ((next15 - start[len]) >>> (MAX_LENGTH - len))];
    return (symbol << 4) | len;
  }
}
