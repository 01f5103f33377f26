package org.cloudsync.format.mtf;

import java.nio.charset.StandardCharsets;

/**
 * The four-character tags of MTF blocks, streams and SQL Server configuration records. A tag read
 * from a file is returned as one of these constants when it is known, so that the hot path neither
 * copies it nor hashes it again when it is compared or looked up.
 */
final class Tags {
  private static final String[] KNOWN = {
    "TAPE", "SSET", "VOLB", "DIRB", "FILE", "CFIL", "ESPB", "ESET", "EOTM", "SFMB", "MSCI", "MSDA",
    "MSTL", "MSLS", "SPAD", "APAD", "RAID", "MQCI", "MQDA", "MQTL", "CSUM", "OTCP", "TSMP", "STAN",
    "PNAM", "NACL", "NTED", "NTQU", "NTOI", "NTRP", "SCIN", "SFIN", "SFGI"
  };

  /** Open addressing over the tags' little-endian codes; a quarter full. */
  private static final String[] TABLE = new String[128];

  private static final int[] TABLE_CODES = new int[TABLE.length];

  static {
    for (String tag : KNOWN) {
      tag.hashCode(); // computed once, cached in the constant
      int code = code(tag.getBytes(StandardCharsets.ISO_8859_1), 0);
      int i = slot(code);
      while (TABLE[i] != null) {
        i = (i + 1) & (TABLE.length - 1);
      }
      TABLE[i] = tag;
      TABLE_CODES[i] = code;
    }
  }

  private Tags() {}

  /** The tag in the four bytes at {@code p}: a shared constant when known, else a new string. */
  static String of(byte[] b, int p) {
    int code = code(b, p);
    for (int i = slot(code); TABLE[i] != null; i = (i + 1) & (TABLE.length - 1)) {
      if (TABLE_CODES[i] == code) {
        return TABLE[i];
      }
    }
    return new String(b, p, 4, StandardCharsets.ISO_8859_1);
  }

  private static int slot(int code) {
    return (code * 0x9E3779B1) >>> 25;
  }

  private static int code(byte[] b, int p) {
    return (b[p] & 0xFF)
        | (b[p + 1] & 0xFF) << 8
        | (b[p + 2] & 0xFF) << 16
        | (b[p + 3] & 0xFF) << 24;
  }
}
