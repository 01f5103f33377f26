package org.cloudsync.format.xpress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.cloudsync.format.xpress.XpressTestEncoder.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Streams from the test encoder decode to what was encoded, across every length form and block. */
class XpressRoundTripTest {

  private static byte[] roundTrip(byte[] compressed, int size) throws XpressFormatException {
    return XpressHuffmanDecoder.decompress(compressed, 0, compressed.length, size);
  }

  private static byte[] expand(List<Token> tokens) {
    long total = tokens.stream().mapToLong(Token::outputLength).sum();
    byte[] out = new byte[(int) total];
    int pos = 0;
    for (Token t : tokens) {
      if (!t.isMatch()) {
        out[pos++] = (byte) t.literal();
      } else {
        for (long i = 0; i < t.length(); i++, pos++) {
          out[pos] = out[pos - t.distance()];
        }
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 100, 4095, 65535, 65536, 65537, 131072, 200_001})
  void randomDataLiteralsOnly(int size) throws Exception {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);

    byte[] compressed = XpressTestEncoder.compressLiterals(data);

    assertThat(roundTrip(compressed, size)).isEqualTo(data);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 1000, 65535, 65536, 65537, 140_000, 300_000})
  void randomDataWithMatches(int size) throws Exception {
    byte[] data = new byte[size];
    Random random = new Random(31L * size);
    // Text-like data: a small alphabet with repeats, so both literals and matches occur.
    for (int i = 0; i < size; i++) {
      data[i] = (byte) ("abcdefgh  \n".charAt(random.nextInt(11)));
      if (i > 100 && random.nextInt(50) == 0) {
        int length = Math.min(size - i, 3 + random.nextInt(300));
        int from = i - 1 - random.nextInt(Math.min(i, 65535));
        for (int k = 0; k < length; k++) {
          data[i + k] = data[from + k];
        }
        i += length - 1;
      }
    }

    byte[] compressed = XpressTestEncoder.compress(data);

    assertThat(roundTrip(compressed, size)).isEqualTo(data);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 17, 18, 19, 270, 272, 273, 274, 1000, 65537, 65538, 65539, 65540})
  void oneLongRunUsesEveryLengthForm(int runLength) throws Exception {
    List<Token> tokens = List.of(Token.literal('x'), Token.match(1, runLength));
    byte[] expected = expand(tokens);

    byte[] compressed = XpressTestEncoder.encode(tokens, true);

    assertThat(roundTrip(compressed, expected.length)).isEqualTo(expected);
  }

  @Test
  void aMatchOfAMillionBytesUsesTheThirtyTwoBitLengthAndCrossesBlocks() throws Exception {
    List<Token> tokens = List.of(Token.literal(1), Token.literal(2), Token.match(2, 1_000_000));
    byte[] expected = expand(tokens);

    byte[] compressed = XpressTestEncoder.encode(tokens, true);

    assertThat(compressed.length).isLessThan(1200);
    assertThat(roundTrip(compressed, expected.length)).isEqualTo(expected);
  }

  @Test
  void highlyRepetitiveDataCompressesAndRoundTrips() throws Exception {
    byte[] data = "abc".repeat(100_000).getBytes(StandardCharsets.US_ASCII);

    byte[] compressed = XpressTestEncoder.compress(data);

    assertThat(compressed.length).isLessThan(data.length / 50);
    assertThat(roundTrip(compressed, data.length)).isEqualTo(data);
  }

  @Test
  void everyOffsetBitCountAndLengthHeader() throws Exception {
    byte[] seed = new byte[70_000];
    new Random(7).nextBytes(seed);
    List<Token> tokens = new ArrayList<>();
    for (byte b : seed) {
      tokens.add(Token.literal(b));
    }
    for (int bits = 0; bits <= 15; bits++) {
      int[] distances = {1 << bits, (1 << bits) + (1 << bits) / 2, (1 << (bits + 1)) - 1};
      for (int distance : distances) {
        if (distance > 65535) {
          continue;
        }
        for (int length = 3; length <= 20; length++) {
          tokens.add(Token.match(distance, length));
        }
      }
    }
    byte[] expected = expand(tokens);

    byte[] compressed = XpressTestEncoder.encode(tokens, true);

    assertThat(roundTrip(compressed, expected.length)).isEqualTo(expected);
  }

  @Test
  void matchesReachBackIntoEarlierBlocks() throws Exception {
    byte[] data = new byte[3 * 65536];
    new Random(11).nextBytes(data);
    System.arraycopy(data, 10_000, data, 65536 + 5_000, 40_000);
    System.arraycopy(data, 65536 + 1000, data, 2 * 65536 + 100, 30_000);

    byte[] compressed = XpressTestEncoder.compress(data);

    assertThat(compressed.length).isLessThan(data.length - 60_000);
    assertThat(roundTrip(compressed, data.length)).isEqualTo(data);
  }

  @Test
  void aBlockMayBeFollowedByABlockHoldingOnlyTheEndOfFileSymbol() throws Exception {
    byte[] data = new byte[65536];
    new Random(3).nextBytes(data);
    List<Token> tokens = new ArrayList<>();
    for (byte b : data) {
      tokens.add(Token.literal(b));
    }
    byte[] first = XpressTestEncoder.encode(tokens, false);
    byte[] eofOnly = XpressTestEncoder.encode(List.of(), true);
    byte[] stream = new byte[first.length + eofOnly.length];
    System.arraycopy(first, 0, stream, 0, first.length);
    System.arraycopy(eofOnly, 0, stream, first.length, eofOnly.length);

    assertThat(roundTrip(stream, data.length)).isEqualTo(data);
    assertThat(roundTrip(first, data.length)).isEqualTo(data);
  }

  @Test
  void decodesManyStreamsOfEverySmallSize() throws Exception {
    Random random = new Random(5);
    for (int size : IntStream.rangeClosed(0, 300).toArray()) {
      byte[] data = new byte[size];
      for (int i = 0; i < size; i++) {
        data[i] = (byte) random.nextInt(4);
      }
      byte[] compressed = XpressTestEncoder.compress(data);
      assertThat(roundTrip(compressed, size)).as("size %d", size).isEqualTo(data);
    }
  }
}
