package org.cloudsync.format.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the MTF block headers and stream headers of an uncompressed backup are, found by a walk
 * written independently of the reader (for tests that damage exactly those bytes).
 */
public record MtfLayout(List<Long> blockHeaders, List<Long> streamHeaders) {

  public static MtfLayout of(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    List<Long> blocks = new ArrayList<>();
    List<Long> streams = new ArrayList<>();
    int at = 0;
    while (at + 52 <= file.length) {
      blocks.add((long) at);
      String type = new String(file, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
      if (type.equals("SFMB")) {
        at += 512;
        continue;
      }
      int s = at + (b.getShort(at + 8) & 0xFFFF);
      while (true) {
        streams.add((long) s);
        String id = new String(file, s, 4, java.nio.charset.StandardCharsets.US_ASCII);
        long length = b.getLong(s + 8);
        s = (int) ((s + 22 + length + 3) & ~3L);
        if (id.equals("SPAD")) {
          break;
        }
      }
      at = s;
    }
    return new MtfLayout(List.copyOf(blocks), List.copyOf(streams));
  }
}
