package org.cloudsync.format.xpress;

import java.util.ArrayList;
import java.util.List;

/**
 * Test-side walker over a compressed ({@code MSSQLBAK}) backup, written from the corpus sample so
 * that its layout is pinned by tests (the production reader is built elsewhere). From offset 0x1E0
 * the file is a gapless sequence of:
 *
 * <ul>
 *   <li>{@code 0x21} compressed record: 28-byte header (byte 1 = uncompressed size in 512-byte
 *       units, u16 at +2 = payload length), payload right after; the next item follows the payload
 *       at once, unaligned.
 *   <li>{@code 0x24} pad: 24-byte header, u16 at +2 = pad length; it ends on a 512-byte boundary.
 *   <li>{@code 0x2C} index: u16 at +2 = 0; runs to the next 512-byte boundary.
 *   <li>an uncompressed MTF {@code SFMB} block of 512 bytes on a 512-byte boundary.
 * </ul>
 */
final class MssqlbakWalker {
  static final int FIRST_RECORD = 0x1E0;
  static final int RECORD_HEADER = 28;
  static final int PAD_HEADER = 24;
  static final int SECTOR = 512;

  enum Kind {
    COMPRESSED,
    PAD,
    INDEX,
    SFMB
  }

  /** One item: where it starts, what it is, and for compressed records their two sizes. */
  record Entry(long offset, Kind kind, int sizeUnits, int payloadLength, long end) {
    int uncompressedSize() {
      return sizeUnits * SECTOR;
    }

    int payloadOffset() {
      return (int) offset + RECORD_HEADER;
    }
  }

  private MssqlbakWalker() {}

  static List<Entry> walk(byte[] file) {
    List<Entry> entries = new ArrayList<>();
    int pos = FIRST_RECORD;
    while (pos < file.length) {
      if (file.length - pos < 4) {
        throw new IllegalStateException("item at 0x" + Integer.toHexString(pos) + " is cut off");
      }
      int marker = file[pos] & 0xff;
      int u16 = (file[pos + 2] & 0xff) | (file[pos + 3] & 0xff) << 8;
      Entry entry;
      if (isSfmb(file, pos)) {
        entry = new Entry(pos, Kind.SFMB, 0, 0, pos + SECTOR);
      } else if (marker == 0x21) {
        entry =
            new Entry(pos, Kind.COMPRESSED, file[pos + 1] & 0xff, u16, pos + RECORD_HEADER + u16);
      } else if (marker == 0x24) {
        entry = new Entry(pos, Kind.PAD, 0, u16, pos + PAD_HEADER + u16);
      } else if (marker == 0x2c) {
        entry = new Entry(pos, Kind.INDEX, 0, 0, nextSector(pos));
      } else {
        throw new IllegalStateException(
            "unknown item 0x" + Integer.toHexString(marker) + " at 0x" + Integer.toHexString(pos));
      }
      if (entry.end() > file.length) {
        throw new IllegalStateException("item at 0x" + Integer.toHexString(pos) + " is cut off");
      }
      entries.add(entry);
      pos = (int) entry.end();
    }
    return entries;
  }

  static int nextSector(int pos) {
    return (pos + SECTOR) & ~(SECTOR - 1);
  }

  private static boolean isSfmb(byte[] file, int pos) {
    return pos % SECTOR == 0
        && file[pos] == 'S'
        && file[pos + 1] == 'F'
        && file[pos + 2] == 'M'
        && file[pos + 3] == 'B';
  }
}
