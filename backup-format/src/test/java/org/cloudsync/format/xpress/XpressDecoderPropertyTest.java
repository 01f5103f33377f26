package org.cloudsync.format.xpress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Arbitrary bytes never make the decoder throw anything but {@link XpressFormatException}, loop, or
 * produce output of another size. Fixed seeds keep CI runs reproducible.
 */
class XpressDecoderPropertyTest {

  private static void decodeOrFail(byte[] stream, int declared) {
    try {
      byte[] out = XpressHuffmanDecoder.decompress(stream, 0, stream.length, declared);
      assertThat(out).hasSize(declared);
    } catch (XpressFormatException e) {
      assertThat(e.inputOffset()).isBetween(0L, (long) stream.length);
      assertThat(e.getMessage()).startsWith("compressed byte " + e.inputOffset() + ": ");
    }
  }

  @Property(tries = 2000, seed = "20261126")
  void arbitraryBytes(
      @ForAll @Size(max = 3000) byte[] stream, @ForAll @IntRange(max = 300_000) int declared) {
    decodeOrFail(stream, declared);
  }

  /**
   * Arbitrary bits behind a valid table (every symbol 9 bits long, a complete code), so that
   * literals, matches and length extensions of every kind are decoded from noise.
   */
  @Property(tries = 2000, seed = "20261127")
  void arbitraryBitsBehindAValidTable(
      @ForAll @Size(max = 4000) byte[] bits, @ForAll @IntRange(max = 200_000) int declared) {
    byte[] stream = new byte[256 + bits.length];
    Arrays.fill(stream, 0, 256, (byte) 0x99);
    System.arraycopy(bits, 0, stream, 256, bits.length);
    decodeOrFail(stream, declared);
  }

  @Property(tries = 500, seed = "20261128")
  void anythingTheEncoderWritesDecodesBack(@ForAll @Size(max = 5000) byte[] data) throws Exception {
    byte[] stream = XpressTestEncoder.compress(data);

    assertThat(XpressHuffmanDecoder.decompress(stream, 0, stream.length, data.length))
        .isEqualTo(data);
  }
}
