package org.cloudsync.format.xpress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.cloudsync.format.xpress.XpressTestEncoder.StreamWriter;
import org.cloudsync.format.xpress.XpressTestEncoder.Token;
import org.junit.jupiter.api.Test;

/** Damaged streams end in an {@link XpressFormatException} naming the rule, or decode correctly. */
class XpressMalformedInputTest {
  private static final byte[] TEXT =
      ("the quick brown fox jumps over the lazy dog; the lazy dog sleeps. ".repeat(40)
              + "0123456789".repeat(30))
          .getBytes(StandardCharsets.US_ASCII);

  private static XpressFormatException failure(byte[] stream, int declared) {
    Throwable thrown =
        catchThrowable(() -> XpressHuffmanDecoder.decompress(stream, 0, stream.length, declared));
    assertThat(thrown).isInstanceOf(XpressFormatException.class);
    return (XpressFormatException) thrown;
  }

  /** Decoding either fails with the typed error or yields exactly the original bytes. */
  private static void assertFailsOrDecodesTo(byte[] stream, int declared, byte[] original) {
    try {
      byte[] out = XpressHuffmanDecoder.decompress(stream, 0, stream.length, declared);
      assertThat(out).isEqualTo(original);
    } catch (XpressFormatException expected) {
      assertThat(expected.rule()).isNotBlank();
      assertThat(expected.inputOffset()).isBetween(0L, (long) stream.length);
    }
  }

  /** Decoding ends in the typed error or in some output of the declared size, nothing else. */
  private static void assertEndsCleanly(byte[] stream, int declared) {
    try {
      assertThat(XpressHuffmanDecoder.decompress(stream, 0, stream.length, declared))
          .hasSize(declared);
    } catch (XpressFormatException expected) {
      assertThat(expected.inputOffset()).isBetween(0L, (long) stream.length);
    }
  }

  private static int[] lengthsFor(int... symbols) {
    int[] frequencies = new int[PrefixCode.SYMBOLS];
    for (int s : symbols) {
      frequencies[s]++;
    }
    return XpressTestEncoder.codeLengths(frequencies);
  }

  @Test
  void emptyInputForADeclaredSize() {
    XpressFormatException e = failure(new byte[0], 10);

    assertThat(e.rule()).startsWith("input ends before the huffman table of the block at output");
    assertThat(e.inputOffset()).isZero();
  }

  @Test
  void emptyInputForSizeZeroIsEmptyOutput() throws Exception {
    assertThat(XpressHuffmanDecoder.decompress(new byte[0], 0, 0, 0)).isEmpty();
  }

  @Test
  void declaredSizeOutsideTheLimit() {
    byte[] stream = XpressSpecificationExampleTest.alphabetExample();

    assertThat(failure(stream, -1).rule()).contains("declared uncompressed size -1 is outside");
    assertThat(failure(stream, XpressHuffmanDecoder.MAX_UNCOMPRESSED_SIZE + 1).rule())
        .contains("is outside 0..67108864 bytes");
  }

  @Test
  void allZeroTable() {
    byte[] stream = new byte[300];

    XpressFormatException e = failure(stream, 5);

    assertThat(e.rule()).isEqualTo("huffman table has no symbols (all zero)");
    assertThat(e.inputOffset()).isZero();
  }

  @Test
  void overSubscribedTable() {
    byte[] stream = new byte[300];
    Arrays.fill(stream, 0, 256, (byte) 0x88); // 512 codes of 8 bits: twice the code space

    assertThat(failure(stream, 5).rule())
        .isEqualTo(
            "huffman table is not a prefix code: its code lengths use 65536 of 32768 code values");
  }

  @Test
  void incompleteTable() {
    byte[] stream = new byte[300];
    stream[0] = 0x21; // symbol 0 length 1, symbol 1 length 2: three quarters of the space

    assertThat(failure(stream, 5).rule())
        .isEqualTo("huffman table is incomplete: its code lengths use 24576 of 32768 code values");
  }

  @Test
  void damagedTableOfTheSecondBlockNamesItsOffset() {
    byte[] data = new byte[70_000];
    new Random(1).nextBytes(data);
    XpressTestEncoder.Encoded encoded =
        XpressTestEncoder.encodeWithLayout(XpressTestEncoder.parse(data, Long.MAX_VALUE), true);
    byte[] stream = encoded.bytes();
    int secondTable = encoded.tableOffsets().get(1);
    Arrays.fill(stream, secondTable, secondTable + 256, (byte) 0);

    XpressFormatException e = failure(stream, data.length);

    assertThat(e.rule()).isEqualTo("huffman table has no symbols (all zero)");
    assertThat(e.inputOffset()).isEqualTo(secondTable);
  }

  @Test
  void matchOffsetBeforeTheStartOfOutput() {
    byte[] stream = XpressTestEncoder.encode(List.of(Token.literal('a'), Token.match(2, 3)), true);

    assertThat(failure(stream, 4).rule())
        .isEqualTo("match offset 2 reaches before the start of output (output byte 1)");
  }

  @Test
  void aMatchAsTheFirstSymbol() {
    byte[] stream = XpressTestEncoder.encode(List.of(Token.match(1, 3)), true);

    assertThat(failure(stream, 3).rule())
        .isEqualTo("match offset 1 reaches before the start of output (output byte 0)");
  }

  @Test
  void matchOffsetBeforeTheStartOfTheCallersOutputRange() {
    byte[] stream = XpressTestEncoder.encode(List.of(Token.literal('a'), Token.match(2, 3)), true);
    byte[] target = new byte[100];

    Throwable thrown =
        catchThrowable(
            () -> XpressHuffmanDecoder.decompress(stream, 0, stream.length, target, 50, 4));

    assertThat(thrown).isInstanceOf(XpressFormatException.class).hasMessageContaining("offset 2");
  }

  @Test
  void matchRunningPastTheDeclaredSize() {
    byte[] stream =
        XpressTestEncoder.encode(List.of(Token.literal('a'), Token.match(1, 100)), true);

    assertThat(failure(stream, 50).rule())
        .isEqualTo("match of 100 bytes at output byte 1 runs past the declared size 50");
  }

  @Test
  void aHugeThirtyTwoBitLengthIsRejectedWithoutAllocating() {
    byte[] stream =
        XpressTestEncoder.encode(List.of(Token.literal('a'), Token.match(1, 0xFFFF_FFF0L)), true);

    assertThat(failure(stream, 1000).rule())
        .isEqualTo("match of 4294967280 bytes at output byte 1 runs past the declared size 1000");
  }

  @Test
  void outputLongerThanDeclared() {
    byte[] data = "0123456789".repeat(10).getBytes(StandardCharsets.US_ASCII);
    byte[] stream = XpressTestEncoder.compressLiterals(data);

    assertThat(failure(stream, 50).rule())
        .isEqualTo(
            "the stream does not end after the declared 50 bytes (no end-of-file symbol there)");
  }

  @Test
  void sixteenBitLengthBelowFifteen() {
    int matchSymbol = 256 + 15; // length header 15, no offset bits
    StreamWriter writer = new StreamWriter();
    writer.startBlock(lengthsFor('a', matchSymbol, XpressHuffmanDecoder.EOF_SYMBOL));
    writer.symbol('a');
    writer.symbol(matchSymbol);
    writer.extraBytes(255, 5, 0);
    writer.symbol(XpressHuffmanDecoder.EOF_SYMBOL);
    writer.finishBlock();

    assertThat(failure(writer.toByteArray(), 100).rule())
        .isEqualTo("match length extension 5 is below 15");
  }

  @Test
  void thirtyTwoBitLengthBelowFifteen() {
    int matchSymbol = 256 + 15;
    StreamWriter writer = new StreamWriter();
    writer.startBlock(lengthsFor('a', matchSymbol, XpressHuffmanDecoder.EOF_SYMBOL));
    writer.symbol('a');
    writer.symbol(matchSymbol);
    writer.extraBytes(255, 0, 0, 14, 0, 0, 0);
    writer.symbol(XpressHuffmanDecoder.EOF_SYMBOL);
    writer.finishBlock();

    assertThat(failure(writer.toByteArray(), 100).rule())
        .isEqualTo("match length extension 14 is below 15");
  }

  @Test
  void inputEndsInsideTheLengthOfAMatch() {
    int matchSymbol = 256 + 15;
    StreamWriter writer = new StreamWriter();
    writer.startBlock(lengthsFor('a', matchSymbol));
    writer.symbol('a');
    writer.symbol(matchSymbol);
    writer.finishBlock();

    assertThat(failure(writer.toByteArray(), 100).rule())
        .isEqualTo("input ends inside the length of a match");
  }

  @Test
  void truncatedAtEveryLength() {
    List<byte[]> originals = new ArrayList<>();
    originals.add(XpressSpecificationExampleTest.ALPHABET.getBytes(StandardCharsets.US_ASCII));
    originals.add(TEXT);
    byte[] tail = new byte[700];
    new Random(2).nextBytes(tail);
    originals.add(tail);
    assertTimeoutPreemptively(
        Duration.ofMinutes(2),
        () -> {
          for (byte[] original : originals) {
            byte[] stream = XpressTestEncoder.compress(original);
            for (int cut = 0; cut < stream.length; cut++) {
              byte[] prefix = Arrays.copyOf(stream, cut);
              assertFailsOrDecodesTo(prefix, original.length, original);
            }
          }
        });
  }

  @Test
  void truncatedAroundTheBlockBoundary() {
    byte[] data = new byte[140_000];
    Random random = new Random(4);
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) random.nextInt(40);
    }
    XpressTestEncoder.Encoded encoded =
        XpressTestEncoder.encodeWithLayout(XpressTestEncoder.parse(data, Long.MAX_VALUE), true);
    byte[] stream = encoded.bytes();
    int secondTable = encoded.tableOffsets().get(1);
    assertThat(encoded.tableOffsets()).hasSize(3);
    for (int cut = secondTable - 64; cut < secondTable + 300; cut++) {
      assertFailsOrDecodesTo(Arrays.copyOf(stream, cut), data.length, data);
    }
    for (int cut = 0; cut < stream.length; cut += 997) {
      assertFailsOrDecodesTo(Arrays.copyOf(stream, cut), data.length, data);
    }
    for (int cut = stream.length - 40; cut < stream.length; cut++) {
      assertFailsOrDecodesTo(Arrays.copyOf(stream, cut), data.length, data);
    }
  }

  @Test
  void everySingleBitFlip() {
    List<byte[]> streams =
        List.of(XpressSpecificationExampleTest.alphabetExample(), XpressTestEncoder.compress(TEXT));
    List<Integer> sizes = List.of(26, TEXT.length);
    assertTimeoutPreemptively(
        Duration.ofMinutes(2),
        () -> {
          for (int s = 0; s < streams.size(); s++) {
            byte[] stream = streams.get(s);
            for (int bit = 0; bit < stream.length * 8; bit++) {
              byte[] flipped = stream.clone();
              flipped[bit / 8] ^= (byte) (1 << (bit % 8));
              assertEndsCleanly(flipped, sizes.get(s));
            }
          }
        });
  }

  @Test
  void flippedBitsInTheDataAreUsuallyDetected() {
    byte[] stream = XpressTestEncoder.compress(TEXT);
    int detected = 0;
    int flips = 0;
    for (int bit = 256 * 8; bit < stream.length * 8; bit++) {
      byte[] flipped = stream.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      flips++;
      try {
        byte[] out = XpressHuffmanDecoder.decompress(flipped, 0, flipped.length, TEXT.length);
        if (Arrays.equals(out, TEXT)) {
          detected++; // a padding bit: no harm done
        }
      } catch (XpressFormatException e) {
        detected++;
      }
    }
    // Without a checksum some flips yield other text of the same size; most are caught.
    assertThat(detected).isGreaterThan(flips / 2);
  }

  @Test
  void rangeArgumentsAreCheckedLikeArrays() {
    assertThatThrownBy(() -> XpressHuffmanDecoder.decompress(new byte[10], 5, 6, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(
            () -> XpressHuffmanDecoder.decompress(new byte[300], 0, 300, new byte[10], 5, 6))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
