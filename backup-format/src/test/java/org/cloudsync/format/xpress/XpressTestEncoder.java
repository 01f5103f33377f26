package org.cloudsync.format.xpress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A test-only LZ77+Huffman encoder ([MS-XCA] sections 2.1 to 2.2), written from the format rules so
 * that round trips exercise the decoder on any input. It makes no attempt at good compression:
 * greedy LZ77 with short hash chains, Huffman codes limited to 15 bits by flattening frequencies.
 *
 * <p>The bit stream is laid out the way the decoder reads it: two 16-bit words are reserved after
 * each table; after each symbol and after each match's offset bits, one more word is reserved when
 * the decoder would fetch one; extra length bytes go where the decoder's input position is at that
 * moment; the next table follows the last reserved word. {@link StreamWriter} exposes these steps
 * so that tests can also write streams no sane encoder would.
 */
final class XpressTestEncoder {
  private XpressTestEncoder() {}

  /**
   * A literal byte ({@code length == 0}) or a match of {@code length} bytes at {@code distance}.
   */
  record Token(int literal, int distance, long length) {
    static Token literal(int value) {
      return new Token(value & 0xff, 0, 0);
    }

    static Token match(int distance, long length) {
      return new Token(0, distance, length);
    }

    boolean isMatch() {
      return length > 0;
    }

    long outputLength() {
      return isMatch() ? length : 1;
    }
  }

  /** Compresses with greedy LZ77 (matches up to {@code maxLength}) and an end-of-file symbol. */
  static byte[] compress(byte[] data, long maxLength) {
    return encode(parse(data, maxLength), true);
  }

  static byte[] compress(byte[] data) {
    return compress(data, Long.MAX_VALUE);
  }

  /** Compresses using literals only. */
  static byte[] compressLiterals(byte[] data) {
    List<Token> tokens = new ArrayList<>();
    for (byte b : data) {
      tokens.add(Token.literal(b));
    }
    return encode(tokens, true);
  }

  /** Greedy LZ77 over a 65535-byte window with 3-byte hash chains. */
  static List<Token> parse(byte[] data, long maxLength) {
    List<Token> tokens = new ArrayList<>();
    int[] head = new int[1 << 15];
    Arrays.fill(head, -1);
    int[] prev = new int[data.length];
    int i = 0;
    while (i < data.length) {
      int bestLength = 0;
      int bestDistance = 0;
      if (i + 3 <= data.length) {
        int h = hash(data, i);
        int candidate = head[h];
        for (int depth = 0; candidate >= 0 && depth < 16; depth++) {
          int distance = i - candidate;
          if (distance > 65535) {
            break;
          }
          int n = 0;
          while (i + n < data.length && n < maxLength && data[candidate + n] == data[i + n]) {
            n++;
          }
          if (n > bestLength) {
            bestLength = n;
            bestDistance = distance;
          }
          candidate = prev[candidate];
        }
      }
      int step = bestLength >= XpressHuffmanDecoder.MIN_MATCH ? bestLength : 1;
      tokens.add(step > 1 ? Token.match(bestDistance, bestLength) : Token.literal(data[i] & 0xff));
      for (int k = 0; k < step; k++, i++) {
        if (i + 3 <= data.length) {
          int h = hash(data, i);
          prev[i] = head[h];
          head[h] = i;
        }
      }
    }
    return tokens;
  }

  private static int hash(byte[] data, int i) {
    int v = (data[i] & 0xff) << 16 | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff);
    return (v * 0x9E3779B1) >>> 17;
  }

  /**
   * Encodes tokens, starting a new block (with its own table) before the first token at or beyond
   * 65536 bytes of output since the block began, as the decoder expects.
   */
  static byte[] encode(List<Token> tokens, boolean withEof) {
    return encodeWithLayout(tokens, withEof).bytes();
  }

  /** An encoded stream and the offset of each block's table in it. */
  record Encoded(byte[] bytes, List<Integer> tableOffsets) {}

  static Encoded encodeWithLayout(List<Token> tokens, boolean withEof) {
    StreamWriter writer = new StreamWriter();
    int from = 0;
    while (from < tokens.size() || (from == 0 && withEof)) {
      long produced = 0;
      int to = from;
      while (to < tokens.size() && produced < XpressHuffmanDecoder.BLOCK_OUTPUT) {
        produced += tokens.get(to).outputLength();
        to++;
      }
      boolean last = to == tokens.size();
      List<Token> block = tokens.subList(from, to);
      int[] frequencies = new int[PrefixCode.SYMBOLS];
      for (Token t : block) {
        frequencies[symbolOf(t)]++;
      }
      if (last && withEof) {
        frequencies[XpressHuffmanDecoder.EOF_SYMBOL]++;
      }
      int[] lengths = codeLengths(frequencies);
      writer.startBlock(lengths);
      for (Token t : block) {
        writer.token(t);
      }
      if (last && withEof) {
        writer.symbol(XpressHuffmanDecoder.EOF_SYMBOL);
      }
      writer.finishBlock();
      from = to;
      if (last) {
        break;
      }
    }
    return new Encoded(writer.toByteArray(), List.copyOf(writer.tableOffsets));
  }

  static int symbolOf(Token t) {
    if (!t.isMatch()) {
      return t.literal();
    }
    int offsetBits = 31 - Integer.numberOfLeadingZeros(t.distance());
    long header = Math.min(t.length() - XpressHuffmanDecoder.MIN_MATCH, 15);
    return 256 + (offsetBits << 4) + (int) header;
  }

  /** Huffman code lengths, at most 15 bits, forming a complete code over at least two symbols. */
  static int[] codeLengths(int[] frequencies) {
    long[] f = new long[frequencies.length];
    int used = 0;
    for (int i = 0; i < f.length; i++) {
      f[i] = frequencies[i];
      if (f[i] > 0) {
        used++;
      }
    }
    if (used < 2) {
      for (int i = 0; i < f.length && used < 2; i++) {
        if (f[i] == 0) {
          f[i] = 1;
          used++;
        }
      }
    }
    while (true) {
      int[] lengths = huffmanLengths(f);
      if (Arrays.stream(lengths).max().orElse(0) <= PrefixCode.MAX_LENGTH) {
        return lengths;
      }
      for (int i = 0; i < f.length; i++) {
        if (f[i] > 0) {
          f[i] = (f[i] + 1) / 2;
        }
      }
    }
  }

  private static int[] huffmanLengths(long[] f) {
    int n = f.length;
    int[] parent = new int[2 * n];
    long[] weight = new long[2 * n];
    PriorityQueue<Integer> queue =
        new PriorityQueue<>(
            (a, b) -> weight[a] != weight[b] ? Long.compare(weight[a], weight[b]) : a - b);
    for (int i = 0; i < n; i++) {
      if (f[i] > 0) {
        weight[i] = f[i];
        queue.add(i);
      }
    }
    int next = n;
    while (queue.size() > 1) {
      int a = queue.poll();
      int b = queue.poll();
      weight[next] = weight[a] + weight[b];
      parent[a] = next;
      parent[b] = next;
      queue.add(next++);
    }
    int root = queue.poll();
    int[] lengths = new int[n];
    for (int i = 0; i < n; i++) {
      if (f[i] > 0) {
        int depth = 0;
        for (int node = i; node != root; node = parent[node]) {
          depth++;
        }
        lengths[i] = depth;
      }
    }
    return lengths;
  }

  /** Canonical codes as the decoder assigns them: by (length, symbol), left-aligned in 15 bits. */
  static int[] canonicalCodes(int[] lengths) {
    int[] codes = new int[lengths.length];
    int code = 0;
    for (int len = 1; len <= PrefixCode.MAX_LENGTH; len++) {
      for (int symbol = 0; symbol < lengths.length; symbol++) {
        if (lengths[symbol] == len) {
          codes[symbol] = code >>> (PrefixCode.MAX_LENGTH - len);
          code += 1 << (PrefixCode.MAX_LENGTH - len);
        }
      }
    }
    return codes;
  }

  /** Packs 512 code lengths into the 256-byte table (even symbol in the low nibble). */
  static byte[] table(int[] lengths) {
    byte[] table = new byte[PrefixCode.TABLE_BYTES];
    for (int i = 0; i < table.length; i++) {
      table[i] = (byte) ((lengths[2 * i] & 15) | (lengths[2 * i + 1] & 15) << 4);
    }
    return table;
  }

  /** Writes blocks step by step, mirroring where the decoder reads each word and byte. */
  static final class StreamWriter {
    private byte[] buf = new byte[1024];
    private int size;
    private int[] lengths;
    private int[] codes;
    private final List<Integer> slots = new ArrayList<>();
    private final List<Integer> tableOffsets = new ArrayList<>();
    private long bitsWritten;
    private long acc;
    private int accBits;
    private int wordsFilled;

    /** Starts a block with the given code lengths (written as the table, even if not a code). */
    void startBlock(int[] codeLengths) {
      startBlock(table(codeLengths), codeLengths);
    }

    /** Starts a block with a raw table; symbols are then written with codes from codeLengths. */
    void startBlock(byte[] rawTable, int[] codeLengths) {
      tableOffsets.add(size);
      append(rawTable);
      lengths = codeLengths;
      codes = canonicalCodes(codeLengths);
      slots.clear();
      bitsWritten = 0;
      acc = 0;
      accBits = 0;
      wordsFilled = 0;
      reserveWord();
      reserveWord();
    }

    void token(Token t) {
      symbol(symbolOf(t));
      if (!t.isMatch()) {
        return;
      }
      long rest = t.length() - XpressHuffmanDecoder.MIN_MATCH;
      if (rest >= 15) {
        if (rest - 15 < 255) {
          extraBytes((int) (rest - 15));
        } else if (rest <= 0xffff) {
          extraBytes(255, (int) rest & 0xff, (int) (rest >>> 8) & 0xff);
        } else {
          extraBytes(
              255,
              0,
              0,
              (int) rest & 0xff,
              (int) (rest >>> 8) & 0xff,
              (int) (rest >>> 16) & 0xff,
              (int) (rest >>> 24) & 0xff);
        }
      }
      int offsetBits = 31 - Integer.numberOfLeadingZeros(t.distance());
      offsetBits(t.distance() - (1 << offsetBits), offsetBits);
    }

    void symbol(int symbol) {
      step(codes[symbol], lengths[symbol]);
    }

    /** Raw bytes at the decoder's current input position (match length extensions). */
    void extraBytes(int... values) {
      for (int v : values) {
        append(new byte[] {(byte) v});
      }
    }

    void offsetBits(int value, int count) {
      if (count > 0) {
        step(value, count);
      }
    }

    /** Writes one decoder step (at most 15 bits) then reserves a word if the decoder reads one. */
    void step(int value, int count) {
      acc = (acc << count) | (value & ((1L << count) - 1));
      accBits += count;
      bitsWritten += count;
      while (accBits >= 16) {
        fill((int) (acc >>> (accBits - 16)) & 0xffff);
        accBits -= 16;
      }
      if (16L * slots.size() - 16 < bitsWritten) {
        reserveWord();
      }
    }

    void finishBlock() {
      if (accBits > 0) {
        fill((int) (acc << (16 - accBits)) & 0xffff);
        accBits = 0;
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, size);
    }

    private void fill(int word) {
      int at = slots.get(wordsFilled++);
      buf[at] = (byte) word;
      buf[at + 1] = (byte) (word >>> 8);
    }

    private void reserveWord() {
      slots.add(size);
      append(new byte[2]);
    }

    private void append(byte[] bytes) {
      if (size + bytes.length > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + bytes.length));
      }
      System.arraycopy(bytes, 0, buf, size, bytes.length);
      size += bytes.length;
    }
  }
}
