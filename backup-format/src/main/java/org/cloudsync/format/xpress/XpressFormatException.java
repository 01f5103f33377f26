package org.cloudsync.format.xpress;

/**
 * Compressed data that does not decode as [MS-XCA] LZ77+Huffman says. Carries the byte offset
 * within the compressed data (0 = its first byte) where decoding failed and the rule that failed,
 * e.g. {@code match offset 4097 reaches before the start of output (output byte 12)}, so that a
 * caller can name the file, the record and the offset in its own typed error.
 *
 * <p>It is checked on purpose: a caller must decide what a damaged record means (the MTF reader
 * reports {@code COMPRESSED_RECORD_INVALID}).
 */
public final class XpressFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final long inputOffset;
  private final String rule;

  XpressFormatException(long inputOffset, String rule) {
    super("compressed byte " + inputOffset + ": " + rule);
    this.inputOffset = inputOffset;
    this.rule = rule;
  }

  /** The offset within the compressed data where decoding failed (0 = its first byte). */
  public long inputOffset() {
    return inputOffset;
  }

  /** The rule that failed, lower-case, with the facts (no offset prefix). */
  public String rule() {
    return rule;
  }
}
