package org.cloudsync.format.xpress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The worked example of [MS-XCA] section 3.2: "abcdefghijklmnopqrstuvwxyz" as 26 literals and the
 * end-of-file symbol.
 *
 * <p>Source of the bytes: the section's hex listing. Its nonzero table bytes are 0x50 at 48, 0x55
 * at 49..58, 0x45 at 59, 0x44 at 60, 0x04 at 61 and 0x04 at 128 (code lengths 5 for 'a'..'v', 4 for
 * 'w'..'z' and for symbol 256, as the text says), and the bit stream is the 20 bytes {@code d8 52
 * 3e d7 94 11 5b e9 19 5f f9 d6 7c df 8d 04 00 00 00 00}. The copy of the listing available here
 * shows ten more zero bytes in the long zero run than a 256-byte table leaves room for; the
 * positions above follow from the symbols the text names, and the bit stream decodes from offset
 * 256 as the specification says, so the extra zeros are taken to be a transcription artefact.
 *
 * <p>The section's second example (300 bytes of "abc" repeated) is not used: its compressed bytes
 * could not be found complete.
 */
class XpressSpecificationExampleTest {
  static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";

  static byte[] alphabetExample() {
    byte[] stream = new byte[256 + 20];
    stream[48] = 0x50;
    for (int i = 49; i <= 58; i++) {
      stream[i] = 0x55;
    }
    stream[59] = 0x45;
    stream[60] = 0x44;
    stream[61] = 0x04;
    stream[128] = 0x04;
    int[] bits = {
      0xd8, 0x52, 0x3e, 0xd7, 0x94, 0x11, 0x5b, 0xe9, 0x19, 0x5f, 0xf9, 0xd6, 0x7c, 0xdf, 0x8d,
      0x04, 0x00, 0x00, 0x00, 0x00
    };
    for (int i = 0; i < bits.length; i++) {
      stream[256 + i] = (byte) bits[i];
    }
    return stream;
  }

  @Test
  void decodesTheAlphabetExample() throws Exception {
    byte[] stream = alphabetExample();

    byte[] out = XpressHuffmanDecoder.decompress(stream, 0, stream.length, 26);

    assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo(ALPHABET);
  }

  @Test
  void decodesTheExampleAtAnOffsetInsideALargerBuffer() throws Exception {
    byte[] stream = alphabetExample();
    byte[] padded = new byte[stream.length + 13];
    System.arraycopy(stream, 0, padded, 7, stream.length);
    byte[] target = new byte[40];

    XpressHuffmanDecoder.decompress(padded, 7, stream.length, target, 5, 26);

    assertThat(new String(target, 5, 26, StandardCharsets.US_ASCII)).isEqualTo(ALPHABET);
    assertThat(target[4]).isZero();
    assertThat(target[31]).isZero();
  }

  @Test
  void theTestEncoderLaysOutTheExampleByteForByte() {
    byte[] expected = alphabetExample();
    int[] lengths = new int[PrefixCode.SYMBOLS];
    for (int i = 0; i < PrefixCode.TABLE_BYTES; i++) {
      lengths[2 * i] = expected[i] & 15;
      lengths[2 * i + 1] = (expected[i] & 0xff) >>> 4;
    }
    XpressTestEncoder.StreamWriter writer = new XpressTestEncoder.StreamWriter();
    writer.startBlock(lengths);
    for (char c : ALPHABET.toCharArray()) {
      writer.symbol(c);
    }
    writer.symbol(XpressHuffmanDecoder.EOF_SYMBOL);
    writer.finishBlock();

    assertThat(writer.toByteArray()).isEqualTo(expected);
  }

  @Test
  void everyOtherDeclaredSizeFails() {
    byte[] stream = alphabetExample();
    for (int size = 0; size <= 80; size++) {
      if (size == 0 || size == 26) {
        continue;
      }
      int declared = size;
      assertThatThrownBy(() -> XpressHuffmanDecoder.decompress(stream, 0, stream.length, declared))
          .as("declared size %d", declared)
          .isInstanceOf(XpressFormatException.class);
    }
  }

  @Test
  void aShorterDeclaredSizeIsReportedAsDataBeyondIt() {
    byte[] stream = alphabetExample();

    assertThatThrownBy(() -> XpressHuffmanDecoder.decompress(stream, 0, stream.length, 10))
        .isInstanceOf(XpressFormatException.class)
        .hasMessageContaining("does not end after the declared 10 bytes");
  }

  @Test
  void aLongerDeclaredSizeIsReportedAsMissingInput() {
    byte[] stream = alphabetExample();

    assertThatThrownBy(() -> XpressHuffmanDecoder.decompress(stream, 0, stream.length, 200))
        .isInstanceOf(XpressFormatException.class)
        .hasMessageContaining("input ends inside a block after");
  }
}
