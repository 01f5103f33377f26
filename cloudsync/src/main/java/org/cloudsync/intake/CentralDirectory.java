package org.cloudsync.intake;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;

/**
 * The one fact {@link java.util.zip.ZipFile} does not tell: which entries a Unix zip tool marked as
 * symbolic links (the file type in the high half of the external attributes). Read straight from
 * the central directory, in its order, which is the order {@code ZipFile.entries()} follows.
 */
final class CentralDirectory {
  private static final int END = 0x06054b50;
  private static final int END64 = 0x06064b50;
  private static final int END64_LOCATOR = 0x07064b50;
  private static final int HEADER = 0x02014b50;
  private static final int UNIX = 3;
  private static final int MAC_OS_X = 19;
  private static final int TYPE_MASK = 0170000;
  private static final int SYMLINK = 0120000;

  private CentralDirectory() {}

  /**
   * @return bit i set when the central directory's record i is a symbolic link, or null when the
   *     directory cannot be read this simply (ZipFile has checked the structure already)
   */
  static BitSet symlinks(Path zip) throws IOException {
    try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
      long size = ch.size();
      int tailLength = (int) Math.min(size, 22 + 0xFFFF);
      long tailStart = size - tailLength;
      ByteBuffer tail = read(ch, tailStart, tailLength);
      int end = -1;
      for (int i = tailLength - 22; i >= 0; i--) {
        if (tail.getInt(i) == END) {
          end = i;
          break;
        }
      }
      if (end < 0) {
        return null;
      }
      long directoryEnd = tailStart + end;
      long entries = tail.getShort(end + 10) & 0xFFFF;
      long directorySize = tail.getInt(end + 12) & 0xFFFF_FFFFL;
      if (entries == 0xFFFF || directorySize == 0xFFFF_FFFFL) {
        if (directoryEnd < 20) {
          return null;
        }
        ByteBuffer locator = read(ch, directoryEnd - 20, 20);
        if (locator.getInt(0) != END64_LOCATOR) {
          return null;
        }
        long end64 = locator.getLong(8);
        if (end64 < 0 || end64 + 56 > size) {
          return null;
        }
        ByteBuffer record = read(ch, end64, 56);
        if (record.getInt(0) != END64) {
          return null;
        }
        entries = record.getLong(32);
        directorySize = record.getLong(40);
        directoryEnd = end64;
      }
      if (directorySize > directoryEnd) {
        return null;
      }
      // Streamed record by record: memory stays constant whatever the number of entries.
      InputStream in =
          new BufferedInputStream(
              Channels.newInputStream(ch.position(directoryEnd - directorySize)), 64 * 1024);
      BitSet links = new BitSet();
      ByteBuffer header = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < entries; i++) {
        if (in.readNBytes(header.array(), 0, 46) != 46 || header.getInt(0) != HEADER) {
          return null;
        }
        int host = header.get(5) & 0xFF;
        int mode = (header.getInt(38) >>> 16) & TYPE_MASK;
        if ((host == UNIX || host == MAC_OS_X) && mode == SYMLINK) {
          links.set(i);
        }
        long variable =
            (header.getShort(28) & 0xFFFF)
                + (header.getShort(30) & 0xFFFF)
                + (header.getShort(32) & 0xFFFF);
        try {
          in.skipNBytes(variable);
        } catch (EOFException e) {
          return null;
        }
      }
      return links;
    }
  }

  private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (ch.read(b, position + b.position()) < 0) {
        break;
      }
    }
    b.flip();
    return b;
  }
}
