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
  private static final int[] CODES = new int[KNOWN.length];

  static {
    for (int i = 0; i < KNOWN.length; i++) {
      KNOWN[i].hashCode(); // computed once, cached in the constant
      CODES[i] = code(KNOWN[i].getBytes(StandardCharsets.ISO_8859_1), 0);
    }
  }

  private Tags() {}

  /** The tag in the four bytes at {@code p}: a shared constant when known, else a new string. */
  static String of(byte[] b, int p) {
    int code = code(b, p);
    for (int i = 0; i < CODES.length; i++) {
      if (CODES[i] == code) {
        return KNOWN[i];
      }
    }
    return new String(b, p, 4, StandardCharsets.ISO_8859_1);
  }

  private static int code(byte[] b, int p) {
    return (b[p] & 0xFF)
        | (b[p + 1] & 0xFF) << 8
        | (b[p + 2] & 0xFF) << 16
        | (b[p + 3] & 0xFF) << 24;
  }
}
