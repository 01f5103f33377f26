package org.cloudsync.format.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One deliberate defect to build into a {@link SyntheticBackup}, for the tests of readers and
 * intake: a cut, a flipped header bit (so a checksum fails), blocks out of order, a stream longer
 * than the file, or garbage where the TAPE block belongs. Apply with {@link
 * SyntheticBackup#damaged(SyntheticDamage)}.
 */
public final class SyntheticDamage {
  private final String description;
  private final Change change;

  /** Changes a copy of the blocks; returns the file's new length. */
  interface Change {
    long apply(List<EncodedBlock> blocks, long size);
  }

  private SyntheticDamage(String description, Change change) {
    this.description = description;
    this.change = change;
  }

  long apply(List<EncodedBlock> blocks, long size) {
    return change.apply(blocks, size);
  }

  /** What this damage does, lower-case, e.g. {@code truncated at 0x600}. */
  public String describe() {
    return description;
  }

  @Override
  public String toString() {
    return description;
  }

  /** The file ends at {@code offset} (nothing changes when the file is already shorter). */
  public static SyntheticDamage truncatedAt(long offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("a truncation offset must not be negative: " + offset);
    }
    return new SyntheticDamage(
        "truncated at 0x" + Long.toHexString(offset), (blocks, size) -> Math.min(size, offset));
  }

  /**
   * Flips bit {@code bit} of byte {@code byteInHeader} (0 to 51) of the first {@code blockType}
   * block's header, leaving the stored checksum as it was (so it no longer matches, unless the flip
   * is in the checksum itself, which then no longer matches either).
   */
  public static SyntheticDamage flippedBlockHeaderBit(String blockType, int byteInHeader, int bit) {
    checkBit(byteInHeader, MtfBytes.BLOCK_HEADER_SIZE, bit);
    return new SyntheticDamage(
        "bit "
            + bit
            + " of byte "
            + byteInHeader
            + " of the "
            + blockType
            + " block header flipped",
        (blocks, size) -> {
          flip(blocks.get(indexOf(blocks, blockType)), byteInHeader, bit);
          return size;
        });
  }

  /** As {@link #flippedBlockHeaderBit(String, int, int)}, for the block at {@code blockIndex}. */
  public static SyntheticDamage flippedBlockHeaderBit(int blockIndex, int byteInHeader, int bit) {
    checkBit(byteInHeader, MtfBytes.BLOCK_HEADER_SIZE, bit);
    return new SyntheticDamage(
        "bit " + bit + " of byte " + byteInHeader + " of block " + blockIndex + "'s header flipped",
        (blocks, size) -> {
          if (blockIndex < 0 || blockIndex >= blocks.size()) {
            throw new IllegalArgumentException(
                "no block " + blockIndex + " (the backup has " + blocks.size() + ")");
          }
          flip(blocks.get(blockIndex), byteInHeader, bit);
          return size;
        });
  }

  /**
   * Flips bit {@code bit} of byte {@code byteInHeader} (0 to 21) of the header of the first {@code
   * streamId} stream in the first {@code blockType} block, leaving its checksum as it was.
   */
  public static SyntheticDamage flippedStreamHeaderBit(
      String blockType, String streamId, int byteInHeader, int bit) {
    checkBit(byteInHeader, MtfBytes.STREAM_HEADER_SIZE, bit);
    return new SyntheticDamage(
        "bit "
            + bit
            + " of byte "
            + byteInHeader
            + " of the "
            + streamId
            + " stream header in the "
            + blockType
            + " block flipped",
        (blocks, size) -> {
          EncodedBlock b = blocks.get(indexOf(blocks, blockType));
          flip(b, stream(b, streamId).offset() + byteInHeader, bit);
          return size;
        });
  }

  /** The first {@code first} block and the first {@code second} block trade places. */
  public static SyntheticDamage swappedBlocks(String first, String second) {
    return new SyntheticDamage(
        first + " and " + second + " blocks swapped",
        (blocks, size) -> {
          int i = indexOf(blocks, first);
          int j = indexOf(blocks, second);
          EncodedBlock a = blocks.get(i);
          blocks.set(i, blocks.get(j));
          blocks.set(j, a);
          return size;
        });
  }

  /**
   * The first {@code streamId} stream of the first {@code blockType} block declares a length that
   * runs 64 KiB past the end of the file; its header checksum is recomputed, so only the length is
   * wrong.
   */
  public static SyntheticDamage streamLengthBeyondEnd(String blockType, String streamId) {
    return new SyntheticDamage(
        streamId + " stream in the " + blockType + " block declares a length beyond the file's end",
        (blocks, size) -> {
          int i = indexOf(blocks, blockType);
          EncodedBlock b = blocks.get(i);
          EncodedBlock.StreamAt s = stream(b, streamId);
          long blockStart = 0;
          for (int k = 0; k < i; k++) {
            blockStart += blocks.get(k).length();
          }
          long bodyStart = blockStart + s.offset() + MtfBytes.STREAM_HEADER_SIZE;
          long length = size - bodyStart + 64 * 1024;
          byte[] a = b.arrayAt(s.offset());
          int at = b.indexAt(s.offset());
          MtfBytes.putU64(a, at + 8, length);
          MtfBytes.sealStreamHeader(a, at);
          List<EncodedBlock.StreamAt> streams = new ArrayList<>(b.streams());
          streams.set(streams.indexOf(s), new EncodedBlock.StreamAt(s.id(), s.offset(), length));
          blocks.set(i, new EncodedBlock(b.type(), b.head(), b.zeroRun(), b.tail(), streams));
          return size;
        });
  }

  /**
   * The TAPE block's bytes are replaced by pseudo-random bytes from {@code seed} (never starting
   * with {@code TAPE} or {@code MSSQLBAK}): the file no longer looks like a backup.
   */
  public static SyntheticDamage garbageTape(long seed) {
    return new SyntheticDamage(
        "tape block replaced by garbage (seed " + seed + ")",
        (blocks, size) -> {
          EncodedBlock tape = blocks.get(indexOf(blocks, "TAPE"));
          byte[] head = tape.head();
          new Random(seed).nextBytes(head);
          head[0] = (byte) ('a' + (head[0] & 0x0F));
          return size;
        });
  }

  private static void checkBit(int byteInHeader, int headerSize, int bit) {
    if (byteInHeader < 0 || byteInHeader >= headerSize) {
      throw new IllegalArgumentException(
          "a header byte is 0 to " + (headerSize - 1) + ": " + byteInHeader);
    }
    if (bit < 0 || bit > 7) {
      throw new IllegalArgumentException("a bit is 0 to 7: " + bit);
    }
  }

  private static int indexOf(List<EncodedBlock> blocks, String type) {
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i).type().equals(type)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no " + type + " block in this backup");
  }

  private static EncodedBlock.StreamAt stream(EncodedBlock b, String id) {
    return b.streams().stream()
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException("no " + id + " stream in the " + b.type() + " block"));
  }

  private static void flip(EncodedBlock b, long offset, int bit) {
    b.arrayAt(offset)[b.indexAt(offset)] ^= (byte) (1 << bit);
  }
}
