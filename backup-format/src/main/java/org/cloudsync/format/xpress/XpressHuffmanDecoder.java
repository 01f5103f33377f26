package org.cloudsync.format.xpress;

import java.util.Objects;

/**
 * Decompresses Microsoft's LZ77+Huffman format ("Xpress Huffman", SQL Server's {@code MS_XPRESS}),
 * following the decompression pseudocode of [MS-XCA] section 2.2.4 (the format is described in
 * sections 2.1 and 2.2; worked examples in section 3.2).
 *
 * <p>The stream is a sequence of blocks. Each block starts with a 256-byte table of 4-bit code
 * lengths for 512 symbols (see {@code PrefixCode}), followed by a bit stream read as 16-bit
 * little-endian words, most significant bit first, through a 32-bit lookahead. A block decodes
 * symbols until it has produced at least 65536 bytes; the next block's table starts right after the
 * last word the bit reader fetched (lookahead included). Symbols below 256 are literal bytes.
 * Symbol {@code 256 + s} is a match: {@code s & 15} is the length header and {@code s >> 4} the
 * number of offset bits. A length header below 15 is the length; 15 means one more byte, read from
 * the input at the current position, gives the length as that byte plus 15, unless it is 255: then
 * a 16-bit little-endian value follows that is the length itself, and when that value is 0 a 32-bit
 * value follows instead (a later addition to the specification); such a value must be at least 15.
 * The match length is the result plus the minimum match length 3; the offset is {@code (1 << bits)
 * +} the next {@code bits} bits. Matches may overlap their own output and may reach into earlier
 * blocks.
 *
 * <p>Decoding ends when the declared uncompressed size has been produced; the next symbol must then
 * be the end-of-file symbol 256 (after a full 65536-byte block it may also sit in one more block,
 * or the input may end there). Anything that does not fit the rules, including an input too short
 * for the declared size, a match running past it, or a stream that holds more, ends in an {@link
 * XpressFormatException}; no other exception escapes for any input bytes, every loop is bounded by
 * the declared size, and nothing is allocated beyond that size (itself capped at {@link
 * #MAX_UNCOMPRESSED_SIZE}).
 */
public final class XpressHuffmanDecoder {
  /** The largest uncompressed size accepted (64 MiB); SQL Server records are far smaller. */
  public static final int MAX_UNCOMPRESSED_SIZE = 64 << 20;

  static final int BLOCK_OUTPUT = 65536;
  static final int MIN_MATCH = 3;
  static final int EOF_SYMBOL = 256;

  private final byte[] input;
  private final int start;
  private final int end;
  private final byte[] output;
  private final int outStart;
  private final int outEnd;
  private final PrefixCode code = new PrefixCode();

  private int in;
  private int out;
  private int nextBits;
  private int extraBits;
  private long consumedBits;
  private long loadedBits;
  private boolean blockFull;

  private XpressHuffmanDecoder(
      byte[] input, int offset, int length, byte[] output, int outputOffset, int size) {
    this.input = input;
    this.start = offset;
    this.end = offset + length;
    this.output = output;
    this.outStart = outputOffset;
    this.outEnd = outputOffset + size;
    this.in = offset;
    this.out = outputOffset;
  }

  /**
   * Decompresses {@code input[offset, offset + length)}, which must decode to exactly {@code
   * uncompressedSize} bytes.
   *
   * @throws XpressFormatException if the data is not valid LZ77+Huffman for that size, or the size
   *     is negative or above {@link #MAX_UNCOMPRESSED_SIZE}
   * @throws IndexOutOfBoundsException if offset and length do not lie within {@code input}
   */
  public static byte[] decompress(byte[] input, int offset, int length, int uncompressedSize)
      throws XpressFormatException {
    Objects.checkFromIndexSize(offset, length, input.length);
    checkDeclaredSize(uncompressedSize);
    byte[] output = new byte[uncompressedSize];
    new XpressHuffmanDecoder(input, offset, length, output, 0, uncompressedSize).run();
    return output;
  }

  /**
   * Decompresses {@code input[offset, offset + length)} into {@code output[outputOffset,
   * outputOffset + uncompressedSize)}. Matches never read before {@code outputOffset}. On failure
   * the output range holds partial data.
   *
   * @throws XpressFormatException if the data is not valid LZ77+Huffman for that size
   * @throws IndexOutOfBoundsException if a range does not lie within its array
   */
  public static void decompress(
      byte[] input, int offset, int length, byte[] output, int outputOffset, int uncompressedSize)
      throws XpressFormatException {
    Objects.checkFromIndexSize(offset, length, input.length);
    checkDeclaredSize(uncompressedSize);
    Objects.checkFromIndexSize(outputOffset, uncompressedSize, output.length);
    new XpressHuffmanDecoder(input, offset, length, output, outputOffset, uncompressedSize).run();
  }

  private static void checkDeclaredSize(int size) throws XpressFormatException {
    if (size < 0 || size > MAX_UNCOMPRESSED_SIZE) {
      throw new XpressFormatException(
          0,
          "declared uncompressed size "
              + size
              + " is outside 0.."
              + MAX_UNCOMPRESSED_SIZE
              + " bytes");
    }
  }

  private void run() throws XpressFormatException {
    while (out < outEnd) {
      if (end - in < PrefixCode.TABLE_BYTES) {
        throw fail(
            in,
            "input ends before the huffman table of the block at output byte "
                + (out - outStart)
                + " ("
                + Math.max(0, end - in)
                + " of "
                + PrefixCode.TABLE_BYTES
                + " bytes left, "
                + (outEnd - out)
                + " output bytes missing)");
      }
      code.build(input, in, in - start);
      in += PrefixCode.TABLE_BYTES;
      decodeBlock();
    }
    checkEnd();
  }

  private void primeBits() {
    consumedBits = 0;
    loadedBits = 0;
    nextBits = readWord() << 16;
    nextBits |= readWord();
    extraBits = 16;
  }

  private void decodeBlock() throws XpressFormatException {
    primeBits();
    long fullAt = (long) out + BLOCK_OUTPUT;
    int blockEnd = (int) Math.min(fullAt, outEnd);
    while (out < blockEnd) {
      int entry = code.decode(nextBits >>> 17);
      consume(entry & 15);
      int symbol = entry >>> 4;
      if (symbol < 256) {
        output[out++] = (byte) symbol;
        continue;
      }
      int header = symbol & 15;
      int offsetBits = (symbol >>> 4) & 15;
      long length = header;
      if (header == 15) {
        length = readLengthExtension();
      }
      length += MIN_MATCH;
      int distance = 1 << offsetBits;
      if (offsetBits > 0) {
        distance |= nextBits >>> (32 - offsetBits);
        consume(offsetBits);
      }
      copyMatch(distance, length);
    }
    blockFull = out >= fullAt;
  }

  private long readLengthExtension() throws XpressFormatException {
    int b = readByte();
    if (b != 255) {
      return b + 15L;
    }
    long value = readByte() | (readByte() << 8);
    if (value == 0) {
      value = readByte() | (readByte() << 8) | (readByte() << 16) | ((long) readByte() << 24);
    }
    if (value < 15) {
      throw fail(in, "match length extension " + value + " is below 15");
    }
    return value;
  }

  private void copyMatch(int distance, long length) throws XpressFormatException {
    int produced = out - outStart;
    int at = bitPosition();
    if (distance > produced) {
      throw fail(
          at,
          "match offset "
              + distance
              + " reaches before the start of output (output byte "
              + produced
              + ")");
    }
    if (length > outEnd - out) {
      throw fail(
          at,
          "match of "
              + length
              + " bytes at output byte "
              + produced
              + " runs past the declared size "
              + (outEnd - outStart));
    }
    int n = (int) length;
    int from = out - distance;
    if (distance >= n) {
      System.arraycopy(output, from, output, out, n);
    } else {
      for (int i = 0; i < n; i++) {
        output[out + i] = output[from + i];
      }
    }
    out += n;
  }

  /**
   * At the declared size the stream must end as the specification's decoder ends: with the
   * end-of-file symbol (256) next, or, when the last block is full, with no room left for another
   * table or a new block holding only the end-of-file symbol. Anything else means the data holds
   * more than declared, or the declared size is wrong.
   */
  private void checkEnd() throws XpressFormatException {
    if (out == outStart) {
      return; // nothing declared, nothing decoded
    }
    if (blockFull) {
      if (end - in < PrefixCode.TABLE_BYTES) {
        return;
      }
      code.build(input, in, in - start);
      in += PrefixCode.TABLE_BYTES;
      primeBits();
    }
    int at = bitPosition();
    int entry = code.decode(nextBits >>> 17);
    if ((entry >>> 4) == EOF_SYMBOL && consumedBits + (entry & 15) <= loadedBits) {
      return;
    }
    throw fail(
        at,
        "the stream does not end after the declared "
            + (outEnd - outStart)
            + " bytes (no end-of-file symbol there)");
  }

  private void consume(int bits) throws XpressFormatException {
    nextBits <<= bits;
    extraBits -= bits;
    consumedBits += bits;
    if (extraBits < 0) {
      nextBits |= readWord() << -extraBits;
      extraBits += 16;
    }
    if (consumedBits > loadedBits) {
      throw fail(
          in,
          "input ends inside a block after "
              + (out - outStart)
              + " of "
              + (outEnd - outStart)
              + " declared bytes");
    }
  }

  /** The next 16-bit word, or zero past the end of input (then counted as not loaded). */
  private int readWord() {
    int word = 0;
    if (end - in >= 2) {
      word = (input[in] & 0xff) | (input[in + 1] & 0xff) << 8;
      loadedBits += 16;
    }
    in += 2;
    return word;
  }

  private int readByte() throws XpressFormatException {
    if (in >= end) {
      throw fail(in, "input ends inside the length of a match");
    }
    return input[in++] & 0xff;
  }

  /** Where the next unread bit of the current block lies, as a byte offset (for messages). */
  private int bitPosition() {
    int unread = 16 + extraBits;
    return Math.min(in, end) - (unread + 7) / 8;
  }

  /** A failure at an input position, reported relative to the stream and never past its end. */
  private XpressFormatException fail(int absoluteOffset, String rule) {
    int clamped = Math.max(start, Math.min(absoluteOffset, end));
    return new XpressFormatException(clamped - start, rule);
  }
}
